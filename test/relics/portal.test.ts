import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { PUBLIC_OBJECT_FIELDS } from '../../src/http/presenters/public-objects.ts';
import { listRegistryPhotos, onPhotoAdded, readPhotoBytes } from '../../src/modules/relics/index.ts';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { act, completeObject, createRelicsApi, day, draftObject, jpegWithGps, multipart, publishObject } from './support.ts';

/** The PNG with its IHDR rewritten to claim another size (CRC fixed), as a decompression bomb does. */
function pngClaiming(width: number, height: number, png: Buffer): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  let crc = 0xffffffff;
  for (const byte of out.subarray(12, 29)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 29);
  return out;
}

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const withHeader = <T extends { headers?: Record<string, string> }>(request: T, name: string, value: string): T => ({
  ...request,
  headers: { ...request.headers, [name]: value },
});

describe.each(testDrivers())('public portal, photos, tips and certificates on %s', (driver) => {
  let api: Api;
  let heritage: Session;
  let commander: Session;
  let investigator: Session;
  let bowl: { id: string; publicationNo: string; objectRef: string };

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    heritage = await api.login('heritage.officer');
    commander = await api.login('nmg.commander');
    investigator = await api.login('hohhot.investigator');
    const draft = await draftObject(api, heritage);
    const photo = multipart({}, { bytes: await jpegWithGps() });
    const uploaded = await api.request({ method: 'POST', url: `/api/relics/objects/${draft.id}/photos?view=front`, session: heritage, ...photo });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await act(api, heritage, draft.id, { action: 'submit' });
    bowl = (await act(api, commander, draft.id, { action: 'approve' })).json();
    await publishObject(api, heritage, commander, {
      titleZh: '<script>alert(1)</script>青铜鼎',
      titleEn: "Bronze ding'; DROP TABLE relic_objects; --",
      inscriptionsZh: '',
      inscriptionsEn: '',
      subjectEn: 'Tripod',
      objectType: 'metal.bronze_vessel',
      materials: ['bronze'],
      periodCode: 'shang',
      jurisdictionCode: '150400',
      theftDate: day('2019-03-01'),
    });
  });
  afterAll(() => api?.close());

  const search = (query: string) => api.request({ method: 'GET', url: `/api/public/objects?${query}` });

  it('finds objects by two Chinese characters without spaces, and by English with a typo, without login', async () => {
    const zh = (await search(`q=${encodeURIComponent('玉碗')}`)).json();
    expect(zh.items.map((i: { publicationNo: string }) => i.publicationNo)).toEqual([bowl.publicationNo]);
    expect((await search(`q=${encodeURIComponent('乾隆年制')}`)).json().total).toBe(1);
    const en = (await search('q=celadon+jade')).json();
    expect(en.items[0].publicationNo).toBe(bowl.publicationNo);
    expect((await search('q=celad')).json().total).toBe(1);
    const typo = (await search('q=celadn+jaed+bowl')).json();
    expect(typo.fuzzy).toBe(true);
    expect(typo.items[0]?.publicationNo).toBe(bowl.publicationNo);
    expect((await search('q=zzzzqqq')).json().total).toBe(0);
  });

  it('filters by type, material, period, province, theft dates and status', async () => {
    const ids = async (q: string) => (await search(q)).json().items.map((i: { titleEn: string }) => i.titleEn);
    expect(await ids('type=jade')).toEqual([completeObject.titleEn]);
    expect(await ids('type=metal.bronze_vessel&material=bronze&period=shang')).toHaveLength(1);
    expect(await ids('province=150000')).toHaveLength(2);
    expect(await ids('province=610000')).toHaveLength(0);
    expect(await ids('from=2025-01-01&to=2025-12-31')).toEqual([completeObject.titleEn]);
    expect(await ids('status=recovered')).toHaveLength(0);
    expect((await search('status=draft')).statusCode).toBe(400);
  });

  it('shows only whitelisted fields on the public page: no owner, inventory number, circumstances, case or people', async () => {
    const response = await api.request({ method: 'GET', url: `/api/public/objects/${bowl.publicationNo}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual([...PUBLIC_OBJECT_FIELDS].sort());
    const text = response.body;
    for (const secret of ['张三', 'NMG-1987-0042', '李四', '刑侦支队', bowl.objectRef, bowl.id, 'createdBy', 'agencyId', 'owner'])
      expect(text).not.toContain(secret);
    expect(body).toMatchObject({ titleZh: '青玉双耳碗', placeNameZh: '呼和浩特市', provinceCode: '150000', recovered: false });
    expect(body.photos).toHaveLength(1);
    const search = (await api.request({ method: 'GET', url: '/api/public/objects?q=%E7%8E%89%E7%A2%97' })).body;
    for (const secret of ['张三', 'NMG-1987-0042', bowl.objectRef]) expect(search).not.toContain(secret);
    const draft = await draftObject(api, heritage, { titleZh: '未发布的草稿' });
    expect((await api.request({ method: 'GET', url: '/api/public/objects?q=%E8%8D%89%E7%A8%BF' })).json().total).toBe(0);
    expect(draft.publicationNo).toBeNull();
  });

  it('keeps SQL and HTML in text fields as plain text', async () => {
    const found = (await search(`q=${encodeURIComponent('青铜鼎')}`)).json();
    expect(found.items[0].titleZh).toBe('<script>alert(1)</script>青铜鼎');
    expect((await search(`q=${encodeURIComponent("'; DROP TABLE relic_objects; --")}`)).statusCode).toBe(200);
    expect(rows<{ n: number }>(await api.db.database.db.execute(sql`select count(*)::int as n from relic_objects`))[0]!.n).toBeGreaterThan(1);
  });

  it('serves photos re-encoded without EXIF or GPS, keeps the original by sha256, and tells the matching hook', async () => {
    const page = (await api.request({ method: 'GET', url: `/api/public/objects/${bowl.publicationNo}` })).json();
    const sha = page.photos[0].sha256 as string;
    for (const size of ['web', 'thumb']) {
      const served = await api.request({ method: 'GET', url: `/api/public/photos/${sha}/${size}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('SecretCam'))).toBe(false);
      if (size === 'thumb') expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    }
    const original = await readPhotoBytes({ dir: api.photoDir }, sha);
    expect(original.includes(Buffer.from('SecretCam'))).toBe(true);
    expect(fs.existsSync(path.join(api.photoDir, 'originals', sha.slice(0, 2), sha))).toBe(true);
    const listed = await listRegistryPhotos(api.db.database.db);
    expect(listed).toContainEqual(
      expect.objectContaining({ sha256: sha, objectRef: bowl.objectRef, publicationNo: bowl.publicationNo, published: true }),
    );

    const seen: string[] = [];
    const off = onPhotoAdded((p) => {
      seen.push(p.sha256);
    });
    const draft = await draftObject(api, heritage, { titleZh: '新草稿' });
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#884422' } })
      .png()
      .toBuffer();
    const added = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${draft.id}/photos?view=inscription`,
      session: heritage,
      ...multipart({}, { bytes: png, type: 'image/png' }),
    });
    expect(added.statusCode, added.body).toBe(201);
    // Listeners run after the photo's transaction commits, outside the request: wait until this one has been told.
    await vi.waitFor(() => expect(seen).toEqual([added.json().sha256]));
    off();
    // A draft's photo is not public.
    expect((await api.request({ method: 'GET', url: `/api/public/photos/${added.json().sha256}/web` })).statusCode).toBe(404);
  });

  it('refuses a file that is not an image, a truncated image, a decompression bomb and a 200 MB upload, and keeps serving', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '坏照片测试' });
    const upload = (bytes: Buffer) => {
      const body = multipart({}, { bytes });
      return api.request({
        method: 'POST',
        url: `/api/relics/objects/${draft.id}/photos`,
        session: heritage,
        payload: body.payload,
        headers: { ...body.headers, 'accept-language': 'en' },
      });
    };
    const text = await upload(Buffer.from('%PDF-1.4 this is not an image'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('relics.photo_not_image');
    const jpeg = await jpegWithGps();
    expect((await upload(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).json().error.code).toBe('relics.photo_not_image');
    // A tiny PNG whose header claims 100,000 × 100,000 pixels.
    const bomb = pngClaiming(
      100_000,
      100_000,
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    const bombResponse = await upload(bomb);
    expect(bombResponse.statusCode).toBe(400);
    expect(bombResponse.json().error.code).toBe('relics.photo_too_many_pixels');

    const boundary = '----huge';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const chunk = Buffer.alloc(1 << 20, 0xff);
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent === 0) this.push(head);
        if (sent < 200) {
          sent++;
          this.push(chunk);
        } else {
          this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
          this.push(null);
        }
      },
    });
    const huge = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${draft.id}/photos`,
      session: heritage,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('relics.photo_too_large');
    expect((await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: heritage })).json().photos).toEqual([]);
    expect((await api.request({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('takes tips from the public into the jurisdiction queue, drops honeypot tips, refuses a flood, and turns a tip into a lead', async () => {
    const tipUrl = `/api/public/objects/${bowl.publicationNo}/tips`;
    const send = (fields: Record<string, string>, address: string, file?: Buffer) =>
      api.request({ method: 'POST', url: tipUrl, remoteAddress: address, ...multipart(fields, file ? { bytes: file } : undefined) });
    const sent = await send({ message: '在某古玩市场见到此碗', contact: '13900001111' }, '10.0.0.1', await jpegWithGps(200, 150));
    expect(sent.statusCode, sent.body).toBe(202);
    expect((await send({ message: 'buy cheap watches', website: 'http://spam.example' }, '10.0.0.2')).statusCode).toBe(202);
    expect((await send({ message: '' }, '10.0.0.3')).statusCode).toBe(400);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/public/objects/CN-1999-999999/tips',
          remoteAddress: '10.0.0.3',
          ...multipart({ message: 'x' }),
        })
      ).statusCode,
    ).toBe(404);
    const flood = [];
    for (let i = 0; i < 7; i++) flood.push((await send({ message: `flood ${i}` }, '10.0.0.9')).statusCode);
    expect(flood.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(flood.slice(5)).toEqual([429, 429]);
    expect((await send({ message: '另一地址仍可提交' }, '10.0.0.10')).statusCode).toBe(202);
    // The count is in the database: a second server process (or a restart) on the same database refuses
    // the same sender too, with a clear message in both languages, and the first process keeps serving.
    const other = await buildApp(api.config, api.db.database);
    await other.ready();
    try {
      const again = (lang: string) =>
        other.inject({
          method: 'POST',
          url: tipUrl,
          remoteAddress: '10.0.0.9',
          ...withHeader(multipart({ message: 'flood again' }), 'accept-language', lang),
        });
      const zh = await again('zh-CN');
      expect(zh.statusCode).toBe(429);
      expect(zh.json().error).toMatchObject({ code: 'relics.tip_rate_limited' });
      expect(zh.json().error.message).toMatch(/同一地址 10 分钟内最多可提交 5 条线索，请 \d+ 分钟后再试/);
      expect((await again('en')).json().error.message).toMatch(/At most 5 tips per 10 minutes from one address: try again in \d+ minutes/);
      expect(
        (await other.inject({ method: 'POST', url: tipUrl, remoteAddress: '10.0.0.11', ...multipart({ message: '新进程接受其他地址' }) })).statusCode,
      ).toBe(202);
    } finally {
      await other.close();
    }
    expect((await api.request({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const stored = rows<{ sender_hash: string | null }>(
      await api.db.database.db.execute(sql`select sender_hash from relic_tips where message like 'flood%'`),
    );
    expect(stored).toHaveLength(5);
    expect(stored.every((t) => t.sender_hash && !t.sender_hash.includes('10.0.0.9'))).toBe(true);

    const queue = (await api.request({ method: 'GET', url: '/api/relics/tips?status=new', session: heritage })).json().items;
    expect(queue.map((t: { message: string }) => t.message)).toContain('在某古玩市场见到此碗');
    expect(queue.map((t: { message: string }) => t.message)).not.toContain('buy cheap watches');
    const tip = queue.find((t: { message: string }) => t.message === '在某古玩市场见到此碗');
    expect(tip).toMatchObject({ contact: '13900001111', hasPhoto: true });
    expect((await api.request({ method: 'GET', url: '/api/relics/tips', session: await api.login('baotou.investigator') })).json().items).toEqual([]);
    const photo = await api.request({ method: 'GET', url: `/api/relics/tips/${tip.id}/photo`, session: heritage });
    expect(photo.statusCode).toBe(200);
    // The bell of those who review tips rings: it names the object, not what the tipster wrote or their contact.
    const bell = (await api.request({ method: 'GET', url: '/api/notifications', session: heritage, headers: { 'accept-language': 'en' } })).json();
    const rung = bell.items.filter((n: { kind: string }) => n.kind === 'relics.tip');
    expect(rung.length).toBeGreaterThanOrEqual(1);
    expect(rung[0]).toMatchObject({ link: '/relics/tips', title: `Tip from the public: ${bowl.publicationNo}` });
    expect(JSON.stringify(rung)).not.toMatch(/13900001111|古玩市场/);
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    expect(
      (await api.request({ method: 'GET', url: '/api/notifications', session: await api.login('baotou.investigator') }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'relics.tip'),
    ).toEqual([]);

    const theCase = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.trafficking', title: '古玩市场倒卖文物线索', jurisdictionCode: '150102', reportedAt: day('2025-07-01') },
      })
    ).json();
    const lead = await api.request({
      method: 'POST',
      url: `/api/relics/tips/${tip.id}/review`,
      session: investigator,
      payload: { action: 'lead', caseId: theCase.id },
    });
    expect(lead.statusCode, lead.body).toBe(200);
    expect(lead.json()).toMatchObject({ status: 'lead', leadCaseId: theCase.id });
    const timeline = (await api.request({ method: 'GET', url: `/api/cases/${theCase.id}/timeline`, session: investigator })).json().items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('lead_from_tip');
    expect(
      (await api.request({ method: 'POST', url: `/api/relics/tips/${tip.id}/review`, session: investigator, payload: { action: 'dismiss' } }))
        .statusCode,
    ).toBe(409);
  });

  it('issues a due-diligence certificate that states the search and its result, verifiable by code, with input escaped, as HTML and PDF', async () => {
    const clean = await api.request({
      method: 'POST',
      url: '/api/public/certificates',
      payload: { description: '<img src=x onerror=alert(1)> 清代白玉鼻烟壶', requester: 'ACME 拍卖行', lang: 'zh' },
    });
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json()).toMatchObject({ result: 'no_match', matches: [] });
    expect(clean.json().code).toMatch(/^DD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const hit = (
      await api.request({
        method: 'POST',
        url: '/api/public/certificates',
        payload: { description: 'jade bowl', inscriptions: '乾隆年制', lang: 'en' },
      })
    ).json();
    expect(hit.result).toBe('possible_match');
    expect(hit.matches[0].publicationNo).toBe(bowl.publicationNo);
    const verified = await api.request({ method: 'GET', url: `/api/public/certificates/${clean.json().code.toLowerCase()}` });
    expect(verified.json()).toMatchObject({ code: clean.json().code, result: 'no_match', requester: 'ACME 拍卖行' });
    expect((await api.request({ method: 'GET', url: '/api/public/certificates/DD-0000-0000-0000' })).statusCode).toBe(404);
    const html = (await api.request({ method: 'GET', url: `/api/public/certificates/${clean.json().code}/html` })).body;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('未在登记库中发现');
    const htmlEn = (await api.request({ method: 'GET', url: `/api/public/certificates/${hit.code}/html` })).body;
    expect(htmlEn).toContain(bowl.publicationNo);
    if (driver === 'pglite' && fs.existsSync('/usr/bin/chromium')) {
      const pdf = await api.request({ method: 'GET', url: `/api/public/certificates/${clean.json().code}/pdf` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 60_000);
});
