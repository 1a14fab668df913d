CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_categories_code_format" CHECK ("case_categories"."code" ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$')
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_identifiers" (
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "case_identifiers_case_id_kind_value_pk" PRIMARY KEY("case_id","kind","value"),
	CONSTRAINT "case_identifiers_kind_valid" CHECK ("case_identifiers"."kind" = ANY (ARRAY['phone', 'bank_account', 'id_number', 'plate', 'object']::text[]))
);
--> statement-breakpoint
CREATE TABLE "case_links" (
	"case_a" uuid NOT NULL,
	"case_b" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_links_case_a_case_b_pk" PRIMARY KEY("case_a","case_b"),
	CONSTRAINT "case_links_ordered" CHECK ("case_links"."case_a" < "case_links"."case_b")
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'none' NOT NULL,
	"arrested_at" timestamp with time zone,
	"detained_at" timestamp with time zone,
	"prosecuted_at" timestamp with time zone,
	CONSTRAINT "case_parties_case_id_person_id_role_pk" PRIMARY KEY("case_id","person_id","role"),
	CONSTRAINT "case_parties_role_valid" CHECK ("case_parties"."role" = ANY (ARRAY['suspect', 'victim', 'witness']::text[])),
	CONSTRAINT "case_parties_status_valid" CHECK ("case_parties"."status" = ANY (ARRAY['none', 'at_large', 'arrested', 'detained', 'prosecuted', 'released']::text[]))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" text NOT NULL,
	"category_code" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"occurred_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone,
	"solved_at" timestamp with time zone,
	"prosecuted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"dismissal_reason" text,
	"supervision" text DEFAULT 'none' NOT NULL,
	"supervision_reason" text,
	"supervision_set_by" uuid,
	"supervision_set_at" timestamp with time zone,
	"loss_amount" numeric(18, 2),
	"campaign_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_terms" "tsvector",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_case_no_unique" UNIQUE("case_no"),
	CONSTRAINT "cases_status_valid" CHECK ("cases"."status" = ANY (ARRAY['reported', 'filed', 'solved', 'prosecuted', 'closed', 'dismissed']::text[])),
	CONSTRAINT "cases_supervision_valid" CHECK ("cases"."supervision" = ANY (ARRAY['none', 'province', 'ministry']::text[])),
	CONSTRAINT "cases_loss_nonnegative" CHECK ("cases"."loss_amount" is null or "cases"."loss_amount" >= 0),
	CONSTRAINT "cases_dates_ordered" CHECK (("cases"."filed_at" is null or "cases"."filed_at" >= "cases"."reported_at")
    and ("cases"."solved_at" is null or ("cases"."filed_at" is not null and "cases"."solved_at" >= "cases"."filed_at"))
    and ("cases"."prosecuted_at" is null or ("cases"."solved_at" is not null and "cases"."prosecuted_at" >= "cases"."solved_at"))
    and ("cases"."closed_at" is null or "cases"."closed_at" >= "cases"."reported_at"))
);
--> statement-breakpoint
CREATE TABLE "fugitives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"wanted_since" timestamp with time zone NOT NULL,
	"captured_at" timestamp with time zone,
	"capturing_agency_id" uuid,
	CONSTRAINT "fugitives_dates_ordered" CHECK ("fugitives"."captured_at" is null or "fugitives"."captured_at" >= "fugitives"."wanted_since")
);
--> statement-breakpoint
CREATE TABLE "gang_cases" (
	"gang_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	CONSTRAINT "gang_cases_gang_id_case_id_pk" PRIMARY KEY("gang_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "gang_members" (
	"gang_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL,
	CONSTRAINT "gang_members_gang_id_person_id_pk" PRIMARY KEY("gang_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "gangs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gang_ref" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"agency_id" uuid,
	"dismantled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gangs_gang_ref_unique" UNIQUE("gang_ref"),
	CONSTRAINT "gangs_kind_valid" CHECK ("gangs"."kind" = ANY (ARRAY['criminal_organisation', 'evil_force_group', 'evil_force_gang', 'other']::text[]))
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_ref" text,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"jurisdiction_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_person_ref_unique" UNIQUE("person_ref")
);
--> statement-breakpoint
CREATE TABLE "property_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"unit" text NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"description" text,
	"object_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_items_quantity_positive" CHECK ("property_items"."quantity" > 0),
	CONSTRAINT "property_items_kind_valid" CHECK ("property_items"."kind" = ANY (ARRAY['cultural_relic', 'cash', 'funds', 'drugs', 'catch', 'vessel', 'bank_card', 'sim_card', 'firearm', 'vehicle', 'other']::text[])),
	CONSTRAINT "property_items_unit_valid" CHECK ("property_items"."unit" = ANY (ARRAY['piece', 'kg', 'g', 'yuan', 'vessel', 'card', 'vehicle', 'set', 'item']::text[])),
	CONSTRAINT "property_items_action_valid" CHECK ("property_items"."action" = ANY (ARRAY['seized', 'recovered', 'stopped', 'frozen', 'returned']::text[]))
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identifiers" ADD CONSTRAINT "case_identifiers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_a_cases_id_fk" FOREIGN KEY ("case_a") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_b_cases_id_fk" FOREIGN KEY ("case_b") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_case_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_supervision_set_by_users_id_fk" FOREIGN KEY ("supervision_set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fugitives" ADD CONSTRAINT "fugitives_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fugitives" ADD CONSTRAINT "fugitives_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fugitives" ADD CONSTRAINT "fugitives_capturing_agency_id_agencies_id_fk" FOREIGN KEY ("capturing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gang_cases" ADD CONSTRAINT "gang_cases_gang_id_gangs_id_fk" FOREIGN KEY ("gang_id") REFERENCES "public"."gangs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gang_cases" ADD CONSTRAINT "gang_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gang_members" ADD CONSTRAINT "gang_members_gang_id_gangs_id_fk" FOREIGN KEY ("gang_id") REFERENCES "public"."gangs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gang_members" ADD CONSTRAINT "gang_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gangs" ADD CONSTRAINT "gangs_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gangs" ADD CONSTRAINT "gangs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_items" ADD CONSTRAINT "property_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_categories_parent_idx" ON "case_categories" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_identifiers_value_idx" ON "case_identifiers" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "case_links_b_idx" ON "case_links" USING btree ("case_b");--> statement-breakpoint
CREATE INDEX "case_parties_person_idx" ON "case_parties" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_parties_arrested_idx" ON "case_parties" USING btree ("arrested_at");--> statement-breakpoint
CREATE INDEX "cases_jurisdiction_idx" ON "cases" USING btree ("jurisdiction_code","reported_at");--> statement-breakpoint
CREATE INDEX "cases_category_idx" ON "cases" USING btree ("category_code","reported_at");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","reported_at");--> statement-breakpoint
CREATE INDEX "cases_filed_idx" ON "cases" USING btree ("filed_at");--> statement-breakpoint
CREATE INDEX "cases_solved_idx" ON "cases" USING btree ("solved_at");--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "cases_supervised_idx" ON "cases" USING btree ("supervision") WHERE "cases"."supervision" <> 'none';--> statement-breakpoint
CREATE INDEX "cases_campaigns_idx" ON "cases" USING gin ("campaign_codes");--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search_terms");--> statement-breakpoint
CREATE UNIQUE INDEX "fugitives_person_case_idx" ON "fugitives" USING btree ("person_id","case_id");--> statement-breakpoint
CREATE INDEX "fugitives_wanted_idx" ON "fugitives" USING btree ("wanted_since");--> statement-breakpoint
CREATE INDEX "fugitives_captured_idx" ON "fugitives" USING btree ("captured_at");--> statement-breakpoint
CREATE INDEX "gang_cases_case_idx" ON "gang_cases" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "gang_members_person_idx" ON "gang_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "gangs_jurisdiction_idx" ON "gangs" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "gangs_dismantled_idx" ON "gangs" USING btree ("dismantled_at");--> statement-breakpoint
CREATE INDEX "persons_id_number_idx" ON "persons" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "persons_phone_idx" ON "persons" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "property_items_case_idx" ON "property_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "property_items_kind_idx" ON "property_items" USING btree ("kind","action","at");--> statement-breakpoint
CREATE INDEX "property_items_object_idx" ON "property_items" USING btree ("object_ref");