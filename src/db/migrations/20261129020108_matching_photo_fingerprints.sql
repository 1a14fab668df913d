CREATE TABLE "photo_fingerprints" (
	"sha256" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"source_width" integer,
	"source_height" integer,
	"keypoints" integer,
	"words" "bytea",
	"features" "bytea",
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "photo_fingerprints_sha256_format" CHECK ("photo_fingerprints"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "photo_fingerprints_status" CHECK ("photo_fingerprints"."status" = ANY (ARRAY['pending', 'done', 'failed']::text[]))
);
--> statement-breakpoint
CREATE INDEX "photo_fingerprints_pending_idx" ON "photo_fingerprints" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "photo_fingerprints_updated_idx" ON "photo_fingerprints" USING btree ("updated_at");