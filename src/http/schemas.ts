import { type TSchema, Type } from 'typebox';
import { AGENCY_KINDS, JURISDICTION_LEVELS, ROLES } from '../modules/org/index.ts';

/** Route schemas shared by several routes; each is also what OpenAPI shows. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const errorRef = Type.Ref('ErrorResponse');

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const Day = Type.String({ format: 'date' });
/** Money as text, as numeric(18, 2) holds it: not negative, at most 16 digits before the point and 2 after. */
export const Money = Type.String({
  pattern: '^[0-9]{1,16}(\\.[0-9]{1,2})?$',
  maxLength: 19,
  description: 'an amount in yuan as text, e.g. 12500.50',
});
/** A quantity as text, as numeric(18, 3) holds it: at most 15 digits before the point and 3 after (the service refuses 0). */
export const Quantity = Type.String({ pattern: '^[0-9]{1,15}(\\.[0-9]{1,3})?$', maxLength: 19, description: 'a positive decimal number as text' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const JurisdictionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code, e.g. 150100 (Hohhot); 100000 = national' });
export const RoleName = Type.Enum(ROLES);
export const AgencyKindName = Type.Enum(AGENCY_KINDS);
export const LevelName = Type.Enum(JURISDICTION_LEVELS);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** Error responses every authenticated route may give, for OpenAPI. */
export const authErrors = { 401: errorRef, 403: errorRef } as const;
