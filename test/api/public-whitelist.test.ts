// What leaves the server for the public is exactly the public presenters' whitelists: the portal's search results,
// object page and certificates carry those fields and no other, and nothing internal or personal of a record that has
// plenty of both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_FIELDS,
  CERTIFICATE_MATCH_FIELDS,
  PUBLIC_OBJECT_FIELDS,
  PUBLIC_OBJECT_SUMMARY_FIELDS,
  PUBLIC_PHOTO_FIELDS,
} from '../../src/http/presenters/public-objects.ts';
import { act, createRelicsApi, draftObject, jpegWithGps, multipart } from '../relics/support.ts';
import { testDrivers } from '../support/db.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const keysOf = (value: object) => Object.keys(value).sort();
const sorted = (fields: readonly string[]) => [...fields].sort();

/** Internal and personal fields of the object below, each a value that must never reach the public. */
const PRIVATE = {
  inventoryNo: 'WL-INV-7731',
  owner: '王五（私人藏家）',
  origin: '王五祖传',
  circumstances: '夜间入室盗窃，嫌疑人赵六',
  investigatingUnit: '包头市公安局刑侦支队',
  theftPlaceDetail: '包头市昆都仑区某小区7号楼',
};

describe.each(testDrivers())('public responses carry the whitelists only, on %s', (driver) => {
  let api: Api;
  let object: { id: string; objectRef: string; publicationNo: string };

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    const heritage = await api.login('heritage.officer');
    const commander = await api.login('nmg.commander');
    const draft = await draftObject(api, heritage, {
      ...PRIVATE,
      titleZh: '白玉螭龙佩',
      titleEn: 'White jade dragon pendant',
      jurisdictionCode: '150203',
    });
    const photo = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${draft.id}/photos?view=front`,
      session: heritage,
      ...multipart({}, { bytes: await jpegWithGps() }),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await act(api, heritage, draft.id, { action: 'submit' })).statusCode).toBe(200);
    const approved = await act(api, commander, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    object = approved.json();
  });
  afterAll(() => api?.close());

  /** None of the record's internal values, ids or staff names is anywhere in the answer. */
  const expectNothingPrivate = (body: string) => {
    for (const secret of [...Object.values(PRIVATE), object.objectRef, object.id, 'heritage.officer', 'nmg.commander', '150203']) {
      expect(body).not.toContain(secret);
    }
  };

  it('the search results', async () => {
    const response = await api.request({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent('螭龙佩')}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(keysOf(body)).toEqual(['capped', 'fuzzy', 'items', 'page', 'pageSize', 'total']);
    expect(body.items).toHaveLength(1);
    expect(keysOf(body.items[0])).toEqual(sorted(PUBLIC_OBJECT_SUMMARY_FIELDS));
    expect(body.items[0]).toMatchObject({ publicationNo: object.publicationNo, provinceCode: '150000' });
    expectNothingPrivate(response.body);
  });

  it('the object page and its photos', async () => {
    const response = await api.request({ method: 'GET', url: `/api/public/objects/${object.publicationNo}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(keysOf(body)).toEqual(sorted(PUBLIC_OBJECT_FIELDS));
    expect(body.photos).toHaveLength(1);
    expect(keysOf(body.photos[0])).toEqual(sorted(PUBLIC_PHOTO_FIELDS));
    // The place is the city at most (Baotou), never the district or the address.
    expect(body).toMatchObject({ placeNameZh: '包头市', provinceCode: '150000' });
    expectNothingPrivate(response.body);
  });

  it('a certificate as issued and as verified by its code', async () => {
    const issued = await api.request({ method: 'POST', url: '/api/public/certificates', payload: { description: '白玉螭龙佩', lang: 'en' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const verified = await api.request({ method: 'GET', url: `/api/public/certificates/${issued.json().code}` });
    expect(verified.statusCode, verified.body).toBe(200);
    for (const response of [issued, verified]) {
      const body = response.json();
      expect(keysOf(body)).toEqual(sorted(CERTIFICATE_FIELDS));
      expect(body.matches.map((m: { publicationNo: string }) => m.publicationNo)).toContain(object.publicationNo);
      for (const match of body.matches) expect(keysOf(match)).toEqual(sorted(CERTIFICATE_MATCH_FIELDS));
      expectNothingPrivate(response.body);
    }
  });
});
