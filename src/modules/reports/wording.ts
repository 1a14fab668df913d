// How a press officer writes numbers, dates, periods and comparisons in each language. The report
// templates only place the pieces; every edge value (nothing last year, nothing either year, no
// change, exactly one) is decided here so that no template prints "同比——%" or "1 gangs".
import type { Lang } from '../../core/errors.ts';
import type { Comparison, FigureComparison, Unit } from '../stats/index.ts';

/** Numbers as a person writes them: 3181 in Chinese text, 3,181 in English. */
export function formatNumber(value: number, lang: Lang): string {
  if (lang === 'en') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return value.toLocaleString('en-US', { maximumFractionDigits: 3, useGrouping: false });
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Day {
  y: number;
  m: number;
  d: number;
}
const parse = (day: string): Day => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A span of days as written in running text: 2020年1月1日至12月31日; 1 January to 31 December 2020. */
export function formatDayRange(from: string, to: string, lang: Lang): string {
  const a = parse(from);
  const b = parse(to);
  if (lang === 'zh') {
    const start = `${a.y}年${a.m}月${a.d}日`;
    if (from === to) return start;
    return `${start}至${b.y === a.y ? '' : `${b.y}年`}${b.m}月${b.d}日`;
  }
  const end = `${b.d} ${MONTHS_EN[b.m - 1]} ${b.y}`;
  if (from === to) return end;
  return `${a.d} ${MONTHS_EN[a.m - 1]}${a.y === b.y ? '' : ` ${a.y}`} to ${end}`;
}

/**
 * A period as the adverbial that opens a sentence: whole years, whole months or days, whichever
 * the period is. zh: 2020年 / 2018年至2020年 / 2020年12月 / 2019年7月至2020年6月 / 2020年3月5日至4月4日;
 * en: in 2020 / from 2018 to 2020 / in December 2020 / from July 2019 to June 2020 / from 5 March to 4 April 2020.
 */
export function formatPeriodPhrase(from: string, to: string, lang: Lang): string {
  const a = parse(from);
  const b = parse(to);
  const wholeMonths = a.d === 1 && b.d === lastDayOf(b.y, b.m);
  if (wholeMonths && a.m === 1 && b.m === 12) {
    if (lang === 'zh') return a.y === b.y ? `${a.y}年` : `${a.y}年至${b.y}年`;
    return a.y === b.y ? `in ${a.y}` : `from ${a.y} to ${b.y}`;
  }
  if (wholeMonths) {
    const sameMonth = a.y === b.y && a.m === b.m;
    if (lang === 'zh') return sameMonth ? `${a.y}年${a.m}月` : `${a.y}年${a.m}月至${a.y === b.y ? '' : `${b.y}年`}${b.m}月`;
    if (sameMonth) return `in ${MONTHS_EN[a.m - 1]} ${a.y}`;
    return `from ${MONTHS_EN[a.m - 1]}${a.y === b.y ? '' : ` ${a.y}`} to ${MONTHS_EN[b.m - 1]} ${b.y}`;
  }
  if (lang === 'zh') return formatDayRange(from, to, lang);
  return `${from === to ? 'on' : 'from'} ${formatDayRange(from, to, lang)}`;
}

/** An instant as written under a document, in Beijing time: 2026年12月8日 08:51; 8 December 2026, 08:51 (Beijing time). */
export function formatGeneratedAt(at: Date, lang: Lang): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const time = `${parts.hour}:${parts.minute}`;
  return lang === 'zh' ? `${y}年${m}月${d}日 ${time}（北京时间）` : `${d} ${MONTHS_EN[m - 1]} ${y}, ${time} (Beijing time)`;
}

/** English names of units counted in ones (the stats catalogue has the plural); the rest read the same for any amount. */
const ENGLISH_SINGULAR: Partial<Record<Unit, string>> = { case: 'case', person: 'person', gang: 'gang', fugitive: 'fugitive', piece: 'piece' };

/** The unit's name for this amount: 1 gang, 2 gangs; Chinese has no plural. */
export function unitFor(value: number | null, unit: Unit, unitName: { zh: string; en: string }, lang: Lang): string {
  if (lang === 'en' && value === 1) return ENGLISH_SINGULAR[unit] ?? unitName.en;
  return unitName[lang];
}

