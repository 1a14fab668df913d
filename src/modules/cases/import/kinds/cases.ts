import { sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client.ts';
import { CopyRows } from '../../../../db/copy.ts';
import { deferCaseFacts } from '../../../stats/index.ts';
import { type CaseStatus, SUPERVISION_LEVELS, type SupervisionLevel } from '../../schema.ts';
import { own, type RowCheck } from '../rows.ts';
import { caseTermsSql, caseTermsVector } from '../search-terms.ts';
import {
  checkJurisdictions,
  JurisdictionLookup,
  jsonList,
  jurisdictionCell,
  type KindContext,
  type KindHandler,
  present,
  type RowRecord,
  rowsOf,
  selectSet,
} from './shared.ts';

export const CASE_COLUMNS = [
  'case_no',
  'category',
  'jurisdiction',
  'title',
  'occurred_at',
  'reported_at',
  'filed_at',
  'solved_at',
  'prosecuted_at',
  'closed_at',
  'supervision',
  'loss_amount',
  'campaigns',
  'summary',
  'agency',
  'dismissed_at',
  'dismissal_reason',
  'status',
] as const;

interface CaseRecord extends RowRecord {
  case_no: string;
  category: string;
  title: string;
  summary?: string;
  jurisdiction: string;
  agency?: string;
  status: CaseStatus;
  occurred_at?: number;
  reported_at: number;
  filed_at?: number;
  solved_at?: number;
  prosecuted_at?: number;
  closed_at?: number;
  dismissed_at?: number;
  dismissal_reason?: string;
  supervision: SupervisionLevel;
  loss_amount?: string;
  campaigns?: string[];
  /** Search terms as a tsvector literal, or (for text a literal cannot carry safely) the terms for to_tsvector. */
  tsv?: string;
  terms?: string;
}

/** The columns `write` fills, in its order, for COPY (see `copy.encode`). */
const COPY_COLUMNS = [
  'case_no',
  'category_code',
  'title',
  'summary',
  'jurisdiction_code',
  'agency_id',
  'status',
  'occurred_at',
  'reported_at',
  'filed_at',
  'solved_at',
  'prosecuted_at',
  'closed_at',
  'dismissed_at',
  'dismissal_reason',
  'supervision',
  'supervision_set_by',
  'supervision_set_at',
  'loss_amount',
  'campaign_codes',
  'search_terms',
  'created_by',
] as const;

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const CAMPAIGN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** dismissed, else closed → prosecuted → solved → filed → reported: the furthest stage that has a date. */
export function caseStatusOf(dates: { filed: unknown; solved: unknown; prosecuted: unknown; closed: unknown; dismissed?: unknown }): CaseStatus {
  if (dates.dismissed != null) return 'dismissed';
  if (dates.closed != null) return 'closed';
  if (dates.prosecuted != null) return 'prosecuted';
  if (dates.solved != null) return 'solved';
  if (dates.filed != null) return 'filed';
  return 'reported';
}

/** What the rows of one file have shown so far, for the checks of later rows and batches. */
interface SeenCases {
  firstRowOf: Map<string, number>;
  /** Rows whose case number an earlier row of the file has (reported once, as a repeat). */
  repeats: Set<number>;
  jurisdictions: JurisdictionLookup;
  /** Agencies named in the file: whether each exists within the importer's subtree. */
  agencies: Map<string, boolean>;
}

export function casesHandler(): KindHandler<CaseRecord> {
  let categories = new Set<string>();
  const seen: SeenCases = { firstRowOf: new Map(), repeats: new Set(), jurisdictions: new JurisdictionLookup(), agencies: new Map() };

  return {
    columns: CASE_COLUMNS,
    required: ['case_no', 'category', 'jurisdiction', 'title', 'reported_at'],
    bulkTable: 'cases',

    async startBulk(tx, rollupsDeferred) {
      // The import is most of the table: its cases' facts are collected once from the rows at the end
      // instead of by the rollup trigger after every batch (see stats/rollups.ts).
      if (rollupsDeferred) await deferCaseFacts(tx);
    },

    async prepare(ctx) {
      categories = await selectSet(ctx.db, sql`select code as v from case_categories`);
    },

    checkRow: (c: RowCheck) => checkCaseRow(c, categories, seen),

    async checkBatch(ctx: KindContext, batch: CaseRecord[]) {
      await checkJurisdictions(ctx, seen.jurisdictions, batch, (r) => r.jurisdiction, 'jurisdiction');
      await checkCaseNumbersFree(ctx, batch, seen.repeats);
      await settleAgencies(ctx, batch, seen);
    },

    prepareWrite(rows) {
      for (const r of rows) {
        const text = r.summary ? `${r.title} ${r.summary}` : r.title;
        const vector = caseTermsVector(text);
        if (vector === null) r.terms = caseTermsSql(text);
        else r.tsv = vector;
        // (a tsvector literal is cheaper for the database to read than text for to_tsvector to parse)
      }
    },

    copy: { table: 'cases', columns: COPY_COLUMNS, encode: encodeCopyRows },

    write: writeCases,
  };
}

/** One row's own checks: its case number (repeats in the file), vocabulary, lifecycle dates and other cells. */
function checkCaseRow(c: RowCheck, categories: Set<string>, seen: SeenCases): CaseRecord {
  const caseNo = checkCaseNo(c, seen);
  const category = c.text('category', { required: true, max: 100 });
  if (category && !categories.has(category)) c.fail('category', category, 'import.unknown_category');
  const jurisdiction = jurisdictionCell(c, 'jurisdiction');
  const title = c.text('title', { required: true, max: 500 });
  const summary = c.text('summary', { max: 20_000 });
  const supervision = c.oneOf('supervision', SUPERVISION_LEVELS, { fallback: 'none' });
  const dates = checkLifecycleDates(c);
  const dismissalReason = c.text('dismissal_reason', { max: 2000 });
  if (dates.dismissed != null && !dismissalReason) c.fail('dismissal_reason', '', 'import.reason_required');
  const amountText = checkAmount(c);
  const campaigns = checkCampaigns(c);
  const agency = c.raw('agency');
  if (agency !== '' && !UUID.test(agency)) c.fail('agency', agency, 'import.invalid_agency');

  const status = caseStatusOf(dates);
  const statusText = c.raw('status');
  if (statusText !== '' && c.ok && statusText !== status) c.fail('status', statusText, 'import.status_mismatch', { derived: status });
  const record: CaseRecord = {
    row: c.row,
    case_no: caseNo!,
    category: category!,
    title: title!,
    jurisdiction: jurisdiction!,
    status,
    reported_at: dates.reported as number,
    supervision: supervision!,
  };
  if (summary) record.summary = summary;
  if (agency && UUID.test(agency)) record.agency = agency.toLowerCase();
  if (dates.occurred != null) record.occurred_at = dates.occurred;
  if (dates.filed != null) record.filed_at = dates.filed;
  if (dates.solved != null) record.solved_at = dates.solved;
  if (dates.prosecuted != null) record.prosecuted_at = dates.prosecuted;
  if (dates.closed != null) record.closed_at = dates.closed;
  if (dates.dismissed != null) record.dismissed_at = dates.dismissed;
  if (dismissalReason) record.dismissal_reason = dismissalReason;
  if (amountText) record.loss_amount = amountText;
  if (campaigns?.length) record.campaigns = campaigns;
  return record;
}

function checkCaseNo(c: RowCheck, seen: SeenCases): string | null | undefined {
  const caseNo = c.text('case_no', { required: true, max: 64, noSpaces: true });
  if (caseNo) {
    const first = seen.firstRowOf.get(caseNo);
    if (first !== undefined) {
      c.fail('case_no', caseNo, 'import.duplicate_in_file', { row: first });
      seen.repeats.add(c.row);
    } else seen.firstRowOf.set(own(caseNo), c.row);
  }
  return caseNo;
}

type DateCell = number | null | undefined;
interface LifecycleDates {
  occurred: DateCell;
  reported: DateCell;
  filed: DateCell;
  solved: DateCell;
  prosecuted: DateCell;
  closed: DateCell;
  dismissed: DateCell;
}

/**
 * The lifecycle in dates: occurred ≤ reported ≤ filed ≤ solved ≤ prosecuted; closing follows solving
 * (and prosecution); a case is dismissed before it is solved, from reported or filed.
 */
function checkLifecycleDates(c: RowCheck): LifecycleDates {
  const occurred = c.date('occurred_at');
  const reported = c.date('reported_at', { required: true });
  const filed = c.date('filed_at');
  const solved = c.date('solved_at');
  const prosecuted = c.date('prosecuted_at');
  const closed = c.date('closed_at');
  const dismissed = c.date('dismissed_at');
  c.notBefore('reported_at', reported, 'occurred_at', occurred);
  c.notBefore('filed_at', filed, 'reported_at', reported);
  c.notBefore('solved_at', solved, 'filed_at', filed);
  c.notBefore('prosecuted_at', prosecuted, 'solved_at', solved);
  c.notBefore('closed_at', closed, 'reported_at', reported);
  c.notBefore('closed_at', closed, 'solved_at', solved);
  c.notBefore('closed_at', closed, 'prosecuted_at', prosecuted);
  c.requires('solved_at', solved, 'filed_at', filed);
  c.requires('prosecuted_at', prosecuted, 'solved_at', solved);
  c.requires('closed_at', closed, 'solved_at', solved);
  c.notBefore('dismissed_at', dismissed, 'reported_at', reported);
  c.notBefore('dismissed_at', dismissed, 'filed_at', filed);
  if (dismissed != null) {
    for (const [column, at] of [
      ['solved_at', solved],
      ['prosecuted_at', prosecuted],
      ['closed_at', closed],
    ] as const) {
      if (at != null) c.fail('dismissed_at', c.raw('dismissed_at'), 'import.date_excludes', { other: column });
    }
  }
  return { occurred, reported, filed, solved, prosecuted, closed, dismissed };
}

/** The loss amount without thousands separators ('' when empty). */
function checkAmount(c: RowCheck): string {
  const amountText = c.raw('loss_amount').replace(/,/g, '');
  if (amountText !== '' && !AMOUNT.test(amountText)) c.fail('loss_amount', c.raw('loss_amount'), 'import.invalid_amount');
  return amountText;
}

/** Campaign codes separated by ; or ；, each once. */
function checkCampaigns(c: RowCheck): string[] | undefined {
  const campaignText = c.raw('campaigns');
  if (campaignText === '') return undefined;
  const campaigns = [
    ...new Set(
      campaignText
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = campaigns.filter((code) => !CAMPAIGN.test(code));
  if (bad.length) c.fail('campaigns', campaignText, 'import.invalid_campaign');
  return campaigns;
}

/** Case numbers already in the database (a repeat within the file is reported once, as a repeat). */
async function checkCaseNumbersFree(ctx: KindContext, batch: CaseRecord[], repeats: Set<number>): Promise<void> {
  const taken = await selectSet(ctx.db, sql`select case_no as v from cases where case_no in ${jsonList(present(batch, 'case_no'))}`);
  for (const r of batch) {
    if (r.case_no !== undefined && taken.has(r.case_no) && !repeats.has(r.row)) ctx.sink.add(r.row, 'case_no', r.case_no, 'import.case_no_exists');
  }
}

/** Agencies named in the file must exist (and lie within the importer's subtree); others default (importer's, given, or the police at or above). */
async function settleAgencies(ctx: KindContext, batch: CaseRecord[], seen: SeenCases): Promise<void> {
  const { agencies, jurisdictions } = seen;
  const named = [...new Set(present(batch, 'agency'))].filter((a) => !agencies.has(a));
  if (named.length) {
    const inScope = ctx.viewer
      ? sql`exists (select 1 from jurisdiction_ancestors a where a.ancestor_code = ${ctx.viewer.jurisdictionCode} and a.descendant_code = ag.jurisdiction_code)`
      : sql`true`;
    const found = rowsOf<{ id: string; ok: boolean }>(
      await ctx.db.execute(sql`select ag.id::text as id, ${inScope} as ok from agencies ag where ag.id::text in ${jsonList(named)}`),
    );
    for (const id of named) agencies.set(own(id), false);
    for (const f of found) agencies.set(f.id, f.ok);
  }
  for (const r of batch) {
    if (r.agency) {
      if (!agencies.get(r.agency)) ctx.sink.add(r.row, 'agency', r.agency, 'import.unknown_agency');
      continue;
    }
    if (r.jurisdiction === undefined) continue;
    const place = jurisdictions.get(r.jurisdiction);
    if (!place) continue;
    const fallback = ctx.viewer?.agencyId ?? ctx.defaultAgencyId ?? place.policeAgency;
    if (fallback) r.agency = fallback;
    else ctx.sink.add(r.row, 'jurisdiction', r.jurisdiction, 'import.no_agency');
  }
}

/** The rows COPY can take (see CopyWriter), as COPY text; the others (terms only to_tsvector can read) go through `write`. */
function encodeCopyRows(ctx: KindContext, rows: CaseRecord[], now: string): { data: Buffer; rest: CaseRecord[] } {
  const by = ctx.actor.userId;
  const out = new CopyRows(rows.length * 600);
  const rest: CaseRecord[] = [];
  for (const r of rows) {
    if (r.tsv === undefined) {
      rest.push(r);
      continue;
    }
    const supervised = r.supervision !== 'none';
    out
      .text(r.case_no)
      .text(r.category)
      .text(r.title)
      .text(r.summary ?? '')
      .text(r.jurisdiction)
      .text(r.agency)
      .text(r.status)
      .timestamp(r.occurred_at)
      .timestamp(r.reported_at)
      .timestamp(r.filed_at)
      .timestamp(r.solved_at)
      .timestamp(r.prosecuted_at)
      .timestamp(r.closed_at)
      .timestamp(r.dismissed_at)
      .text(r.dismissal_reason)
      .text(r.supervision)
      .text(supervised ? by : null)
      .text(supervised ? now : null)
      .text(r.loss_amount)
      .textArray(r.campaigns ?? [])
      .text(r.tsv)
      .text(by)
      .end();
  }
  return { data: out.bytes(), rest };
}

async function writeCases(tx: Tx, ctx: KindContext, json: string): Promise<void> {
  const by = ctx.actor.userId;
  await tx.execute(sql`
    insert into cases (case_no, category_code, title, summary, jurisdiction_code, agency_id, status, occurred_at, reported_at,
      filed_at, solved_at, prosecuted_at, closed_at, dismissed_at, dismissal_reason, supervision, supervision_set_by, supervision_set_at, loss_amount,
      campaign_codes, search_terms, created_by)
    select r.case_no, r.category, r.title, coalesce(r.summary, ''), r.jurisdiction, r.agency, r.status,
      to_timestamp(r.occurred_at / 1000.0), to_timestamp(r.reported_at / 1000.0), to_timestamp(r.filed_at / 1000.0),
      to_timestamp(r.solved_at / 1000.0), to_timestamp(r.prosecuted_at / 1000.0), to_timestamp(r.closed_at / 1000.0),
      to_timestamp(r.dismissed_at / 1000.0), r.dismissal_reason, r.supervision,
      case when r.supervision <> 'none' then ${by}::uuid end, case when r.supervision <> 'none' then now() end, r.loss_amount,
      coalesce(r.campaigns, '{}'::text[]), coalesce(r.tsv::tsvector, strip(to_tsvector('simple', r.terms))), ${by}::uuid
    from json_to_recordset(${json}::json) as r(case_no text, category text, title text, summary text, jurisdiction text, agency uuid,
      status text, occurred_at float8, reported_at float8, filed_at float8, solved_at float8,
      prosecuted_at float8, closed_at float8, dismissed_at float8, dismissal_reason text, supervision text, loss_amount numeric, campaigns text[], tsv text, terms text)`);
}
