// Vocabulary and proportions of the synthetic case generator (cases-generator.ts): categories and
// their weights, lifecycle parameters, geography, names, and the Chinese text templates.
// Proportions follow the published figures in ../shared/seeds (e.g. Inner Mongolia 2020: theft,
// robbery and fraud about half of solved cases, telecom fraud solved up 116.5% on 2019, gangs of
// four kinds 63 : 150 : 220 : 779, cold homicides by age 14 : 52 : 63 : 6).

export type Profile = 'default' | 'relic' | 'smuggling' | 'fraud' | 'fishing' | 'sand';
export type VictimKind = 'none' | 'person' | 'elder';
export type GangTemplateName = 'fraud_ring' | 'relic_gang' | 'theft_ring' | 'drug_ring' | 'mafia' | 'evil_force' | 'sand_gang' | 'fishing_gang';

export interface CategorySpec {
  code: string;
  /** Relative frequency per 10,000 cases reported in 2019; `w2020` when 2020 differs. */
  w2019: number;
  w2020?: number;
  profile: Profile;
  /** Share eventually solved (before the snapshot date) of filed cases not dismissed. */
  solve: number;
  /** Median days from filing to solving (log-normal around it). */
  solveDays: number;
  /** Share dismissed (not filed, or filing withdrawn). */
  dismiss: number;
  /** Median hours between occurrence and report. */
  lagHours: number;
  victims: VictimKind;
  /** Supervision (督办) probability for a filed case. */
  supervise: number;
  /** Gang that a case of this category may start, and the chance that it does. */
  gang?: GangTemplateName;
  gangSpawn?: number;
}

