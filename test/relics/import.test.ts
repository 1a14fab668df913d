import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractImportZip, importObjects, mapMuseumRecords, OBJECT_COLUMNS } from '../../src/modules/relics/index.ts';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { importOutcome } from '../support/jobs.ts';
import { createRelicsApi, jpegWithGps, multipart } from './support.ts';
import { makeZip } from './zip.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const MUSEUM = path.resolve('../shared/data/museum');
const museumMissing = fs.existsSync(MUSEUM) ? null : `${MUSEUM} is absent`;
if (museumMissing) console.log(`skipping museum-record tests: ${museumMissing}`);

const HEADER = 'object_ref,object_type,materials,measurements,title_zh,title_en,period,theft_date,jurisdiction_code,features_zh,photos';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'));

/** GBK bytes for a text, built by inverting Node's GBK decoder (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe.each(testDrivers())('registry import on %s', (driver) => {
  let api: Api;
  let heritage: Session;
  const count = async () => rows<{ n: number }>(await api.db.database.db.execute(sql`select count(*)::int as n from relic_objects`))[0]!.n;
  // Imports are jobs: the upload answers 202 with the job id, followed here to its report (or its error).
  const upload = async (file: Buffer, name: string, query = '') => {
    const body = multipart({}, { bytes: file, name, type: 'application/octet-stream' });
    const started = await api.request({
      method: 'POST',
      url: `/api/relics/imports${query}`,
      session: heritage,
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
    return importOutcome(api, heritage, started, (id) => `/api/relics/imports/${id}`);
  };

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    heritage = await api.login('heritage.officer');
  });
  afterAll(() => api?.close());

  it('imports a clean CSV as drafts of the importer’s agency, in one go', async () => {
    const response = await upload(
      csv(
        'IMP-1,ceramics.bowl,porcelain,height=7cm;diameter=15cm,青花缠枝莲纹碗,Blue-and-white bowl,ming,2024-05-01,150102,口沿有冲线,',
        'IMP-2,jade.ornament,jade,height=4.5cm;weight=30g,白玉佩,White jade pendant,qing,2024-06-01,150203,,',
      ),
      'objects.csv',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ rows: 2, imported: 2, published: 0, errorCount: 0 });
    const list = (await api.request({ method: 'GET', url: '/api/relics/objects?q=%E7%99%BD%E7%8E%89', session: heritage })).json();
    expect(list.items).toEqual([expect.objectContaining({ objectRef: 'IMP-2', status: 'draft' })]);
  });

  it('reads a GBK file through the shared reader (Chinese intact, with a warning), and reports an empty or header-only file as a bad file', async () => {
    const text = `${HEADER}\nGBK-1,ceramics.bowl,porcelain,height=7cm,青花缠枝莲纹碗,Blue-and-white bowl,ming,2024-05-01,150102,口沿有冲线,\n`;
    const response = await upload(gbk(text), 'objects-gbk.csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      encoding: 'gb18030',
      imported: 1,
      errorCount: 0,
      warnings: ['The file is not UTF-8: it was read as GBK/GB18030'],
    });
    const [stored] = rows<{ title_zh: string }>(await api.db.database.db.execute(sql`select title_zh from relic_objects where object_ref = 'GBK-1'`));
    expect(stored).toEqual({ title_zh: '青花缠枝莲纹碗' });
    for (const empty of [Buffer.alloc(0), Buffer.from(`${HEADER}\n`)]) {
      const refused = await upload(empty, 'empty.csv');
      expect(refused.statusCode, refused.body).toBe(200);
      expect(refused.json()).toMatchObject({ imported: 0, errors: [{ row: 1, column: null, code: 'import.no_data_rows' }] });
    }
  });

  it('reports the server side of an import to the user who started it (the second progress bar), and to nobody else', async () => {
    const response = await upload(
      csv('PRG-1,ceramics.bowl,porcelain,height=7cm,青花碗,Blue-and-white bowl,ming,2024-05-01,150102,,'),
      'progress.csv',
    );
    expect(response.statusCode, response.body).toBe(200);
    const url = `/api/relics/imports/${response.job!.jobId}`;
    const seen = await api.request({ method: 'GET', url, session: heritage });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().progress).toMatchObject({ phase: 'done', percent: 100, rowsRead: 1, rowsWritten: 1 });
    const other = await api.login('nmg.commander');
    expect((await api.request({ method: 'GET', url, session: other })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/relics/imports/not-a-uuid', session: heritage })).statusCode).toBe(400);
  });

  it('rejects the whole file when any row is bad, reporting row, column, value and reason', async () => {
    const before = await count();
    const response = await upload(
      csv(
        'BAD-1,ceramics.bowl,porcelain,height=7furlong,碗,Bowl,ming,2024-05-01,150102,,',
        'BAD-2,jade.spaceship,jade,weight=3cm,玉,Jade,qing,2999-01-01,999999,,',
        'IMP-1,ceramics.bowl,porcelain,height=7cm,碗,Bowl,ming,2024-05-01,150102,,',
        'BAD-4,ceramics.bowl,porcelain,height=7cm,碗,Bowl,ming,2024-05-01,150102,,../../etc/passwd',
      ),
      'bad.csv',
    );
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.imported).toBe(0);
    const summary = report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        '2:measurements',
        '3:object_type',
        '3:measurements',
        '3:theft_date',
        '3:jurisdiction_code',
        '4:object_ref',
        '5:photos',
      ]),
    );
    expect(report.errors.find((e: { row: number; column: string }) => e.row === 2).reason).toContain('Unknown unit');
    expect(await count()).toBe(before);
  });

  it('imports a zip with its photos, and refuses path traversal and zip bombs, writing nothing', async () => {
    const photo = await jpegWithGps(300, 200);
    const table = `${HEADER}\nZIP-1,ceramics.vase,porcelain,height=30cm,梅瓶,Meiping vase,ming,2023-01-01,150102,,front:photos/a.jpg;detail:photos/b.jpg`;
    const good = makeZip([
      { name: 'objects.csv', data: Buffer.from(table) },
      { name: 'photos/a.jpg', data: photo },
      { name: 'photos/b.jpg', data: await jpegWithGps(100, 100) },
    ]);
    const ok = await upload(good, 'batch.zip');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 1, photos: 2 });

    const before = await count();
    const traversal = await upload(
      makeZip([
        { name: 'objects.csv', data: Buffer.from(table) },
        { name: '../../evil.jpg', data: photo },
      ]),
      'evil.zip',
    );
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().error.code).toBe('relics.zip_unsafe_path');
    const bomb = await upload(
      makeZip([
        { name: 'objects.csv', data: Buffer.from(table) },
        { name: 'photos/a.jpg', data: Buffer.alloc(1024), declaredSize: 4_000_000_000 },
      ]),
      'bomb.zip',
    );
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.code).toBe('relics.zip_too_large');
    expect(await count()).toBe(before);
    expect((await api.request({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('stops a zip entry that expands past its limit or past what its header declared', async () => {
    const zeros = Buffer.alloc(5 * 1024 * 1024);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-zipbomb-')), 'bomb.zip');
    fs.writeFileSync(
      file,
      makeZip([
        { name: 'objects.csv', data: Buffer.from(HEADER) },
        { name: 'zeros.bin', data: zeros },
      ]),
    );
    expect(fs.statSync(file).size).toBeLessThan(20_000);
    await expect(extractImportZip(file, { maxTotalBytes: 1024 ** 3, maxEntryBytes: 1024 * 1024, maxEntries: 10 })).rejects.toMatchObject({
      code: 'relics.zip_too_large',
    });
    fs.writeFileSync(
      file,
      makeZip([
        { name: 'objects.csv', data: Buffer.from(HEADER) },
        { name: 'zeros.bin', data: zeros, declaredSize: 100 },
      ]),
    );
    // An entry that expands past the size its header declared is stopped as it is read (yauzl's own check).
    await expect(extractImportZip(file, { maxTotalBytes: 1024 ** 3, maxEntryBytes: 1024 ** 3, maxEntries: 10 })).rejects.toMatchObject({
      kind: 'validation',
      code: 'relics.zip_unreadable',
      params: { detail: expect.stringMatching(/too many bytes in the stream\. expected 100\b/) },
    });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it.skipIf(museumMissing)(
    'maps every Walters record (15,252) and imports them as test data, published where complete',
    async () => {
      const { csv: mapped, rows: mappedRows } = mapMuseumRecords('walters', fs.readFileSync(path.join(MUSEUM, 'walters_objects.csv'), 'utf8'));
      expect(mappedRows).toBe(15_252);
      const agency = rows<{ id: string }>(
        await api.db.database.db.execute(sql`select id from agencies where kind = 'cultural_heritage' order by jurisdiction_code limit 1`),
      )[0]!.id;
      const report = await importObjects(api.db.database.db, {
        fileName: 'walters',
        bytes: mapped,
        actor: { userId: null, username: 'test' },
        agencyId: agency,
        store: { dir: api.photoDir },
        publish: 'complete',
        isTestData: true,
        source: 'walters',
      });
      expect(report.errors.slice(0, 3)).toEqual([]);
      expect(report.imported).toBe(15_252);
      expect(report.published).toBeGreaterThan(13_000);
      const counted = rows<{ n: number; t: number }>(
        await api.db.database.db.execute(
          sql`select count(*)::int as n, count(*) filter (where is_test_data)::int as t from relic_objects where source = 'walters'`,
        ),
      )[0]!;
      expect(counted).toEqual({ n: 15_252, t: 15_252 });
      const found = (await api.request({ method: 'GET', url: '/api/public/objects?q=Zeus&pageSize=50' })).json();
      expect(found.total).toBeGreaterThan(0);
      expect(found.items.every((i: { isTestData: boolean }) => i.isTestData)).toBe(true);
    },
    120_000,
  );

  it.skipIf(museumMissing)('maps every Tate record (69,202)', () => {
    const { csv: mapped, rows: mappedRows } = mapMuseumRecords('tate', fs.readFileSync(path.join(MUSEUM, 'tate_artworks.csv'), 'utf8'));
    expect(mappedRows).toBe(69_202);
    expect(mapped.toString('utf8', 0, 2000).split('\n')[0]).toBe(OBJECT_COLUMNS.join(','));
  });
});
