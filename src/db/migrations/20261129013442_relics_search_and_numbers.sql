-- Typo-tolerant search over the Latin-script text of registry objects (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "relic_objects_search_text_trgm_idx" ON "relic_objects" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS relic_publication_seq;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS relic_object_ref_seq;
