-- A bulk import of cases (see the cases importer's bulk.ts: the import is at least half the table,
-- which is locked for it, and its indexes are rebuilt at the end) goes one step further than
-- deferring its rollups: after `select stats_defer_case_facts()` (transaction-local; only while
-- rollups are deferred) the cases rollup trigger skips the rows this transaction inserts, and
-- stats_apply_deferred collects their facts once from the rows themselves — every case whose xmin is
-- this transaction, through the same stats_case_facts — before folding everything into the rollups.
-- Per 20,000-row batch the trigger built an array of ~30,000 deltas, unnested and summed them into
-- the temporary table: about a third of the server's time per batch (perf, COPY of a batch). The
-- one scan at the end is cheap because the import is most of the table: that is why only bulk mode
-- uses it. It counts on what an import does: inserts cases, updates and deletes none of them, and
-- uses no savepoint (rows inserted under one carry the subtransaction's xid).

CREATE OR REPLACE FUNCTION stats_cases_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- (collected by stats_apply_deferred from the rows at the end; see stats_defer_case_facts)
    IF current_setting('lianfang.case_facts_deferred', true) = 'on' THEN
      RETURN NULL;
    END IF;
    PERFORM stats_apply(array(
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(array(
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f));
  ELSE
    PERFORM stats_apply(array(
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f
      union all
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f
      union all
      -- A case moved to another jurisdiction or category takes its parties', fugitives' and property's facts along.
      select row(cf.metric, cf.at, x.jurisdiction_code, x.category_code, cf.dim, x.sign, cf.value)::stats_delta
        from (
          select o.id, o.jurisdiction_code, o.category_code, -1 as sign from old_rows o join new_rows n on n.id = o.id
           where (o.jurisdiction_code, o.category_code) is distinct from (n.jurisdiction_code, n.category_code)
          union all
          select n.id, n.jurisdiction_code, n.category_code, 1 from old_rows o join new_rows n on n.id = o.id
           where (o.jurisdiction_code, o.category_code) is distinct from (n.jurisdiction_code, n.category_code)
        ) x join stats_case_child_facts cf on cf.case_id = x.id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_apply_deferred() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lianfang.case_facts_deferred', true) = 'on' THEN
    PERFORM set_config('lianfang.case_facts_deferred', 'off', true);
    -- The facts of the cases this transaction inserted, as the trigger would have summed them.
    insert into pg_temp.stats_deferred_deltas (metric, day, jurisdiction_code, category_code, dim, n, total)
    select f.metric, stats_day(f.at), c.jurisdiction_code, c.category_code, f.dim, count(*), sum(f.value)
      from cases c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f
     where c.xmin = pg_current_xact_id()::xid
     group by 1, 2, 3, 4, 5;
  END IF;
  PERFORM set_config('lianfang.rollup_deferred', 'off', true);
  IF to_regclass('pg_temp.stats_deferred_deltas') IS NULL THEN
    RETURN;
  END IF;
  insert into stats_daily as s (metric, day, jurisdiction_code, category_code, dim, n, total)
  select d.metric, d.day, d.jurisdiction_code, d.category_code, d.dim, sum(d.n)::bigint, sum(d.total)
    from pg_temp.stats_deferred_deltas d
   group by 1, 2, 3, 4, 5
  having sum(d.n) <> 0 or sum(d.total) <> 0
  on conflict (metric, day, jurisdiction_code, category_code, dim)
  do update set n = s.n + excluded.n, total = s.total + excluded.total;
  -- Months first, then ancestors: the closure join multiplies far fewer rows.
  insert into stats_monthly as s (metric, month, jurisdiction_code, category_code, dim, n, total)
  select m.metric, m.month, a.ancestor_code, m.category_code, m.dim, sum(m.n)::bigint, sum(m.total)
    from (select d.metric, date_trunc('month', d.day)::date as month, d.jurisdiction_code, d.category_code, d.dim, sum(d.n) as n, sum(d.total) as total
            from pg_temp.stats_deferred_deltas d group by 1, 2, 3, 4, 5) m
    join jurisdiction_ancestors a on a.descendant_code = m.jurisdiction_code
   group by 1, 2, 3, 4, 5
  having sum(m.n) <> 0 or sum(m.total) <> 0
  on conflict (metric, jurisdiction_code, month, category_code, dim)
  do update set n = s.n + excluded.n, total = s.total + excluded.total;
  truncate pg_temp.stats_deferred_deltas;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_defer_case_facts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lianfang.rollup_deferred', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'stats_defer_case_facts() needs deferred rollups (select stats_defer_rollup() first)';
  END IF;
  PERFORM set_config('lianfang.case_facts_deferred', 'on', true);
END;
$$;
