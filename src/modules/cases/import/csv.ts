/**
 * A streaming RFC 4180 reader that knows the line each record starts on, so errors can name the
 * row a user sees in a text editor or spreadsheet even when quoted fields span lines. Accepts
 * CRLF, LF or CR line ends (mixed, too), `""` inside quoted fields, and blank lines (skipped).
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
  /** A quote was not closed, or text followed a closing quote. */
  malformed: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

export class CsvReader {
  private buffer = '';
  private line = 1;

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    this.buffer = this.buffer ? this.buffer + text : text;
    return this.drain(false);
  }

  /** Ends the input; returns the last record, if any. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const s = this.buffer;
    const n = s.length;
    const out: CsvRecord[] = [];
    let consumed = 0;
    let committedLine = this.line;
    let i = 0;
    let line = committedLine;
    records: while (i < n) {
      const startLine = line;
      const fields: string[] = [];
      let malformed = false;
      for (;;) {
        let value: string;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          const open = i;
          let j = i + 1;
          let segment = j;
          value = '';
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0) {
              if (!final) break records;
              value += s.slice(segment);
              i = n;
              malformed = true;
              break;
            }
            // A quote at the very end may be the first half of "": wait for more input.
            if (q + 1 >= n && !final) break records;
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(segment, q + 1);
              j = q + 2;
              segment = j;
              continue;
            }
            value += s.slice(segment, q);
            i = q + 1;
            break;
          }
          line += countLineBreaks(s, open, i);
          // Text after the closing quote: keep it, but say the row is malformed.
          if (i < n) {
            const c = s.charCodeAt(i);
            if (c !== COMMA && c !== LF && c !== CR) {
              let k = i;
              while (k < n) {
                const d = s.charCodeAt(k);
                if (d === COMMA || d === LF || d === CR) break;
                k++;
              }
              if (k >= n && !final) break records;
              value += s.slice(i, k);
              i = k;
              malformed = true;
            }
          }
        } else {
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j >= n && !final) break records;
          value = s.slice(i, j);
          i = j;
        }
        fields.push(value);
        if (i >= n) break; // only when final: the end of input ends the last record
        const c = s.charCodeAt(i);
        if (c === COMMA) {
          i++;
          if (i >= n) {
            if (!final) break records;
            fields.push('');
            break;
          }
          continue;
        }
        // A CR at the very end may be the first half of CRLF: wait for more input.
        if (c === CR) {
          if (i + 1 >= n && !final) break records;
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        break;
      }
      const blank = fields.length === 1 && fields[0] === '' && !malformed;
      if (!blank) out.push({ line: startLine, fields, malformed });
      consumed = i;
      committedLine = line;
    }
    this.line = committedLine;
    this.buffer = final || consumed >= n ? '' : s.slice(consumed);
    return out;
  }
}
