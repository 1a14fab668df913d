-- Cases are indexed under fewer search terms (src/modules/cases/search-terms.ts, caseSearchTerms):
-- a single CJK character is left out when it begins one of the text's character pairs (a query for
-- it is answered by the prefix query 字:*), and the vector is stored without positions. Existing
-- vectors held every character and pair with positions: they are rebuilt here from the terms they
-- hold (the same set caseSearchTerms gives for the same title and summary), with the search index
-- dropped for the rewrite and built again once.
DROP INDEX IF EXISTS "cases_search_idx";--> statement-breakpoint
UPDATE "cases" AS c SET "search_terms" = (
  SELECT coalesce(array_to_tsvector(array_agg(u.lexeme)), ''::tsvector)
  FROM unnest(c."search_terms") AS u
  WHERE NOT (u.lexeme ~ '^[\u3400-\u9fff\uf900-\ufaff]$'
    AND EXISTS (SELECT 1 FROM unnest(c."search_terms") AS p
                WHERE p.lexeme ~ '^[\u3400-\u9fff\uf900-\ufaff]{2}$' AND left(p.lexeme, 1) = u.lexeme))
) WHERE c."search_terms" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_search_idx" ON "cases" USING gin ("search_terms");
