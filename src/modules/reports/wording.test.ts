// The report's words on edge values, in both languages: nothing either year, nothing last year, no
// change, exactly one, and periods of a month, a year and three years.
import { describe, expect, it } from 'vitest';
import type { Figure, FigureComparison } from '../stats/index.ts';
import { checkDefinition, DEFAULT_REPORT } from './definition.ts';
import { figureName, reportHtml } from './render.ts';
import { figurePeriod, fillTemplate } from './report.ts';
import { formatDayRange, formatGeneratedAt, formatPeriodPhrase } from './wording.ts';

const UNITS = {
  case: { zh: '起', en: 'cases' },
  person: { zh: '名', en: 'persons' },
  gang: { zh: '个', en: 'gangs' },
  percent: { zh: '%', en: '%' },
  yuan: { zh: '元', en: 'yuan' },
} as const;

function comparison(value: number | null, previous: number | null, kind: FigureComparison['kind'] = 'yoy'): FigureComparison {
  const difference = value === null || previous === null ? null : value - previous;
  const changePct = difference === null || !previous ? null : Math.round((difference / previous) * 1000) / 10;
  return {
    kind,
    period: { from: '2019-01-01', to: '2019-12-31' },
    previous,
    difference,
    changePct,
    significance: { significant: null, pValue: null, test: 'none' } as never,
  };
}

function figure(value: number | null, previous: number | null, unit: keyof typeof UNITS = 'case', extra: Partial<Figure> = {}): Figure {
  return {
    metric: 'cases_solved',
    version: 1,
    name: { zh: '破案数', en: 'Cases solved' },
    unit,
    unitName: UNITS[unit],
    definition: { zh: '', en: '' },
    source: '',
    scope: {
      jurisdiction: '150000',
      jurisdictionName: { zh: '内蒙古自治区', en: 'Inner Mongolia' },
      category: null,
      categoryName: null,
      campaign: null,
      from: '2020-01-01',
      to: '2020-12-31',
    },
    value,
    numerator: null,
    denominator: null,
    breakdown: [],
    comparison: comparison(value, previous),
    fromRollup: true,
    ...extra,
  };
}

const fill = (template: string, f: Figure, lang: 'zh' | 'en') => fillTemplate(template, new Map([['x', f]]), lang);
const telecom = DEFAULT_REPORT.sections.find((s) => s.id === 'telecom')!.paragraphs[0]!;
const both = (f: Figure) => {
  const figures = new Map([
    ['telecom_solved', f],
    ['telecom_arrested', figure(f.value, f.comparison?.previous ?? null, 'person')],
  ]);
  return { zh: fillTemplate(telecom.zh, figures, 'zh'), en: fillTemplate(telecom.en, figures, 'en') };
};

describe('comparisons as a press officer writes them', () => {
  it('0 against 0: level with last year, never 同比——% or "0 more than last year\'s 0, n/a n/a%"', () => {
    const text = both(figure(0, 0));
    expect(text.zh).toBe('共破获电信网络诈骗案件0起，与去年同期持平；抓获犯罪嫌疑人0名，与去年同期持平。');
    expect(text.en).toBe(
      'No telecom-fraud cases were solved, the same as in the same period last year; no suspects were arrested, the same as in the same period last year.',
    );
  });

  it('some against none: there were none last year', () => {
    const text = both(figure(7, 0));
    expect(text.zh).toBe('共破获电信网络诈骗案件7起，去年同期无此类案件；抓获犯罪嫌疑人7名，去年同期为0名。');
    expect(text.en).toBe(
      '7 telecom-fraud cases were solved, none in the same period last year; 7 suspects were arrested, none in the same period last year.',
    );
  });

  it('equal and non-zero: unchanged', () => {
    expect(fill('{x.compared}', figure(42, 42), 'zh')).toBe('与去年同期持平');
    expect(fill('{x.compared}', figure(42, 42), 'en')).toBe('The same as in the same period last year');
  });

  it('up and down: the previous figure, the difference and the change', () => {
    const text = both(figure(3181, 1469));
    expect(text.zh).toContain('共破获电信网络诈骗案件3181起，较去年同期（1469起）增加1712起，同比上升116.5%；');
    expect(text.en).toContain('3,181 telecom-fraud cases were solved, up from 1,469 in the same period last year, an increase of 1,712 (116.5%);');
    expect(fill('{x}起，{x.compared}', figure(9, 12), 'zh')).toBe('9起，较去年同期（12起）减少3起，同比下降25%');
    expect(fill('{x} cases, {x.compared}', figure(9, 12), 'en')).toBe('9 cases, down from 12 in the same period last year, a decrease of 3 (25%)');
    expect(fill('{x}起，{x.compared}', figure(0, 4), 'zh')).toBe('0起，较去年同期（4起）减少4起，同比下降100%');
  });

  it('a rate moves by percentage points; money keeps its unit', () => {
    expect(fill('{x.compared}', figure(75.95, 72.5, 'percent'), 'zh')).toBe('较去年同期（72.5%）提高3.45个百分点');
    expect(fill('{x.compared}', figure(75.95, 72.5, 'percent'), 'en')).toBe(
      'Up from 72.5% in the same period last year, 3.45 percentage points higher',
    );
    expect(fill('x, {x.compared}', figure(1500, 1000, 'yuan'), 'en')).toBe(
      'x, up from 1,000 yuan in the same period last year, an increase of 500 yuan (50%)',
    );
  });

  it('names the comparison period it was asked for', () => {
    const mom = figure(5, 4, 'case', { comparison: comparison(5, 4, 'mom') });
    expect(fill('{x.compared}', mom, 'zh')).toBe('较上月（4起）增加1起，环比上升25%');
    expect(fill('x, {x.compared}', mom, 'en')).toBe('x, up from 4 in the previous month, an increase of 1 (25%)');
  });

  it('says when there is no figure to compare with', () => {
    const f = figure(5, null);
    expect(fill('{x.compared}', f, 'zh')).toBe('去年同期无可比数据');
    expect(fill('x, {x.compared}', f, 'en')).toBe('x, no figure for the same period last year');
  });
});

