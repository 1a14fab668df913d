CREATE TABLE "relic_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relic_tips" ADD COLUMN "sender_hash" text;--> statement-breakpoint
CREATE INDEX "relic_search_words_trgm_idx" ON "relic_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "relic_tips_sender_idx" ON "relic_tips" USING btree ("sender_hash","created_at");--> statement-breakpoint
-- Hand-written: keep relic_search_words in step with relic_objects.search_text (one statement-level
-- trigger per event, so a bulk import adds its words in one pass), and fill it from existing objects.
CREATE FUNCTION relic_search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO relic_search_words (word)
    SELECT DISTINCT w FROM new_rows, regexp_split_to_table(new_rows.search_text, '[[:space:][:punct:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 40 AND w ~ '[a-z]'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER relic_search_words_on_insert AFTER INSERT ON relic_objects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relic_search_words_add();
--> statement-breakpoint
CREATE TRIGGER relic_search_words_on_update AFTER UPDATE ON relic_objects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relic_search_words_add();
--> statement-breakpoint
INSERT INTO relic_search_words (word)
  SELECT DISTINCT w FROM relic_objects, regexp_split_to_table(relic_objects.search_text, '[[:space:][:punct:]]+') AS w
  WHERE length(w) BETWEEN 3 AND 40 AND w ~ '[a-z]'
ON CONFLICT DO NOTHING;
