import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { caseScope, findCaseInScope } from './access.ts';
import { maskIdentifier, maskName } from './masking.ts';
import { seesPersonalData } from './parties.ts';
import { caseIdentifiers, caseLinks, caseParties, cases, persons } from './schema.ts';

export interface GraphNode {
  id: string;
  type: 'case' | 'person' | 'identifier';
  label: string;
  caseId?: string;
}
export interface GraphEdge {
  source: string;
  target: string;
  kind: string;
}

// A network view stays readable (and cheap) with at most this many neighbouring cases.
const MAX_NEIGHBOURS = 60;

/**
 * A case's network for the link graph: its parties and identifiers, the cases linked to it, and
 * the visible cases that share a person or an identifier with it.
 */
export async function caseGraph(db: Db, viewer: Viewer, actor: Actor, caseId: string): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const theCase = await findCaseInScope(db, viewer, caseId);
  const unmasked = seesPersonalData(viewer);
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const caseNode = (c: { id: string; caseNo: string; title: string }) =>
    nodes.set(`case:${c.id}`, { id: `case:${c.id}`, type: 'case', label: `${c.caseNo} ${c.title}`, caseId: c.id });
  caseNode(theCase);

  const parties = await db
    .select({ personId: persons.id, name: persons.name, role: caseParties.role })
    .from(caseParties)
    .innerJoin(persons, eq(persons.id, caseParties.personId))
    .where(eq(caseParties.caseId, caseId));
  for (const p of parties) {
    nodes.set(`person:${p.personId}`, { id: `person:${p.personId}`, type: 'person', label: unmasked ? p.name : maskName(p.name) });
    edges.push({ source: `case:${caseId}`, target: `person:${p.personId}`, kind: p.role });
  }
  const identifiers = await db.select().from(caseIdentifiers).where(eq(caseIdentifiers.caseId, caseId));
  for (const i of identifiers) {
    const id = `identifier:${i.kind}:${i.value}`;
    nodes.set(id, { id, type: 'identifier', label: `${i.kind} ${unmasked ? i.value : maskIdentifier(i.kind, i.value)}` });
    edges.push({ source: `case:${caseId}`, target: id, kind: i.kind });
  }

  const scope = caseScope(viewer);
  const linked = await db
    .select({ id: cases.id, caseNo: cases.caseNo, title: cases.title })
    .from(caseLinks)
    .innerJoin(cases, eq(cases.id, sql`case when ${caseLinks.caseA} = ${caseId} then ${caseLinks.caseB} else ${caseLinks.caseA} end`))
    .where(and(or(eq(caseLinks.caseA, caseId), eq(caseLinks.caseB, caseId)), scope));
  for (const c of linked) {
    caseNode(c);
    edges.push({ source: `case:${caseId}`, target: `case:${c.id}`, kind: 'linked' });
  }

  if (parties.length) {
    const viaPersons = await db
      .select({ id: cases.id, caseNo: cases.caseNo, title: cases.title, personId: caseParties.personId })
      .from(caseParties)
      .innerJoin(cases, eq(cases.id, caseParties.caseId))
      .where(
        and(
          inArray(
            caseParties.personId,
            parties.map((p) => p.personId),
          ),
          ne(cases.id, caseId),
          scope,
        ),
      )
      .limit(MAX_NEIGHBOURS);
    for (const c of viaPersons) {
      caseNode(c);
      edges.push({ source: `case:${c.id}`, target: `person:${c.personId}`, kind: 'party' });
    }
  }
  if (identifiers.length) {
    const viaIdentifiers = await db
      .select({ id: cases.id, caseNo: cases.caseNo, title: cases.title, kind: caseIdentifiers.kind, value: caseIdentifiers.value })
      .from(caseIdentifiers)
      .innerJoin(cases, eq(cases.id, caseIdentifiers.caseId))
      .where(
        and(or(...identifiers.map((i) => and(eq(caseIdentifiers.kind, i.kind), eq(caseIdentifiers.value, i.value)))), ne(cases.id, caseId), scope),
      )
      .limit(MAX_NEIGHBOURS);
    for (const c of viaIdentifiers) {
      caseNode(c);
      edges.push({ source: `case:${c.id}`, target: `identifier:${c.kind}:${c.value}`, kind: c.kind });
    }
  }
  if (unmasked && (parties.length || identifiers.length)) {
    await recordAudit(db, actor, { action: 'case.graph.read', entityType: 'case', entityId: caseId, jurisdictionCode: theCase.jurisdictionCode });
  }
  return { nodes: [...nodes.values()], edges };
}
