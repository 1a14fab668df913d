import { describe, expect, it } from 'vitest';
import { progressOf, trackProgress } from './import-progress.ts';

describe('import progress', () => {
  it('never goes back and never returns to an earlier phase while reading and writing interleave', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const { onProgress, end } = trackProgress(id, 'u1');
    const seen: Array<{ phase: string; percent: number }> = [];
    const look = () => seen.push(progressOf(id, 'u1')!);
    // PostgreSQL: batch k is written while batch k+1 is read; each read batch raises the row total.
    for (let batch = 1; batch <= 5; batch++) {
      onProgress!({ phase: 'parse', done: batch * 200, total: 1000 });
      look();
      onProgress!({ phase: 'write', done: batch * 100, total: batch * 100 });
      look();
      onProgress!({ phase: 'write', done: batch * 100, total: (batch + 1) * 100 });
      look();
    }
    onProgress!({ phase: 'index', done: 0, total: 1 });
    look();
    end();
    look();
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.percent).toBeGreaterThanOrEqual(seen[i - 1]!.percent);
      expect(['parse', 'validate', 'write', 'index', 'done'].indexOf(seen[i]!.phase)).toBeGreaterThanOrEqual(['parse', 'validate', 'write', 'index', 'done'].indexOf(seen[i - 1]!.phase));
    }
    expect(seen.at(-1)).toEqual({ phase: 'done', percent: 100, rowsRead: 600, rowsWritten: 500 });
    expect(progressOf(id, 'someone-else')).toBeUndefined();
  });
});