export const CATEGORY_SPECS: CategorySpec[] = [
  { code: 'property.theft', w2019: 3000, w2020: 2750, profile: 'default', solve: 0.6, solveDays: 35, dismiss: 0.04, lagHours: 10, victims: 'person', supervise: 0.002, gang: 'theft_ring', gangSpawn: 0.004 },
  { code: 'property.snatching', w2019: 120, w2020: 100, profile: 'default', solve: 0.7, solveDays: 20, dismiss: 0.03, lagHours: 1, victims: 'person', supervise: 0.003, gang: 'theft_ring', gangSpawn: 0.004 },
  { code: 'property.fraud', w2019: 500, profile: 'default', solve: 0.68, solveDays: 60, dismiss: 0.06, lagHours: 240, victims: 'person', supervise: 0.01 },
  { code: 'fraud.telecom', w2019: 1700, w2020: 2700, profile: 'fraud', solve: 0.58, solveDays: 90, dismiss: 0.03, lagHours: 20, victims: 'person', supervise: 0.01, gang: 'fraud_ring', gangSpawn: 0.005 },
  { code: 'fraud.asset_unfreezing', w2019: 60, w2020: 150, profile: 'fraud', solve: 0.75, solveDays: 60, dismiss: 0.03, lagHours: 500, victims: 'elder', supervise: 0.03, gang: 'fraud_ring', gangSpawn: 0.02 },
  { code: 'fraud.other', w2019: 300, profile: 'fraud', solve: 0.65, solveDays: 45, dismiss: 0.05, lagHours: 72, victims: 'person', supervise: 0.005 },
  { code: 'violent.injury', w2019: 600, w2020: 560, profile: 'default', solve: 0.9, solveDays: 6, dismiss: 0.05, lagHours: 2, victims: 'person', supervise: 0.005 },
  { code: 'violent.robbery', w2019: 160, w2020: 140, profile: 'default', solve: 0.85, solveDays: 15, dismiss: 0.02, lagHours: 1, victims: 'person', supervise: 0.02 },
  { code: 'violent.homicide', w2019: 25, w2020: 23, profile: 'default', solve: 0.96, solveDays: 3, dismiss: 0.005, lagHours: 6, victims: 'person', supervise: 0.25 },
  { code: 'violent.rape', w2019: 70, profile: 'default', solve: 0.92, solveDays: 5, dismiss: 0.04, lagHours: 12, victims: 'person', supervise: 0.02 },
  { code: 'violent.arson', w2019: 35, profile: 'default', solve: 0.8, solveDays: 10, dismiss: 0.05, lagHours: 1, victims: 'person', supervise: 0.03 },
  { code: 'violent.explosion', w2019: 4, profile: 'default', solve: 0.9, solveDays: 4, dismiss: 0.02, lagHours: 1, victims: 'person', supervise: 0.4 },
  { code: 'violent.hijacking', w2019: 2, profile: 'default', solve: 0.95, solveDays: 1, dismiss: 0.02, lagHours: 1, victims: 'person', supervise: 0.3 },
  { code: 'violent.kidnapping', w2019: 10, profile: 'default', solve: 0.95, solveDays: 3, dismiss: 0.02, lagHours: 4, victims: 'person', supervise: 0.3 },
  { code: 'relic.excavation', w2019: 220, w2020: 240, profile: 'relic', solve: 0.66, solveDays: 70, dismiss: 0.02, lagHours: 24 * 40, victims: 'none', supervise: 0.04, gang: 'relic_gang', gangSpawn: 0.04 },
  { code: 'relic.theft.cave_temple', w2019: 20, profile: 'relic', solve: 0.6, solveDays: 90, dismiss: 0.02, lagHours: 24 * 10, victims: 'none', supervise: 0.15 },
  { code: 'relic.theft.ancient_building', w2019: 45, profile: 'relic', solve: 0.62, solveDays: 80, dismiss: 0.02, lagHours: 24 * 7, victims: 'none', supervise: 0.05, gang: 'relic_gang', gangSpawn: 0.03 },
  { code: 'relic.theft.museum', w2019: 10, profile: 'relic', solve: 0.8, solveDays: 30, dismiss: 0.01, lagHours: 12, victims: 'none', supervise: 0.3 },
  { code: 'relic.trafficking', w2019: 130, w2020: 150, profile: 'relic', solve: 0.9, solveDays: 15, dismiss: 0.03, lagHours: 24, victims: 'none', supervise: 0.03, gang: 'relic_gang', gangSpawn: 0.04 },
  { code: 'relic.smuggling', w2019: 30, profile: 'smuggling', solve: 0.9, solveDays: 20, dismiss: 0.02, lagHours: 6, victims: 'none', supervise: 0.1 },
  { code: 'relic.damage', w2019: 40, profile: 'relic', solve: 0.78, solveDays: 20, dismiss: 0.05, lagHours: 24 * 5, victims: 'none', supervise: 0.05 },
  { code: 'gang.organised', w2019: 2, w2020: 1.5, profile: 'default', solve: 0.97, solveDays: 120, dismiss: 0, lagHours: 24 * 60, victims: 'none', supervise: 0.5, gang: 'mafia', gangSpawn: 1 },
  { code: 'gang.evil_force', w2019: 30, w2020: 25, profile: 'default', solve: 0.95, solveDays: 60, dismiss: 0.01, lagHours: 24 * 20, victims: 'person', supervise: 0.06, gang: 'evil_force', gangSpawn: 0.5 },
  { code: 'drugs.trafficking', w2019: 350, profile: 'default', solve: 0.97, solveDays: 2, dismiss: 0.01, lagHours: 2, victims: 'none', supervise: 0.01, gang: 'drug_ring', gangSpawn: 0.012 },
  { code: 'drugs.other', w2019: 200, profile: 'default', solve: 0.97, solveDays: 1, dismiss: 0.02, lagHours: 2, victims: 'none', supervise: 0.002 },
  { code: 'firearms', w2019: 90, profile: 'default', solve: 0.93, solveDays: 5, dismiss: 0.02, lagHours: 12, victims: 'none', supervise: 0.02 },
  { code: 'environment.pollution', w2019: 70, w2020: 85, profile: 'default', solve: 0.88, solveDays: 25, dismiss: 0.04, lagHours: 24 * 15, victims: 'none', supervise: 0.04 },
  { code: 'environment.fishing', w2019: 90, w2020: 130, profile: 'fishing', solve: 0.95, solveDays: 3, dismiss: 0.02, lagHours: 6, victims: 'none', supervise: 0.005, gang: 'fishing_gang', gangSpawn: 0.02 },
  { code: 'environment.sand_mining', w2019: 60, profile: 'sand', solve: 0.92, solveDays: 10, dismiss: 0.02, lagHours: 24, victims: 'none', supervise: 0.03, gang: 'sand_gang', gangSpawn: 0.04 },
  { code: 'other', w2019: 1000, profile: 'default', solve: 0.8, solveDays: 12, dismiss: 0.06, lagHours: 8, victims: 'person', supervise: 0.002 },
];

