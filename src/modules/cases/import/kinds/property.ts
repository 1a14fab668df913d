import { sql } from 'drizzle-orm';
import { caseScope } from '../../access.ts';
import { PROPERTY_ACTIONS, PROPERTY_KINDS, PROPERTY_UNITS, type PropertyAction, type PropertyKind, type PropertyUnit } from '../../schema.ts';
import { UNITS_BY_KIND } from '../../vocabulary.ts';
import type { RowCheck } from '../rows.ts';
import { jsonList, type KindContext, type KindHandler, present, type RowRecord, selectSet } from './shared.ts';

export const PROPERTY_COLUMNS = ['case_no', 'kind', 'quantity', 'unit', 'action', 'at', 'object_ref', 'description'] as const;

interface PropertyRecord extends RowRecord {
  case_no: string;
  kind: PropertyKind;
  quantity: string;
  unit: PropertyUnit;
  action: PropertyAction;
  at: number;
  object_ref?: string;
  description?: string;
}

// numeric(18, 3): up to 15 digits before the point and 3 after.
const QUANTITY = /^[+-]?\d{1,15}(\.\d{1,3})?$/;

export function propertyHandler(): KindHandler<PropertyRecord> {
  return {
    columns: PROPERTY_COLUMNS,
    required: ['case_no', 'kind', 'quantity', 'unit', 'action', 'at'],

    async prepare() {},

    checkRow(c: RowCheck) {
      const caseNo = c.text('case_no', { required: true, max: 64, noSpaces: true });
      const kind = c.oneOf('kind', PROPERTY_KINDS, { required: true });
      const quantityRaw = c.raw('quantity');
      const quantity = quantityRaw.replace(/,/g, '');
      if (quantity === '') c.fail('quantity', quantityRaw, 'import.required');
      else if (!QUANTITY.test(quantity)) c.fail('quantity', quantityRaw, 'import.invalid_quantity');
      else if (!(Number(quantity) > 0)) c.fail('quantity', quantityRaw, 'import.quantity_not_positive');
      const unit = c.oneOf('unit', PROPERTY_UNITS, { required: true });
      if (kind && unit && !UNITS_BY_KIND[kind].includes(unit)) {
        c.fail('unit', unit, 'import.unit_invalid_for_kind', { kind, allowed: UNITS_BY_KIND[kind].join(', ') });
      }
      const action = c.oneOf('action', PROPERTY_ACTIONS, { required: true });
      const at = c.date('at', { required: true });
      const objectRef = c.text('object_ref', { max: 100, noSpaces: true });
      const description = c.text('description', { max: 2000 });
      const record: PropertyRecord = {
        row: c.row,
        case_no: caseNo!,
        kind: kind!,
        quantity: quantity.replace(/^\+/, ''),
        unit: unit!,
        action: action!,
        at: at as number,
      };
      if (objectRef) record.object_ref = objectRef;
      if (description) record.description = description;
      return record;
    },

    async checkBatch(ctx: KindContext, batch: PropertyRecord[]) {
      const inScope = ctx.viewer ? caseScope(ctx.viewer) : sql`true`;
      const known = await selectSet(
        ctx.db,
        sql`select case_no as v from cases where case_no in ${jsonList(present(batch, 'case_no'))} and ${inScope}`,
      );
      for (const r of batch) if (r.case_no !== undefined && !known.has(r.case_no)) ctx.sink.add(r.row, 'case_no', r.case_no, 'import.unknown_case');
    },

    async write(tx, _ctx, json) {
      await tx.execute(sql`
        with items as (
          insert into property_items (case_id, kind, quantity, unit, action, at, description, object_ref)
          select c.id, r.kind, r.quantity, r.unit, r.action, to_timestamp(r.at / 1000.0), r.description, r.object_ref
          from json_to_recordset(${json}::json) as r(case_no text, kind text, quantity numeric, unit text, action text,
            at float8, description text, object_ref text)
          join cases c on c.case_no = r.case_no
          returning case_id, object_ref
        )
        insert into case_identifiers (case_id, kind, value)
        select distinct case_id, 'object', object_ref from items where object_ref is not null
        on conflict do nothing`);
    },
  };
}
