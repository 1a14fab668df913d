// An import's progress as the page shows it: one percentage for the whole import (reading, checking, writing, building
// indexes) that only moves forward, stored with the job (jobs module) for whoever follows it.
import type { ImportProgress } from '../cases/index.ts';

export type ImportPhaseShown = ImportProgress['phase'] | 'done';

export interface ImportProgressView {
  phase: ImportPhaseShown;
  /** The whole import, 0–100. */
  percent: number;
  rowsRead: number;
  rowsWritten: number;
}

const PHASE_ORDER: ReadonlyArray<ImportPhaseShown> = ['parse', 'validate', 'write', 'index', 'done'];
/** On PostgreSQL reading and writing interleave (each checked batch is written while the next is read): the later phase is shown. */
const laterPhase = (a: ImportPhaseShown, b: ImportPhaseShown) => (PHASE_ORDER.indexOf(b) > PHASE_ORDER.indexOf(a) ? b : a);

/** Turns the importer's progress events into what is stored: reading is the first half, writing the next 45%, indexes the rest. */
export function importProgressTracker(publish: (view: ImportProgressView) => void): (p: ImportProgress) => void {
  let bytes = 0;
  let size = 0;
  let rows = 0;
  let written = 0;
  let index = false;
  let shown: ImportProgressView = { phase: 'parse', percent: 0, rowsRead: 0, rowsWritten: 0 };
  return (p) => {
    if (p.phase === 'parse') {
      bytes = p.done;
      size = p.total;
    } else if (p.phase === 'validate') {
      rows = Math.max(rows, p.total);
    } else if (p.phase === 'write') {
      written = p.done;
      rows = Math.max(rows, p.total);
    } else {
      index = true;
    }
    const read = size > 0 ? Math.min(1, bytes / size) : 0;
    const writtenShare = rows > 0 ? Math.min(1, written / rows) : 0;
    const percent = Math.min(99, Math.floor(100 * (0.5 * read + 0.45 * read * writtenShare + (index ? 0.05 : 0))));
    // The estimate can dip (more rows read lowers the written share): what a user sees only moves forward.
    const next = { phase: laterPhase(shown.phase, p.phase), percent: Math.max(shown.percent, percent), rowsRead: rows, rowsWritten: written };
    if (next.phase !== shown.phase || next.percent !== shown.percent || next.rowsRead !== shown.rowsRead || next.rowsWritten !== shown.rowsWritten) {
      shown = next;
      publish(shown);
    }
  };
}
