import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument, renderApiTypes, SCHEMA_FILE } from '../../scripts/generate-api-types.ts';

/** Where two texts first differ, as "line N: committed … / generated …". */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const n = line === -1 ? a.length : line;
  return `line ${n + 1}:\n  committed: ${a[n] ?? '(end of file)'}\n  generated: ${b[n] ?? '(end of file)'}`;
}

describe('web client types', () => {
  it('web/src/api/schema.gen.ts is what the route schemas generate', async () => {
    const generated = await renderApiTypes(await openApiDocument());
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== generated) {
      expect.fail(
        `web/src/api/schema.gen.ts is stale: the route schemas changed since it was generated. Run npm run api:types and commit the file.\nFirst difference at ${firstDifference(committed, generated)}`,
      );
    }
  });
});
