// The public presenters copy their whitelist and nothing else, whatever the record they are given carries.

import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import type { PhotoCandidate } from '../../modules/matching/index.ts';
import type { Certificate, PublicObject } from '../../modules/relics/index.ts';
import { PUBLIC_PHOTO_CANDIDATE_FIELDS, presentPublicPhotoCandidates } from './matching.ts';
import { CERTIFICATE_FIELDS, PUBLIC_OBJECT_FIELDS, PUBLIC_PHOTO_FIELDS, presentCertificate, presentPublicObject } from './public-objects.ts';
import { whitelistSchema } from './whitelist.ts';

const sorted = (fields: readonly string[]) => [...fields].sort();
/** What a record read with too much would carry besides its public fields. */
const leaked = {
  owner: '张三',
  inventoryNo: 'NMG-1',
  objectRef: 'REF-1',
  objectId: 'id-1',
  createdBy: 'heritage.officer',
  circumstances: '嫌疑人李四',
};

describe('public presenters', () => {
  it('a public object: its whitelist only, photos too', () => {
    const object = Object.fromEntries(
      PUBLIC_OBJECT_FIELDS.map((f) => [
        f,
        f === 'photos' ? [{ sha256: 'a', view: 'front', width: 1, height: 1, id: 'photo-id', originalName: 'IMG_张三.jpg' }] : f,
      ]),
    ) as unknown as PublicObject;
    const presented = presentPublicObject({ ...object, ...leaked });
    expect(Object.keys(presented).sort()).toEqual(sorted(PUBLIC_OBJECT_FIELDS));
    expect(Object.keys(presented.photos[0]!).sort()).toEqual(sorted(PUBLIC_PHOTO_FIELDS));
  });

  it('a public candidate of a search by photo: its whitelist only, the photo by the public route; objects without a publication number left out', () => {
    const candidate: PhotoCandidate = {
      objectId: 'id-1',
      objectRef: 'REF-1',
      publicationNo: 'CN-2026-000001',
      titleZh: '碗',
      titleEn: 'bowl',
      status: 'published',
      score: 0.8,
      verdict: 'strong',
      inliers: 80,
      regions: { query: [], candidate: [], box: null },
      photoSha256: 'abc',
    };
    const presented = presentPublicPhotoCandidates([{ ...candidate, ...leaked } as PhotoCandidate, { ...candidate, publicationNo: null }]);
    expect(presented).toHaveLength(1);
    expect(Object.keys(presented[0]!).sort()).toEqual(sorted(PUBLIC_PHOTO_CANDIDATE_FIELDS));
    expect(presented[0]!.photo).toEqual({ sha256: 'abc', url: '/api/public/photos/abc/web' });
  });

  it('a certificate: its whitelist only', () => {
    const certificate: Certificate = {
      code: 'DD-1',
      lang: 'zh',
      requester: null,
      description: '碗',
      query: {},
      registrySize: 1,
      issuedAt: '2026-01-01T00:00:00.000Z',
      result: 'possible_match',
      matches: [{ publicationNo: 'CN-2026-000001', titleZh: '碗', titleEn: 'bowl', status: 'published', score: 0.9 }],
    };
    const presented = presentCertificate({ ...certificate, ...leaked, matches: [{ ...certificate.matches[0]!, ...leaked }] } as Certificate);
    expect(Object.keys(presented).sort()).toEqual(sorted(CERTIFICATE_FIELDS));
    expect(presented.matches).toEqual(certificate.matches);
  });

  it('refuses a schema that names other fields than its whitelist', () => {
    const properties = { a: Type.String(), b: Type.String() } as unknown as { a: ReturnType<typeof Type.String> };
    expect(() => whitelistSchema(['a'] as const, properties)).toThrow('schema fields a,b are not the whitelist a');
  });
});
