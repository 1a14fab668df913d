-- The rollup triggers now also keep stats_monthly: each fact counted in its month under its
-- jurisdiction and every ancestor of it (closure table), in the same statement as the daily rollup.
CREATE OR REPLACE FUNCTION stats_apply(deltas stats_delta[]) RETURNS void LANGUAGE sql AS $$
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
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_rebuild_rollup() RETURNS void LANGUAGE sql AS $$
  delete from stats_daily;
  insert into stats_daily (metric, day, jurisdiction_code, category_code, dim, n, total)
  select metric, stats_day(at), jurisdiction_code, category_code, dim, count(*), sum(value)
    from stats_facts group by 1, 2, 3, 4, 5;
  delete from stats_monthly;
  insert into stats_monthly (metric, month, jurisdiction_code, category_code, dim, n, total)
  select s.metric, date_trunc('month', s.day)::date, a.ancestor_code, s.category_code, s.dim, sum(s.n), sum(s.total)
    from stats_daily s join jurisdiction_ancestors a on a.descendant_code = s.jurisdiction_code
   group by 1, 2, 3, 4, 5;
$$;
--> statement-breakpoint
select stats_rebuild_rollup();
