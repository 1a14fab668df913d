ALTER TABLE "notifications" DROP COLUMN "read_by";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "read_at";