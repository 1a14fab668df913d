import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { DomainError, type FieldError, invalid } from '../../core/errors.ts';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { getCase, queryTerms } from '../cases/index.ts';
import { getJurisdiction, isWithin, type Viewer } from '../org/index.ts';
import { findObjectInScope, type ObjectRow, objectScope } from './access.ts';
import { fieldProblems, type ObjectFields, publicSearchText } from './fields.ts';
import { allowedObjectActions, isEditable } from './lifecycle-rules.ts';
import { requireRelicPermission } from './policy.ts';
import { type ObjectStatus, relicObjectEvents, relicObjects, relicPhotos } from './schema.ts';
import type { ObjectAction } from './vocabulary.ts';

export type ObjectDetail = Omit<ObjectRow, 'searchTerms' | 'searchText' | 'editedBy'> & {
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  allowedActions: ObjectAction[];
  photos: Array<{ id: string; sha256: string; view: string; width: number; height: number }>;
};

export interface NewObject extends ObjectFields {
  objectRef?: string | undefined;
  jurisdictionCode: string;
  caseId?: string | null | undefined;
}

export function searchColumns(row: Parameters<typeof publicSearchText>[0]) {
  const { terms, latin } = publicSearchText(row);
  // The tsvector column is typed as text; the value is an SQL expression.
  return { searchTerms: sql`to_tsvector('simple', ${terms})` as unknown as string, searchText: latin };
}

export async function presentObject(db: Executor, row: ObjectRow): Promise<ObjectDetail> {
  const place = await getJurisdiction(db, row.jurisdictionCode);
  const photos = await db
    .select({ id: relicPhotos.id, sha256: relicPhotos.sha256, view: relicPhotos.view, width: relicPhotos.width, height: relicPhotos.height })
    .from(relicPhotos)
    .where(eq(relicPhotos.objectId, row.id))
    .orderBy(asc(relicPhotos.sortOrder), asc(relicPhotos.createdAt));
  const { searchTerms: _t, searchText: _x, editedBy: _e, ...rest } = row;
  return {
    ...rest,
    jurisdictionNameZh: place?.nameZh ?? '',
    jurisdictionNameEn: place?.nameEn ?? '',
    allowedActions: allowedObjectActions(row.status),
    photos,
  };
}

/**
 * The object's editors with this user added (once): set with every change of content, so that the
 * approval can refuse anyone who changed what is under review (four-eyes). Run under the row's lock.
 */
export const withEditor = (userId: string) =>
  sql`case when ${userId}::uuid = any(${relicObjects.editedBy}) then ${relicObjects.editedBy} else array_append(${relicObjects.editedBy}, ${userId}::uuid) end` as unknown as string[];

export async function addObjectEvent(tx: Tx, objectId: string, kind: string, actor: Actor, note: string | null = null): Promise<void> {
  await tx.insert(relicObjectEvents).values({ objectId, kind, note, actorUserId: actor.userId, actorUsername: actor.username });
}

async function caseProblem(db: Executor, viewer: Viewer, caseId: string | null | undefined): Promise<FieldError | null> {
  if (!caseId) return null;
  try {
    await getCase(db as Db, viewer, caseId);
    return null;
  } catch {
    return { path: '/caseId', message: 'cases.not_found' };
  }
}

