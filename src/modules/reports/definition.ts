import { DomainError } from '../../core/errors.ts';
import { COMPARISONS, type Comparison, findMetric, type Text } from '../stats/index.ts';

/** A figure a report uses: a metric for the report's scope, optionally narrowed or over more years. */
export interface ReportFigure {
  metric: string;
  category?: string;
  campaign?: string;
  compare?: Comparison;
  /**
   * Count over this many calendar years ending with the report's (e.g. 3 for a three-year campaign): from 1 January
   * of the first of them (or the report's start, if earlier) to the report's end. `{key.period}` says which.
   */
  years?: number;
}

export interface ReportSection {
  id: string;
  heading: Text;
  /** Sentence templates; `{key}` is a figure's value, `{key.previous}`, `{key.difference}`, `{key.change}`,
   *  `{key.trend}` (上升/下降, up/down), `{key.more}` (多/少, more/fewer), `{key.breakdown.DIM}`, `{key.unit}`;
   *  `{key.compared}` the whole comparison as a clause (与去年同期持平, none in the same period last year…);
   *  `{key.period}` the figure's own period (2018年至2020年, from 2018 to 2020). A number followed by
   *  `|one|other` takes the form that agrees with it: `{gangs|gang was|gangs were}` → 1 gang was, 12 gangs were,
   *  no gangs were. English that starts a sentence is capitalised. */
  paragraphs: Text[];
}

export interface ReportDefinition {
  version: 1;
  title: Text;
  /** Comparison for figures that name none. */
  compare: Comparison;
  rounding?: { changePct?: number; rate?: number };
  figures: Record<string, ReportFigure>;
  sections: ReportSection[];
}

/** `{key}`, `{key.attribute}`, `{key.breakdown.DIM}`, each optionally with `|one|other` forms. */
const PLACEHOLDER = /\{([a-z0-9_]+)(?:\.([a-z_]+)(?:\.([a-z0-9_]+))?)?(?:\|([^|{}]*)\|([^|{}]*))?\}/gi;
const ATTRIBUTES = ['previous', 'difference', 'change', 'trend', 'more', 'breakdown', 'unit', 'compared', 'period'];
/** Attributes that are a count, so can take `|one|other` forms. */
const COUNTED = [undefined, 'previous', 'difference', 'breakdown'];

const bad = (reason: string) => new DomainError('validation', 'reports.bad_definition', undefined, { reason });

/** Checks a definition read from a file or a request; a template naming a missing figure is an error. */
export function checkDefinition(input: unknown): ReportDefinition {
  if (!input || typeof input !== 'object') throw bad('not an object');
  const d = input as ReportDefinition;
  const isText = (t: unknown): t is Text => !!t && typeof (t as Text).zh === 'string' && typeof (t as Text).en === 'string';
  if (d.version !== 1) throw bad('version must be 1');
  if (!isText(d.title)) throw bad('title needs zh and en');
  if (!COMPARISONS.includes(d.compare)) throw bad(`compare must be one of ${COMPARISONS.join(', ')}`);
  if (!d.figures || typeof d.figures !== 'object') throw bad('figures missing');
  for (const [key, f] of Object.entries(d.figures)) {
    if (!/^[a-z0-9_]+$/i.test(key)) throw bad(`figure name ${key}: letters, digits and _ only`);
    if (!f || typeof f.metric !== 'string' || !findMetric(f.metric)) throw bad(`figure ${key}: unknown metric ${String(f?.metric)}`);
    if (f.compare !== undefined && !COMPARISONS.includes(f.compare)) throw bad(`figure ${key}: unknown comparison ${String(f.compare)}`);
    if (f.years !== undefined && (!Number.isInteger(f.years) || f.years < 1 || f.years > 20)) throw bad(`figure ${key}: years is 1 to 20`);
  }
  if (!Array.isArray(d.sections) || d.sections.length === 0) throw bad('sections missing');
  for (const section of d.sections) {
    if (!section || typeof section.id !== 'string' || !isText(section.heading) || !Array.isArray(section.paragraphs))
      throw bad('each section needs id, heading and paragraphs');
    for (const paragraph of section.paragraphs) {
      if (!isText(paragraph)) throw bad(`section ${section.id}: each paragraph needs zh and en`);
      for (const template of [paragraph.zh, paragraph.en]) {
        for (const m of template.matchAll(PLACEHOLDER)) {
          if (!(m[1]! in d.figures)) throw new DomainError('validation', 'reports.missing_figure', undefined, { figure: m[1]!, section: section.id });
          if (m[2] && !ATTRIBUTES.includes(m[2])) throw bad(`section ${section.id}: unknown attribute ${m[2]} of ${m[1]}`);
          if (m[4] !== undefined && !COUNTED.includes(m[2]))
            throw bad(`section ${section.id}: ${m[1]}.${m[2]} is not a count, so takes no |one|other forms`);
          if (m[2] === 'breakdown') {
            const metric = findMetric(d.figures[m[1]!]!.metric)!;
            if (!m[3] || !metric.breakdown || !(m[3] in metric.breakdown)) throw bad(`section ${section.id}: ${m[1]} has no breakdown ${m[3] ?? ''}`);
          }
        }
      }
    }
  }
  return d;
}