describe('counts in English agree with their number', () => {
  it('1 gang was, 2 gangs were, no gangs were', () => {
    const t = '{x|gang was|gangs were} dismantled.';
    expect(fill(t, figure(1, 0, 'gang'), 'en')).toBe('1 gang was dismantled.');
    expect(fill(t, figure(2, 0, 'gang'), 'en')).toBe('2 gangs were dismantled.');
    expect(fill(t, figure(0, 0, 'gang'), 'en')).toBe('No gangs were dismantled.');
    expect(fill(t, figure(1212, 0, 'gang'), 'en')).toBe('1,212 gangs were dismantled.');
  });

  it('the unit and the figure table follow the number too', () => {
    expect(fill('{x} {x.unit}', figure(1, 0, 'gang'), 'en')).toBe('1 gang');
    expect(fill('{x} {x.unit}', figure(3, 0, 'gang'), 'en')).toBe('3 gangs');
    const html = reportHtml(
      {
        title: { zh: '通报', en: 'Report' },
        jurisdiction: '150000',
        jurisdictionName: { zh: '内蒙古自治区', en: 'Inner Mongolia' },
        period: { from: '2020-01-01', to: '2020-12-31' },
        generatedAt: new Date('2021-01-05T02:03:00Z'),
        figures: [{ key: 'gangs', figure: figure(1, 0, 'gang') }],
        sections: { zh: [], en: [] },
      },
      'en',
    );
    expect(html).toContain('>1 gang<');
    expect(html).not.toContain('1 gangs');
  });

  it('checks that only counts take forms', () => {
    const definition = (en: string) => ({
      ...DEFAULT_REPORT,
      sections: [{ id: 's', heading: { zh: '甲', en: 'A' }, paragraphs: [{ zh: '{solved}起', en }] }],
    });
    expect(() => checkDefinition(definition('{solved|case|cases}'))).not.toThrow();
    expect(() => checkDefinition(definition('{solved.trend|up|ups}'))).toThrow();
  });
});

