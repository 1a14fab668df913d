import type { Lang } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import {
  checkPeriod,
  DEFAULT_ROUNDING,
  type Figure,
  figureFor,
  metricOrThrow,
  type Period,
  type Rounding,
  resolveScope,
  type Text,
} from '../stats/index.ts';
import { checkDefinition, DEFAULT_REPORT, PLACEHOLDER, type ReportDefinition } from './definition.ts';
import { formatComparison, formatCounted, formatDayRange, formatNumber, formatPeriodPhrase, unitFor } from './wording.ts';

export { formatNumber };

export interface RenderedSection {
  id: string;
  heading: string;
  paragraphs: string[];
}

export interface Report {
  title: Text;
  jurisdiction: string;
  jurisdictionName: Text;
  period: Period;
  generatedAt: Date;
  /** Every figure the report uses, by its name in the definition. */
  figures: Array<{ key: string; figure: Figure }>;
  sections: Record<Lang, RenderedSection[]>;
}

export interface ReportRequest {
  jurisdiction?: string | undefined;
  from: string;
  to: string;
  definition?: unknown;
}

const WORDS = {
  up: { zh: '上升', en: 'up' },
  down: { zh: '下降', en: 'down' },
  flat: { zh: '持平', en: 'unchanged' },
  more: { zh: '多', en: 'more' },
  fewer: { zh: '少', en: 'fewer' },
  none: { zh: '—', en: 'n/a' },
} as const;

/** Fills one template from the figures (the attributes are listed on ReportSection). */
export function fillTemplate(template: string, figures: Map<string, Figure>, lang: Lang): string {
  return template.replace(
    PLACEHOLDER,
    (
      whole: string,
      key: string,
      attribute: string | undefined,
      dim: string | undefined,
      one: string | undefined,
      other: string | undefined,
      offset: number,
    ) => {
      const f = figures.get(key)!;
      const number = (v: number | null | undefined) => (v === null || v === undefined ? WORDS.none[lang] : formatNumber(v, lang));
      const c = f.comparison;
      const count = (v: number | null | undefined) => (one === undefined ? number(v) : formatCounted(v ?? null, one, other ?? one, lang));
      let text: string;
      switch (attribute) {
        case undefined:
          text = count(f.value);
          break;
        case 'previous':
          text = count(c?.previous);
          break;
        case 'difference':
          text = c?.difference === null || c?.difference === undefined ? WORDS.none[lang] : count(Math.abs(c.difference));
          break;
        case 'change':
          text = c?.changePct === null || c?.changePct === undefined ? WORDS.none[lang] : number(Math.abs(c.changePct));
          break;
        case 'trend':
          text =
            !c || c.changePct === null ? WORDS.none[lang] : c.changePct > 0 ? WORDS.up[lang] : c.changePct < 0 ? WORDS.down[lang] : WORDS.flat[lang];
          break;
        case 'more':
          text = (c?.difference ?? 0) < 0 ? WORDS.fewer[lang] : WORDS.more[lang];
          break;
        case 'unit':
          text = unitFor(f.value, f.unit, f.unitName, lang);
          break;
        case 'breakdown':
          text = count(f.breakdown.find((b) => b.dim === dim)?.value ?? 0);
          break;
        case 'compared':
          text = formatComparison(f.value, c, f.unit, f.unitName, lang);
          break;
        case 'period':
          text = formatPeriodPhrase(f.scope.from, f.scope.to, lang);
          break;
        default:
          return whole;
      }
      // An English sentence begins with a capital, whichever placeholder opens it ("No gangs were…", "From 2018 to 2020, …").
      const opensSentence = offset === 0 || /[.!?]\s+$/.test(template.slice(0, offset));
      return lang === 'en' && opensSentence ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    },
  );
}

/** The period a figure covers: the report's, or for `years: N` the N calendar years ending with the report's year (from the report's start if earlier). */
export function figurePeriod(period: Period, years: number | undefined): Period {
  if (!years || years <= 1) return period;
  const start = `${Number(period.to.slice(0, 4)) - years + 1}-01-01`;
  return { from: start < period.from ? start : period.from, to: period.to };
}

/** Computes every figure of the definition for the scope and period, and writes the text in both languages. */
export async function buildReport(db: Executor, viewer: Viewer, request: ReportRequest): Promise<Report> {
  const definition: ReportDefinition = request.definition === undefined ? DEFAULT_REPORT : checkDefinition(request.definition);
  const period = checkPeriod({ from: request.from, to: request.to });
  const base = await resolveScope(db, viewer, { jurisdiction: request.jurisdiction });
  const rounding: Rounding = { ...DEFAULT_ROUNDING, ...definition.rounding };
  const figures = await Promise.all(
    Object.entries(definition.figures).map(async ([key, spec]) => {
      const scope =
        spec.category || spec.campaign
          ? await resolveScope(db, viewer, { jurisdiction: base.jurisdiction, category: spec.category, campaign: spec.campaign })
          : base;
      const figure = await figureFor(
        db,
        scope,
        metricOrThrow(spec.metric),
        figurePeriod(period, spec.years),
        spec.compare ?? definition.compare,
        rounding,
      );
      return { key, figure };
    }),
  );
  const byKey = new Map(figures.map((f) => [f.key, f.figure]));
  const render = (lang: Lang): RenderedSection[] =>
    definition.sections.map((s) => ({
      id: s.id,
      heading: s.heading[lang],
      paragraphs: s.paragraphs.map((p) => fillTemplate(p[lang], byKey, lang)),
    }));
  return {
    title: definition.title,
    jurisdiction: base.jurisdiction,
    jurisdictionName: base.jurisdictionName,
    period,
    generatedAt: new Date(),
    figures,
    sections: { zh: render('zh'), en: render('en') },
  };
}

export function reportHeading(report: Report, lang: Lang): { title: string; subtitle: string } {
  const { from, to } = report.period;
  return lang === 'zh'
    ? { title: `${report.jurisdictionName.zh}${report.title.zh}`, subtitle: `统计期间：${formatDayRange(from, to, 'zh')}` }
    : { title: `${report.jurisdictionName.en}: ${report.title.en}`, subtitle: `Period: ${formatDayRange(from, to, 'en')}` };
}

/** Press-release text. */
export function reportText(report: Report, lang: Lang): string {
  const { title, subtitle } = reportHeading(report, lang);
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const sections = report.sections[lang].map((s, i) => {
    const heading = lang === 'zh' ? `${numerals[i] ?? i + 1}、${s.heading}` : `${i + 1}. ${s.heading}`;
    return `${heading}\n${s.paragraphs.join(lang === 'zh' ? '' : ' ')}`;
  });
  return `${title}\n${subtitle}\n\n${sections.join('\n\n')}\n`;
}
