// Progress of imports running in this process (cases, registry objects), polled by the web app's
// second progress bar while the server reads, checks and writes what was uploaded.
import { Type } from 'typebox';
import type { ImportProgress } from '../modules/cases/index.ts';

export const ProgressId = Type.String({ pattern: '^[0-9a-fA-F-]{36}$', description: 'a UUID the client chose for this import, to poll its progress' });

export const ImportProgressOut = Type.Object({
  phase: Type.Enum(['parse', 'validate', 'write', 'index', 'done']),
  /** The whole import (reading, checking, writing, building indexes), 0–100. */
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  rowsRead: Type.Integer(),
  rowsWritten: Type.Integer(),
});

interface ProgressEntry {
  userId: string;
  phase: ImportProgress['phase'] | 'done';
  bytes: number;
  size: number;
  rows: number;
  written: number;
  index: boolean;
  /** What was last shown: an import's progress never goes back, and its phase never returns to an earlier one. */
  shownPercent: number;
  shownPhase: ProgressEntry['phase'];
}

const PHASE_ORDER: ReadonlyArray<ProgressEntry['phase']> = ['parse', 'validate', 'write', 'index', 'done'];
/** On PostgreSQL reading and writing interleave (each checked batch is written while the next is read): the later phase is shown. */
const laterPhase = (a: ProgressEntry['phase'], b: ProgressEntry['phase']) => (PHASE_ORDER.indexOf(b) > PHASE_ORDER.indexOf(a) ? b : a);

/**
 * Progress of running imports in this process, by the id the client sent with the upload, readable
 * only by the user who started it; an entry is kept a minute after the import ends.
 */
const progressBoard = new Map<string, ProgressEntry>();

/** Reading is the first half (on PostgreSQL, writing follows right behind it), writing the next 45%, indexes the rest. */
function percentOf(e: ProgressEntry): number {
  if (e.phase === 'done') return 100;
  const read = e.size > 0 ? Math.min(1, e.bytes / e.size) : 0;
  const written = e.rows > 0 ? Math.min(1, e.written / e.rows) : 0;
  return Math.min(99, Math.floor(100 * (0.5 * read + 0.45 * read * written + (e.index ? 0.05 : 0))));
}

export function trackProgress(id: string | undefined, userId: string): { onProgress?: (p: ImportProgress) => void; end: () => void } {
  if (!id) return { end: () => undefined };
  const key = id.toLowerCase();
  const entry: ProgressEntry = { userId, phase: 'parse', bytes: 0, size: 0, rows: 0, written: 0, index: false, shownPercent: 0, shownPhase: 'parse' };
  progressBoard.set(key, entry);
  return {
    onProgress: (p) => {
      entry.phase = p.phase;
      if (p.phase === 'parse') {
        entry.bytes = p.done;
        entry.size = p.total;
      } else if (p.phase === 'validate') {
        entry.rows = Math.max(entry.rows, p.total);
      } else if (p.phase === 'write') {
        entry.written = p.done;
        entry.rows = Math.max(entry.rows, p.total);
      } else {
        entry.index = true;
      }
    },
    end: () => {
      entry.phase = 'done';
      setTimeout(() => {
        if (progressBoard.get(key) === entry) progressBoard.delete(key);
      }, 60_000).unref();
    },
  };
}

/** What GET /api/imports/progress/:id answers, or undefined when there is no such import of this user's. */
export function progressOf(id: string, userId: string): { phase: ProgressEntry['phase']; percent: number; rowsRead: number; rowsWritten: number } | undefined {
  const entry = progressBoard.get(id.toLowerCase());
  if (!entry || entry.userId !== userId) return undefined;
  // The estimate can dip (more rows read lowers the written share): what a user sees only moves forward.
  entry.shownPercent = Math.max(entry.shownPercent, percentOf(entry));
  entry.shownPhase = laterPhase(entry.shownPhase, entry.phase);
  return { phase: entry.shownPhase, percent: entry.shownPercent, rowsRead: entry.rows, rowsWritten: entry.written };
}
