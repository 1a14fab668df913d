CREATE TABLE "relic_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"lang" text NOT NULL,
	"requester" text,
	"description" text NOT NULL,
	"query" jsonb NOT NULL,
	"matches" jsonb NOT NULL,
	"registry_size" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relic_certificates_code_unique" UNIQUE("code"),
	CONSTRAINT "relic_certificates_lang_valid" CHECK ("relic_certificates"."lang" in ('zh', 'en'))
);
--> statement-breakpoint
CREATE TABLE "relic_object_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"object_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"actor_username" text
);
--> statement-breakpoint
CREATE TABLE "relic_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"object_ref" text NOT NULL,
	"publication_no" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"object_type" text,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"techniques" text,
	"measurements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"title_zh" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"subject_zh" text DEFAULT '' NOT NULL,
	"subject_en" text DEFAULT '' NOT NULL,
	"inscriptions_zh" text DEFAULT '' NOT NULL,
	"inscriptions_en" text DEFAULT '' NOT NULL,
	"distinguishing_features_zh" text DEFAULT '' NOT NULL,
	"distinguishing_features_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"period_code" text,
	"reign" text,
	"year_from" integer,
	"year_to" integer,
	"date_text" text,
	"maker" text,
	"inventory_no" text,
	"owner" text,
	"origin" text,
	"theft_date" timestamp with time zone,
	"jurisdiction_code" text NOT NULL,
	"theft_place_detail" text,
	"circumstances" text,
	"investigating_unit" text,
	"case_id" uuid,
	"agency_id" uuid NOT NULL,
	"is_test_data" boolean DEFAULT false NOT NULL,
	"source" text,
	"search_terms" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"recovered_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"recovery_property_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relic_objects_object_ref_unique" UNIQUE("object_ref"),
	CONSTRAINT "relic_objects_publication_no_unique" UNIQUE("publication_no"),
	CONSTRAINT "relic_objects_status_valid" CHECK ("relic_objects"."status" = ANY (ARRAY['draft', 'under_review', 'published', 'recovered', 'returned', 'withdrawn']::text[])),
	CONSTRAINT "relic_objects_years_ordered" CHECK ("relic_objects"."year_from" is null or "relic_objects"."year_to" is null or "relic_objects"."year_from" <= "relic_objects"."year_to")
);
--> statement-breakpoint
CREATE TABLE "relic_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"object_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"view" text DEFAULT 'front' NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"format" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relic_photos_seq_unique" UNIQUE("seq"),
	CONSTRAINT "relic_photos_view_valid" CHECK ("relic_photos"."view" = ANY (ARRAY['front', 'back', 'top', 'bottom', 'side', 'detail', 'inscription', 'other']::text[]))
);
--> statement-breakpoint
CREATE TABLE "relic_tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"object_id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"message" text NOT NULL,
	"contact" text,
	"photo_sha256" text,
	"status" text DEFAULT 'new' NOT NULL,
	"lead_case_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relic_tips_status_valid" CHECK ("relic_tips"."status" = ANY (ARRAY['new', 'dismissed', 'lead']::text[]))
);
--> statement-breakpoint
ALTER TABLE "relic_object_events" ADD CONSTRAINT "relic_object_events_object_id_relic_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."relic_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_object_events" ADD CONSTRAINT "relic_object_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_objects" ADD CONSTRAINT "relic_objects_recovery_property_id_property_items_id_fk" FOREIGN KEY ("recovery_property_id") REFERENCES "public"."property_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_photos" ADD CONSTRAINT "relic_photos_object_id_relic_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."relic_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_photos" ADD CONSTRAINT "relic_photos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_tips" ADD CONSTRAINT "relic_tips_object_id_relic_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."relic_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_tips" ADD CONSTRAINT "relic_tips_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_tips" ADD CONSTRAINT "relic_tips_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_tips" ADD CONSTRAINT "relic_tips_lead_case_id_cases_id_fk" FOREIGN KEY ("lead_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relic_tips" ADD CONSTRAINT "relic_tips_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relic_object_events_object_idx" ON "relic_object_events" USING btree ("object_id","at");--> statement-breakpoint
CREATE INDEX "relic_objects_jurisdiction_idx" ON "relic_objects" USING btree ("jurisdiction_code","created_at");--> statement-breakpoint
CREATE INDEX "relic_objects_status_idx" ON "relic_objects" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "relic_objects_case_idx" ON "relic_objects" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "relic_objects_search_idx" ON "relic_objects" USING gin ("search_terms");--> statement-breakpoint
CREATE UNIQUE INDEX "relic_photos_object_sha_idx" ON "relic_photos" USING btree ("object_id","sha256");--> statement-breakpoint
CREATE INDEX "relic_photos_sha_idx" ON "relic_photos" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "relic_tips_queue_idx" ON "relic_tips" USING btree ("jurisdiction_code","status","created_at");