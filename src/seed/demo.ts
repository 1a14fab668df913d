import { DEMO_PASSWORD } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../modules/audit/index.ts';
import { type AgencyKind, createAgencyUnscoped, createUser, findAgencyByName, findUserByUsername, type Role } from '../modules/org/index.ts';
import { type Period, seedDemoCases } from './cases-generator.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';

interface DemoAgency {
  key: string;
  kind: AgencyKind;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
}
interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  agency: string;
  jurisdictionCode: string;
}

/** Agencies of the nation, Inner Mongolia and three of its cities, a county, and two other provinces. */
export const DEMO_AGENCIES: DemoAgency[] = [
  { key: 'mps', kind: 'public_security', nameZh: '公安部', nameEn: 'Ministry of Public Security', jurisdictionCode: '100000' },
  { key: 'ncha', kind: 'cultural_heritage', nameZh: '国家文物局', nameEn: 'National Cultural Heritage Administration', jurisdictionCode: '100000' },
  {
    key: 'nmg.police',
    kind: 'public_security',
    nameZh: '内蒙古自治区公安厅',
    nameEn: 'Inner Mongolia Public Security Department',
    jurisdictionCode: '150000',
  },
  {
    key: 'nmg.heritage',
    kind: 'cultural_heritage',
    nameZh: '内蒙古自治区文物局',
    nameEn: 'Inner Mongolia Cultural Heritage Bureau',
    jurisdictionCode: '150000',
  },
  { key: 'hohhot.police', kind: 'public_security', nameZh: '呼和浩特市公安局', nameEn: 'Hohhot Public Security Bureau', jurisdictionCode: '150100' },
  {
    key: 'xincheng.police',
    kind: 'public_security',
    nameZh: '呼和浩特市公安局新城区分局',
    nameEn: 'Hohhot PSB Xincheng Sub-bureau',
    jurisdictionCode: '150102',
  },
  { key: 'hohhot.customs', kind: 'customs', nameZh: '呼和浩特海关', nameEn: 'Hohhot Customs', jurisdictionCode: '150100' },
  { key: 'baotou.police', kind: 'public_security', nameZh: '包头市公安局', nameEn: 'Baotou Public Security Bureau', jurisdictionCode: '150200' },
  { key: 'chifeng.police', kind: 'public_security', nameZh: '赤峰市公安局', nameEn: 'Chifeng Public Security Bureau', jurisdictionCode: '150400' },
  {
    key: 'shaanxi.police',
    kind: 'public_security',
    nameZh: '陕西省公安厅',
    nameEn: 'Shaanxi Public Security Department',
    jurisdictionCode: '610000',
  },
  {
    key: 'shaanxi.heritage',
    kind: 'cultural_heritage',
    nameZh: '陕西省文物局',
    nameEn: 'Shaanxi Cultural Heritage Bureau',
    jurisdictionCode: '610000',
  },
  {
    key: 'guangdong.police',
    kind: 'public_security',
    nameZh: '广东省公安厅',
    nameEn: 'Guangdong Public Security Department',
    jurisdictionCode: '440000',
  },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin', 'commander'], agency: 'mps', jurisdictionCode: '100000' },
  { username: 'nmg.commander', displayName: '内蒙古指挥员', roles: ['commander', 'analyst'], agency: 'nmg.police', jurisdictionCode: '150000' },
  { username: 'hohhot.investigator', displayName: '呼和浩特侦查员', roles: ['investigator'], agency: 'hohhot.police', jurisdictionCode: '150100' },
  { username: 'baotou.investigator', displayName: '包头侦查员', roles: ['investigator'], agency: 'baotou.police', jurisdictionCode: '150200' },
  { username: 'chifeng.investigator', displayName: '赤峰侦查员', roles: ['investigator'], agency: 'chifeng.police', jurisdictionCode: '150400' },
  { username: 'heritage.officer', displayName: '内蒙古文物局干部', roles: ['partner_officer'], agency: 'nmg.heritage', jurisdictionCode: '150000' },
  { username: 'hohhot.customs', displayName: '呼和浩特海关关员', roles: ['partner_officer'], agency: 'hohhot.customs', jurisdictionCode: '150100' },
  { username: 'shaanxi.commander', displayName: '陕西指挥员', roles: ['commander', 'analyst'], agency: 'shaanxi.police', jurisdictionCode: '610000' },
  {
    username: 'guangdong.commander',
    displayName: '广东指挥员',
    roles: ['commander', 'analyst'],
    agency: 'guangdong.police',
    jurisdictionCode: '440000',
  },
];

export interface DemoSeedResult {
  agencies: number;
  users: number;
  cases: number;
}

/** Idempotent: what already exists is kept, what is missing is added. Never for production. */
export async function seedDemo(db: Db, env: string, options: { cases?: boolean; period?: Period } = {}): Promise<DemoSeedResult> {
  if (env === 'production') throw new Error('Refusing to load demo data (and its published password) with NODE_ENV=production.');
  const agencyIds = new Map<string, string>();
  let agenciesAdded = 0;
  for (const { key, ...agency } of DEMO_AGENCIES) {
    const existing = await findAgencyByName(db, agency.nameZh, agency.jurisdictionCode);
    if (existing) {
      agencyIds.set(key, existing.id);
      continue;
    }
    agencyIds.set(key, (await createAgencyUnscoped(db, SYSTEM_ACTOR, agency)).id);
    agenciesAdded++;
  }
  let usersAdded = 0;
  for (const { agency, ...user } of DEMO_USERS) {
    if (await findUserByUsername(db, user.username)) continue;
    await createUser(db, SYSTEM_ACTOR, { ...user, agencyId: agencyIds.get(agency)!, password: DEMO_PASSWORD });
    usersAdded++;
  }
  // A deterministic set of cases with parties, gangs and property over the two years up to yesterday (skipped when
  // present); tests that read fixed years pass a fixed period.
  const casesAdded = options.cases === false ? 0 : (await seedDemoCases(db, { period: options.period })).cases;
  // Every campaign code the cases carry becomes a named campaign with its agencies.
  await seedDemoCampaigns(db, agencyIds);
  return { agencies: agenciesAdded, users: usersAdded, cases: casesAdded };
}
