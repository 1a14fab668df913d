CREATE TABLE "stats_monthly" (
	"metric" text NOT NULL,
	"month" date NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"category_code" text NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"total" numeric(24, 3) DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_monthly_metric_jurisdiction_code_month_category_code_dim_pk" PRIMARY KEY("metric","jurisdiction_code","month","category_code","dim")
);