export interface GangTemplate {
  kinds: Array<[kind: 'criminal_organisation' | 'evil_force_group' | 'evil_force_gang' | 'other', weight: number]>;
  members: [min: number, max: number];
  /** Cases after the first: usually small, one time in ten large. */
  cases: [min: number, max: number];
  bigCases: [min: number, max: number];
  windowDays: [min: number, max: number];
  categories: Array<[code: string, weight: number]>;
  /** Share of the gang's cases outside its home city (fraud rings: anywhere). */
  roam: number;
  roamAnywhere: boolean;
  phones: [number, number];
  accounts: [number, number];
  plates: [number, number];
  label: string;
}

export const GANG_TEMPLATES: Record<GangTemplateName, GangTemplate> = {
  fraud_ring: {
    kinds: [['other', 8], ['evil_force_group', 2]], members: [4, 10], cases: [3, 25], bigCases: [40, 120], windowDays: [60, 300],
    categories: [['fraud.telecom', 85], ['fraud.asset_unfreezing', 10], ['fraud.other', 5]], roam: 0.65, roamAnywhere: true,
    phones: [3, 8], accounts: [4, 10], plates: [0, 0], label: '电信网络诈骗犯罪团伙',
  },
  relic_gang: {
    kinds: [['other', 8], ['evil_force_gang', 2]], members: [3, 9], cases: [2, 20], bigCases: [25, 60], windowDays: [90, 540],
    categories: [['relic.excavation', 65], ['relic.trafficking', 20], ['relic.theft.ancient_building', 10], ['relic.theft.cave_temple', 5]],
    roam: 0.2, roamAnywhere: false, phones: [2, 5], accounts: [0, 2], plates: [1, 3], label: '盗掘倒卖文物犯罪团伙',
  },
  theft_ring: {
    kinds: [['other', 85], ['evil_force_gang', 15]], members: [2, 6], cases: [3, 20], bigCases: [25, 50], windowDays: [30, 180],
    categories: [['property.theft', 85], ['property.snatching', 15]], roam: 0.15, roamAnywhere: false,
    phones: [1, 3], accounts: [0, 1], plates: [1, 2], label: '盗窃犯罪团伙',
  },
  drug_ring: {
    kinds: [['other', 7], ['evil_force_group', 3]], members: [3, 8], cases: [2, 12], bigCases: [15, 30], windowDays: [60, 360],
    categories: [['drugs.trafficking', 80], ['drugs.other', 20]], roam: 0.25, roamAnywhere: false,
    phones: [2, 6], accounts: [1, 4], plates: [0, 2], label: '贩毒团伙',
  },
  mafia: {
    kinds: [['criminal_organisation', 1]], members: [10, 30], cases: [5, 30], bigCases: [30, 60], windowDays: [180, 700],
    categories: [['gang.organised', 35], ['violent.injury', 20], ['gang.evil_force', 15], ['environment.sand_mining', 10], ['property.fraud', 10], ['violent.robbery', 5], ['other', 5]],
    roam: 0.1, roamAnywhere: false, phones: [3, 8], accounts: [2, 6], plates: [2, 5], label: '黑社会性质组织',
  },
  evil_force: {
    kinds: [['evil_force_group', 4], ['evil_force_gang', 6]], members: [3, 12], cases: [2, 15], bigCases: [16, 30], windowDays: [90, 500],
    categories: [['gang.evil_force', 50], ['violent.injury', 20], ['property.fraud', 15], ['environment.sand_mining', 10], ['other', 5]],
    roam: 0.1, roamAnywhere: false, phones: [2, 5], accounts: [1, 3], plates: [1, 3], label: '恶势力犯罪集团',
  },
  sand_gang: {
    kinds: [['other', 7], ['evil_force_gang', 3]], members: [3, 8], cases: [2, 10], bigCases: [12, 20], windowDays: [60, 300],
    categories: [['environment.sand_mining', 90], ['environment.pollution', 10]], roam: 0.1, roamAnywhere: false,
    phones: [1, 3], accounts: [0, 1], plates: [2, 4], label: '非法采砂犯罪团伙',
  },
  fishing_gang: {
    kinds: [['other', 1]], members: [3, 8], cases: [2, 10], bigCases: [12, 20], windowDays: [30, 200],
    categories: [['environment.fishing', 1]], roam: 0.1, roamAnywhere: false, phones: [1, 3], accounts: [0, 1], plates: [1, 2],
    label: '非法捕捞犯罪团伙',
  },
};

