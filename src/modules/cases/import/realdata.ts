import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { openTabular } from '../../../core/tabular/index.ts';
import type { Db } from '../../../db/client.ts';
import { importFile } from './importer.ts';
import type { ImportOptions, ImportReport } from './types.ts';

/**
 * Mappings of two public police data sets — San Francisco incidents (July–December 2012) and
 * Chicago crimes (1–3 January 2016) — onto our cases format, so a realistic volume of real records
 * goes through the one importer (no separate write path). They are foreign records used as TEST
 * DATA: every case number carries the prefix SF- or CHI-, every summary says so, and they are put
 * under one test jurisdiction (150102 Xincheng District, Hohhot, unless told otherwise).
 */

export const REAL_DATA_SOURCES = ['sf', 'chicago'] as const;
export type RealDataSource = (typeof REAL_DATA_SOURCES)[number];

export const DEFAULT_TEST_JURISDICTION = '150102';

/** SF `Category` → our taxonomy; anything not listed → `other`. */
export const SF_CATEGORIES: Record<string, string> = {
  ARSON: 'violent.arson',
  ASSAULT: 'violent.injury',
  'BAD CHECKS': 'property.fraud',
  BURGLARY: 'property.theft',
  'DRUG/NARCOTIC': 'drugs.other',
  EMBEZZLEMENT: 'property.fraud',
  'FORGERY/COUNTERFEITING': 'property.fraud',
  FRAUD: 'property.fraud',
  KIDNAPPING: 'violent.kidnapping',
  'LARCENY/THEFT': 'property.theft',
  ROBBERY: 'violent.robbery',
  'SEX OFFENSES, FORCIBLE': 'violent.rape',
  'VEHICLE THEFT': 'property.theft',
  'WEAPON LAWS': 'firearms',
};

/** Chicago `Primary Type` → our taxonomy; anything not listed → `other`. */
export const CHICAGO_CATEGORIES: Record<string, string> = {
  ARSON: 'violent.arson',
  ASSAULT: 'violent.injury',
  BATTERY: 'violent.injury',
  BURGLARY: 'property.theft',
  'CRIM SEXUAL ASSAULT': 'violent.rape',
  'CRIMINAL SEXUAL ASSAULT': 'violent.rape',
  'DECEPTIVE PRACTICE': 'property.fraud',
  HOMICIDE: 'violent.homicide',
  KIDNAPPING: 'violent.kidnapping',
  'MOTOR VEHICLE THEFT': 'property.theft',
  NARCOTICS: 'drugs.other',
  'OTHER NARCOTIC VIOLATION': 'drugs.other',
  ROBBERY: 'violent.robbery',
  THEFT: 'property.theft',
  'WEAPONS VIOLATION': 'firearms',
};

/** SF resolutions that mean the case was solved (an adult arrested and booked or cited). */
export const SF_SOLVED_RESOLUTIONS = ['ARREST, BOOKED', 'ARREST, CITED'];

const CASE_HEADER = ['case_no', 'category', 'jurisdiction', 'title', 'occurred_at', 'reported_at', 'filed_at', 'solved_at', 'summary'];

interface Source {
  prefix: string;
  /** The zone the source's local times are in. */
  timeZone: string;
  label: string;
  required: string[];
  toCase(get: (column: string) => string, jurisdiction: string, seen: Map<string, number>): string[] | null;
}

const TEST_DATA = '[测试数据 test data]';

