-- A large write (the cases, parties and property imports) may defer the rollup work of its own
-- transaction and apply it once, set-based, at the end: `select stats_defer_rollup()` sets the
-- transaction-local setting lianfang.rollup_deferred = on, and from then on stats_apply (which every
-- rollup trigger calls) only adds the statement's facts, summed per day × jurisdiction × category ×
-- metric × dim, to a temporary table of this session; `select stats_apply_deferred()` folds them into
-- stats_daily and stats_monthly in two statements and stops deferring. Sums are order-free, so the
-- rollups end exactly as the per-statement triggers would have left them.
--
-- Why a session-local setting and not ALTER TABLE … DISABLE TRIGGER: the setting is transactional
-- (set_config(…, true) ends with the transaction, rolled back or committed) and seen only by this
-- session, so every other writer's triggers keep applying their own facts at once; DISABLE TRIGGER
-- takes a SHARE ROW EXCLUSIVE lock on the table and would switch the triggers off for everyone.
-- If a deferring transaction commits without calling stats_apply_deferred, a deferred constraint
-- trigger applies what is left at commit, so the facts are never lost.

CREATE OR REPLACE FUNCTION stats_apply(deltas stats_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lianfang.rollup_deferred', true) = 'on' THEN
    insert into pg_temp.stats_deferred_deltas (metric, day, jurisdiction_code, category_code, dim, n, total)
    select d.metric, stats_day(d.at), d.jurisdiction_code, d.category_code, d.dim, sum(d.sign)::bigint, sum(d.sign * d.value)
      from unnest(deltas) d
     group by 1, 2, 3, 4, 5;
    RETURN;
  END IF;
  insert into stats_daily as s (metric, day, jurisdiction_code, category_code, dim, n, total)
  select d.metric, stats_day(d.at), d.jurisdiction_code, d.category_code, d.dim, sum(d.sign)::bigint, sum(d.sign * d.value)
    from unnest(deltas) d
   group by 1, 2, 3, 4, 5
  having sum(d.sign) <> 0 or sum(d.sign * d.value) <> 0
  on conflict (metric, day, jurisdiction_code, category_code, dim)
  do update set n = s.n + excluded.n, total = s.total + excluded.total;
  insert into stats_monthly as s (metric, month, jurisdiction_code, category_code, dim, n, total)
  select d.metric, date_trunc('month', stats_day(d.at))::date, a.ancestor_code, d.category_code, d.dim, sum(d.sign)::bigint, sum(d.sign * d.value)
    from unnest(deltas) d join jurisdiction_ancestors a on a.descendant_code = d.jurisdiction_code
   group by 1, 2, 3, 4, 5
  having sum(d.sign) <> 0 or sum(d.sign * d.value) <> 0
  on conflict (metric, jurisdiction_code, month, category_code, dim)
  do update set n = s.n + excluded.n, total = s.total + excluded.total;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_apply_deferred() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
CREATE FUNCTION stats_deferral_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_apply_deferred();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_defer_rollup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.stats_deferred_deltas') IS NULL THEN
    -- Dropped at commit (after the deferred trigger below has run); a rollback takes them back anyway.
    create temporary table stats_deferred_deltas (
      metric text not null, day date not null, jurisdiction_code text not null, category_code text not null,
      dim text not null, n bigint not null, total numeric not null) on commit drop;
    create temporary table stats_deferral (opened boolean) on commit drop;
    create constraint trigger stats_deferral_commit after insert on stats_deferral
      deferrable initially deferred for each row execute function stats_deferral_commit();
    insert into stats_deferral values (true);
  END IF;
  PERFORM set_config('lianfang.rollup_deferred', 'on', true);
END;
$$;
