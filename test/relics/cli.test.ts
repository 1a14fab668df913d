import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

describe('lianfang objects import|search (PGlite folder)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-cli-relics-'));
  const env = { LIANFANG_PHOTO_DIR: path.join(dir, 'photos') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a file (dry run first, then published) and searches it as JSON', async () => {
    const data = path.join(dir, 'data');
    expect((await runCli(['seed', '--demo'], { dataDir: data }, undefined, env)).code).toBe(0);
    const file = path.join(dir, 'objects.csv');
    fs.writeFileSync(
      file,
      [
        'object_ref,object_type,materials,measurements,title_zh,title_en,period,theft_date,jurisdiction_code,features_zh',
        'CLI-1,jade.vessel,jade,height=7.8cm,青玉双耳碗,Celadon jade bowl,qing,2024-05-01,150102,口沿有磕',
        'CLI-2,ceramics.vase,porcelain,height=30cm,青花梅瓶,Blue-and-white meiping,ming,2024-06-01,150203,底部有裂',
      ].join('\n'),
    );
    const dry = await runCli(['objects', 'import', file, '--dry-run', '--publish'], { dataDir: data }, undefined, { ...env, LANG: 'en_GB.UTF-8' });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('nothing written');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'object_ref,title_zh,measurements,jurisdiction_code\nB-1,坏,height=3furlong,150102\n');
    const rejected = await runCli(['objects', 'import', bad], { dataDir: data }, undefined, { ...env, LANG: 'en_GB.UTF-8' });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('row 2, measurements');
    const imported = await runCli(['objects', 'import', file, '--publish'], { dataDir: data }, undefined, { ...env, LANG: 'en_GB.UTF-8' });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 2 objects (2 published)');
    const search = await runCli(['objects', 'search', '玉碗', '--format', 'json'], { dataDir: data }, undefined, env);
    expect(search.code, search.stderr).toBe(0);
    const results = JSON.parse(search.stdout) as Array<Record<string, unknown>>;
    expect(results).toEqual([
      { object_ref: 'CLI-1', publication_no: expect.stringMatching(/^CN-\d{4}-\d{6}$/), title: '青玉双耳碗', score: expect.any(Number) },
    ]);
  }, 180_000);
});
