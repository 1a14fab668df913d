// Numbers and texts of the statistics, in the language of the page.
import type { LocalText } from '../../api/stats';

export function pick(text: LocalText | null | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('zh') ? text.zh : text.en;
}

export function formatValue(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(language.startsWith('zh') ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
}

export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  return `${pct > 0 ? '+' : ''}${pct}%`;
}