/** Province weights per geography profile (Inner Mongolia, Shaanxi, Guangdong). */
export const PROVINCE_WEIGHTS: Record<Profile, Record<string, number>> = {
  default: { '150000': 45, '610000': 27, '440000': 28 },
  relic: { '150000': 56, '610000': 40, '440000': 4 },
  smuggling: { '150000': 30, '610000': 10, '440000': 60 },
  fraud: { '150000': 40, '610000': 25, '440000': 35 },
  fishing: { '150000': 15, '610000': 25, '440000': 60 },
  sand: { '150000': 35, '610000': 40, '440000': 25 },
};

/** City weights by 4-digit prefix; cities not listed weigh 1. */
const DEFAULT_CITIES: Record<string, number> = {
  '1501': 18, '1502': 17, '1503': 4, '1504': 17, '1505': 10, '1506': 9, '1507': 8, '1508': 6, '1509': 6, '1522': 3, '1525': 4, '1529': 1,
  '6101': 40, '6102': 3, '6103': 10, '6104': 12, '6105': 12, '6106': 6, '6107': 8, '6108': 9, '6109': 6, '6110': 5,
  '4401': 22, '4403': 20, '4406': 10, '4419': 10, '4413': 5, '4407': 4, '4420': 4, '4405': 4, '4408': 4, '4409': 3, '4412': 3,
  '4452': 3, '4404': 3, '4418': 2, '4402': 2, '4414': 2, '4416': 2, '4415': 2, '4417': 2, '4451': 2, '4453': 1,
};

export const CITY_WEIGHTS: Record<Profile, Record<string, number>> = {
  default: DEFAULT_CITIES,
  fraud: DEFAULT_CITIES,
  relic: {
    ...DEFAULT_CITIES,
    '1504': 40, '1505': 10, '1501': 8, '1502': 6, '1506': 8, '1509': 8, '1507': 6, '1508': 5, '1525': 5, '1522': 2, '1529': 1, '1503': 1,
    '6101': 30, '6104': 22, '6103': 14, '6105': 14, '6106': 6, '6108': 5, '6107': 4, '6102': 2, '6109': 1.5, '6110': 1.5,
  },
  smuggling: { ...DEFAULT_CITIES, '1525': 30, '1507': 30, '1501': 25, '1502': 10, '1504': 5, '1503': 0.5, '1505': 2, '1506': 1, '1508': 1, '1509': 1, '1522': 1, '1529': 1 },
  fishing: { ...DEFAULT_CITIES, '1507': 30, '1508': 20, '1502': 5, '6107': 30, '6109': 20, '4408': 15, '4405': 10, '4404': 10, '4415': 10, '4417': 10 },
  sand: { ...DEFAULT_CITIES, '1502': 25, '1506': 20, '1508': 15, '1503': 10, '6101': 25, '6104': 20, '6105': 20, '4401': 15, '4418': 10, '4412': 10 },
};

/** Licence-plate prefixes by city (normalised plates are upper case without spaces). */
export const PLATE_PREFIX: Record<string, string> = {
  '1501': '蒙A', '1502': '蒙B', '1503': '蒙C', '1504': '蒙D', '1507': '蒙E', '1522': '蒙F', '1505': '蒙G', '1525': '蒙H', '1509': '蒙J',
  '1506': '蒙K', '1508': '蒙L', '1529': '蒙M',
  '6101': '陕A', '6102': '陕B', '6103': '陕C', '6104': '陕D', '6105': '陕E', '6107': '陕F', '6109': '陕G', '6110': '陕H', '6106': '陕J', '6108': '陕K',
  '4401': '粤A', '4403': '粤B', '4404': '粤C', '4405': '粤D', '4406': '粤E', '4402': '粤F', '4408': '粤G', '4412': '粤H', '4407': '粤J',
  '4409': '粤K', '4413': '粤L', '4414': '粤M', '4415': '粤N', '4416': '粤P', '4417': '粤Q', '4418': '粤R', '4419': '粤S', '4420': '粤T',
  '4451': '粤U', '4452': '粤V', '4453': '粤W',
};
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export const RIVERS: Record<string, string[]> = {
  '150000': ['黄河', '西辽河', '老哈河', '西拉木伦河', '大黑河', '嫩江', '呼伦湖', '乌梁素海'],
  '610000': ['渭河', '汉江', '泾河', '丹江', '黄河', '洛河'],
  '440000': ['西江', '北江', '东江', '珠江口', '韩江', '鉴江'],
};

