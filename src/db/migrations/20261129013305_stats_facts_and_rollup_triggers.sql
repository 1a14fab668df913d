-- Statistics: what each metric counts, as SQL the stats module owns (docs/metrics.md).
-- Each source table has a facts function: a row in, the (metric, at, dim, value) facts it contributes out.
-- The view stats_facts is every fact of every record (the plain path and the drill-down); the table
-- stats_daily is its daily rollup, kept current by the statement-level triggers below in the same
-- transaction as the write (one set-based upsert per statement, so a bulk import pays once per chunk).
-- New sources (fraud, relics, sites) add a facts function, a branch of the view and their triggers.

CREATE FUNCTION stats_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select (at at time zone 'Asia/Shanghai')::date
$$;
--> statement-breakpoint
CREATE FUNCTION stats_age_band(older timestamptz, newer timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select case
    when extract(year from age(newer at time zone 'Asia/Shanghai', older at time zone 'Asia/Shanghai')) < 10 then 'lt10'
    when extract(year from age(newer at time zone 'Asia/Shanghai', older at time zone 'Asia/Shanghai')) < 20 then '10_20'
    when extract(year from age(newer at time zone 'Asia/Shanghai', older at time zone 'Asia/Shanghai')) < 30 then '20_30'
    else 'ge30' end
$$;
--> statement-breakpoint
-- A case: filed, solved, and (a homicide solved at least a year after it happened) a cold case solved.
CREATE FUNCTION stats_case_facts(category_code text, occurred_at timestamptz, filed_at timestamptz, solved_at timestamptz)
RETURNS TABLE (metric text, at timestamptz, dim text, value numeric) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select f.metric, f.at, f.dim, f.value from (values
    ('cases_filed', filed_at, '', 1::numeric),
    ('cases_solved', solved_at, '', 1::numeric),
    ('cold_cases_solved',
      case when (category_code = 'violent.homicide' or category_code like 'violent.homicide.%')
             and occurred_at is not null and solved_at is not null and occurred_at <= solved_at - interval '1 year'
           then solved_at end,
      case when occurred_at is not null and solved_at is not null then stats_age_band(occurred_at, solved_at) else '' end,
      1::numeric)
  ) as f(metric, at, dim, value) where f.at is not null
$$;
--> statement-breakpoint
CREATE FUNCTION stats_party_facts(role text, arrested_at timestamptz, prosecuted_at timestamptz)
RETURNS TABLE (metric text, at timestamptz, dim text, value numeric) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select f.metric, f.at, f.dim, f.value from (values
    ('suspects_arrested', case when role = 'suspect' then arrested_at end, '', 1::numeric),
    ('persons_prosecuted', case when role = 'suspect' then prosecuted_at end, '', 1::numeric)
  ) as f(metric, at, dim, value) where f.at is not null
$$;
--> statement-breakpoint
CREATE FUNCTION stats_fugitive_facts(wanted_since timestamptz, captured_at timestamptz)
RETURNS TABLE (metric text, at timestamptz, dim text, value numeric) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select f.metric, f.at, f.dim, f.value from (values
    ('fugitives_wanted', wanted_since, '', 1::numeric),
    ('fugitives_captured', captured_at, '', 1::numeric)
  ) as f(metric, at, dim, value) where f.at is not null
$$;
--> statement-breakpoint
CREATE FUNCTION stats_property_facts(kind text, unit text, action text, at timestamptz, quantity numeric)
RETURNS TABLE (metric text, at timestamptz, dim text, value numeric) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select 'property'::text, at, kind || ':' || unit || ':' || action, quantity
$$;
--> statement-breakpoint
CREATE FUNCTION stats_gang_facts(kind text, dismantled_at timestamptz)
RETURNS TABLE (metric text, at timestamptz, dim text, value numeric) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select f.metric, f.at, f.dim, f.value from (values ('gangs_dismantled', dismantled_at, kind, 1::numeric)) as f(metric, at, dim, value)
  where f.at is not null
$$;
--> statement-breakpoint
-- Facts of records that belong to a case (their jurisdiction and category are the case's).
CREATE VIEW stats_case_child_facts AS
  select p.case_id, 'party'::text as record_kind, p.person_id::text as record_id, f.metric, f.at, f.dim, f.value
    from case_parties p cross join lateral stats_party_facts(p.role, p.arrested_at, p.prosecuted_at) f
  union all
  select x.case_id, 'fugitive', x.id::text, f.metric, f.at, f.dim, f.value
    from fugitives x cross join lateral stats_fugitive_facts(x.wanted_since, x.captured_at) f
  union all
  select i.case_id, 'property', i.id::text, f.metric, f.at, f.dim, f.value
    from property_items i cross join lateral stats_property_facts(i.kind, i.unit, i.action, i.at, i.quantity) f;
--> statement-breakpoint
-- Every fact of every record: what the rollup sums, what the plain path groups, what a drill-down lists.
CREATE VIEW stats_facts AS
  select f.metric, f.at, c.jurisdiction_code, c.category_code, c.agency_id, c.campaign_codes, f.dim, f.value,
         'case'::text as record_kind, c.id::text as record_id, c.id as case_id
    from cases c cross join lateral stats_case_facts(c.category_code, c.occurred_at, c.filed_at, c.solved_at) f
  union all
  select cf.metric, cf.at, c.jurisdiction_code, c.category_code, c.agency_id, c.campaign_codes, cf.dim, cf.value,
         cf.record_kind, cf.record_id, c.id
    from stats_case_child_facts cf join cases c on c.id = cf.case_id
  union all
  select f.metric, f.at, g.jurisdiction_code, '', g.agency_id, '{}'::text[], f.dim, f.value, 'gang', g.id::text, null::uuid
    from gangs g cross join lateral stats_gang_facts(g.kind, g.dismantled_at) f;
--> statement-breakpoint
CREATE TYPE stats_delta AS (metric text, at timestamptz, jurisdiction_code text, category_code text, dim text, sign int, value numeric);
--> statement-breakpoint
-- Folds signed facts (+1 for new rows, -1 for old rows) into the rollup; facts that cancel write nothing.
CREATE FUNCTION stats_apply(deltas stats_delta[]) RETURNS void LANGUAGE sql AS $$
  insert into stats_daily as s (metric, day, jurisdiction_code, category_code, dim, n, total)
  select d.metric, stats_day(d.at), d.jurisdiction_code, d.category_code, d.dim, sum(d.sign)::bigint, sum(d.sign * d.value)
    from unnest(deltas) d
   group by 1, 2, 3, 4, 5
  having sum(d.sign) <> 0 or sum(d.sign * d.value) <> 0
  on conflict (metric, day, jurisdiction_code, category_code, dim)
  do update set n = s.n + excluded.n, total = s.total + excluded.total
$$;
--> statement-breakpoint
CREATE FUNCTION stats_cases_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
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
-- Deleting a case cascades to its parties, fugitives and property after the case row is gone; their
-- facts leave the rollup here, while the case (and so their jurisdiction and category) is still known.
CREATE FUNCTION stats_case_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_apply(array(
    select row(cf.metric, cf.at, OLD.jurisdiction_code, OLD.category_code, cf.dim, -1, cf.value)::stats_delta
      from stats_case_child_facts cf where cf.case_id = OLD.id));
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_parties_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows p join cases c on c.id = p.case_id cross join lateral stats_party_facts(p.role, p.arrested_at, p.prosecuted_at) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows p join cases c on c.id = p.case_id cross join lateral stats_party_facts(p.role, p.arrested_at, p.prosecuted_at) f));
  ELSE
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows p join cases c on c.id = p.case_id cross join lateral stats_party_facts(p.role, p.arrested_at, p.prosecuted_at) f
      union all
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows p join cases c on c.id = p.case_id cross join lateral stats_party_facts(p.role, p.arrested_at, p.prosecuted_at) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_fugitives_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows x join cases c on c.id = x.case_id cross join lateral stats_fugitive_facts(x.wanted_since, x.captured_at) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows x join cases c on c.id = x.case_id cross join lateral stats_fugitive_facts(x.wanted_since, x.captured_at) f));
  ELSE
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows x join cases c on c.id = x.case_id cross join lateral stats_fugitive_facts(x.wanted_since, x.captured_at) f
      union all
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows x join cases c on c.id = x.case_id cross join lateral stats_fugitive_facts(x.wanted_since, x.captured_at) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_property_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows i join cases c on c.id = i.case_id cross join lateral stats_property_facts(i.kind, i.unit, i.action, i.at, i.quantity) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows i join cases c on c.id = i.case_id cross join lateral stats_property_facts(i.kind, i.unit, i.action, i.at, i.quantity) f));
  ELSE
    PERFORM stats_apply(array(select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, -1, f.value)::stats_delta
        from old_rows i join cases c on c.id = i.case_id cross join lateral stats_property_facts(i.kind, i.unit, i.action, i.at, i.quantity) f
      union all
      select row(f.metric, f.at, c.jurisdiction_code, c.category_code, f.dim, 1, f.value)::stats_delta
        from new_rows i join cases c on c.id = i.case_id cross join lateral stats_property_facts(i.kind, i.unit, i.action, i.at, i.quantity) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_gangs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, g.jurisdiction_code, '', f.dim, 1, f.value)::stats_delta
        from new_rows g cross join lateral stats_gang_facts(g.kind, g.dismantled_at) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(array(select row(f.metric, f.at, g.jurisdiction_code, '', f.dim, -1, f.value)::stats_delta
        from old_rows g cross join lateral stats_gang_facts(g.kind, g.dismantled_at) f));
  ELSE
    PERFORM stats_apply(array(select row(f.metric, f.at, g.jurisdiction_code, '', f.dim, -1, f.value)::stats_delta
        from old_rows g cross join lateral stats_gang_facts(g.kind, g.dismantled_at) f
      union all
      select row(f.metric, f.at, g.jurisdiction_code, '', f.dim, 1, f.value)::stats_delta
        from new_rows g cross join lateral stats_gang_facts(g.kind, g.dismantled_at) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stats_cases_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_cases_changed();
--> statement-breakpoint
CREATE TRIGGER stats_cases_upd AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_cases_changed();
--> statement-breakpoint
CREATE TRIGGER stats_cases_del AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_cases_changed();
--> statement-breakpoint
CREATE TRIGGER stats_cases_deleting BEFORE DELETE ON cases FOR EACH ROW EXECUTE FUNCTION stats_case_deleting();
--> statement-breakpoint
CREATE TRIGGER stats_parties_ins AFTER INSERT ON case_parties REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_parties_changed();
--> statement-breakpoint
CREATE TRIGGER stats_parties_upd AFTER UPDATE ON case_parties REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_parties_changed();
--> statement-breakpoint
CREATE TRIGGER stats_parties_del AFTER DELETE ON case_parties REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_parties_changed();
--> statement-breakpoint
CREATE TRIGGER stats_fugitives_ins AFTER INSERT ON fugitives REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_fugitives_changed();
--> statement-breakpoint
CREATE TRIGGER stats_fugitives_upd AFTER UPDATE ON fugitives REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_fugitives_changed();
--> statement-breakpoint
CREATE TRIGGER stats_fugitives_del AFTER DELETE ON fugitives REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_fugitives_changed();
--> statement-breakpoint
CREATE TRIGGER stats_property_ins AFTER INSERT ON property_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_property_changed();
--> statement-breakpoint
CREATE TRIGGER stats_property_upd AFTER UPDATE ON property_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_property_changed();
--> statement-breakpoint
CREATE TRIGGER stats_property_del AFTER DELETE ON property_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_property_changed();
--> statement-breakpoint
CREATE TRIGGER stats_gangs_ins AFTER INSERT ON gangs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_gangs_changed();
--> statement-breakpoint
CREATE TRIGGER stats_gangs_upd AFTER UPDATE ON gangs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_gangs_changed();
--> statement-breakpoint
CREATE TRIGGER stats_gangs_del AFTER DELETE ON gangs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_gangs_changed();
--> statement-breakpoint
-- Rebuilds the rollup from the records (after a restore, or to check it: the two must agree).
CREATE FUNCTION stats_rebuild_rollup() RETURNS void LANGUAGE sql AS $$
  delete from stats_daily;
  insert into stats_daily (metric, day, jurisdiction_code, category_code, dim, n, total)
  select metric, stats_day(at), jurisdiction_code, category_code, dim, count(*), sum(value)
    from stats_facts group by 1, 2, 3, 4, 5;
$$;
