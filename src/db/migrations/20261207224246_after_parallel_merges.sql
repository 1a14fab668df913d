-- No change to the database: two branches added migrations side by side (relic_objects.edited_by and
-- relic_certificate_pdfs beside the notifications migrations), each with a snapshot that lacked the other's tables.
-- This migration only carries a snapshot of the whole schema, so drizzle-kit's next diff starts from the truth.
SELECT 1;
