CREATE TABLE "screening_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"listings" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screening_listings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"source" text NOT NULL,
	"reference" text NOT NULL,
	"image_key" text NOT NULL,
	"image_path" text NOT NULL,
	"title" text,
	"description" text,
	"price" text,
	"listed_on" text,
	"seller" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"best_sha256" text,
	"best_score" real,
	"best_verdict" text,
	"candidates" jsonb,
	"review_status" text DEFAULT 'none' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"screened_at" timestamp with time zone,
	CONSTRAINT "screening_listings_status" CHECK ("screening_listings"."status" = ANY (ARRAY['pending', 'screened', 'error']::text[])),
	CONSTRAINT "screening_listings_review_status" CHECK ("screening_listings"."review_status" = ANY (ARRAY['none', 'queued', 'confirmed', 'rejected']::text[]))
);
--> statement-breakpoint
ALTER TABLE "screening_listings" ADD CONSTRAINT "screening_listings_batch_id_screening_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."screening_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "screening_batches_file_idx" ON "screening_batches" USING btree ("file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_listings_identity_idx" ON "screening_listings" USING btree ("source","reference","image_key");--> statement-breakpoint
CREATE INDEX "screening_listings_batch_idx" ON "screening_listings" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "screening_listings_review_idx" ON "screening_listings" USING btree ("review_status") WHERE review_status = 'queued';