// Rows of one chunk of generated data, column by column, and the one statement that inserts them:
// an INSERT … SELECT FROM unnest(…) per table, chained as data-modifying CTEs, every column passed
// as one PostgreSQL array literal (the same SQL on PGlite and on a server).
import { type SQL, sql } from 'drizzle-orm';

export type Cell = string | number | null;

export class Table {
  readonly columns: Cell[][];
  length = 0;
  constructor(
    readonly name: string,
    readonly spec: ReadonlyArray<readonly [column: string, type: string, expression?: string]>,
  ) {
    this.columns = spec.map(() => []);
  }
  push(...values: Cell[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i]!.push(values[i]!);
    this.length++;
  }
}

const ts = (c: string) => `to_timestamp(${c})`;

export function newTables() {
  return {
    persons: new Table('persons', [
      ['id', 'uuid'],
      ['name', 'text'],
      ['id_number', 'text'],
      ['phone', 'text'],
      ['jurisdiction_code', 'text'],
      ['created_at', 'float8', ts('created_at')],
    ]),
    gangs: new Table('gangs', [
      ['id', 'uuid'],
      ['gang_ref', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['jurisdiction_code', 'text'],
      ['agency_id', 'uuid'],
      ['dismantled_at', 'float8', ts('dismantled_at')],
      ['created_at', 'float8', ts('created_at')],
    ]),
    gangMembers: new Table('gang_members', [
      ['gang_id', 'uuid'],
      ['person_id', 'uuid'],
      ['is_leader', 'bool'],
    ]),
    cases: new Table('cases', [
      ['id', 'uuid'],
      ['case_no', 'text'],
      ['category_code', 'text'],
      ['title', 'text'],
      ['summary', 'text'],
      ['search_terms', 'text', `strip(to_tsvector('simple', search_terms))`],
      ['jurisdiction_code', 'text'],
      ['agency_id', 'uuid'],
      ['status', 'text'],
      ['occurred_at', 'float8', ts('occurred_at')],
      ['reported_at', 'float8', ts('reported_at')],
      ['filed_at', 'float8', ts('filed_at')],
      ['solved_at', 'float8', ts('solved_at')],
      ['prosecuted_at', 'float8', ts('prosecuted_at')],
      ['closed_at', 'float8', ts('closed_at')],
      ['dismissed_at', 'float8', ts('dismissed_at')],
      ['dismissal_reason', 'text'],
      ['supervision', 'text'],
      ['supervision_reason', 'text'],
      ['supervision_set_at', 'float8', ts('supervision_set_at')],
      ['loss_amount', 'numeric'],
      ['campaign_codes', 'text', `string_to_array(campaign_codes, ',')`],
      ['created_at', 'float8', ts('created_at')],
      ['updated_at', 'float8', ts('updated_at')],
    ]),
    parties: new Table('case_parties', [
      ['case_id', 'uuid'],
      ['person_id', 'uuid'],
      ['role', 'text'],
      ['status', 'text'],
      ['arrested_at', 'float8', ts('arrested_at')],
      ['detained_at', 'float8', ts('detained_at')],
      ['prosecuted_at', 'float8', ts('prosecuted_at')],
    ]),
    fugitives: new Table('fugitives', [
      ['id', 'uuid'],
      ['person_id', 'uuid'],
      ['case_id', 'uuid'],
      ['wanted_since', 'float8', ts('wanted_since')],
      ['captured_at', 'float8', ts('captured_at')],
      ['capturing_agency_id', 'uuid'],
    ]),
    gangCases: new Table('gang_cases', [
      ['gang_id', 'uuid'],
      ['case_id', 'uuid'],
    ]),
    property: new Table('property_items', [
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['kind', 'text'],
      ['quantity', 'numeric'],
      ['unit', 'text'],
      ['action', 'text'],
      ['at', 'float8', ts('at')],
      ['description', 'text'],
      ['created_at', 'float8', ts('created_at')],
    ]),
    identifiers: new Table('case_identifiers', [
      ['case_id', 'uuid'],
      ['kind', 'text'],
      ['value', 'text'],
    ]),
    events: new Table('case_events', [
      ['case_id', 'uuid'],
      ['at', 'float8', ts('at')],
      ['kind', 'text'],
      ['note', 'text'],
      ['recorded_at', 'float8', ts('recorded_at')],
    ]),
  };
}
export type Tables = ReturnType<typeof newTables>;

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
export function chunkStatement(t: Tables): SQL {
  const order = [t.persons, t.gangs, t.gangMembers, t.cases, t.parties, t.fugitives, t.gangCases, t.property, t.identifiers, t.events];
  return sql`with ${sql.join(order.filter((x) => x.length > 0).map(insertCte), sql`, `)} select 1 as done`;
}