/** The place of the theft must be a known jurisdiction inside the viewer's own. */
async function jurisdictionProblem(db: Executor, viewer: Viewer, code: string | undefined): Promise<FieldError | null> {
  if (code === undefined) return null;
  if (!(await getJurisdiction(db as Db, code))) return { path: '/jurisdictionCode', message: 'org.unknown_jurisdiction' };
  if (!(await isWithin(db as Db, viewer.jurisdictionCode, code))) return { path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' };
  return null;
}

export async function nextObjectRef(db: Executor, jurisdictionCode: string): Promise<string> {
  const result = await db.execute(sql`select nextval('relic_object_ref_seq')::text as n`);
  const n = (result as unknown as { rows: Array<{ n: string }> }).rows[0]!.n;
  return `OBJ-${jurisdictionCode}-${n.padStart(6, '0')}`;
}

/** Drafts a new record in the viewer's jurisdiction subtree, owned by their agency. */
export async function createObject(db: Db, viewer: Viewer, actor: Actor, input: NewObject): Promise<ObjectDetail> {
  requireRelicPermission(viewer, 'relics.write');
  const problems = fieldProblems(input);
  const badPlace = await jurisdictionProblem(db, viewer, input.jurisdictionCode);
  if (badPlace) problems.push(badPlace);
  if (input.objectRef) {
    const [taken] = await db.select({ id: relicObjects.id }).from(relicObjects).where(eq(relicObjects.objectRef, input.objectRef));
    if (taken) problems.push({ path: '/objectRef', message: 'relics.object_ref_taken' });
  }
  const badCase = await caseProblem(db, viewer, input.caseId);
  if (badCase) problems.push(badCase);
  if (problems.length) throw invalid(problems);
  return db.transaction(async (tx) => {
    const values = normalise(input);
    const objectRef = input.objectRef ?? (await nextObjectRef(tx, input.jurisdictionCode));
    const [row] = await tx
      .insert(relicObjects)
      .values({
        ...values,
        objectRef,
        jurisdictionCode: input.jurisdictionCode,
        caseId: input.caseId ?? null,
        agencyId: viewer.agencyId,
        createdBy: viewer.userId,
        ...searchColumns({ ...blankText, ...values, materials: values.materials ?? [] }),
      } as typeof relicObjects.$inferInsert)
      .returning();
    await addObjectEvent(tx, row!.id, 'drafted', actor);
    const detail = await presentObject(tx, row!);
    await appendAudit(tx, actor, {
      action: 'relic.create',
      entityType: 'relic_object',
      entityId: row!.id,
      jurisdictionCode: row!.jurisdictionCode,
      after: detail,
    });
    return detail;
  });
}

const blankText = {
  titleZh: '',
  titleEn: '',
  subjectZh: '',
  subjectEn: '',
  inscriptionsZh: '',
  inscriptionsEn: '',
  distinguishingFeaturesZh: '',
  distinguishingFeaturesEn: '',
  descriptionZh: '',
  descriptionEn: '',
  maker: null,
  dateText: null,
  reign: null,
  objectType: null,
  periodCode: null,
};

const CODE_FIELDS = new Set(['objectType', 'periodCode']);

function normalise(input: ObjectFields): Partial<typeof relicObjects.$inferInsert> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || k === 'objectRef' || k === 'jurisdictionCode' || k === 'caseId') continue;
    // Vocabulary codes are null when not chosen ('' from a cleared form field too).
    out[k] = typeof v === 'string' ? (v.trim() === '' && CODE_FIELDS.has(k) ? null : v.trim()) : v;
  }
  return out as Partial<typeof relicObjects.$inferInsert>;
}

/** Edits a draft (or an object sent back from review); a published record is withdrawn first. */
export async function updateObject(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  patch: ObjectFields & { caseId?: string | null | undefined; jurisdictionCode?: string | undefined },
): Promise<ObjectDetail> {
  requireRelicPermission(viewer, 'relics.write');
  const problems = fieldProblems(patch);
  const badPlace = await jurisdictionProblem(db, viewer, patch.jurisdictionCode);
  if (badPlace) problems.push(badPlace);
  const badCase = await caseProblem(db, viewer, patch.caseId);
  if (badCase) problems.push(badCase);
  if (problems.length) throw invalid(problems);
  return db.transaction(async (tx) => {
    const before = await findObjectInScope(tx, viewer, id, { forUpdate: true });
    if (!isEditable(before.status)) throw new DomainError('conflict', 'relics.not_editable');
    const values = normalise(patch);
    if (patch.caseId !== undefined) values.caseId = patch.caseId;
    if (patch.jurisdictionCode !== undefined) values.jurisdictionCode = patch.jurisdictionCode;
    const merged = { ...before, ...values } as ObjectRow;
    const [after] = await tx
      .update(relicObjects)
      .set({ ...values, ...searchColumns(merged), editedBy: withEditor(viewer.userId), updatedAt: new Date() })
      .where(eq(relicObjects.id, id))
      .returning();
    await addObjectEvent(tx, id, 'edited', actor, Object.keys(values).join(', '));
    const detail = await presentObject(tx, after!);
    await appendAudit(tx, actor, {
      action: 'relic.update',
      entityType: 'relic_object',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before: await presentObject(tx, before),
      after: detail,
    });
    return detail;
  });
}

