// Metric definitions are data: what is counted, from which facts (the SQL view stats_facts, whose
// sources are the facts functions of migration stats_facts_and_rollup_triggers), by which date, in
// which unit, and how rates are formed. docs/metrics.md describes each. A new metric (fraud, relics,
// sites) is a new entry here, plus facts for its source table: the figure engine does not change.

export interface Text {
  zh: string;
  en: string;
}

export const UNITS = {
  case: { zh: '起', en: 'cases' },
  person: { zh: '名', en: 'persons' },
  gang: { zh: '个', en: 'gangs' },
  fugitive: { zh: '名', en: 'fugitives' },
  percent: { zh: '%', en: '%' },
  piece: { zh: '件', en: 'pieces' },
  yuan: { zh: '元', en: 'yuan' },
  kg: { zh: '千克', en: 'kg' },
} as const satisfies Record<string, Text>;
export type Unit = keyof typeof UNITS;

/** How a figure's value comes out of the facts. */
export type MetricRule =
  /** Number of facts of `fact` dated in the period (optionally only some breakdown values). */
  | { kind: 'count'; fact: string; dims?: readonly string[]; category?: string }
  /** Sum of the facts' values, each breakdown value weighted by its factor (unit conversion). */
  | { kind: 'sum'; fact: string; dims: Readonly<Record<string, number>> }
  /** numerator ÷ denominator × 100, both metrics evaluated for the same scope and period. */
  | { kind: 'rate'; numerator: string; denominator: string }
  /**
   * numerator ÷ stock × 100, where the stock is everything `added` before the period ends and not
   * `removed` before it starts (e.g. fugitives wanted at any time in the period).
   */
  | { kind: 'stock_rate'; numerator: string; added: string; removed: string };

export interface MetricDefinition {
  code: string;
  /** Bumped whenever what the metric counts changes; printed beside every figure. */
  version: number;
  name: Text;
  /** What is counted, in a sentence. */
  counts: Text;
  /** Where it comes from: table and date field. */
  source: string;
  unit: Unit;
  rule: MetricRule;
  /** Labels of the breakdown values (`dim`) this metric can be split by. */
  breakdown?: Readonly<Record<string, Text>>;
  /** Whether the dashboard shows it by default. */
  key?: boolean;
}

export const GANG_KIND_NAMES: Record<string, Text> = {
  criminal_organisation: { zh: '涉黑犯罪组织', en: 'mafia-type criminal organisations' },
  evil_force_group: { zh: '恶势力犯罪集团', en: '"evil force" criminal groups' },
  evil_force_gang: { zh: '恶势力团伙', en: '"evil force" gangs' },
  other: { zh: '其他涉恶团伙', en: 'other gangs' },
};

export const AGE_BAND_NAMES: Record<string, Text> = {
  ge30: { zh: '30年前', en: '30 years or more' },
  '20_30': { zh: '20年至30年', en: '20 to 30 years' },
  '10_20': { zh: '10年至20年', en: '10 to 20 years' },
  lt10: { zh: '近10年', en: 'under 10 years' },
};

