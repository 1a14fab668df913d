import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTabular } from '../../src/core/tabular/index.ts';
import { makeWorkDir, removeStaleWorkDirs, WORK_ROOT } from '../../src/core/temp.ts';
import { readListings } from '../../src/modules/matching/screening.ts';
import { extractZip } from '../../src/modules/relics/index.ts';
import { makeZip } from '../relics/zip.ts';

/** Issue 13, lows: zip and XLSX bombs refused from their declared sizes; temporary folders of dead servers removed. */

const ownDirs = () => (fs.existsSync(path.join(WORK_ROOT, String(process.pid))) ? fs.readdirSync(path.join(WORK_ROOT, String(process.pid))) : []);

describe('upload limits', () => {
  it('refuses a small zip that declares a hundred times its size before writing anything', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-ratio-test-'));
    try {
      const file = path.join(dir, 'bomb.zip');
      // ~100 KB that expands to 100 MiB (the review's 2.3 MB zip expanded to 1.9 GB before it was refused).
      fs.writeFileSync(file, makeZip([{ name: 'objects.csv', data: Buffer.alloc(100 * 1024 ** 2, 'a') }]));
      expect(fs.statSync(file).size).toBeLessThan(1024 ** 2);
      const before = ownDirs();
      const started = Date.now();
      await expect(extractZip(file)).rejects.toMatchObject({ code: 'relics.zip_too_large' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(ownDirs()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an XLSX whose shared strings expand far past its size, from the zip directory, at once (import and screening)', async () => {
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>重复的字符串重复的字符串</t></si>'.repeat(2_000_000)}</sst>`;
    const xlsx = makeZip([
      {
        name: '[Content_Types].xml',
        data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      },
      {
        name: 'xl/workbook.xml',
        data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
      },
      { name: 'xl/sharedStrings.xml', data: Buffer.from(strings) },
    ]);
    expect(xlsx.byteLength).toBeLessThan(2 * 1024 ** 2);
    const started = Date.now();
    await expect(openTabular({ bytes: xlsx })).rejects.toMatchObject({ code: 'import.file_too_large' });
    expect(Date.now() - started).toBeLessThan(2000);
    // The same file as a screening's listings (loaded whole by exceljs).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-xlsx-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'listings.xlsx'), xlsx);
      const again = Date.now();
      await expect(readListings(path.join(dir, 'listings.xlsx'))).rejects.toMatchObject({ code: 'matching.listings_unreadable' });
      expect(Date.now() - again).toBeLessThan(2000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes at start the work folders of servers that are gone, and keeps its own', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = path.join(WORK_ROOT, String(gone), 'upload-left');
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'upload'), 'half an upload');
    const mine = makeWorkDir('upload-');
    removeStaleWorkDirs();
    expect(fs.existsSync(path.join(WORK_ROOT, String(gone)))).toBe(false);
    expect(fs.existsSync(mine)).toBe(true);
    fs.rmSync(mine, { recursive: true, force: true });
  });
});
