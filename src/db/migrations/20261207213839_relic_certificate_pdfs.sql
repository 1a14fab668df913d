CREATE TABLE "relic_certificate_pdfs" (
	"certificate_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relic_certificate_pdfs_certificate_id_lang_pk" PRIMARY KEY("certificate_id","lang"),
	CONSTRAINT "relic_certificate_pdfs_lang_valid" CHECK ("relic_certificate_pdfs"."lang" in ('zh', 'en'))
);
--> statement-breakpoint
ALTER TABLE "relic_certificate_pdfs" ADD CONSTRAINT "relic_certificate_pdfs_certificate_id_relic_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."relic_certificates"("id") ON DELETE cascade ON UPDATE no action;