const SOURCES: Record<RealDataSource, Source> = {
  sf: {
    prefix: 'SF-',
    timeZone: 'America/Los_Angeles',
    label: 'San Francisco Police Department incidents, Jul–Dec 2012',
    required: ['IncidntNum', 'Category', 'Descript', 'Date', 'PdDistrict', 'Resolution', 'Location'],
    toCase(get, jurisdiction, seen) {
      // One incident number can carry several offences (rows): number them within the incident.
      const incident = get('IncidntNum');
      const n = (seen.get(incident) ?? 0) + 1;
      seen.set(incident, n);
      const date = get('Date'); // YYYYMMDD; the file's Time column holds no time (always 18991230)
      if (!/^\d{8}$/.test(date)) return null;
      const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
      const solved = SF_SOLVED_RESOLUTIONS.includes(get('Resolution'));
      const category = get('Category');
      return [
        `SF-${incident}-${n}`,
        SF_CATEGORIES[category] ?? 'other',
        jurisdiction,
        get('Descript') || category,
        day,
        day,
        day,
        solved ? day : '',
        `${TEST_DATA} San Francisco ${category}: ${get('Descript')}; ${get('PdDistrict')} district, ${get('Location')}; resolution: ${get('Resolution')}`,
      ];
    },
  },
  chicago: {
    prefix: 'CHI-',
    timeZone: 'America/Chicago',
    label: 'Chicago Police Department crimes, 1–3 Jan 2016',
    required: ['Case Number', 'Date', 'Block', 'Primary Type', 'Description', 'Location Description', 'Arrest'],
    toCase(get, jurisdiction) {
      // MM/DD/YYYY hh:mm:ss AM|PM, local time
      const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([AP]M)$/.exec(get('Date'));
      if (!m) return null;
      const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
      const at = `${m[3]}-${m[1]}-${m[2]}T${String(hour).padStart(2, '0')}:${m[5]}:${m[6]}`;
      const solved = get('Arrest').toLowerCase() === 'true';
      const type = get('Primary Type');
      return [
        `CHI-${get('Case Number')}`,
        CHICAGO_CATEGORIES[type] ?? 'other',
        jurisdiction,
        `${type}: ${get('Description')}`,
        at,
        at,
        at,
        solved ? at : '',
        `${TEST_DATA} Chicago ${type}: ${get('Description')}; ${get('Location Description')}, ${get('Block')}; arrest: ${get('Arrest')}`,
      ];
    },
  },
};

export function realDataTimeZone(source: RealDataSource): string {
  return SOURCES[source].timeZone;
}

/**
 * One source file as our cases CSV, row for row (a source row that is line n of its file is line n
 * of ours, so the importer's row numbers point into the source). Every incident is filed on its
 * date; solved (filed = solved = that date and time) when SF's resolution is an adult arrest
 * (ARREST, BOOKED or ARREST, CITED) or Chicago's Arrest is true.
 */
export async function mapRealData(
  source: RealDataSource,
  bytes: Uint8Array,
  options: { jurisdiction?: string } = {},
): Promise<{ csv: Buffer; rows: number }> {
  const spec = SOURCES[source];
  const jurisdiction = options.jurisdiction ?? DEFAULT_TEST_JURISDICTION;
  const lines: string[][] = [CASE_HEADER];
  let index: Map<string, number> | null = null;
  const seen = new Map<string, number>();
  let line = 1;
  let rows = 0;
  for await (const record of (await openTabular({ bytes })).rows()) {
    if (!index) {
      index = new Map(record.values.map((name, i) => [name.replace(/^\uFEFF/, '').trim(), i]));
      const missing = spec.required.filter((c) => !index!.has(c));
      if (missing.length) throw new Error(`${spec.label}: columns missing: ${missing.join(', ')}`);
      continue;
    }
    // Keep the row numbers: pad with blank lines if the source had any (the importer skips them).
    while (line + 1 < record.row) {
      lines.push([]);
      line++;
    }
    const get = (column: string) => (record.values[index!.get(column)!] ?? '').trim();
    // A row that cannot be mapped goes through as it is, so the importer reports it (bad date).
    lines.push(spec.toCase(get, jurisdiction, seen) ?? [`${spec.prefix}row-${record.row}`, 'other', jurisdiction, 'unparsed', get('Date')]);
    line = record.row;
    rows++;
  }
  return {
    csv: Buffer.from(
      stringify(
        lines.map((l) => (l.length ? l : [''])),
        { record_delimiter: '\n' },
      ),
    ),
    rows,
  };
}

export interface RealDataImportOptions extends Pick<ImportOptions, 'actor' | 'viewer' | 'dryRun' | 'onProgress' | 'defaultAgencyId'> {
  source: RealDataSource;
  /** The source file (never copied: it is read and mapped in memory). */
  path: string;
  jurisdiction?: string | undefined;
}

/** Maps a source file and imports it as cases, all or nothing, in the source's own time zone. */
export async function importRealData(db: Db, options: RealDataImportOptions): Promise<ImportReport> {
  const { csv } = await mapRealData(options.source, fs.readFileSync(options.path), { jurisdiction: options.jurisdiction });
  return importFile(db, {
    kind: 'cases',
    fileName: `${path.basename(options.path)} (${options.source} mapping)`,
    bytes: csv,
    actor: options.actor,
    viewer: options.viewer,
    dryRun: options.dryRun,
    onProgress: options.onProgress,
    defaultAgencyId: options.defaultAgencyId,
    timeZone: SOURCES[options.source].timeZone,
  });
}
