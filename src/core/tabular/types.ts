import type { TabularFormat } from './detect.ts';

/** One record of the file: the header is the first (row 1 in a normal file). */
export interface TabularRow {
  /** The line (CSV) or sheet row (XLSX) where the record starts, as an editor or spreadsheet shows it. */
  row: number;
  values: string[];
  /** CSV only: a quote was never closed (the record's values are then lost: it ran to the end of the file). */
  malformed: boolean;
}

export interface TabularFile {
  format: TabularFormat;
  /** The character encoding the text was read in: utf-8, gb18030 (which reads GBK and GB2312), utf-16le/be. */
  encoding: string;
  size: number;
  sha256: string;
  /**
   * Header first, then data rows; rows with nothing but blanks are left out. Throws `import.no_data_rows`
   * at the end when no data row came. `onBytes` reports the bytes read so far.
   */
  rows(onBytes?: (done: number) => void): AsyncGenerator<TabularRow>;
  /** Codes of what the reader noticed (read as GBK; more than one worksheet): complete once `rows` has run. */
  readonly notes: string[];
}
