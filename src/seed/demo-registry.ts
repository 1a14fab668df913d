// A small, invented registry for the demo installation, so the public portal has objects to find
// on first start. Every record is made up for the demo (no real theft), and imported the way a
// heritage bureau loads its list: through the registry importer, published at once.
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../modules/audit/index.ts';
import { findAgencyByName } from '../modules/org/index.ts';
import { importObjects, type PhotoStore, relicObjects } from '../modules/relics/index.ts';

const COLUMNS = [
  'object_ref',
  'object_type',
  'materials',
  'measurements',
  'title_zh',
  'title_en',
  'period',
  'theft_date',
  'jurisdiction_code',
  'features_zh',
  'features_en',
];

const OBJECTS: string[][] = [
  [
    'DEMO-R-001',
    'jade.vessel',
    'jade',
    'height=7.8cm',
    '青玉双耳碗',
    'Celadon jade bowl with two handles',
    'qing',
    '2020-03-14',
    '150102',
    '口沿一处小磕，底刻“乾隆年制”',
    'Small chip on the rim; base carved with a Qianlong mark',
  ],
  [
    'DEMO-R-002',
    'ceramics.vase',
    'porcelain',
    'height=31cm',
    '青花缠枝莲纹梅瓶',
    'Blue-and-white meiping vase with lotus scrolls',
    'ming',
    '2020-05-02',
    '150203',
    '肩部有冲线，底足露胎处有窑粘',
    'Hairline crack on the shoulder; kiln grit on the foot',
  ],
  [
    'DEMO-R-003',
    'metal.bronze_vessel',
    'bronze',
    'height=24cm;diameter=18cm',
    '饕餮纹青铜鼎',
    'Bronze ding cauldron with taotie masks',
    'shang',
    '2019-11-20',
    '150404',
    '一足有补铸痕迹，腹内有铭文三字',
    'One leg recast; three-character inscription inside',
  ],
  [
    'DEMO-R-004',
    'sculpture.buddhist',
    'stone',
    'height=46cm',
    '石雕菩萨头像',
    'Stone head of a bodhisattva',
    'liao',
    '2020-08-09',
    '150425',
    '鼻尖残缺，颈部为新鲜錾切断面',
    'Tip of the nose missing; fresh chisel cut at the neck',
  ],
  [
    'DEMO-R-005',
    'ceramics.figure',
    'pottery',
    'height=38cm',
    '彩绘陶骑马俑',
    'Painted pottery figure of a horse and rider',
    'tang',
    '2019-07-03',
    '150602',
    '马尾缺失，彩绘剥落',
    'Horse tail missing; paint flaking',
  ],
  [
    'DEMO-R-006',
    'metal.coin',
    'silver',
    'diameter=3.9cm;weight=26.7g',
    '契丹文银币',
    'Silver coin with Khitan script',
    'liao',
    '2020-01-17',
    '150402',
    '边缘有一处剪痕',
    'A clipping mark on the edge',
  ],
  [
    'DEMO-R-007',
    'architecture.component',
    'wood',
    'width=120cm',
    '木雕斗拱构件',
    'Carved wooden bracket set (dougong)',
    'ming',
    '2020-10-11',
    '150121',
    '构件背面有墨书编号“东三”',
    'Ink number 东三 on the back',
  ],
  [
    'DEMO-R-008',
    'painting.calligraphy',
    'paper',
    'height=132cm;width=64cm',
    '行书立轴',
    'Running-script calligraphy scroll',
    'qing',
    '2019-12-28',
    '150802',
    '裱边有虫蛀，钤印两方',
    'Insect damage on the mount; two seals',
  ],
  [
    'DEMO-R-009',
    'jade.ornament',
    'jade',
    'width=6.2cm',
    '白玉龙纹佩',
    'White jade pendant with a dragon',
    'han',
    '2020-06-21',
    '150105',
    '穿孔处有旧磨损',
    'Old wear at the piercing',
  ],
  [
    'DEMO-R-010',
    'metal.other',
    'gold',
    'width=11cm;weight=48g',
    '鎏金铜马具饰件',
    'Gilt bronze harness ornament',
    'liao',
    '2020-09-30',
    '150426',
    '背面有三个铆钉孔',
    'Three rivet holes on the back',
  ],
];

/** Loads the demo registry into an installation whose registry is empty. Returns the objects added. */
export async function seedDemoRegistry(db: Db, store: PhotoStore): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(relicObjects);
  if (n > 0) return 0;
  const agency = await findAgencyByName(db, '内蒙古自治区文物局', '150000');
  if (!agency) return 0;
  const bytes = Buffer.from(stringify([COLUMNS, ...OBJECTS]), 'utf8');
  const report = await importObjects(db, {
    fileName: 'demo-registry.csv',
    bytes,
    actor: SYSTEM_ACTOR,
    agencyId: agency.id,
    publish: true,
    store,
  });
  if (report.errorCount > 0) throw new Error(`demo registry: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report.imported;
}
