import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalJson, entryHash, GENESIS_HASH, toJsonValue } from './chain.ts';

const fields = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  at: new Date('2026-11-22T10:00:00.123Z'),
  actorUserId: null,
  actorUsername: 'admin',
  action: 'user.update',
  entityType: 'user',
  entityId: 'u1',
  jurisdictionCode: '150100',
  before: { a: 1, b: { y: 2, x: 1 } },
  after: null,
  ip: null,
  requestId: null,
  ...over,
});

describe('audit hash chain', () => {
  it('canonical JSON ignores key order at every depth, as jsonb does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(entryHash(GENESIS_HASH, fields({ before: { b: { x: 1, y: 2 }, a: 1 } }))).toBe(entryHash(GENESIS_HASH, fields()));
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = entryHash(GENESIS_HASH, fields());
    expect(entryHash(GENESIS_HASH, fields({ action: 'user.delete' }))).not.toBe(base);
    expect(entryHash(GENESIS_HASH, fields({ at: new Date('2026-11-22T10:00:00.124Z') }))).not.toBe(base);
    expect(entryHash('f'.repeat(64), fields())).not.toBe(base);
  });

  it('stores values the way jsonb returns them', () => {
    expect(toJsonValue({ when: new Date('2026-01-01T00:00:00Z'), gone: undefined })).toEqual({ when: '2026-01-01T00:00:00.000Z' });
    expect(toJsonValue(undefined)).toBeNull();
  });
});
