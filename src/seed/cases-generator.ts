// Deterministic synthetic cases for the demo and for benchmarks at any scale.
//
// The same seed (and prefix) gives byte-identical rows in a fresh database: every id, date, name
// and number comes from one seeded generator (sfc32), creation timestamps are the record's own
// dates rather than now(), and each chunk is one statement, sent in order, so case_events ids
// follow too. Cases are produced in reporting-time order over 2019-01-01 … 2020-12-31 (Beijing
// time), so case numbers count up with time in each jurisdiction; a cold homicide is emitted at
// the time it was solved and keeps its old report date and number.
//
// Each chunk is a single INSERT … SELECT FROM unnest(…) per table, chained as data-modifying
// CTEs in one statement (one round trip, atomic like a transaction), with every column passed
// as one PostgreSQL array literal: the same SQL runs on PGlite and on a server.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseSearchTerms } from '../modules/cases/index.ts';
import * as D from './cases-generator-data.ts';
import { caseText, coldCaseText, localDate, pickDetail, type Random, type TextContext } from './cases-generator-text.ts';

export interface GenerateOptions {
  cases: number;
  seed?: number;
  /** Cases per statement (default 2,500). */
  batchSize?: number;
  /** First characters of every case number (default `A`); runs on one database need distinct prefixes. */
  prefix?: string;
  onProgress?(done: number): void;
}

export interface GeneratedCounts {
  cases: number;
  persons: number;
  parties: number;
  fugitives: number;
  gangs: number;
  gangMembers: number;
  gangCases: number;
  property: number;
  identifiers: number;
  events: number;
}

export const DEMO_CASE_COUNT = 3000;
export const DEMO_SEED = 20190101;
export const DEMO_PREFIX = 'A';

/** Campaign codes the generator puts on cases. */
export const GENERATED_CAMPAIGNS = [
  'relic-2019', 'relic-2020', 'fraud-2019', 'fraud-2020', 'yunjian-2020', 'sweep-gangs', 'kunlun-2019', 'kunlun-2020',
  'fishing-2020', 'theft-robbery-fraud-2019',
] as const;

// ---------------------------------------------------------------------------------------------
// Random numbers

/** sfc32 (128-bit state, period ≥ 2^32 and typically ~2^127): mulberry32's 2^32 would repeat at 10M cases. */
export class Rng implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, salt = '') {
    // xmur3 over "seed:salt" gives the four state words.
    const text = `${seed}:${salt}`;
    let h = 1779033703 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const word = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.a = word();
    this.b = word();
    this.c = word();
    this.d = word();
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  uuid(): string {
    const a = this.u32(), b = this.u32(), c = this.u32(), d = this.u32();
    return hex(a, 8) + '-' + hex(b >>> 16, 4) + '-' + hex((b & 0x0fff) | 0x4000, 4) + '-'
      + hex(((c >>> 16) & 0x3fff) | 0x8000, 4) + '-' + hex(c & 0xffff, 4) + hex(d, 8);
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += Math.max(0, w)));
    this.total = sum;
    if (!(sum > 0)) throw new Error('Weighted: no positive weight');
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Time: epoch seconds; the period is in Beijing time (UTC+8), data as of mid-2021.

const DAY = 86_400;
const HOUR = 3600;
const START = Date.UTC(2019, 0, 1) / 1000 - 8 * HOUR;
const DAYS = 731;
const AS_OF = Date.UTC(2021, 5, 30, 16) / 1000 - 1; // 2021-06-30 23:59:59 +08:00
const SPRING_FESTIVAL = [Date.UTC(2019, 1, 4) / 1000, Date.UTC(2020, 0, 24) / 1000];
const COVID = [Date.UTC(2020, 0, 24) / 1000, Date.UTC(2020, 2, 15) / 1000];
const MONTH_FACTOR = [0.85, 0.78, 0.95, 1, 1.05, 1.1, 1.15, 1.15, 1.05, 1, 0.95, 0.95];
const HOUR_WEIGHTS = [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 1, 1.2, 1.25, 1.2, 1.1, 1.1, 1.2, 1.2, 1.2, 1.15, 1.1, 1.05, 1, 0.9, 0.7, 0.5];

/** Maps u ∈ [0,1) monotonically to a report time with seasonality, holidays and office hours. */
class Calendar {
  private readonly dayCum = new Float64Array(DAYS + 1);
  private readonly hourCum = new Float64Array(25);

  constructor() {
    for (let d = 0; d < DAYS; d++) {
      const utcMidnight = Date.UTC(2019, 0, 1) / 1000 + d * DAY;
      const date = new Date(utcMidnight * 1000);
      let w = MONTH_FACTOR[date.getUTCMonth()]! * (date.getUTCFullYear() === 2020 ? 1.05 : 1);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) w *= 0.9;
      if (SPRING_FESTIVAL.some((s) => utcMidnight >= s && utcMidnight < s + 7 * DAY)) w *= 0.6;
      if (utcMidnight >= COVID[0]! && utcMidnight < COVID[1]!) w *= 0.55;
      this.dayCum[d + 1] = this.dayCum[d]! + w;
    }
    for (let h = 0; h < 24; h++) this.hourCum[h + 1] = this.hourCum[h]! + HOUR_WEIGHTS[h]!;
  }

  at(u: number): number {
    const x = u * this.dayCum[DAYS]!;
    const d = search(this.dayCum, x, DAYS);
    const f = (x - this.dayCum[d]!) / (this.dayCum[d + 1]! - this.dayCum[d]!);
    const y = f * this.hourCum[24]!;
    const h = search(this.hourCum, y, 24);
    const hf = (y - this.hourCum[h]!) / (this.hourCum[h + 1]! - this.hourCum[h]!);
    return Math.floor(START + d * DAY + (h + hf) * HOUR);
  }
}

