CREATE TABLE "notification_reads" (
	"notification_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_agency_id_agencies_id_fk" FOREIGN KEY ("recipient_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Existing notifications take the owning agency of the record they are about, so partner agencies see them by the one scoping rule.
UPDATE "notifications" n SET "recipient_agency_id" = c."agency_id" FROM "cases" c WHERE n."entity_type" = 'case' AND c."id"::text = n."entity_id";--> statement-breakpoint
UPDATE "notifications" n SET "recipient_agency_id" = o."agency_id" FROM "relic_objects" o WHERE n."entity_type" = 'relic_object' AND o."id"::text = n."entity_id";--> statement-breakpoint
-- "Read" was one mark for everyone in scope; it stays read for the person who read it.
INSERT INTO "notification_reads" ("notification_id", "user_id", "read_at")
  SELECT n."id", u."id", n."read_at" FROM "notifications" n JOIN "users" u ON u."id"::text = n."read_by" WHERE n."read_at" IS NOT NULL
  ON CONFLICT DO NOTHING;
