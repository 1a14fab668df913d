import { eq, sql } from 'drizzle-orm';
import { invalid } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { caseCategories } from './schema.ts';

export interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

/** The shipped taxonomy. Parents precede children; a code's parent is its prefix before the last dot. */
const SHIPPED: Array<[code: string, nameZh: string, nameEn: string]> = [
  ['relic', '文物犯罪', 'Cultural-relic crime'],
  ['relic.excavation', '盗掘古文化遗址、古墓葬', 'Excavation of ancient sites and tombs'],
  ['relic.theft', '盗窃文物', 'Theft of cultural relics'],
  ['relic.theft.cave_temple', '盗窃石窟寺文物', 'Theft from cave temples'],
  ['relic.theft.ancient_building', '盗窃古建筑及其构件', 'Theft of ancient buildings and components'],
  ['relic.theft.museum', '盗窃馆藏文物', 'Theft from museums'],
  ['relic.trafficking', '倒卖文物', 'Trafficking in cultural relics'],
  ['relic.smuggling', '走私文物', 'Smuggling of cultural relics'],
  ['relic.damage', '故意损毁文物', 'Damage to cultural relics'],
  ['fraud', '诈骗犯罪', 'Fraud'],
  ['fraud.telecom', '电信网络诈骗', 'Telecom-network fraud'],
  ['fraud.asset_unfreezing', '民族资产解冻类诈骗', '"National asset unfreezing" fraud'],
  ['fraud.other', '其他诈骗', 'Other fraud'],
  ['violent', '严重暴力犯罪', 'Serious violent crime'],
  ['violent.arson', '放火', 'Arson'],
  ['violent.explosion', '爆炸', 'Explosion'],
  ['violent.hijacking', '劫持', 'Hijacking'],
  ['violent.homicide', '杀人', 'Homicide'],
  ['violent.injury', '故意伤害', 'Intentional injury'],
  ['violent.rape', '强奸', 'Rape'],
  ['violent.kidnapping', '绑架', 'Kidnapping'],
  ['violent.robbery', '抢劫', 'Robbery'],
  ['property', '侵财犯罪', 'Property crime'],
  ['property.theft', '盗窃', 'Theft'],
  ['property.snatching', '抢夺', 'Snatching'],
  ['property.fraud', '侵财诈骗', 'Fraud against property'],
  ['gang', '涉黑涉恶犯罪', 'Organised (gang) crime'],
  ['gang.organised', '涉黑', 'Mafia-type organised crime'],
  ['gang.evil_force', '涉恶', '"Evil force" crime'],
  ['drugs', '毒品犯罪', 'Drug crime'],
  ['drugs.trafficking', '贩卖毒品', 'Drug trafficking'],
  ['drugs.other', '其他毒品犯罪', 'Other drug crime'],
  ['firearms', '涉枪涉爆犯罪', 'Firearms and explosives'],
  ['environment', '环境资源犯罪', 'Environmental and resource crime'],
  ['environment.pollution', '污染环境', 'Environmental pollution'],
  ['environment.fishing', '非法捕捞水产品', 'Illegal fishing'],
  ['environment.sand_mining', '非法采砂', 'Illegal sand mining'],
  ['other', '其他', 'Other'],
];

export function parentOf(code: string): string | null {
  const dot = code.lastIndexOf('.');
  return dot < 0 ? null : code.slice(0, dot);
}

export const SHIPPED_CATEGORIES: Category[] = SHIPPED.map(([code, nameZh, nameEn]) => ({ code, parentCode: parentOf(code), nameZh, nameEn }));

/** Upserts the shipped categories (names may be corrected in a release); admin additions are kept. */
export async function loadShippedCategories(db: Db): Promise<void> {
  await db
    .insert(caseCategories)
    .values(SHIPPED_CATEGORIES.map((c, i) => ({ ...c, builtin: true, sortOrder: i })))
    .onConflictDoUpdate({
      target: caseCategories.code,
      set: {
        nameZh: sql`excluded.name_zh`,
        nameEn: sql`excluded.name_en`,
        parentCode: sql`excluded.parent_code`,
        builtin: sql`true`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
}

export async function listCategories(db: Executor): Promise<Category[]> {
  return db
    .select({ code: caseCategories.code, parentCode: caseCategories.parentCode, nameZh: caseCategories.nameZh, nameEn: caseCategories.nameEn })
    .from(caseCategories)
    .orderBy(caseCategories.sortOrder, caseCategories.code);
}

/** Admins extend the tree below an existing category (e.g. `fraud.telecom.investment`). */
export async function addCategory(db: Db, actor: Actor, input: { code: string; nameZh: string; nameEn: string }): Promise<Category> {
  const parentCode = parentOf(input.code);
  const problems = [];
  if (!parentCode) problems.push({ path: '/code', message: 'cases.category_needs_parent' });
  else if (!(await db.select({ code: caseCategories.code }).from(caseCategories).where(eq(caseCategories.code, parentCode))).length) {
    problems.push({ path: '/code', message: 'cases.unknown_category' });
  }
  if ((await db.select({ code: caseCategories.code }).from(caseCategories).where(eq(caseCategories.code, input.code))).length) {
    problems.push({ path: '/code', message: 'cases.category_exists' });
  }
  if (problems.length) throw invalid(problems);
  return db.transaction(async (tx) => {
    const category = { ...input, parentCode };
    await tx.insert(caseCategories).values({ ...category, builtin: false, sortOrder: 10_000 });
    await appendAudit(tx, actor, { action: 'case_category.create', entityType: 'case_category', entityId: input.code, after: category });
    return category;
  });
}