/** Largest i < n with cumulative[i] ≤ x. */
function search(cumulative: Float64Array, x: number, n: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cumulative[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const yearOf = (sec: number) => localDate(sec).y;
const cap = (sec: number | null) => (sec !== null && sec <= AS_OF ? sec : null);

// ---------------------------------------------------------------------------------------------
// Geography and agencies, read from the database

interface Leaf {
  code: string;
  provinceCode: string;
  cityCode: string;
  cityName: string;
  place: string;
  agencyId: string;
  platePrefix: string;
}

interface Geography {
  leaves: Leaf[];
  byProfile: Record<D.Profile, Weighted<Leaf>>;
  byProvince: Map<string, Weighted<Leaf>>;
  byCity: Map<string, Weighted<Leaf>>;
  policeAgencies: string[];
  cityAgency: Map<string, string>;
}

const PROVINCES = ['150000', '610000', '440000'];
const PROFILES: D.Profile[] = ['default', 'relic', 'smuggling', 'fraud', 'fishing', 'sand'];

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/** A stable pseudo-random factor in [0.6, 1.4) per code, so counties differ in size. */
function jitter(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return 0.6 + ((h >>> 0) % 1000) / 1250;
}

async function loadGeography(db: Db): Promise<Geography> {
  const places = rowsOf(await db.execute(sql`
    select j.code, j.name_zh, j.parent_code, j.level from jurisdictions j
    where j.code in (select descendant_code from jurisdiction_ancestors where ancestor_code in (${sql.join(PROVINCES.map((p) => sql`${p}`), sql`, `)}))
       or j.code = '100000'
    order by j.code`)).map((r) => ({ code: String(r.code), name: String(r.name_zh), parent: r.parent_code === null ? null : String(r.parent_code), level: String(r.level) }));
  if (!places.some((p) => p.level === 'county')) throw new Error('generateCases: the jurisdictions table is empty; migrate first');
  const byCode = new Map(places.map((p) => [p.code, p]));
  const hasChildren = new Set(places.map((p) => p.parent).filter((p): p is string => p !== null));
  const police = rowsOf(await db.execute(sql`select id, jurisdiction_code from agencies where kind = 'public_security' order by jurisdiction_code, name_zh, id`));
  const agencyAt = new Map<string, string>();
  for (const r of police) if (!agencyAt.has(String(r.jurisdiction_code))) agencyAt.set(String(r.jurisdiction_code), String(r.id));
  const agencyFor = (code: string): string => {
    for (let at: string | null = code; at; at = byCode.get(at)?.parent ?? null) {
      const id = agencyAt.get(at);
      if (id) return id;
    }
    throw new Error(`generateCases: no public-security agency covers ${code}; load the demo agencies first (seedDemo)`);
  };

  const leaves: Leaf[] = [];
  const cityAgency = new Map<string, string>();
  for (const p of places) {
    if (p.level !== 'county' && p.level !== 'city') continue;
    if (p.level === 'city') cityAgency.set(p.code, agencyFor(p.code));
    if (hasChildren.has(p.code)) continue;
    const city = p.level === 'city' ? p : byCode.get(p.parent!)!;
    const name = p.name === city.name || p.name === '市辖区' ? city.name : city.name + p.name;
    leaves.push({
      code: p.code, provinceCode: city.parent!, cityCode: city.code, cityName: city.name, place: name, agencyId: agencyFor(p.code),
      platePrefix: D.PLATE_PREFIX[city.code.slice(0, 4)] ?? `${({ '150000': '蒙', '610000': '陕', '440000': '粤' } as Record<string, string>)[city.parent!] ?? '京'}A`,
    });
  }

  const countyWeight = (leaf: Leaf, profile: D.Profile) => {
    const district = leaf.place.endsWith('区');
    const rural = profile === 'relic' || profile === 'fishing' || profile === 'sand';
    return jitter(leaf.code) * (district ? (rural ? 0.6 : 2) : rural ? 1.5 : 1);
  };
  const weighted = (subset: Leaf[], profile: D.Profile, withProvince: boolean) => {
    const cityTotals = new Map<string, number>();
    const provinceTotals = new Map<string, number>();
    for (const leaf of subset) cityTotals.set(leaf.cityCode, (cityTotals.get(leaf.cityCode) ?? 0) + countyWeight(leaf, profile));
    const cityW = (code: string) => D.CITY_WEIGHTS[profile][code.slice(0, 4)] ?? 1;
    for (const city of cityTotals.keys()) {
      const province = byCode.get(city)!.parent!;
      provinceTotals.set(province, (provinceTotals.get(province) ?? 0) + cityW(city));
    }
    return new Weighted(subset, subset.map((leaf) =>
      (withProvince ? D.PROVINCE_WEIGHTS[profile][leaf.provinceCode] ?? 0 : 1)
      * (cityW(leaf.cityCode) / provinceTotals.get(leaf.provinceCode)!)
      * (countyWeight(leaf, profile) / cityTotals.get(leaf.cityCode)!)));
  };
  const byProfile = Object.fromEntries(PROFILES.map((p) => [p, weighted(leaves, p, true)])) as Record<D.Profile, Weighted<Leaf>>;
  const byProvince = new Map(PROVINCES.map((p) => [p, weighted(leaves.filter((l) => l.provinceCode === p), 'default', false)]));
  const cities = [...new Set(leaves.map((l) => l.cityCode))];
  const byCity = new Map(cities.map((c) => [c, weighted(leaves.filter((l) => l.cityCode === c), 'default', false)]));
  return { leaves, byProfile, byProvince, byCity, policeAgencies: [...new Set(police.map((r) => String(r.id)))], cityAgency };
}

// ---------------------------------------------------------------------------------------------
// Rows of one chunk, column by column

type Cell = string | number | null;

class Table {
  readonly columns: Cell[][];
  length = 0;
  constructor(readonly name: string, readonly spec: ReadonlyArray<readonly [column: string, type: string, expression?: string]>) {
    this.columns = spec.map(() => []);
  }
  push(...values: Cell[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i]!.push(values[i]!);
    this.length++;
  }
}

const ts = (c: string) => `to_timestamp(${c})`;

function newTables() {
  return {
    persons: new Table('persons', [['id', 'uuid'], ['name', 'text'], ['id_number', 'text'], ['phone', 'text'], ['jurisdiction_code', 'text'], ['created_at', 'float8', ts('created_at')]]),
    gangs: new Table('gangs', [['id', 'uuid'], ['gang_ref', 'text'], ['kind', 'text'], ['name', 'text'], ['jurisdiction_code', 'text'], ['agency_id', 'uuid'],
      ['dismantled_at', 'float8', ts('dismantled_at')], ['created_at', 'float8', ts('created_at')]]),
    gangMembers: new Table('gang_members', [['gang_id', 'uuid'], ['person_id', 'uuid'], ['is_leader', 'bool']]),
    cases: new Table('cases', [
      ['id', 'uuid'], ['case_no', 'text'], ['category_code', 'text'], ['title', 'text'], ['summary', 'text'],
      ['search_terms', 'text', `strip(to_tsvector('simple', search_terms))`], ['jurisdiction_code', 'text'], ['agency_id', 'uuid'], ['status', 'text'],
      ['occurred_at', 'float8', ts('occurred_at')], ['reported_at', 'float8', ts('reported_at')], ['filed_at', 'float8', ts('filed_at')],
      ['solved_at', 'float8', ts('solved_at')], ['prosecuted_at', 'float8', ts('prosecuted_at')], ['closed_at', 'float8', ts('closed_at')],
      ['dismissed_at', 'float8', ts('dismissed_at')], ['dismissal_reason', 'text'], ['supervision', 'text'], ['supervision_reason', 'text'],
      ['supervision_set_at', 'float8', ts('supervision_set_at')], ['loss_amount', 'numeric'], ['campaign_codes', 'text', `string_to_array(campaign_codes, ',')`],
      ['created_at', 'float8', ts('created_at')], ['updated_at', 'float8', ts('updated_at')]]),
    parties: new Table('case_parties', [['case_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['status', 'text'],
      ['arrested_at', 'float8', ts('arrested_at')], ['detained_at', 'float8', ts('detained_at')], ['prosecuted_at', 'float8', ts('prosecuted_at')]]),
    fugitives: new Table('fugitives', [['id', 'uuid'], ['person_id', 'uuid'], ['case_id', 'uuid'], ['wanted_since', 'float8', ts('wanted_since')],
      ['captured_at', 'float8', ts('captured_at')], ['capturing_agency_id', 'uuid']]),
    gangCases: new Table('gang_cases', [['gang_id', 'uuid'], ['case_id', 'uuid']]),
    property: new Table('property_items', [['id', 'uuid'], ['case_id', 'uuid'], ['kind', 'text'], ['quantity', 'numeric'], ['unit', 'text'],
      ['action', 'text'], ['at', 'float8', ts('at')], ['description', 'text'], ['created_at', 'float8', ts('created_at')]]),
    identifiers: new Table('case_identifiers', [['case_id', 'uuid'], ['kind', 'text'], ['value', 'text']]),
    events: new Table('case_events', [['case_id', 'uuid'], ['at', 'float8', ts('at')], ['kind', 'text'], ['note', 'text'], ['recorded_at', 'float8', ts('recorded_at')]]),
  };
}
type Tables = ReturnType<typeof newTables>;

/** A PostgreSQL array literal: every text element quoted (with `"` and `\\` escaped), NULL bare. */
function arrayLiteral(values: Cell[], type: string): string {
  const quote = type === 'text';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (!quote) out += v;
    else if (typeof v === 'string' && v.indexOf('"') < 0 && v.indexOf('\\') < 0) out += '"' + v + '"';
    else out += '"' + String(v).replace(/["\\]/g, '\\$&') + '"';
  }
  return out + '}';
}

function insertCte(table: Table): SQL {
  const names = table.spec.map(([column]) => column);
  const params = table.spec.map(([, type], i) => sql`${arrayLiteral(table.columns[i]!, type)}::text::${sql.raw(type)}[]`);
  const select = table.spec.map(([column, , expression]) => expression ?? column).join(', ');
  return sql`${sql.raw(table.name)}_rows as (insert into ${sql.raw(table.name)} (${sql.raw(names.join(', '))}) select ${sql.raw(select)} from unnest(${sql.join(params, sql`, `)}) as u(${sql.raw(names.join(', '))}))`;
}

/** All tables of a chunk in one statement; foreign keys are checked at its end. */
function chunkStatement(t: Tables): SQL {
  const order = [t.persons, t.gangs, t.gangMembers, t.cases, t.parties, t.fugitives, t.gangCases, t.property, t.identifiers, t.events];
  return sql`with ${sql.join(order.filter((x) => x.length > 0).map(insertCte), sql`, `)} select 1 as done`;
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Person {
  id: string;
  name: string;
  mask: string;
  idNumber: string;
  phone: string | null;
}

interface Gang {
  id: string;
  kind: string;
  name: string;
  template: D.GangTemplate;
  home: Leaf;
  members: Person[];
  categories: Weighted<D.CategorySpec>;
  phones: string[];
  accounts: string[];
  plates: string[];
  dismantledAt: number | null;
}

interface Slot { at: number; gang: Gang }

/** A min-heap of the gangs' scheduled cases, by time. */
class SlotHeap {
  private readonly items: Slot[] = [];
  get size() { return this.items.length; }
  peek(): Slot | undefined { return this.items[0]; }
  push(slot: Slot): void {
    const a = this.items;
    a.push(slot);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]!.at <= a[i]!.at) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): Slot | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const SPECS = new Map(D.CATEGORY_SPECS.map((s) => [s.code, s]));
const family = (code: string) => code.split('.')[0]!;
const SURNAME_PICK = new Weighted(D.SURNAMES.map(([s]) => s), D.SURNAMES.map(([, w]) => w));
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

class CaseGenerator {
  readonly rng: Rng;
  private readonly calendar = new Calendar();
  private readonly categories: Record<2019 | 2020, Weighted<D.CategorySpec>>;
  private readonly sequence = new Map<string, number>();
  private readonly slots = new SlotHeap();
  private readonly recentSuspects = new Map<string, Person[]>();
  private readonly mules: Array<{ kind: 'phone' | 'bank_account'; value: string }> = [];
  /** One case of every category at evenly spaced positions, so that even rare ones appear in small runs. */
  private readonly coverage = new Map<number, D.CategorySpec>();
  private gangCount = 0;
  private firstFraudRing = true;
  index = 0;
  t!: Tables;

  constructor(private readonly geo: Geography, private readonly total: number, seed: number, private readonly prefix: string) {
    this.rng = new Rng(seed, prefix);
    this.categories = {
      2019: new Weighted(D.CATEGORY_SPECS, D.CATEGORY_SPECS.map((s) => s.w2019)),
      2020: new Weighted(D.CATEGORY_SPECS, D.CATEGORY_SPECS.map((s) => s.w2020 ?? s.w2019)),
    };
    D.CATEGORY_SPECS.forEach((spec, i) => this.coverage.set(Math.floor(((i + 0.5) * total) / D.CATEGORY_SPECS.length), spec));
  }

  // ---- people and identifiers ----

  private birth(at: number, minAge: number, maxAge: number): number {
    return at - Math.floor((this.rng.int(minAge, maxAge) * 365.25 + this.rng.next() * 365) * DAY);
  }

  private person(home: Leaf, at: number, born: number, male: boolean, withPhone = true): Person {
    const r = this.rng;
    let name: string;
    if (home.provinceCode === '150000' && r.chance(0.12)) name = r.pick(male ? D.MONGOLIAN_MALE : D.MONGOLIAN_FEMALE);
    else name = SURNAME_PICK.pick(r) + r.pick(male ? D.GIVEN_MALE : D.GIVEN_FEMALE) + (r.chance(0.65) ? r.pick(male ? D.GIVEN_MALE : D.GIVEN_FEMALE) : '');
    const { y, m, d } = localDate(born);
    const seq = pad2(r.int(0, 99)) + String(r.int(0, 4) * 2 + (male ? 1 : 0));
    const first17 = `${home.code}${y}${pad2(m)}${pad2(d)}${seq}`;
    const p: Person = {
      id: r.uuid(), name, mask: name[0] + (name.length >= 3 ? '某某' : '某'), idNumber: first17 + idCheckDigit(first17),
      phone: withPhone && r.chance(0.85) ? this.phone() : null,
    };
    this.t.persons.push(p.id, p.name, p.idNumber, p.phone, home.code, at);
    return p;
  }

  private phone(): string {
    return this.rng.pick(D.PHONE_PREFIXES) + this.rng.digits(8);
  }

  private account(): string {
    return this.rng.pick(D.BANK_BINS) + this.rng.digits(this.rng.pick([10, 13]));
  }

  private plate(leaf: Leaf): string {
    const r = this.rng;
    let tail = '';
    for (let i = 0; i < 5; i++) tail += r.chance(0.25) ? r.pick([...D.PLATE_LETTERS]) : String(r.int(0, 9));
    return leaf.platePrefix + tail;
  }

  /** Home of a party: mostly where the case is, sometimes elsewhere in the province or beyond. */
  private homeOf(leaf: Leaf, localShare: number): Leaf {
    const r = this.rng.next();
    if (r < localShare) return leaf;
    if (r < localShare + (1 - localShare) * 0.8) return this.geo.byProvince.get(leaf.provinceCode)!.pick(this.rng);
    return this.geo.byProfile.default.pick(this.rng);
  }

  // ---- gangs ----

  private spawnGang(name: D.GangTemplateName, home: Leaf, at: number): Gang {
    const r = this.rng;
    const template = D.GANG_TEMPLATES[name];
    const showcase = name === 'fraud_ring' && this.firstFraudRing;
    if (showcase) this.firstFraudRing = false;
    const kind = new Weighted(template.kinds.map(([k]) => k), template.kinds.map(([, w]) => w)).pick(r);
    const memberCount = showcase ? 8 : r.int(...template.members);
    const caseCount = showcase ? 39 : r.chance(0.1) ? r.int(...template.bigCases) : r.int(...template.cases);
    const window = (showcase ? 240 : r.int(...template.windowDays)) * DAY;
    const dismantledAt = r.chance(0.9) ? cap(at + window + Math.floor(r.next() * 60 * DAY)) : null;
    const members: Person[] = [];
    for (let i = 0; i < memberCount; i++) {
      members.push(this.person(this.homeOf(home, 0.7), at, this.birth(at, 20, 55), r.chance(0.88)));
    }
    const leader = members[0]!;
    const label = kind === 'criminal_organisation' ? '黑社会性质组织' : kind === 'evil_force_group' ? '恶势力犯罪集团'
      : kind === 'evil_force_gang' ? '恶势力团伙' : template.label;
    const gang: Gang = {
      id: r.uuid(), kind, name: `${home.cityName}${leader.mask}${label}`, template, home, members,
      categories: new Weighted(template.categories.map(([c]) => SPECS.get(c)!), template.categories.map(([, w]) => w)),
      phones: Array.from({ length: Math.max(showcase ? 3 : 0, r.int(...template.phones)) }, () => this.phone()),
      accounts: Array.from({ length: Math.max(showcase ? 4 : 0, r.int(...template.accounts)) }, () => this.account()),
      plates: Array.from({ length: r.int(...template.plates) }, () => this.plate(home)),
      dismantledAt,
    };
    this.gangCount++;
    this.t.gangs.push(gang.id, `${this.prefix}-G${String(this.gangCount).padStart(6, '0')}`, kind, gang.name, home.cityCode,
      this.geo.cityAgency.get(home.cityCode) ?? home.agencyId, dismantledAt, at);
    members.forEach((m, i) => this.t.gangMembers.push(gang.id, m.id, i === 0 ? 'true' : 'false'));
    for (let i = 0; i < caseCount; i++) this.slots.push({ at: at + Math.floor(r.next() * window), gang });
    return gang;
  }

  // ---- cases ----

  /** The next case: a gang's scheduled case when one is due, else a cold homicide or an ordinary case. */
  next(): void {
    const u = (this.index + this.rng.next()) / this.total;
    const forced = this.coverage.get(this.index);
    this.index++;
    const at = this.calendar.at(u);
    for (let slot = this.slots.peek(); !forced && slot && slot.at <= at; slot = this.slots.peek()) {
      this.slots.pop();
      if (slot.gang.dismantledAt !== null && at > slot.gang.dismantledAt) continue;
      const g = slot.gang;
      const leaf = this.rng.chance(g.template.roam)
        ? (g.template.roamAnywhere ? this.geo.byProfile.fraud : this.geo.byProvince.get(g.home.provinceCode)!).pick(this.rng)
        : this.geo.byCity.get(g.home.cityCode)!.pick(this.rng);
      this.ordinaryCase(g.categories.pick(this.rng), leaf, at, g);
      return;
    }
    const year = yearOf(at) === 2019 ? 2019 : 2020;
    if (!forced && this.rng.chance(year === 2020 ? 0.003 : 0.001)) {
      this.coldCase(at);
      return;
    }
    const spec = forced ?? this.categories[year].pick(this.rng);
    const leaf = this.geo.byProfile[spec.profile].pick(this.rng);
    let gang: Gang | undefined;
    if (spec.gang && (this.rng.chance(spec.gangSpawn ?? 0) || (spec.gang === 'fraud_ring' && this.firstFraudRing))) {
      gang = this.spawnGang(spec.gang, leaf, at);
    }
    this.ordinaryCase(spec, leaf, at, gang);
  }

  private caseNo(leaf: Leaf, reported: number): string {
    const key = `${leaf.code}-${yearOf(reported)}`;
    const n = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, n);
    return `${this.prefix}${key}-${String(n).padStart(6, '0')}`;
  }

  private loss(spec: D.CategorySpec, itemLoss: [number, number] | null): number | null {
    const r = this.rng;
    let v: number | null = null;
    switch (spec.code) {
      case 'fraud.telecom': v = Math.min(5e6, Math.max(100, r.logNormal(18000, 1.3))); break;
      case 'fraud.asset_unfreezing': v = Math.max(100, r.logNormal(3000, 1)); break;
      case 'fraud.other': v = Math.max(200, r.logNormal(8000, 1.2)); break;
      case 'property.fraud': v = Math.max(1000, r.logNormal(50000, 1.4)); break;
      case 'property.theft': v = itemLoss ? itemLoss[0] * Math.exp(r.next() * Math.log(itemLoss[1] / itemLoss[0])) : null; break;
      case 'property.snatching': v = r.int(500, 8000); break;
      case 'violent.robbery': v = Math.max(50, r.logNormal(2000, 1)); break;
      case 'violent.arson': v = Math.max(1000, r.logNormal(30000, 1.2)); break;
      default: v = null;
    }
    return v === null ? null : Math.round(v * 100) / 100;
  }

  private campaigns(code: string, year: number, gang: Gang | undefined): string {
    const f = family(code);
    const list: string[] = [];
    if (f === 'relic') list.push(`relic-${year}`);
    if (f === 'fraud') list.push(`fraud-${year}`);
    if (year === 2020 && (code === 'fraud.telecom' || code === 'fraud.asset_unfreezing')) list.push('yunjian-2020');
    if (f === 'gang' || (gang && gang.kind !== 'other')) list.push('sweep-gangs');
    if (code === 'environment.pollution') list.push(`kunlun-${year}`);
    if (code === 'environment.fishing' && year === 2020) list.push('fishing-2020');
    if (year === 2019 && (f === 'property' || code === 'violent.robbery')) list.push('theft-robbery-fraud-2019');
    return list.join(',');
  }

  private ordinaryCase(spec: D.CategorySpec, leaf: Leaf, reported: number, gang: Gang | undefined): void {
    const r = this.rng;
    const f = family(spec.code);
    const caseId = r.uuid();
    const caseNo = this.caseNo(leaf, reported);
    const occurred = reported - Math.min(3 * 365 * DAY, Math.floor(r.logNormal(spec.lagHours * HOUR, 1)));

    // Lifecycle: each stage after the previous one, none after the snapshot date.
    let filed: number | null = null, solved: number | null = null, prosecuted: number | null = null;
    let closed: number | null = null, dismissed: number | null = null, dismissalReason: string | null = null;
    const fileDelay = () => Math.floor(f === 'fraud' || f === 'drugs' ? r.next() * 12 * HOUR : r.logNormal(12 * HOUR, 1.2));
    if (r.chance(spec.dismiss)) {
      if (r.chance(0.4)) filed = cap(reported + fileDelay());
      dismissed = cap((filed ?? reported) + (filed ? r.int(10, 200) : r.int(1, 10)) * DAY + r.int(0, 8 * HOUR));
      if (dismissed !== null) dismissalReason = r.pick(D.DISMISSAL_REASONS);
    } else if (!r.chance(0.004)) {
      filed = cap(reported + fileDelay());
      if (filed !== null) {
        if (gang) {
          solved = gang.dismantledAt !== null ? cap(Math.max(filed, gang.dismantledAt - Math.floor(r.next() * 3 * DAY)))
            : r.chance(0.25) ? cap(filed + Math.floor(r.logNormal(spec.solveDays * DAY, 1))) : null;
        } else if (r.chance(spec.solve)) {
          solved = cap(filed + Math.floor(r.logNormal(spec.solveDays * DAY, 1)));
        }
      }
      if (solved !== null) {
        if (r.chance(0.85)) prosecuted = cap(solved + Math.floor(r.logNormal(40 * DAY, 0.6)));
        if (prosecuted !== null ? r.chance(0.6) : r.chance(0.08)) closed = cap((prosecuted ?? solved) + Math.floor(r.logNormal(prosecuted ? 120 * DAY : 30 * DAY, 0.5)));
      }
    }
    const status = dismissed !== null ? 'dismissed' : closed !== null ? 'closed' : prosecuted !== null ? 'prosecuted'
      : solved !== null ? 'solved' : filed !== null ? 'filed' : 'reported';

    // Victims and suspects.
    const detail = pickDetail(r, spec.code, leaf.provinceCode);
    const itemLoss = spec.code === 'property.theft' ? D.THEFT_ITEMS.find(([item]) => item === detail.item) : undefined;
    const loss = this.loss(spec, itemLoss ? [itemLoss[1], itemLoss[2]] : null);
    const inCase = new Set<string>();
    let victimMask: string | null = null;
    if (spec.victims !== 'none' && !r.chance(spec.code === 'other' ? 0.5 : 0.05)) {
      const victims = f === 'violent' && r.chance(0.06) ? 2 : 1;
      for (let i = 0; i < victims; i++) {
        const elder = spec.victims === 'elder' || (f === 'fraud' && r.chance(0.2));
        const male = spec.code === 'violent.rape' ? false : r.chance(0.5);
        const v = this.person(this.homeOf(leaf, 0.9), reported, this.birth(reported, elder ? 60 : 16, elder ? 85 : 70), male);
        victimMask ??= v.mask;
        inCase.add(v.id);
        this.t.parties.push(caseId, v.id, 'victim', 'none', null, null, null);
      }
    }
    if ((f === 'violent' || spec.code === 'other') && r.chance(0.05)) {
      const w = this.person(this.homeOf(leaf, 0.9), reported, this.birth(reported, 18, 70), r.chance(0.5));
      inCase.add(w.id);
      this.t.parties.push(caseId, w.id, 'witness', 'none', null, null, null);
    }

    const suspects: Person[] = [];
    if (gang) {
      const n = Math.min(gang.members.length, gang.kind === 'criminal_organisation' ? r.int(2, 4) : r.int(1, 2));
      const start = r.int(0, gang.members.length - 1);
      for (let i = 0; i < n; i++) suspects.push(gang.members[(start + i) % gang.members.length]!);
    } else if (solved !== null || (filed !== null && r.chance(0.06))) {
      const x = r.next();
      const n = solved === null ? 1 : x < 0.8 ? 1 : x < 0.93 ? 2 : x < 0.97 ? 3 : r.int(4, 6);
      const recent = this.recentSuspects.get(leaf.cityCode);
      for (let i = 0; i < n; i++) {
        let s: Person | undefined;
        // Repeat offenders: one suspect often answers for several cases of a city.
        if (recent?.length && r.chance(0.15)) s = r.pick(recent);
        if (!s || inCase.has(s.id)) {
          s = this.person(this.homeOf(leaf, 0.75), reported, this.birth(reported, 18, 60), r.chance(0.85));
          if (recent) {
            if (recent.length >= 64) recent[r.int(0, 63)] = s;
            else recent.push(s);
          } else this.recentSuspects.set(leaf.cityCode, [s]);
        }
        if (inCase.has(s.id)) continue;
        inCase.add(s.id);
        suspects.push(s);
      }
    }
    let arrestedCount = 0;
    suspects.forEach((s, i) => {
      let arrested: number | null = null;
      let wanted: number | null = null;
      let captured: number | null = null;
      if (solved !== null) {
        arrested = i === 0 || gang ? solved + (i === 0 ? 0 : Math.floor(r.next() * 2 * DAY)) : cap(solved + Math.floor(r.logNormal(3 * DAY, 1.2)));
        if (i > 0 && r.chance(gang ? 0.08 : 0.14)) {
          wanted = solved + Math.floor(r.next() * 3 * DAY);
          captured = r.chance(0.75) ? cap(wanted + Math.floor(r.logNormal(60 * DAY, 1.2))) : null;
          arrested = captured;
        }
        arrested = cap(arrested);
        if (arrested === null && wanted === null) wanted = cap(solved + Math.floor(r.next() * 3 * DAY));
      } else if (filed !== null && !gang) {
        wanted = cap(filed + Math.floor(r.logNormal(20 * DAY, 1)));
      }
      let detained: number | null = null;
      let partyProsecuted: number | null = null;
      let partyStatus = 'at_large';
      if (arrested !== null) {
        arrestedCount++;
        partyStatus = 'arrested';
        if (r.chance(0.85)) {
          detained = cap(arrested + Math.floor(r.next() * DAY));
          if (detained !== null) partyStatus = 'detained';
        }
        if (prosecuted !== null && prosecuted >= (detained ?? arrested) && r.chance(0.92)) {
          partyProsecuted = prosecuted;
          partyStatus = 'prosecuted';
        } else if (r.chance(0.05)) partyStatus = 'released';
      } else if (solved === null && filed === null) partyStatus = 'none';
      this.t.parties.push(caseId, s.id, 'suspect', partyStatus, arrested, detained, partyProsecuted);
      if (wanted !== null) {
        const agency = r.chance(0.75) ? leaf.agencyId : r.pick(this.geo.policeAgencies);
        this.t.fugitives.push(r.uuid(), s.id, caseId, wanted, captured, captured !== null ? agency : null);
      }
    });

    // Text, supervision and the case row.
    const ctx: TextContext = {
      code: spec.code, provinceCode: leaf.provinceCode, place: leaf.place, occurred, victim: victimMask,
      suspect: suspects[0]?.mask ?? null, suspects: suspects.length, loss, gangName: gang?.name ?? null, leader: gang?.members[0]!.mask ?? suspects[0]?.mask ?? null,
      detail,
    };
    const { title, summary } = caseText(r, ctx);
    let supervision = 'none';
    let supervisionReason: string | null = null;
    let supervisionAt: number | null = null;
    const superviseP = 1.5 * spec.supervise * (gang ? 2 : 1) * (loss !== null && loss > 1e6 ? 10 : 1);
    if (filed !== null && dismissed === null && r.chance(superviseP)) {
      supervisionAt = cap(filed + Math.floor(r.next() * 30 * DAY));
      if (supervisionAt !== null) {
        supervision = r.chance(0.2) ? 'ministry' : 'province';
        supervisionReason = r.pick(D.SUPERVISION_REASONS[f] ?? D.SUPERVISION_REASONS.other!);
      }
    }
    const year = yearOf(reported);
    const last = Math.max(reported, filed ?? 0, solved ?? 0, prosecuted ?? 0, closed ?? 0, dismissed ?? 0, supervisionAt ?? 0);
    this.t.cases.push(caseId, caseNo, spec.code, title, summary, caseSearchTerms(`${title} ${summary}`), leaf.code, leaf.agencyId, status,
      occurred, reported, filed, solved, prosecuted, closed, dismissed, dismissalReason, supervision, supervisionReason, supervisionAt,
      loss === null ? null : loss.toFixed(2), this.campaigns(spec.code, year, gang), reported, last);
    this.events(caseId, reported, filed, solved, prosecuted, closed, dismissed, dismissalReason);
    if (gang) this.t.gangCases.push(gang.id, caseId);
    this.property(spec, caseId, reported, solved, loss, detail, arrestedCount);
    this.identifiers(spec, caseId, leaf, gang, suspects, detail.item);
  }

  private events(caseId: string, reported: number, filed: number | null, solved: number | null, prosecuted: number | null,
    closed: number | null, dismissed: number | null, reason: string | null): void {
    const e = this.t.events;
    e.push(caseId, reported, 'reported', null, reported);
    if (filed !== null) e.push(caseId, filed, 'filed', null, filed);
    if (solved !== null) e.push(caseId, solved, 'solved', null, solved);
    if (prosecuted !== null) e.push(caseId, prosecuted, 'prosecuted', null, prosecuted);
    if (closed !== null) e.push(caseId, closed, 'closed', null, closed);
    if (dismissed !== null) e.push(caseId, dismissed, 'dismissed', reason, dismissed);
  }

  private item(caseId: string, kind: string, quantity: number, unit: string, action: string, at: number | null, description: string | null): void {
    if (at === null || !(quantity > 0)) return;
    const q = unit === 'yuan' ? quantity.toFixed(2) : unit === 'kg' || unit === 'g' ? Math.max(0.001, quantity).toFixed(3) : String(Math.max(1, Math.round(quantity)));
    this.t.property.push(this.rng.uuid(), caseId, kind, q, unit, action, at, description, at);
  }

  private property(spec: D.CategorySpec, caseId: string, reported: number, solved: number | null, loss: number | null,
    x: ReturnType<typeof pickDetail>, arrested: number): void {
    const r = this.rng;
    const f = family(spec.code);
    const after = (from: number, days: number) => cap(from + Math.floor(r.next() * days * DAY));
    if (f === 'fraud' || spec.code === 'property.fraud') {
      if (loss !== null) {
        if (r.chance(0.45)) this.item(caseId, 'funds', loss * (0.1 + 0.8 * r.next()), 'yuan', 'stopped', after(reported, 0.5), '涉案账户紧急止付');
        if (r.chance(0.35)) this.item(caseId, 'funds', loss * (0.05 + 0.65 * r.next()), 'yuan', 'frozen', after(reported, 10), '涉案账户冻结');
        if (solved !== null && r.chance(0.4)) this.item(caseId, 'funds', loss * (0.05 + 0.55 * r.next()), 'yuan', 'returned', after(solved, 90), '返还受害人');
      }
      if (solved !== null && r.chance(0.3)) this.item(caseId, 'bank_card', r.int(1, 40), 'card', 'seized', solved, '涉诈银行卡');
      if (solved !== null && r.chance(0.2)) this.item(caseId, 'sim_card', r.int(1, 60), 'card', 'seized', solved, '涉诈电话卡');
    } else if (spec.code === 'property.theft' || spec.code === 'property.snatching' || spec.code === 'violent.robbery') {
      if (solved !== null && r.chance(0.65)) {
        if (['电动自行车', '摩托车', '汽车'].includes(x.item) && spec.code === 'property.theft') {
          const at = after(solved, 5);
          this.item(caseId, 'vehicle', 1, 'vehicle', 'recovered', at, x.item);
          if (at !== null && r.chance(0.7)) this.item(caseId, 'vehicle', 1, 'vehicle', 'returned', after(at, 20), x.item);
        } else if (loss !== null && r.chance(0.5)) {
          this.item(caseId, 'cash', loss * (0.2 + 0.8 * r.next()), 'yuan', 'recovered', after(solved, 5), '追缴赃款');
        } else {
          const at = after(solved, 10);
          const n = r.int(1, 5);
          this.item(caseId, 'other', n, 'item', 'recovered', at, spec.code === 'property.theft' ? x.item : '被抢财物');
          if (at !== null && r.chance(0.5)) this.item(caseId, 'other', n, 'item', 'returned', after(at, 30), '发还被害人');
        }
      }
    } else if (f === 'relic') {
      if (spec.code === 'relic.smuggling') {
        this.item(caseId, 'cultural_relic', x.count, 'piece', 'seized', reported, `${x.dynasty}${x.object}`);
      } else if (solved !== null && spec.code !== 'relic.damage') {
        const rows = r.int(1, 3);
        for (let i = 0; i < rows; i++) {
          const object = i === 0 ? x.object : r.pick(D.RELIC_OBJECTS);
          const n = Math.ceil(r.logNormal(spec.code === 'relic.trafficking' ? 8 : 4, 1));
          const at = after(solved, 60);
          const set = r.chance(0.1);
          this.item(caseId, 'cultural_relic', set ? Math.max(1, Math.round(n / 4)) : n, set ? 'set' : 'piece', r.chance(0.6) ? 'recovered' : 'seized', at, `${x.dynasty}${object}`);
          if (at !== null && r.chance(0.15)) this.item(caseId, 'cultural_relic', Math.max(1, Math.floor(n / 2)), 'piece', 'returned', after(at, 120), `${x.dynasty}${object}（移交文物部门）`);
        }
      }
    } else if (f === 'drugs') {
      if (solved !== null) {
        const grams = spec.code === 'drugs.trafficking' ? r.logNormal(80, 2) : r.logNormal(3, 1.2);
        if (grams >= 1000) this.item(caseId, 'drugs', grams / 1000, 'kg', 'seized', solved, x.drug);
        else this.item(caseId, 'drugs', Math.round(grams * 100) / 100, 'g', 'seized', solved, x.drug);
        if (spec.code === 'drugs.trafficking' && r.chance(0.25)) this.item(caseId, 'cash', r.logNormal(20000, 1), 'yuan', 'seized', solved, '毒资');
      }
    } else if (spec.code === 'environment.fishing') {
      this.item(caseId, 'catch', r.logNormal(30, 1.2), 'kg', 'seized', after(reported, 0.2), '渔获物');
      if (r.chance(0.4)) this.item(caseId, 'vessel', r.int(1, 2), 'vessel', 'seized', after(reported, 0.2), '作案船只');
    } else if (spec.code === 'environment.sand_mining') {
      if (r.chance(0.4)) this.item(caseId, 'vessel', r.int(1, 3), 'vessel', 'seized', after(reported, 1), '采砂船');
      if (r.chance(0.3)) this.item(caseId, 'vehicle', r.int(1, 4), 'vehicle', 'seized', after(reported, 1), '运砂车辆');
      if (r.chance(0.5)) this.item(caseId, 'other', x.count * 800 * 1000, 'kg', 'seized', after(reported, 1), '非法开采河砂');
    } else if (spec.code === 'environment.pollution') {
      if (r.chance(0.7)) this.item(caseId, 'other', x.count * 7000, 'kg', 'seized', after(reported, 3), '危险废物');
    } else if (spec.code === 'firearms') {
      if (r.chance(0.8)) this.item(caseId, 'firearm', r.int(1, 3), 'piece', 'seized', after(reported, 3), r.pick(['火药枪', '猎枪', '仿真枪']));
      if (r.chance(0.4)) this.item(caseId, 'other', r.int(1, 200), 'item', 'seized', after(reported, 3), r.pick(['子弹', '雷管', '炸药']));
    } else if (f === 'gang') {
      if (solved !== null) {
        if (r.chance(0.5)) this.item(caseId, 'cash', r.logNormal(200000, 1.5), 'yuan', 'seized', after(solved, 10), '涉黑涉恶资金');
        if (r.chance(0.4)) this.item(caseId, 'funds', r.logNormal(1000000, 1.5), 'yuan', 'frozen', after(solved, 20), '涉黑涉恶资产');
        if (r.chance(0.4)) this.item(caseId, 'vehicle', r.int(1, 6), 'vehicle', 'seized', after(solved, 10), '涉案车辆');
      }
    } else if (f === 'violent') {
      if (solved !== null && arrested > 0 && r.chance(0.4)) this.item(caseId, 'other', 1, 'item', 'seized', solved, `作案工具（${x.weapon}）`);
    } else if (solved !== null && r.chance(0.1)) {
      this.item(caseId, 'other', r.int(1, 3), 'item', 'seized', solved, '涉案物品');
    }
  }

  private identifiers(spec: D.CategorySpec, caseId: string, leaf: Leaf, gang: Gang | undefined, suspects: Person[], item: string): void {
    const r = this.rng;
    const seen = new Set<string>();
    const add = (kind: string, value: string | null | undefined) => {
      if (!value) return;
      const key = `${kind}:${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      this.t.identifiers.push(caseId, kind, value);
    };
    if (gang) {
      const takeFrom = (pool: string[], kind: string, min: number, max: number) => {
        if (!pool.length) return;
        const n = r.int(min, max);
        for (let i = 0; i < n; i++) add(kind, r.pick(pool));
      };
      takeFrom(gang.phones, 'phone', 1, 2);
      takeFrom(gang.accounts, 'bank_account', family(spec.code) === 'fraud' ? 1 : 0, 2);
      takeFrom(gang.plates, 'plate', 0, 1);
    } else if (family(spec.code) === 'fraud') {
      // Receiving account and caller's phone; one case in ten reuses a mule card seen before.
      for (const kind of ['bank_account', 'phone'] as const) {
        if (this.mules.length > 20 && r.chance(0.1)) {
          const m = r.pick(this.mules.filter((x) => x.kind === kind).slice(-200));
          add(kind, m?.value);
        } else {
          const value = kind === 'phone' ? this.phone() : this.account();
          add(kind, value);
          if (r.chance(0.05)) {
            if (this.mules.length >= 2000) this.mules[r.int(0, 1999)] = { kind, value };
            else this.mules.push({ kind, value });
          }
        }
      }
    } else if (spec.code === 'property.theft' && ['汽车', '摩托车'].includes(item)) {
      add('plate', this.plate(leaf));
    }
    for (const s of suspects) {
      if (gang || r.chance(0.2)) add('id_number', s.idNumber);
      if (gang && s.phone && r.chance(0.3)) add('phone', s.phone);
    }
  }

  /** A homicide of years ago, solved now: reported and filed then, the suspect a fugitive since. */
  private coldCase(solvedAt: number): void {
    const r = this.rng;
    const band = new Weighted([[1, 9], [10, 19], [20, 29], [30, 37]] as const, [14, 52, 63, 6]).pick(r);
    const years = r.int(band[0], band[1]);
    const occurred = solvedAt - Math.floor((years * 365.25 + r.next() * 300) * DAY);
    const reported = occurred + Math.floor(r.next() * 48 * HOUR);
    const filed = reported + Math.floor(r.next() * 2 * DAY);
    const leaf = this.geo.byProfile.default.pick(r);
    const caseId = r.uuid();
    const caseNo = this.caseNo(leaf, reported);
    const prosecuted = cap(solvedAt + Math.floor(r.logNormal(45 * DAY, 0.5)));
    const closed = prosecuted !== null && r.chance(0.5) ? cap(prosecuted + Math.floor(r.logNormal(150 * DAY, 0.4))) : null;
    const status = closed !== null ? 'closed' : prosecuted !== null ? 'prosecuted' : 'solved';
    const victim = this.person(this.homeOf(leaf, 0.9), reported, this.birth(occurred, 16, 60), r.chance(0.6), false);
    const suspect = this.person(this.homeOf(leaf, 0.8), solvedAt, this.birth(occurred, 18, 45), r.chance(0.95));
    this.t.parties.push(caseId, victim.id, 'victim', 'none', null, null, null);
    const detained = cap(solvedAt + Math.floor(r.next() * DAY));
    this.t.parties.push(caseId, suspect.id, 'suspect', prosecuted !== null ? 'prosecuted' : detained !== null ? 'detained' : 'arrested', solvedAt, detained, prosecuted);
    this.t.fugitives.push(r.uuid(), suspect.id, caseId, filed + Math.floor(r.next() * 30 * DAY), solvedAt,
      r.chance(0.5) ? leaf.agencyId : r.pick(this.geo.policeAgencies));
    const detail = pickDetail(r, 'violent.homicide', leaf.provinceCode);
    const ctx: TextContext = {
      code: 'violent.homicide', provinceCode: leaf.provinceCode, place: leaf.place, occurred, victim: victim.mask, suspect: suspect.mask,
      suspects: 1, loss: null, gangName: null, leader: null, detail,
    };
    const { title, summary } = coldCaseText(r, ctx, solvedAt, Math.round((solvedAt - filed) / (365.25 * DAY)));
    const supervised = r.chance(0.3);
    const supervisionAt = supervised ? solvedAt - Math.floor(r.next() * 200 * DAY) : null;
    const campaigns = yearOf(solvedAt) === 2020 ? 'yunjian-2020' : '';
    const last = Math.max(solvedAt, prosecuted ?? 0, closed ?? 0, supervisionAt ?? 0);
    this.t.cases.push(caseId, caseNo, 'violent.homicide', title, summary, caseSearchTerms(`${title} ${summary}`), leaf.code, leaf.agencyId, status,
      occurred, reported, filed, solvedAt, prosecuted, closed, null, null, supervised ? (r.chance(0.3) ? 'ministry' : 'province') : 'none',
      supervised ? '命案积案，需集中攻坚' : null, supervisionAt, null, campaigns, reported, last);
    this.events(caseId, reported, filed, solvedAt, prosecuted, closed, null, null);
    this.identifiers(SPECS.get('violent.homicide')!, caseId, leaf, undefined, [suspect], '');
  }
}

// ---------------------------------------------------------------------------------------------
// Entry points

const emptyCounts = (): GeneratedCounts => ({
  cases: 0, persons: 0, parties: 0, fugitives: 0, gangs: 0, gangMembers: 0, gangCases: 0, property: 0, identifiers: 0, events: 0,
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Adds `cases` synthetic cases (with their people, gangs, property, identifiers and timelines) to
 * a migrated database that has public-security agencies (the demo set). Only inserts; a second run
 * on the same database needs another prefix (case numbers are unique).
 */
export async function generateCases(db: Db, options: GenerateOptions): Promise<GeneratedCounts> {
  const total = Math.floor(options.cases);
  const prefix = options.prefix ?? DEMO_PREFIX;
  if (!/^[A-Z][A-Z0-9]{0,3}$/.test(prefix)) throw new Error(`generateCases: prefix must be 1–4 upper-case letters or digits, got ${prefix}`);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2500));
  const counts = emptyCounts();
  if (!(total > 0)) return counts;
  const generator = new CaseGenerator(await loadGeography(db), total, options.seed ?? 1, prefix);
  let pending: Promise<unknown> | null = null;
  let done = 0;
  const slice = Math.min(batchSize, 500);
  while (generator.index < total) {
    const tables = newTables();
    generator.t = tables;
    const end = Math.min(total, generator.index + batchSize);
    // Generate in slices, letting the driver push the previous chunk to the server meanwhile.
    while (generator.index < end) {
      const stop = Math.min(end, generator.index + slice);
      while (generator.index < stop) generator.next();
      if (pending) await tick();
    }
    const statement = chunkStatement(tables);
    if (pending) {
      await pending;
      done = counts.cases;
      options.onProgress?.(done);
    }
    const counted = {
      cases: tables.cases.length, persons: tables.persons.length, parties: tables.parties.length, fugitives: tables.fugitives.length,
      gangs: tables.gangs.length, gangMembers: tables.gangMembers.length, gangCases: tables.gangCases.length, property: tables.property.length,
      identifiers: tables.identifiers.length, events: tables.events.length,
    };
    const sent = db.execute(statement).then(() => {
      for (const key of Object.keys(counts) as Array<keyof GeneratedCounts>) counts[key] += counted[key];
    });
    sent.catch(() => undefined);
    pending = sent;
    await tick();
  }
  if (pending) await pending;
  if (counts.cases !== done) options.onProgress?.(counts.cases);
  return counts;
}

/**
 * The demo's cases: a fixed seed and count, case numbers `A<jurisdiction>-<year>-<n>`. Does nothing
 * (and returns zero counts) when such cases already exist, so it is safe to call on every start.
 * Needs the demo agencies (seedDemo) first.
 */
export async function seedDemoCases(db: Db, options: { cases?: number } = {}): Promise<GeneratedCounts> {
  // The generator's numbers look like A150402-2019-000123.
  const existing = rowsOf(await db.execute(sql`select 1 from cases where case_no like ${`${DEMO_PREFIX}______-____-%`} limit 1`));
  if (existing.length) return emptyCounts();
  return generateCases(db, { cases: options.cases ?? DEMO_CASE_COUNT, seed: DEMO_SEED, prefix: DEMO_PREFIX });
}
