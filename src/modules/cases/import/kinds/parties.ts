import { sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client.ts';
import { scopeCondition } from '../../../org/index.ts';
import { caseScope } from '../../access.ts';
import { normaliseIdNumber, normalisePhone } from '../../parties.ts';
import { gangs, PARTY_ROLES, type PartyRole, type PartyStatus } from '../../schema.ts';
import { own, type RowCheck, warningOf } from '../rows.ts';
import { jsonList, type KindContext, type KindHandler, present, type RowRecord, rowsOf, selectSet } from './shared.ts';

export const PARTY_COLUMNS = [
  'case_no',
  'person_ref',
  'role',
  'name',
  'id_number',
  'phone',
  'arrested_at',
  'prosecuted_at',
  'wanted_since',
  'captured_at',
  'gang_ref',
] as const;

interface PartyRecord extends RowRecord {
  case_no: string;
  person_ref: string;
  role: PartyRole;
  status: PartyStatus;
  name?: string;
  id_number?: string;
  phone?: string;
  arrested_at?: number;
  prosecuted_at?: number;
  wanted_since?: number;
  captured_at?: number;
  gang_ref?: string;
}

const PHONE_DIGITS = /^\d{5,20}$/;
const ID_NUMBER = /^[0-9A-Z]{6,32}$/;

/**
 * A party's status from its dates: prosecuted_at → prosecuted; arrested_at or captured_at →
 * arrested; any other suspect → at_large (wanted or not yet caught); victims and witnesses → none.
 */
export function partyStatusOf(role: PartyRole, dates: { arrested: unknown; prosecuted: unknown; captured: unknown }): PartyStatus {
  if (role !== 'suspect') return 'none';
  if (dates.prosecuted != null) return 'prosecuted';
  if (dates.arrested != null || dates.captured != null) return 'arrested';
  return 'at_large';
}

interface PersonSeen {
  row: number;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
}

/** What the rows of one file have shown so far, for the checks of later rows and batches. */
interface SeenParties {
  persons: Map<string, PersonSeen>;
  firstRowOf: Map<string, number>;
  /** Rows that first name a person and give no name: fine only when the person already exists. */
  namelessFirst: Set<number>;
  /** Rows naming an existing person with other details (kept as recorded): counted for a warning. */
  detailsKept: number;
}

export function partiesHandler(): KindHandler<PartyRecord> {
  const seen: SeenParties = { persons: new Map(), firstRowOf: new Map(), namelessFirst: new Set(), detailsKept: 0 };

  return {
    columns: PARTY_COLUMNS,
    required: ['case_no', 'person_ref', 'role'],

    async prepare() {},

    checkRow: (c: RowCheck) => checkPartyRow(c, seen),

    async checkBatch(ctx: KindContext, batch: PartyRecord[]) {
      const known = await knownInDatabase(ctx, batch);
      for (const r of batch) reportAgainstDatabase(ctx, r, known, seen);
    },

    finish() {
      return seen.detailsKept ? [warningOf('import.person_details_kept', { count: seen.detailsKept })] : [];
    },

    write: writeParties,
  };
}

/** One row's own checks: keys and repeats in the file, identifiers, dates, and one person_ref meaning one person. */
function checkPartyRow(c: RowCheck, seen: SeenParties): PartyRecord {
  const caseNo = c.text('case_no', { required: true, max: 64, noSpaces: true });
  const personRef = c.text('person_ref', { required: true, max: 64, noSpaces: true });
  const role = c.oneOf('role', PARTY_ROLES, { required: true });
  if (caseNo && personRef && role) {
    const key = `${caseNo}\u0000${personRef}\u0000${role}`;
    const first = seen.firstRowOf.get(key);
    if (first !== undefined) c.fail('person_ref', personRef, 'import.duplicate_in_file', { row: first });
    else seen.firstRowOf.set(key, c.row);
  }
  const name = c.text('name', { max: 100 });
  const idRaw = c.raw('id_number');
  const idNumber = idRaw ? normaliseIdNumber(idRaw) : null;
  if (idNumber && !ID_NUMBER.test(idNumber)) c.fail('id_number', idRaw, 'import.invalid_id_number');
  const phoneRaw = c.raw('phone');
  const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (phone !== null && !PHONE_DIGITS.test(phone)) c.fail('phone', phoneRaw, 'import.invalid_phone');
  const dates = checkPartyDates(c, role);
  const gangRef = c.text('gang_ref', { max: 64, noSpaces: true });
  if (personRef) checkSamePerson(c, seen, personRef, name ?? null, idNumber, phone);

  const record: PartyRecord = {
    row: c.row,
    case_no: caseNo!,
    person_ref: personRef!,
    role: role!,
    status: partyStatusOf(role!, dates),
  };
  if (name) record.name = name;
  if (idNumber) record.id_number = idNumber;
  if (phone) record.phone = phone;
  // A captured fugitive has been arrested (抓获), on the day of capture unless told otherwise.
  const arrestedAt = dates.arrested ?? dates.captured;
  if (arrestedAt != null) record.arrested_at = arrestedAt;
  if (dates.prosecuted != null) record.prosecuted_at = dates.prosecuted;
  if (dates.wanted != null) record.wanted_since = dates.wanted;
  if (dates.captured != null) record.captured_at = dates.captured;
  if (gangRef) record.gang_ref = gangRef;
  return record;
}

type DateCell = number | null | undefined;

/** Arrest, prosecution, wanted and capture dates: suspects only, in order. */
function checkPartyDates(
  c: RowCheck,
  role: PartyRole | null | undefined,
): { arrested: DateCell; prosecuted: DateCell; wanted: DateCell; captured: DateCell } {
  const arrested = c.date('arrested_at');
  const prosecuted = c.date('prosecuted_at');
  const wanted = c.date('wanted_since');
  const captured = c.date('captured_at');
  if (role && role !== 'suspect') {
    for (const column of ['arrested_at', 'prosecuted_at', 'wanted_since', 'captured_at', 'gang_ref']) {
      if (c.raw(column) !== '') c.fail(column, c.raw(column), 'import.suspects_only');
    }
  }
  c.requires('captured_at', captured, 'wanted_since', wanted);
  c.notBefore('captured_at', captured, 'wanted_since', wanted);
  c.notBefore('prosecuted_at', prosecuted, 'arrested_at', arrested);
  return { arrested, prosecuted, wanted, captured };
}

/** One person_ref, one person: details given on several rows must agree (the first row's are kept, blanks filled later). */
function checkSamePerson(
  c: RowCheck,
  seen: SeenParties,
  personRef: string,
  name: string | null,
  idNumber: string | null,
  phone: string | null,
): void {
  const earlier = seen.persons.get(personRef);
  if (!earlier) {
    seen.persons.set(own(personRef), { row: c.row, name: name ? own(name) : null, idNumber: idNumber && own(idNumber), phone: phone && own(phone) });
    if (!name) seen.namelessFirst.add(c.row);
    return;
  }
  const differs = (column: string, mine: string | null, theirs: string | null) => {
    if (mine && theirs && mine !== theirs) c.fail(column, c.raw(column), 'import.person_conflict', { row: earlier.row, other: theirs });
  };
  differs('name', name, earlier.name);
  differs('id_number', idNumber, earlier.idNumber);
  differs('phone', phone, earlier.phone);
  earlier.name ??= name ? own(name) : null;
  earlier.idNumber ??= idNumber && own(idNumber);
  earlier.phone ??= phone && own(phone);
}

interface KnownInDatabase {
  cases: Set<string>;
  gangs: Set<string>;
  persons: Map<string, { person_ref: string; name: string; id_number: string | null; phone: string | null }>;
  /** `case_no, person_ref, role, party|fugitive` of rows that are already recorded. */
  clashes: Set<string>;
}

/** What a batch names that the database has: cases and gangs in scope, persons, and parties or wanted notices already recorded. */
async function knownInDatabase(ctx: KindContext, batch: PartyRecord[]): Promise<KnownInDatabase> {
  const viewer = ctx.viewer;
  const caseInScope = viewer ? caseScope(viewer) : sql`true`;
  const knownCases = await selectSet(
    ctx.db,
    sql`select case_no as v from cases where case_no in ${jsonList(present(batch, 'case_no'))} and ${caseInScope}`,
  );
  const gangRefs = present(batch, 'gang_ref');
  const gangInScope = viewer
    ? scopeCondition(viewer, { jurisdiction: gangs.jurisdictionCode, agency: gangs.agencyId, entityType: 'gang', id: gangs.id })
    : sql`true`;
  const knownGangs = gangRefs.length
    ? await selectSet(ctx.db, sql`select gang_ref as v from gangs where gang_ref in ${jsonList(gangRefs)} and ${gangInScope}`)
    : new Set<string>();
  const existing = new Map(
    rowsOf<{ person_ref: string; name: string; id_number: string | null; phone: string | null }>(
      await ctx.db.execute(sql`select person_ref, name, id_number, phone from persons where person_ref in ${jsonList(present(batch, 'person_ref'))}`),
    ).map((p) => [p.person_ref, p]),
  );
  const complete = batch.filter((r) => r.case_no !== undefined && r.person_ref !== undefined && r.role !== undefined);
  const keys = JSON.stringify(
    complete.map((r) => ({ case_no: r.case_no, person_ref: r.person_ref, role: r.role, wanted: r.wanted_since !== undefined })),
  );
  const clashes = complete.length
    ? rowsOf<{ case_no: string; person_ref: string; role: string; what: 'party' | 'fugitive' }>(
        await ctx.db.execute(sql`
    with k as (select * from json_to_recordset(${keys}::json) as k(case_no text, person_ref text, role text, wanted boolean))
    select k.case_no, k.person_ref, k.role, 'party' as what
      from k join cases c on c.case_no = k.case_no join persons p on p.person_ref = k.person_ref
      join case_parties cp on cp.case_id = c.id and cp.person_id = p.id and cp.role = k.role
    union all
    select k.case_no, k.person_ref, k.role, 'fugitive'
      from k join cases c on c.case_no = k.case_no join persons p on p.person_ref = k.person_ref
      join fugitives f on f.case_id = c.id and f.person_id = p.id
      where k.wanted`),
      )
    : [];
  return {
    cases: knownCases,
    gangs: knownGangs,
    persons: existing,
    clashes: new Set(clashes.map((k) => `${k.case_no}\u0000${k.person_ref}\u0000${k.role}\u0000${k.what}`)),
  };
}

/** A row's problems against the database: unknown case or gang, a party or wanted notice already there, a new person without a name. */
function reportAgainstDatabase(ctx: KindContext, r: PartyRecord, known: KnownInDatabase, seen: SeenParties): void {
  if (r.case_no !== undefined && !known.cases.has(r.case_no)) ctx.sink.add(r.row, 'case_no', r.case_no, 'import.unknown_case');
  if (r.gang_ref !== undefined && !known.gangs.has(r.gang_ref)) ctx.sink.add(r.row, 'gang_ref', r.gang_ref, 'import.unknown_gang');
  const key = `${r.case_no}\u0000${r.person_ref}\u0000${r.role}`;
  if (known.clashes.has(`${key}\u0000party`)) ctx.sink.add(r.row, 'person_ref', r.person_ref, 'import.party_exists');
  if (known.clashes.has(`${key}\u0000fugitive`)) ctx.sink.add(r.row, 'person_ref', r.person_ref, 'import.fugitive_exists');
  if (r.person_ref === undefined) return;
  const person = known.persons.get(r.person_ref);
  if (!person && seen.namelessFirst.has(r.row)) ctx.sink.add(r.row, 'name', '', 'import.name_required');
  if (
    person &&
    ((r.name && person.name && r.name !== person.name) ||
      (r.id_number && person.id_number && r.id_number !== person.id_number) ||
      (r.phone && person.phone && r.phone !== person.phone))
  )
    seen.detailsKept++;
}

async function writeParties(tx: Tx, _ctx: KindContext, json: string): Promise<void> {
  // One statement per chunk: persons upserted (an existing person keeps their details, only blanks
  // are filled), then the parties, wanted notices, gang memberships and identifiers for link suggestions.
  await tx.execute(sql`
    with r as materialized (
      select r.case_no, r.person_ref, r.role, r.status, r.name, r.id_number, r.phone, r.gang_ref, r."row",
        to_timestamp(r.arrested_at / 1000.0) as arrested_at, to_timestamp(r.prosecuted_at / 1000.0) as prosecuted_at,
        to_timestamp(r.wanted_since / 1000.0) as wanted_since, to_timestamp(r.captured_at / 1000.0) as captured_at,
        c.id as case_id, c.jurisdiction_code
      from json_to_recordset(${json}::json) as r("row" int, case_no text, person_ref text, role text, status text, name text,
        id_number text, phone text, arrested_at float8, prosecuted_at float8, wanted_since float8,
        captured_at float8, gang_ref text)
      join cases c on c.case_no = r.case_no
    ),
    p as (
      insert into persons (person_ref, name, id_number, phone, jurisdiction_code)
      select person_ref, coalesce(max(name), ''), max(id_number), max(phone), (array_agg(jurisdiction_code order by "row"))[1]
      from r group by person_ref
      on conflict (person_ref) do update set
        name = case when persons.name = '' then excluded.name else persons.name end,
        id_number = coalesce(persons.id_number, excluded.id_number),
        phone = coalesce(persons.phone, excluded.phone)
      returning id, person_ref
    ),
    x as (select r.*, p.id as person_id from r join p on p.person_ref = r.person_ref),
    parties as (
      insert into case_parties (case_id, person_id, role, status, arrested_at, prosecuted_at)
      select case_id, person_id, role, status, arrested_at, prosecuted_at from x returning 1
    ),
    wanted as (
      insert into fugitives (person_id, case_id, wanted_since, captured_at)
      select person_id, case_id, wanted_since, captured_at from x where wanted_since is not null returning 1
    ),
    members as (
      insert into gang_members (gang_id, person_id)
      select g.id, x.person_id from x join gangs g on g.gang_ref = x.gang_ref
      on conflict do nothing returning 1
    ),
    identifiers as (
      insert into case_identifiers (case_id, kind, value)
      select case_id, 'phone', phone from x where phone is not null
      union all
      select case_id, 'id_number', id_number from x where id_number is not null
      on conflict do nothing returning 1
    )
    select (select count(*) from parties) as parties`);
}
