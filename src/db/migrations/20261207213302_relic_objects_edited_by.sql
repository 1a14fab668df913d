-- Four-eyes over edits: whoever changed an object's content since it was last published may not
-- approve it. Objects not yet (re)published take their editors from the history written so far:
-- every 'edited', 'photo_added' and 'photo_removed' event after the object's last approval.
ALTER TABLE "relic_objects" ADD COLUMN "edited_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
UPDATE "relic_objects" o SET "edited_by" = e.editors
FROM (
  SELECT ev.object_id, array_agg(DISTINCT ev.actor_user_id) AS editors
  FROM "relic_object_events" ev
  WHERE ev.kind IN ('edited', 'photo_added', 'photo_removed') AND ev.actor_user_id IS NOT NULL
    AND ev.id > coalesce((SELECT max(a.id) FROM "relic_object_events" a WHERE a.object_id = ev.object_id AND a.kind = 'approve'), 0)
  GROUP BY ev.object_id
) e
WHERE o.id = e.object_id AND o.status IN ('draft', 'under_review', 'withdrawn');