export async function getObject(db: Db, viewer: Viewer, id: string): Promise<ObjectDetail> {
  requireRelicPermission(viewer, 'relics.read');
  return presentObject(db, await findObjectInScope(db, viewer, id));
}

export interface ObjectHistoryItem {
  at: Date;
  kind: string;
  note: string | null;
  actorUsername: string | null;
}

export async function objectHistory(db: Db, viewer: Viewer, id: string): Promise<ObjectHistoryItem[]> {
  requireRelicPermission(viewer, 'relics.read');
  await findObjectInScope(db, viewer, id);
  return db
    .select({ at: relicObjectEvents.at, kind: relicObjectEvents.kind, note: relicObjectEvents.note, actorUsername: relicObjectEvents.actorUsername })
    .from(relicObjectEvents)
    .where(eq(relicObjectEvents.objectId, id))
    .orderBy(asc(relicObjectEvents.at), asc(relicObjectEvents.id));
}

export interface ObjectListItem {
  id: string;
  objectRef: string;
  publicationNo: string | null;
  status: ObjectStatus;
  titleZh: string;
  titleEn: string;
  objectType: string | null;
  jurisdictionCode: string;
  theftDate: Date | null;
  updatedAt: Date;
  isTestData: boolean;
}

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * Text query → tsquery text (or null when the query has no letters or digits). Chinese matches when
 * every character of the query is in the text (so 玉碗 finds 青玉双耳碗); Latin words of three or
 * more letters match as prefixes. `rank` adds the query's character pairs, so texts holding them in order rank first.
 */
export function tsQueryOf(query: string): { match: string; rank: string } | null {
  const terms = queryTerms(query);
  if (!terms.length) return null;
  const match = new Set<string>();
  const pairs: string[] = [];
  for (const term of terms) {
    if (CJK_CHAR.test(term)) {
      for (const c of term) match.add(`'${c}'`);
      if ([...term].length === 2) pairs.push(`'${term}'`);
    } else {
      // A one- or two-letter prefix ("a", "of") would expand to thousands of words: those match whole.
      match.add(term.length <= 2 ? `'${term}'` : `'${term}':*`);
    }
  }
  // Terms are runs of letters and digits only (queryTerms), so quoting them is safe.
  const all = [...match].join(' & ');
  return { match: all, rank: pairs.length ? `(${all}) | ${pairs.join(' | ')}` : all };
}

/** Staff list: every status, the viewer's scope, text search, newest first. */
export async function listObjects(
  db: Db,
  viewer: Viewer,
  filters: { q?: string | undefined; status?: ObjectStatus | undefined },
  page: { page: number; pageSize: number },
) {
  requireRelicPermission(viewer, 'relics.read');
  const conditions: SQL[] = [objectScope(viewer)];
  if (filters.status) conditions.push(eq(relicObjects.status, filters.status));
  const tsq = filters.q ? tsQueryOf(filters.q) : null;
  if (filters.q && !tsq) return { items: [], total: 0, ...page };
  if (tsq) conditions.push(sql`${relicObjects.searchTerms} @@ to_tsquery('simple', ${tsq.match})`);
  const where = and(...conditions);
  const items: ObjectListItem[] = await db
    .select({
      id: relicObjects.id,
      objectRef: relicObjects.objectRef,
      publicationNo: relicObjects.publicationNo,
      status: relicObjects.status,
      titleZh: relicObjects.titleZh,
      titleEn: relicObjects.titleEn,
      objectType: relicObjects.objectType,
      jurisdictionCode: relicObjects.jurisdictionCode,
      theftDate: relicObjects.theftDate,
      updatedAt: relicObjects.updatedAt,
      isTestData: relicObjects.isTestData,
    })
    .from(relicObjects)
    .where(where)
    .orderBy(desc(relicObjects.updatedAt))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(relicObjects).where(where);
  return { items, total: count!.n, ...page };
}