describe('periods and dates as people write them', () => {
  it("a figure over several years covers those calendar years, and says so whatever the report's period", () => {
    const year = figurePeriod({ from: '2020-01-01', to: '2020-12-31' }, 3);
    const month = figurePeriod({ from: '2020-12-01', to: '2020-12-31' }, 3);
    const threeYears = figurePeriod({ from: '2018-01-01', to: '2020-12-31' }, 3);
    expect(year).toEqual({ from: '2018-01-01', to: '2020-12-31' });
    expect(month).toEqual({ from: '2018-01-01', to: '2020-12-31' });
    expect(threeYears).toEqual({ from: '2018-01-01', to: '2020-12-31' });
    expect(figurePeriod({ from: '2016-01-01', to: '2020-12-31' }, 3)).toEqual({ from: '2016-01-01', to: '2020-12-31' });
    expect(figurePeriod({ from: '2020-06-01', to: '2020-06-30' }, undefined)).toEqual({ from: '2020-06-01', to: '2020-06-30' });

    const gangs = DEFAULT_REPORT.sections.find((s) => s.id === 'gangs')!.paragraphs[0]!;
    const over = (from: string, to: string, value: number) => {
      const f = figure(value, 0, 'gang', { scope: { ...figure(0, 0).scope, from, to } });
      return new Map([['gangs', f]]);
    };
    expect(fillTemplate(gangs.zh, over('2018-01-01', '2020-12-31', 12), 'zh')).toMatch(/^2018年至2020年共打掉黑恶违法犯罪团伙12个，/);
    expect(fillTemplate(gangs.en, over('2018-01-01', '2020-12-31', 12), 'en')).toMatch(
      /^From 2018 to 2020, 12 gangs were dismantled: no mafia-type organisations, /,
    );
    expect(fillTemplate(gangs.en, over('2020-01-01', '2020-12-31', 1), 'en')).toMatch(/^In 2020, 1 gang was dismantled: /);
    expect(fillTemplate(gangs.zh, over('2020-12-01', '2020-12-31', 1), 'zh')).toMatch(/^2020年12月共打掉/);
    expect(fillTemplate(gangs.en, over('2020-12-01', '2020-12-31', 1), 'en')).toMatch(/^In December 2020, 1 gang was/);
  });

  it('writes periods of a month, months, a year, years and days in each language', () => {
    expect(formatPeriodPhrase('2020-12-01', '2020-12-31', 'zh')).toBe('2020年12月');
    expect(formatPeriodPhrase('2020-12-01', '2020-12-31', 'en')).toBe('in December 2020');
    expect(formatPeriodPhrase('2020-02-01', '2020-02-29', 'en')).toBe('in February 2020');
    expect(formatPeriodPhrase('2020-01-01', '2020-06-30', 'zh')).toBe('2020年1月至6月');
    expect(formatPeriodPhrase('2019-07-01', '2020-06-30', 'en')).toBe('from July 2019 to June 2020');
    expect(formatPeriodPhrase('2020-01-01', '2020-12-31', 'zh')).toBe('2020年');
    expect(formatPeriodPhrase('2020-01-01', '2020-12-31', 'en')).toBe('in 2020');
    expect(formatPeriodPhrase('2018-01-01', '2020-12-31', 'zh')).toBe('2018年至2020年');
    expect(formatPeriodPhrase('2020-03-05', '2020-04-04', 'zh')).toBe('2020年3月5日至4月4日');
    expect(formatPeriodPhrase('2020-03-05', '2020-04-04', 'en')).toBe('from 5 March to 4 April 2020');
    expect(formatPeriodPhrase('2020-03-05', '2020-03-05', 'en')).toBe('on 5 March 2020');
    expect(formatDayRange('2019-12-05', '2020-01-04', 'zh')).toBe('2019年12月5日至2020年1月4日');
    expect(formatDayRange('2019-12-05', '2020-01-04', 'en')).toBe('5 December 2019 to 4 January 2020');
    expect(formatDayRange('2020-01-01', '2020-12-31', 'en')).toBe('1 January to 31 December 2020');
  });

  it('dates the document in Beijing time, not as an ISO timestamp', () => {
    const at = new Date('2020-12-31T17:05:00Z'); // 2021-01-01 01:05 in Beijing
    expect(formatGeneratedAt(at, 'zh')).toBe('2021年1月1日 01:05（北京时间）');
    expect(formatGeneratedAt(at, 'en')).toBe('1 January 2021, 01:05 (Beijing time)');
    const html = reportHtml(
      {
        title: { zh: '通报', en: 'Report' },
        jurisdiction: '150000',
        jurisdictionName: { zh: '内蒙古自治区', en: 'Inner Mongolia' },
        period: { from: '2020-01-01', to: '2020-12-31' },
        generatedAt: at,
        figures: [],
        sections: { zh: [], en: [] },
      },
      'zh',
    );
    expect(html).toContain('生成时间：2021年1月1日 01:05（北京时间）');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).toContain('统计期间：2020年1月1日至12月31日');
    expect(html).toMatch(/th\{white-space:nowrap/);
  });

  it("names a figure's category, not its code", () => {
    const f = figure(3, 1, 'case', {
      scope: { ...figure(0, 0).scope, category: 'fraud.telecom', categoryName: { zh: '电信网络诈骗', en: 'Telecom-network fraud' } },
    });
    expect(figureName(f, 'zh')).toBe('破案数（电信网络诈骗）');
    expect(figureName(f, 'en')).toBe('Cases solved (Telecom-network fraud)');
  });
});
