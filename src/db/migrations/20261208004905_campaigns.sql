CREATE TABLE "campaign_agencies" (
	"campaign_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "campaign_agencies_campaign_id_agency_id_pk" PRIMARY KEY("campaign_id","agency_id"),
	CONSTRAINT "campaign_agencies_role_valid" CHECK ("campaign_agencies"."role" = ANY (ARRAY['lead', 'partner']::text[]))
);
--> statement-breakpoint
CREATE TABLE "campaign_extensions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"decided_on" date NOT NULL,
	"previous_ends_on" date NOT NULL,
	"new_ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_extensions_lengthen" CHECK ("campaign_extensions"."new_ends_on" > "campaign_extensions"."previous_ends_on")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"jurisdiction_codes" text[] NOT NULL,
	"category_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_code_unique" UNIQUE("code"),
	CONSTRAINT "campaigns_kind_valid" CHECK ("campaigns"."kind" = ANY (ARRAY['crackdown', 'prevention', 'governance', 'service']::text[])),
	CONSTRAINT "campaigns_period_ordered" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on"),
	CONSTRAINT "campaigns_has_scope" CHECK (cardinality("campaigns"."jurisdiction_codes") > 0)
);
--> statement-breakpoint
ALTER TABLE "campaign_agencies" ADD CONSTRAINT "campaign_agencies_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_agencies" ADD CONSTRAINT "campaign_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_extensions" ADD CONSTRAINT "campaign_extensions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_extensions" ADD CONSTRAINT "campaign_extensions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_agencies_agency_idx" ON "campaign_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "campaign_extensions_campaign_idx" ON "campaign_extensions" USING btree ("campaign_id","new_ends_on");--> statement-breakpoint
CREATE INDEX "campaigns_jurisdictions_idx" ON "campaigns" USING gin ("jurisdiction_codes");--> statement-breakpoint
-- Every campaign code cases already carry becomes a campaign, so the codes are references from now on: named by its
-- code until someone names it, national in scope, its period spanning the cases that carry it (Beijing dates).
INSERT INTO "campaigns" ("code", "name_zh", "name_en", "kind", "starts_on", "ends_on", "jurisdiction_codes")
SELECT u.code, u.code, u.code, 'crackdown',
       min((c.reported_at AT TIME ZONE 'Asia/Shanghai')::date), max((c.reported_at AT TIME ZONE 'Asia/Shanghai')::date), ARRAY['100000']
FROM "cases" c CROSS JOIN LATERAL unnest(c."campaign_codes") AS u(code)
GROUP BY u.code
ON CONFLICT ("code") DO NOTHING;
