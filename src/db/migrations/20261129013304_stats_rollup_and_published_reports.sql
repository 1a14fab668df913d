CREATE TABLE "stats_daily" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"category_code" text NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"total" numeric(24, 3) DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_daily_metric_day_jurisdiction_code_category_code_dim_pk" PRIMARY KEY("metric","day","jurisdiction_code","category_code","dim")
);
--> statement-breakpoint
CREATE TABLE "published_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"figures" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_daily_jurisdiction_idx" ON "stats_daily" USING btree ("metric","jurisdiction_code","day");--> statement-breakpoint
CREATE INDEX "published_reports_published_idx" ON "published_reports" USING btree ("published_at");