import { sql } from 'drizzle-orm';
import { GANG_KINDS, type GangKind } from '../../schema.ts';
import { own, type RowCheck } from '../rows.ts';
import {
  checkJurisdictions,
  JurisdictionLookup,
  jsonList,
  jurisdictionCell,
  type KindContext,
  type KindHandler,
  present,
  type RowRecord,
  selectSet,
} from './shared.ts';

export const GANG_COLUMNS = ['gang_ref', 'kind', 'name', 'jurisdiction', 'dismantled_at'] as const;

interface GangRecord extends RowRecord {
  gang_ref: string;
  kind: GangKind;
  name: string;
  jurisdiction: string;
  dismantled_at?: number;
}

export function gangsHandler(): KindHandler<GangRecord> {
  const firstRowOf = new Map<string, number>();
  const jurisdictions = new JurisdictionLookup();

  return {
    columns: GANG_COLUMNS,
    required: ['gang_ref', 'kind', 'name', 'jurisdiction'],

    async prepare() {},

    checkRow(c: RowCheck) {
      const gangRef = c.text('gang_ref', { required: true, max: 64, noSpaces: true });
      if (gangRef) {
        const first = firstRowOf.get(gangRef);
        if (first !== undefined) c.fail('gang_ref', gangRef, 'import.duplicate_in_file', { row: first });
        else firstRowOf.set(own(gangRef), c.row);
      }
      const kind = c.oneOf('kind', GANG_KINDS, { required: true });
      const name = c.text('name', { required: true, max: 200 });
      const jurisdiction = jurisdictionCell(c, 'jurisdiction');
      const dismantled = c.date('dismantled_at');
      const record: GangRecord = { row: c.row, gang_ref: gangRef!, kind: kind!, name: name!, jurisdiction: jurisdiction! };
      if (dismantled != null) record.dismantled_at = dismantled;
      return record;
    },

    async checkBatch(ctx: KindContext, batch: GangRecord[]) {
      await checkJurisdictions(ctx, jurisdictions, batch, (r) => r.jurisdiction, 'jurisdiction');
      const taken = await selectSet(ctx.db, sql`select gang_ref as v from gangs where gang_ref in ${jsonList(present(batch, 'gang_ref'))}`);
      for (const r of batch)
        if (r.gang_ref !== undefined && taken.has(r.gang_ref)) ctx.sink.add(r.row, 'gang_ref', r.gang_ref, 'import.gang_ref_exists');
    },

    async write(tx, ctx, json) {
      await tx.execute(sql`
        insert into gangs (gang_ref, kind, name, jurisdiction_code, agency_id, dismantled_at)
        select r.gang_ref, r.kind, r.name, r.jurisdiction, ${ctx.viewer?.agencyId ?? null}::uuid, to_timestamp(r.dismantled_at / 1000.0)
        from json_to_recordset(${json}::json) as r(gang_ref text, kind text, name text, jurisdiction text, dismantled_at float8)`);
    },
  };
}