export const SURNAMES: Array<[string, number]> = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 19], ['周', 19], ['徐', 13], ['孙', 13],
  ['马', 12], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 11], ['高', 10], ['林', 10], ['罗', 9], ['郑', 8], ['梁', 8], ['谢', 6], ['宋', 6],
  ['唐', 6], ['许', 6], ['韩', 6], ['冯', 5], ['邓', 5], ['曹', 5], ['彭', 5], ['曾', 5], ['肖', 4], ['田', 4], ['董', 4], ['袁', 4], ['潘', 4],
  ['于', 4], ['蒋', 4], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3],
  ['夏', 3], ['韦', 3], ['付', 3], ['方', 3], ['白', 3], ['邹', 3], ['孟', 3], ['熊', 3], ['秦', 3], ['邱', 3], ['江', 3], ['尹', 3], ['薛', 3],
  ['闫', 3], ['段', 3], ['雷', 3], ['侯', 3], ['龙', 3], ['史', 3], ['陶', 3], ['黎', 3], ['贺', 3], ['顾', 3], ['毛', 3], ['郝', 3], ['龚', 3],
  ['邵', 3], ['万', 3], ['钱', 3], ['严', 3], ['覃', 3], ['武', 3], ['戴', 3], ['莫', 3], ['孔', 3], ['向', 3], ['汤', 3],
];
export const GIVEN_MALE = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁建国峰亮志文成龙海东宇浩俊凯永林洋帅新春生金德庆福宝山广利忠毅'];
export const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞燕玲婷雪慧红梅琳颖欣洁萍晶丹倩莉英兰秀凤玉佳悦雅璐荣桂琴'];
/** Mongolian names, written without a surname; used for some persons from Inner Mongolia. */
export const MONGOLIAN_MALE = ['巴特尔', '宝音', '乌力吉', '额尔敦', '苏和', '那日苏', '朝鲁', '格日勒图', '孟和', '巴雅尔', '阿拉坦', '布和', '图门', '特木尔', '吉日嘎拉'];
export const MONGOLIAN_FEMALE = ['其其格', '斯琴', '图雅', '萨仁', '乌兰', '娜仁', '高娃', '托娅', '敖登', '塔娜', '乌云', '萨日娜'];

export const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '170', '171', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '198', '199',
];
/** Issuer prefixes of debit cards (ICBC, CCB, ABC, BOC, CMB, PSBC, rural credit). */
export const BANK_BINS = ['622202', '621700', '622848', '621226', '622588', '621483', '622700', '623668', '621799', '622188', '621098', '623058'];

export const DISMISSAL_REASONS = [
  '经审查，没有犯罪事实，不予立案', '经审查，情节显著轻微、危害不大，不认为是犯罪', '报案人撤回报案，经核实系民事纠纷',
  '经侦查，犯罪已过追诉时效期限', '经侦查，犯罪嫌疑人死亡，依法撤销案件', '经审查，属于治安案件，转治安部门处理', '经核查，系重复报案，已并入他案',
];

export const SUPERVISION_REASONS: Record<string, string[]> = {
  relic: ['涉案文物等级高、数量多，社会关注度高', '涉及全国重点文物保护单位，案情重大', '跨省系列盗掘案件，需统一指挥协调'],
  fraud: ['涉案金额特别巨大，受害人众多', '跨境电信网络诈骗案件，需多地协同侦办', '串并案件多起，涉及多省区'],
  violent: ['案情重大，社会影响恶劣', '命案积案，需集中攻坚', '犯罪嫌疑人在逃，需全力缉捕'],
  gang: ['涉黑涉恶重大案件，群众反映强烈', '扫黑除恶目标案件，需挂牌督办', '涉案资产规模大，需深挖彻查'],
  other: ['案情重大，社会影响较大', '群众反映强烈，需限期侦破', '跨区域案件，需上级协调'],
};