export { PLACEHOLDER };

/** The shipped definition: the figures of a provincial "report to the people" like seed 003. */
export const DEFAULT_REPORT: ReportDefinition = {
  version: 1,
  title: { zh: '打击刑事犯罪工作情况通报', en: 'Report on the fight against crime' },
  compare: 'yoy',
  figures: {
    solved: { metric: 'cases_solved' },
    arrested: { metric: 'suspects_arrested' },
    gangs: { metric: 'gangs_dismantled', years: 3 },
    cold: { metric: 'cold_cases_solved' },
    telecom_solved: { metric: 'cases_solved', category: 'fraud.telecom' },
    telecom_arrested: { metric: 'suspects_arrested', category: 'fraud.telecom' },
    funds_stopped: { metric: 'funds_stopped' },
    funds_frozen: { metric: 'funds_frozen' },
    relics: { metric: 'relics_recovered' },
    captured: { metric: 'fugitives_captured' },
    capture_rate: { metric: 'capture_rate' },
  },
  sections: [
    {
      id: 'overview',
      heading: { zh: '总体情况', en: 'Overview' },
      paragraphs: [
        {
          zh: '共破获各类刑事案件{solved}起，抓获犯罪嫌疑人{arrested}名。',
          en: '{solved|criminal case was|criminal cases were} solved and {arrested|suspect|suspects} arrested.',
        },
      ],
    },
    {
      id: 'gangs',
      heading: { zh: '扫黑除恶', en: 'Organised crime' },
      paragraphs: [
        {
          zh: '{gangs.period}共打掉黑恶违法犯罪团伙{gangs}个，其中涉黑犯罪组织{gangs.breakdown.criminal_organisation}个、恶势力犯罪集团{gangs.breakdown.evil_force_group}个、恶势力团伙{gangs.breakdown.evil_force_gang}个、其他涉恶团伙{gangs.breakdown.other}个。',
          en: '{gangs.period}, {gangs|gang was|gangs were} dismantled: {gangs.breakdown.criminal_organisation|mafia-type organisation|mafia-type organisations}, {gangs.breakdown.evil_force_group|"evil force" criminal group|"evil force" criminal groups}, {gangs.breakdown.evil_force_gang|"evil force" gang|"evil force" gangs} and {gangs.breakdown.other|other gang|other gangs}.',
        },
      ],
    },
    {
      id: 'cold',
      heading: { zh: '命案积案攻坚', en: 'Cold homicides' },
      paragraphs: [
        {
          zh: '侦破命案积案{cold}起，其中30年前命案积案{cold.breakdown.ge30}起、20年至30年命案积案{cold.breakdown.20_30}起、10年至20年命案积案{cold.breakdown.10_20}起、近10年命案积案{cold.breakdown.lt10}起。',
          en: '{cold|cold homicide was|cold homicides were} solved: {cold.breakdown.ge30} from 30 or more years ago, {cold.breakdown.20_30} from 20 to 30 years ago, {cold.breakdown.10_20} from 10 to 20 years ago and {cold.breakdown.lt10} from the last 10 years.',
        },
      ],
    },
    {
      id: 'telecom',
      heading: { zh: '打击治理电信网络诈骗', en: 'Telecom-network fraud' },
      paragraphs: [
        {
          zh: '共破获电信网络诈骗案件{telecom_solved}起，{telecom_solved.compared}；抓获犯罪嫌疑人{telecom_arrested}名，{telecom_arrested.compared}。',
          en: '{telecom_solved|telecom-fraud case was|telecom-fraud cases were} solved, {telecom_solved.compared}; {telecom_arrested|suspect was|suspects were} arrested, {telecom_arrested.compared}.',
        },
        {
          zh: '成功止付嫌疑资金{funds_stopped}元，冻结嫌疑资金{funds_frozen}元。',
          en: '{funds_stopped} yuan of suspect payments were stopped and {funds_frozen} yuan frozen.',
        },
      ],
    },
    {
      id: 'relics',
      heading: { zh: '打击文物犯罪', en: 'Cultural-relic crime' },
      paragraphs: [{ zh: '追缴文物{relics}件。', en: '{relics|cultural relic was|cultural relics were} recovered.' }],
    },
    {
      id: 'fugitives',
      heading: { zh: '追逃工作', en: 'Fugitives' },
      paragraphs: [
        {
          zh: '共抓获网上逃犯{captured}名，抓获率达{capture_rate}%。',
          en: '{captured|fugitive was|fugitives were} captured, a capture rate of {capture_rate}%.',
        },
      ],
    },
  ],
};
