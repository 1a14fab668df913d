import type { Executor } from '../../db/client.ts';
import type { Lang } from '../../core/errors.ts';
import type { Viewer } from '../org/index.ts';
import {
  checkPeriod, DEFAULT_ROUNDING, figureFor, metricOrThrow, resolveScope, shiftMonths, type Figure, type Period, type Rounding, type Text,
} from '../stats/index.ts';
import { checkDefinition, DEFAULT_REPORT, PLACEHOLDER, type ReportDefinition } from './definition.ts';

export interface RenderedSection { id: string; heading: string; paragraphs: string[] }

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

/** Numbers as a person writes them: 3181 in Chinese text, 3,181 in English. */
export function formatNumber(value: number, lang: Lang): string {
  if (lang === 'en') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return value.toLocaleString('en-US', { maximumFractionDigits: 3, useGrouping: false });
}

const WORDS = {
  up: { zh: '上升', en: 'up' }, down: { zh: '下降', en: 'down' }, flat: { zh: '持平', en: 'unchanged' },
  more: { zh: '多', en: 'more' }, fewer: { zh: '少', en: 'fewer' }, none: { zh: '—', en: 'n/a' },
} as const;

/** Fills one template from the figures. */
export function fillTemplate(template: string, figures: Map<string, Figure>, lang: Lang): string {
  return template.replace(PLACEHOLDER, (_whole, key: string, attribute?: string, dim?: string) => {
    const f = figures.get(key)!;
    const number = (v: number | null | undefined) => (v === null || v === undefined ? WORDS.none[lang] : formatNumber(v, lang));
    const c = f.comparison;
    switch (attribute) {
      case undefined: return number(f.value);
      case 'previous': return number(c?.previous);
      case 'difference': return c?.difference === null || c?.difference === undefined ? WORDS.none[lang] : number(Math.abs(c.difference));
      case 'change': return c?.changePct === null || c?.changePct === undefined ? WORDS.none[lang] : number(Math.abs(c.changePct));
      case 'trend': return !c || c.changePct === null ? WORDS.none[lang] : c.changePct > 0 ? WORDS.up[lang] : c.changePct < 0 ? WORDS.down[lang] : WORDS.flat[lang];
      case 'more': return (c?.difference ?? 0) < 0 ? WORDS.fewer[lang] : WORDS.more[lang];
      case 'unit': return f.unitName[lang];
      case 'breakdown': return number(f.breakdown.find((b) => b.dim === dim)?.value ?? 0);
      default: return _whole;
    }
  });
}

/** Computes every figure of the definition for the scope and period, and writes the text in both languages. */
export async function buildReport(db: Executor, viewer: Viewer, request: ReportRequest): Promise<Report> {
  const definition: ReportDefinition = request.definition === undefined ? DEFAULT_REPORT : checkDefinition(request.definition);
  const period = checkPeriod({ from: request.from, to: request.to });
  const base = await resolveScope(db, viewer, { jurisdiction: request.jurisdiction });
  const rounding: Rounding = { ...DEFAULT_ROUNDING, ...definition.rounding };
  const figures = await Promise.all(Object.entries(definition.figures).map(async ([key, spec]) => {
    const scope = spec.category || spec.campaign ? await resolveScope(db, viewer, { jurisdiction: base.jurisdiction, category: spec.category, campaign: spec.campaign }) : base;
    const figurePeriod = spec.years && spec.years > 1 ? { from: shiftMonths(period.from, -12 * (spec.years - 1)), to: period.to } : period;
    const figure = await figureFor(db, scope, metricOrThrow(spec.metric), figurePeriod, spec.compare ?? definition.compare, rounding);
    return { key, figure };
  }));
  const byKey = new Map(figures.map((f) => [f.key, f.figure]));
  const render = (lang: Lang): RenderedSection[] => definition.sections.map((s) => ({
    id: s.id, heading: s.heading[lang], paragraphs: s.paragraphs.map((p) => fillTemplate(p[lang], byKey, lang)),
  }));
  return {
    title: definition.title, jurisdiction: base.jurisdiction, jurisdictionName: base.jurisdictionName, period, generatedAt: new Date(),
    figures, sections: { zh: render('zh'), en: render('en') },
  };
}

export function reportHeading(report: Report, lang: Lang): { title: string; subtitle: string } {
  const { from, to } = report.period;
  return lang === 'zh'
    ? { title: `${report.jurisdictionName.zh}${report.title.zh}`, subtitle: `统计期间：${from} 至 ${to}` }
    : { title: `${report.jurisdictionName.en}: ${report.title.en}`, subtitle: `Period: ${from} to ${to}` };
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