export const METRICS: readonly MetricDefinition[] = [
  {
    code: 'cases_filed',
    version: 1,
    unit: 'case',
    key: true,
    name: { zh: '立案数', en: 'Cases filed' },
    counts: { zh: '立案日期在期间内的案件', en: 'Cases whose filing date (立案) falls in the period' },
    source: 'cases.filed_at',
    rule: { kind: 'count', fact: 'cases_filed' },
  },
  {
    code: 'cases_solved',
    version: 1,
    unit: 'case',
    key: true,
    name: { zh: '破案数', en: 'Cases solved' },
    counts: { zh: '破案日期在期间内的案件', en: 'Cases whose solving date (破案) falls in the period' },
    source: 'cases.solved_at',
    rule: { kind: 'count', fact: 'cases_solved' },
  },
  {
    code: 'solve_rate',
    version: 1,
    unit: 'percent',
    key: true,
    name: { zh: '破案率', en: 'Solve rate' },
    counts: { zh: '期间破案数 ÷ 期间立案数 × 100', en: 'Cases solved in the period ÷ cases filed in the period × 100' },
    source: 'cases.solved_at, cases.filed_at',
    rule: { kind: 'rate', numerator: 'cases_solved', denominator: 'cases_filed' },
  },
  {
    code: 'suspects_arrested',
    version: 1,
    unit: 'person',
    key: true,
    name: { zh: '抓获犯罪嫌疑人数', en: 'Suspects arrested' },
    counts: { zh: '抓获日期在期间内的犯罪嫌疑人（每案每人计一次）', en: 'Suspects arrested in the period (once per person per case)' },
    source: 'case_parties.arrested_at (role suspect)',
    rule: { kind: 'count', fact: 'suspects_arrested' },
  },
  {
    code: 'persons_prosecuted',
    version: 1,
    unit: 'person',
    key: true,
    name: { zh: '移送起诉人数', en: 'Persons transferred for prosecution' },
    counts: { zh: '移送起诉日期在期间内的犯罪嫌疑人', en: 'Suspects transferred for prosecution in the period' },
    source: 'case_parties.prosecuted_at (role suspect)',
    rule: { kind: 'count', fact: 'persons_prosecuted' },
  },
  {
    code: 'gangs_dismantled',
    version: 1,
    unit: 'gang',
    key: true,
    name: { zh: '打掉黑恶团伙数', en: 'Gangs dismantled' },
    counts: { zh: '打掉日期在期间内的黑恶团伙，按类型细分', en: 'Gangs dismantled in the period, by kind' },
    source: 'gangs.dismantled_at, gangs.kind',
    rule: { kind: 'count', fact: 'gangs_dismantled' },
    breakdown: GANG_KIND_NAMES,
  },
  {
    code: 'fugitives_wanted',
    version: 1,
    unit: 'fugitive',
    name: { zh: '新增网上逃犯数', en: 'Fugitives newly wanted' },
    counts: { zh: '通缉（上网）日期在期间内的逃犯', en: 'Wanted notices issued in the period' },
    source: 'fugitives.wanted_since',
    rule: { kind: 'count', fact: 'fugitives_wanted' },
  },
  {
    code: 'fugitives_captured',
    version: 1,
    unit: 'fugitive',
    key: true,
    name: { zh: '抓获网上逃犯数', en: 'Fugitives captured' },
    counts: { zh: '抓获日期在期间内的逃犯', en: 'Fugitives captured in the period' },
    source: 'fugitives.captured_at',
    rule: { kind: 'count', fact: 'fugitives_captured' },
  },
  {
    code: 'capture_rate',
    version: 1,
    unit: 'percent',
    key: true,
    name: { zh: '逃犯抓获率', en: 'Fugitive capture rate' },
    counts: {
      zh: '期间抓获逃犯数 ÷ 期间内任一时刻在逃的逃犯数（期末前通缉、期初前未抓获）× 100',
      en: 'Fugitives captured in the period ÷ fugitives wanted at any time in it (wanted before it ends, not captured before it starts) × 100',
    },
    source: 'fugitives.captured_at, fugitives.wanted_since',
    rule: { kind: 'stock_rate', numerator: 'fugitives_captured', added: 'fugitives_wanted', removed: 'fugitives_captured' },
  },
  {
    code: 'cold_cases_solved',
    version: 1,
    unit: 'case',
    key: true,
    name: { zh: '破获命案积案数', en: 'Cold homicides solved' },
    counts: {
      zh: '期间破获、发案已满一年的命案，按发案至破案年限细分（近10年、10年至20年、20年至30年、30年前）',
      en: 'Homicides solved in the period at least a year after they happened, by age (under 10, 10–20, 20–30, 30+ years)',
    },
    source: 'cases.solved_at, cases.occurred_at (category violent.homicide)',
    rule: { kind: 'count', fact: 'cold_cases_solved' },
    breakdown: AGE_BAND_NAMES,
  },
  {
    code: 'relics_recovered',
    version: 1,
    unit: 'piece',
    key: true,
    name: { zh: '追缴文物数', en: 'Cultural relics recovered' },
    counts: { zh: '期间追缴的文物件数（按件计）', en: 'Cultural relics recovered in the period, in pieces' },
    source: 'property_items.at (cultural_relic, piece, recovered)',
    rule: { kind: 'sum', fact: 'property', dims: { 'cultural_relic:piece:recovered': 1 } },
  },
  {
    code: 'funds_stopped',
    version: 1,
    unit: 'yuan',
    key: true,
    name: { zh: '止付资金', en: 'Funds stopped' },
    counts: { zh: '期间止付的涉案资金（元）', en: 'Funds whose payment was stopped in the period, in yuan' },
    source: 'property_items.at (funds, yuan, stopped)',
    rule: { kind: 'sum', fact: 'property', dims: { 'funds:yuan:stopped': 1 } },
  },
  {
    code: 'funds_frozen',
    version: 1,
    unit: 'yuan',
    key: true,
    name: { zh: '冻结资金', en: 'Funds frozen' },
    counts: { zh: '期间冻结的涉案资金（元）', en: 'Funds frozen in the period, in yuan' },
    source: 'property_items.at (funds, yuan, frozen)',
    rule: { kind: 'sum', fact: 'property', dims: { 'funds:yuan:frozen': 1 } },
  },
  {
    code: 'funds_returned',
    version: 1,
    unit: 'yuan',
    name: { zh: '返还涉案资金', en: 'Funds returned' },
    counts: { zh: '期间发还群众的涉案资金和现金（元）', en: 'Funds and cash returned to victims in the period, in yuan' },
    source: 'property_items.at (funds or cash, yuan, returned)',
    rule: { kind: 'sum', fact: 'property', dims: { 'funds:yuan:returned': 1, 'cash:yuan:returned': 1 } },
  },
  {
    code: 'drugs_seized',
    version: 1,
    unit: 'kg',
    name: { zh: '缴获毒品', en: 'Drugs seized' },
    counts: { zh: '期间缴获的毒品（千克，克折算为千克）', en: 'Drugs seized in the period, in kg (grams converted)' },
    source: 'property_items.at (drugs, kg or g, seized)',
    rule: { kind: 'sum', fact: 'property', dims: { 'drugs:kg:seized': 1, 'drugs:g:seized': 0.001 } },
  },
];

const BY_CODE = new Map(METRICS.map((m) => [m.code, m]));

export function findMetric(code: string): MetricDefinition | undefined {
  return BY_CODE.get(code);
}

export const METRIC_CODES = METRICS.map((m) => m.code);
