// Geography and agencies for the cases generator, read from the database: the counties cases
// happen in, weighted per crime profile, province and city, and the police agency of each.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import * as D from '../cases-generator-data.ts';
import { Weighted } from './random.ts';

export interface Leaf {
  code: string;
  provinceCode: string;
  cityCode: string;
  cityName: string;
  place: string;
  agencyId: string;
  platePrefix: string;
}

export interface Geography {
  leaves: Leaf[];
  byProfile: Record<D.Profile, Weighted<Leaf>>;
  byProvince: Map<string, Weighted<Leaf>>;
  byCity: Map<string, Weighted<Leaf>>;
  policeAgencies: string[];
  cityAgency: Map<string, string>;
}

const PROVINCES = ['150000', '610000', '440000'];
const PROFILES: D.Profile[] = ['default', 'relic', 'smuggling', 'fraud', 'fishing', 'sand'];

type Row = Record<string, unknown>;
export const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/** A stable pseudo-random factor in [0.6, 1.4) per code, so counties differ in size. */
function jitter(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return 0.6 + ((h >>> 0) % 1000) / 1250;
}

export async function loadGeography(db: Db): Promise<Geography> {
  const places = rowsOf(
    await db.execute(sql`
    select j.code, j.name_zh, j.parent_code, j.level from jurisdictions j
    where j.code in (select descendant_code from jurisdiction_ancestors where ancestor_code in (${sql.join(
      PROVINCES.map((p) => sql`${p}`),
      sql`, `,
    )}))
       or j.code = '100000'
    order by j.code`),
  ).map((r) => ({
    code: String(r.code),
    name: String(r.name_zh),
    parent: r.parent_code === null ? null : String(r.parent_code),
    level: String(r.level),
  }));
  if (!places.some((p) => p.level === 'county')) throw new Error('generateCases: the jurisdictions table is empty; migrate first');
  const byCode = new Map(places.map((p) => [p.code, p]));
  const hasChildren = new Set(places.map((p) => p.parent).filter((p): p is string => p !== null));
  const police = rowsOf(
    await db.execute(sql`select id, jurisdiction_code from agencies where kind = 'public_security' order by jurisdiction_code, name_zh, id`),
  );
  const agencyAt = new Map<string, string>();
  for (const r of police) if (!agencyAt.has(String(r.jurisdiction_code))) agencyAt.set(String(r.jurisdiction_code), String(r.id));
  const agencyFor = (code: string): string => {
    for (let at: string | null = code; at; at = byCode.get(at)?.parent ?? null) {
      const id = agencyAt.get(at);
      if (id) return id;
    }
    throw new Error(`generateCases: no public-security agency covers ${code}; load the demo agencies first (seedDemo)`);
  };

  const leaves: Leaf[] = [];
  const cityAgency = new Map<string, string>();
  for (const p of places) {
    if (p.level !== 'county' && p.level !== 'city') continue;
    if (p.level === 'city') cityAgency.set(p.code, agencyFor(p.code));
    if (hasChildren.has(p.code)) continue;
    const city = p.level === 'city' ? p : byCode.get(p.parent!)!;
    const name = p.name === city.name || p.name === '市辖区' ? city.name : city.name + p.name;
    leaves.push({
      code: p.code,
      provinceCode: city.parent!,
      cityCode: city.code,
      cityName: city.name,
      place: name,
      agencyId: agencyFor(p.code),
      platePrefix:
        D.PLATE_PREFIX[city.code.slice(0, 4)] ??
        `${({ '150000': '蒙', '610000': '陕', '440000': '粤' } as Record<string, string>)[city.parent!] ?? '京'}A`,
    });
  }

  const countyWeight = (leaf: Leaf, profile: D.Profile) => {
    const district = leaf.place.endsWith('区');
    const rural = profile === 'relic' || profile === 'fishing' || profile === 'sand';
    return jitter(leaf.code) * (district ? (rural ? 0.6 : 2) : rural ? 1.5 : 1);
  };
  const weighted = (subset: Leaf[], profile: D.Profile, withProvince: boolean) => {
    const cityTotals = new Map<string, number>();
    const provinceTotals = new Map<string, number>();
    for (const leaf of subset) cityTotals.set(leaf.cityCode, (cityTotals.get(leaf.cityCode) ?? 0) + countyWeight(leaf, profile));
    const cityW = (code: string) => D.CITY_WEIGHTS[profile][code.slice(0, 4)] ?? 1;
    for (const city of cityTotals.keys()) {
      const province = byCode.get(city)!.parent!;
      provinceTotals.set(province, (provinceTotals.get(province) ?? 0) + cityW(city));
    }
    return new Weighted(
      subset,
      subset.map(
        (leaf) =>
          (withProvince ? (D.PROVINCE_WEIGHTS[profile][leaf.provinceCode] ?? 0) : 1) *
          (cityW(leaf.cityCode) / provinceTotals.get(leaf.provinceCode)!) *
          (countyWeight(leaf, profile) / cityTotals.get(leaf.cityCode)!),
      ),
    );
  };
  const byProfile = Object.fromEntries(PROFILES.map((p) => [p, weighted(leaves, p, true)])) as Record<D.Profile, Weighted<Leaf>>;
  const byProvince = new Map(
    PROVINCES.map((p) => [
      p,
      weighted(
        leaves.filter((l) => l.provinceCode === p),
        'default',
        false,
      ),
    ]),
  );
  const cities = [...new Set(leaves.map((l) => l.cityCode))];
  const byCity = new Map(
    cities.map((c) => [
      c,
      weighted(
        leaves.filter((l) => l.cityCode === c),
        'default',
        false,
      ),
    ]),
  );
  return { leaves, byProfile, byProvince, byCity, policeAgencies: [...new Set(police.map((r) => String(r.id)))], cityAgency };
}
