// The demo's campaigns: those the seed reports name, with the codes the generated cases carry (src/seed/cases-generator).
import type { Db } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../modules/audit/index.ts';
import { type CampaignInput, campaignCodesInUse, saveCampaignUnscoped } from '../modules/campaigns/index.ts';

type Template = Omit<CampaignInput, 'code' | 'agencies'> & { lead: string[]; partners: string[] };

const NATIONAL = ['100000'];
const wholeYear = (year: string) => ({ startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });

/** Yearly campaigns carry the year in their code (`relic-2025`); the others are named once. */
function template(code: string): Template | null {
  const yearly = /^(relic|fraud|kunlun)-(\d{4})$/.exec(code);
  if (yearly) {
    const [, kind, year] = yearly as unknown as [string, string, string];
    if (kind === 'relic') {
      return {
        nameZh: `${year}年打击文物犯罪专项行动`,
        nameEn: `Campaign against cultural-relic crime ${year}`,
        kind: 'crackdown',
        ...wholeYear(year),
        descriptionZh: '公安机关会同文物、海关等部门联合开展，依托被盗文物信息发布平台侦破案件、追缴文物。',
        descriptionEn: 'Police with heritage bureaux and customs: solve cases and recover objects through the stolen-object registry.',
        jurisdictionCodes: NATIONAL,
        categoryCodes: ['relic'],
        lead: ['mps', 'ncha'],
        partners: ['nmg.heritage', 'shaanxi.heritage', 'hohhot.customs'],
      };
    }
    if (kind === 'fraud') {
      return {
        nameZh: `${year}年打击治理电信网络诈骗专项行动`,
        nameEn: `Telecom and online fraud crackdown ${year}`,
        kind: 'crackdown',
        ...wholeYear(year),
        descriptionZh: '预警劝阻潜在被害人，止付冻结涉案资金，返还被骗群众。',
        descriptionEn: 'Warn potential victims, stop and freeze payments, return money to victims.',
        jurisdictionCodes: NATIONAL,
        categoryCodes: ['fraud'],
        lead: ['mps'],
        partners: [],
      };
    }
    return {
      nameZh: `“昆仑-${year}”专项行动`,
      nameEn: `Kunlun ${year} (environmental crime)`,
      kind: 'crackdown',
      ...wholeYear(year),
      descriptionZh: '依法严厉打击破坏生态环境犯罪。',
      descriptionEn: 'Crack down on crime against the environment.',
      jurisdictionCodes: NATIONAL,
      categoryCodes: ['environment.pollution'],
      lead: ['mps'],
      partners: [],
    };
  }
  switch (code) {
    case 'sweep-gangs':
      return {
        nameZh: '常态化扫黑除恶斗争',
        nameEn: 'Sustained struggle against organised crime',
        kind: 'crackdown',
        startsOn: '2021-01-01',
        endsOn: '2027-12-31',
        descriptionZh: '“六清”行动：线索清仓、案件清结、逃犯清零、伞网清除、黑财清底、行业清源。',
        descriptionEn:
          'The "six clear-outs": leads cleared, cases concluded, fugitives caught, protective umbrellas removed, criminal assets seized, industries cleaned up.',
        jurisdictionCodes: NATIONAL,
        lead: ['mps'],
        partners: [],
      };
    case 'yunjian-2020':
      return {
        nameZh: '“云剑-2020”专项行动',
        nameEn: 'Cloud Sword 2020',
        kind: 'crackdown',
        startsOn: '2020-05-01',
        endsOn: '2020-12-31',
        descriptionZh: '命案积案攻坚、打击电信网络诈骗和“民族资产解冻”类诈骗。',
        descriptionEn: 'Cold homicides, telecom fraud and "ethnic-asset unfreezing" fraud.',
        jurisdictionCodes: NATIONAL,
        lead: ['mps'],
        partners: [],
      };
    case 'fishing-2020':
      return {
        nameZh: '“平安长江”专项行动',
        nameEn: 'Safe Yangtze',
        kind: 'crackdown',
        startsOn: '2020-01-01',
        endsOn: '2022-12-31',
        descriptionZh: '打击长江流域非法捕捞犯罪，为期三年。',
        descriptionEn: 'Three years against illegal fishing in the Yangtze basin.',
        jurisdictionCodes: NATIONAL,
        categoryCodes: ['environment.fishing'],
        lead: ['mps'],
        partners: [],
      };
    case 'theft-robbery-fraud-2019':
      return {
        nameZh: '2019年打击盗抢骗专项行动',
        nameEn: 'Theft, robbery and fraud crackdown 2019',
        kind: 'crackdown',
        ...wholeYear('2019'),
        jurisdictionCodes: NATIONAL,
        lead: ['mps'],
        partners: [],
      };
    default:
      return null;
  }
}

/**
 * A campaign for every code the demo's cases carry, named and dated, with lead and partner agencies from the demo's
 * (keys of DEMO_AGENCIES). A code without a template keeps its code as its name and the span of its cases.
 */
export async function seedDemoCampaigns(db: Db, agencyIds: ReadonlyMap<string, string>): Promise<number> {
  const agencies = (keys: string[], role: 'lead' | 'partner') =>
    keys.flatMap((key) => (agencyIds.has(key) ? [{ agencyId: agencyIds.get(key)!, role }] : []));
  let saved = 0;
  for (const code of await campaignCodesInUse(db)) {
    const t = template(code);
    if (!t) continue;
    const { lead, partners, ...fields } = t;
    await saveCampaignUnscoped(db, SYSTEM_ACTOR, { code, ...fields, agencies: [...agencies(lead, 'lead'), ...agencies(partners, 'partner')] });
    saved += 1;
  }
  return saved;
}