// ---- text material ----

export const RELIC_SITES: Record<string, Array<[site: string, dynasty: string]>> = {
  '150000': [['辽代墓群', '辽代'], ['红山文化遗址', '红山文化'], ['夏家店下层文化遗址', '夏家店下层文化'], ['辽代契丹贵族墓', '辽代'],
    ['元代古城址', '元代'], ['汉代墓群', '汉代'], ['北魏古城遗址', '北魏'], ['金代界壕遗址', '金代'], ['战国燕长城遗址', '战国']],
  '610000': [['汉代墓葬', '汉代'], ['唐代墓葬', '唐代'], ['西周遗址', '西周'], ['秦代遗址', '秦代'], ['宋代墓葬', '宋代'],
    ['明代墓群', '明代'], ['仰韶文化遗址', '仰韶文化'], ['北周墓葬', '北周']],
  '440000': [['南越国时期墓葬', '西汉'], ['宋代窑址', '宋代'], ['明清古墓', '明清'], ['新石器时代贝丘遗址', '新石器时代']],
};
export const RELIC_OBJECTS = ['瓷碗', '瓷罐', '铜镜', '陶罐', '陶俑', '玉璧', '玉猪龙', '金银饰件', '铜钱', '石刻造像', '壁画残块', '铜佛像', '马具', '青铜剑', '鎏金铜饰', '白釉瓷瓶'];
export const CAVE_TEMPLES = ['石窟寺', '摩崖造像', '千佛洞', '石窟'];
export const ANCIENT_BUILDINGS = ['古寺庙', '古民居', '古戏台', '召庙', '古塔', '祠堂'];
export const MUSEUMS = ['博物馆', '文物管理所', '民俗博物馆', '纪念馆'];
export const TOOLS = ['洛阳铲', '金属探测器', '炸药', '电动钻机', '撬棍'];

export const FRAUD_SUBTYPES: Array<[name: string, how: string, weight: number]> = [
  ['刷单返利', '以网络刷单返利为诱饵，先小额返利取得信任后诱导大额垫付', 30],
  ['冒充电商物流客服', '冒充电商客服，以商品质量问题退款、理赔为由诱导操作转账', 15],
  ['虚假网络投资理财', '通过婚恋交友结识后，诱导在虚假投资平台充值', 15],
  ['虚假网络贷款', '以无抵押低息贷款为名，收取所谓保证金、解冻费', 12],
  ['冒充公检法', '冒充公检法机关工作人员，称其涉嫌洗钱，要求将资金转入“安全账户”', 8],
  ['虚假购物服务', '在社交平台发布低价商品信息，收款后拉黑', 8],
  ['冒充领导熟人', '冒充单位领导添加好友，以急需用钱为由要求转账', 7],
  ['网络游戏产品虚假交易', '以低价出售游戏账号、装备为由诱导转账', 5],
];
export const PAYMENT_CHANNELS = ['手机银行', '网上银行', '微信', '支付宝', 'ATM机'];

export const THEFT_ITEMS: Array<[item: string, lossMin: number, lossMax: number]> = [
  ['电动自行车', 800, 4000], ['手机', 1000, 9000], ['现金', 200, 30000], ['摩托车', 2000, 9000], ['汽车', 30000, 250000],
  ['金银首饰', 2000, 50000], ['电缆', 3000, 60000], ['牛羊', 5000, 80000], ['笔记本电脑', 3000, 15000], ['财物', 500, 20000],
];
export const OTHER_OFFENCES = ['寻衅滋事', '开设赌场', '非法拘禁', '危险驾驶', '妨害公务', '伪造公文印章', '聚众斗殴', '非法经营', '拒不支付劳动报酬', '侵犯公民个人信息'];
export const DRUGS = ['甲基苯丙胺', '海洛因', '氯胺酮', '大麻', '甲基苯丙胺片剂'];
export const WEAPONS = ['菜刀', '匕首', '木棍', '钢管', '砍刀'];
export const POLLUTANTS = ['废机油', '电镀废液', '废酸', '含重金属污泥', '化工废料'];