/** A number with its unit: 1 gang, 3,181 cases, 75.95%; 1212个, 75.95%. */
export function formatAmount(value: number | null, unit: Unit, unitName: { zh: string; en: string }, lang: Lang): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${formatNumber(value, lang)}%`;
  return `${formatNumber(value, lang)}${lang === 'zh' ? '' : ' '}${unitFor(value, unit, unitName, lang)}`;
}

/**
 * A count followed by the English form that agrees with it (`{x|case was|cases were}`): "1 case was",
 * "12 cases were", "no cases were". In Chinese the number is followed by the form with no space.
 */
export function formatCounted(value: number | null, one: string, other: string, lang: Lang): string {
  if (lang === 'zh') return `${value === null ? '—' : formatNumber(value, lang)}${value === 1 ? one : other}`;
  if (value === null) return `— ${other}`;
  if (value === 0) return `no ${other}`;
  return `${formatNumber(value, lang)} ${value === 1 ? one : other}`;
}

/** What the comparison period is called: 去年同期 / the same period last year. */
const AGAINST: Record<Comparison, { zh: string; en: string; rate: { zh: string; en: string } }> = {
  yoy: { zh: '去年同期', en: 'the same period last year', rate: { zh: '同比', en: 'year on year' } },
  ytd: { zh: '去年同期', en: 'the same period last year', rate: { zh: '同比', en: 'year on year' } },
  mom: { zh: '上月', en: 'the previous month', rate: { zh: '环比', en: 'on the previous month' } },
  prev: { zh: '上一统计期', en: 'the previous period', rate: { zh: '环比', en: 'on the previous period' } },
  d28: { zh: '前28天', en: 'the previous 28 days', rate: { zh: '环比', en: 'on the previous 28 days' } },
};

/**
 * The comparison as a clause after the figure, in the words a press release uses:
 *   up:        较去年同期（1469起）增加1712起，同比上升116.5% · up from 1,469 in the same period last year, an increase of 1,712 (116.5%)
 *   down:      较去年同期（12起）减少3起，同比下降25%      · down from 12 in the same period last year, a decrease of 3 (25%)
 *   equal:     与去年同期持平                             · the same as in the same period last year
 *   x vs 0:    去年同期无此类案件                         · none in the same period last year
 *   no figure: 去年同期无可比数据                         · no figure for the same period last year
 * A rate (unit %) changes by percentage points.
 */
export function formatComparison(
  value: number | null,
  c: FigureComparison | null,
  unit: Unit,
  unitName: { zh: string; en: string },
  lang: Lang,
): string {
  if (!c) return '';
  const against = AGAINST[c.kind];
  const zh = lang === 'zh';
  if (value === null || c.previous === null || c.difference === null) return zh ? `${against.zh}无可比数据` : `no figure for ${against.en}`;
  const previous = c.previous;
  if (c.difference === 0) return zh ? `与${against.zh}持平` : `the same as in ${against.en}`;
  if (previous === 0 && unit !== 'percent') {
    if (zh) return unit === 'case' ? `${against.zh}无此类案件` : `${against.zh}为0${unitName.zh}`;
    return `none in ${against.en}`;
  }
  const up = c.difference > 0;
  const size = Math.abs(c.difference);
  const shown = (v: number) =>
    unit === 'percent'
      ? `${formatNumber(v, lang)}%`
      : zh
        ? `${formatNumber(v, lang)}${unitName.zh}`
        : ['yuan', 'kg'].includes(unit)
          ? `${formatNumber(v, lang)} ${unitName.en}`
          : formatNumber(v, lang);
  if (unit === 'percent') {
    const points = formatNumber(size, lang);
    if (zh) return `较${against.zh}（${shown(previous)}）${up ? '提高' : '降低'}${points}个百分点`;
    return `${up ? 'up' : 'down'} from ${shown(previous)} in ${against.en}, ${points} percentage ${size === 1 ? 'point' : 'points'} ${up ? 'higher' : 'lower'}`;
  }
  const pct = c.changePct === null ? null : formatNumber(Math.abs(c.changePct), lang);
  if (zh)
    return `较${against.zh}（${shown(previous)}）${up ? '增加' : '减少'}${shown(size)}${pct === null ? '' : `，${against.rate.zh}${up ? '上升' : '下降'}${pct}%`}`;
  return `${up ? 'up' : 'down'} from ${shown(previous)} in ${against.en}, ${up ? 'an increase' : 'a decrease'} of ${shown(size)}${pct === null ? '' : ` (${pct}%)`}`;
}
