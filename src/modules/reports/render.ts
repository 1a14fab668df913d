import ExcelJS from 'exceljs';
import type { Lang } from '../../core/errors.ts';
import { pdfRenderer } from '../../pdf/renderer.ts';
import { type Report, reportHeading, reportText } from './report.ts';
import { formatAmount, formatGeneratedAt, formatNumber } from './wording.ts';

export const REPORT_FORMATS = ['text', 'html', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LABELS = {
  zh: {
    figures: '数据项',
    metric: '指标',
    value: '本期',
    previous: '对比期',
    change: '变化',
    significant: '变化显著',
    definition: '统计口径',
    yes: '是',
    no: '否',
    generated: '生成时间：',
  },
  en: {
    figures: 'Figures',
    metric: 'Metric',
    value: 'This period',
    previous: 'Comparison',
    change: 'Change',
    significant: 'Significant',
    definition: 'Definition',
    yes: 'yes',
    no: 'no',
    generated: 'Generated ',
  },
} as const;

/** A figure's name with the category or campaign it is narrowed to, by name: 破案数（电信网络诈骗）. */
export function figureName(f: Report['figures'][number]['figure'], lang: Lang): string {
  const narrowed = f.scope.categoryName?.[lang] ?? f.scope.campaign;
  if (!narrowed) return f.name[lang];
  return lang === 'zh' ? `${f.name.zh}（${narrowed}）` : `${f.name.en} (${narrowed})`;
}

/** A standalone HTML page (inline styles, no scripts): the public portal and the PDF print it. */
export function reportHtml(report: Report, lang: Lang): string {
  const { title, subtitle } = reportHeading(report, lang);
  const l = LABELS[lang];
  const sections = report.sections[lang]
    .map((s) => `<section><h2>${escape(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</section>`)
    .join('\n');
  const rows = report.figures
    .map(({ figure: f }) => {
      const c = f.comparison;
      const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, lang));
      return `<tr><td>${escape(figureName(f, lang))}</td><td class="n">${escape(formatAmount(f.value, f.unit, f.unitName, lang))}</td><td class="n">${num(c?.previous)}</td><td class="n">${c?.changePct === null || c?.changePct === undefined ? '—' : `${c.changePct > 0 ? '+' : ''}${num(c.changePct)}%`}</td><td>${c?.significance.significant === null || !c ? '—' : c.significance.significant ? l.yes : l.no}</td><td class="d">${escape(f.definition[lang])}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.8;color:#222}
h1{font-size:1.5em;text-align:center;margin-bottom:0}.sub{text-align:center;color:#666;margin-top:.2em}
h2{font-size:1.15em;border-left:4px solid #1677ff;padding-left:.5em}p{text-indent:${lang === 'zh' ? '2em' : '0'}}
table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}
th{white-space:nowrap;background:#f5f5f5;text-align:left}td.n{text-align:right;white-space:nowrap}td.d{color:#555;font-size:.92em}
td:first-child{min-width:7em}
</style></head><body>
<h1>${escape(title)}</h1><p class="sub">${escape(subtitle)}</p>
${sections}
<h2>${l.figures}</h2>
<table><thead><tr><th>${l.metric}</th><th>${l.value}</th><th>${l.previous}</th><th>${l.change}</th><th>${l.significant}</th><th>${l.definition}</th></tr></thead><tbody>
${rows}
</tbody></table>
<p class="sub">${l.generated}${escape(formatGeneratedAt(report.generatedAt, lang))}</p>
</body></html>
`;
}

/** Every figure with its definition, comparison and test, and the text, as a workbook. */
export async function reportXlsx(report: Report, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lianfang';
  const zh = lang === 'zh';
  const sheet = workbook.addWorksheet(zh ? '数据' : 'Figures');
  sheet.columns = [
    { header: zh ? '名称' : 'Key', key: 'key', width: 18 },
    { header: zh ? '指标代码' : 'Metric', key: 'metric', width: 20 },
    { header: zh ? '指标' : 'Name', key: 'name', width: 24 },
    { header: zh ? '版本' : 'Version', key: 'version', width: 8 },
    { header: zh ? '辖区' : 'Jurisdiction', key: 'jurisdiction', width: 12 },
    { header: zh ? '类别' : 'Category', key: 'category', width: 16 },
    { header: zh ? '起始' : 'From', key: 'from', width: 12 },
    { header: zh ? '截止' : 'To', key: 'to', width: 12 },
    { header: zh ? '数值' : 'Value', key: 'value', width: 14 },
    { header: zh ? '单位' : 'Unit', key: 'unit', width: 10 },
    { header: zh ? '对比方式' : 'Comparison', key: 'compare', width: 10 },
    { header: zh ? '对比期起' : 'Comparison from', key: 'cfrom', width: 12 },
    { header: zh ? '对比期止' : 'Comparison to', key: 'cto', width: 12 },
    { header: zh ? '对比期数值' : 'Previous', key: 'previous', width: 14 },
    { header: zh ? '增减' : 'Difference', key: 'difference', width: 12 },
    { header: zh ? '变化率（%）' : 'Change (%)', key: 'change', width: 12 },
    { header: zh ? '变化显著' : 'Significant', key: 'significant', width: 10 },
    { header: 'p', key: 'p', width: 10 },
    { header: zh ? '检验' : 'Test', key: 'test', width: 18 },
    { header: zh ? '细分' : 'Breakdown', key: 'breakdown', width: 40 },
    { header: zh ? '统计口径' : 'Definition', key: 'definition', width: 60 },
    { header: zh ? '数据来源' : 'Source', key: 'source', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const { key, figure: f } of report.figures) {
    const c = f.comparison;
    sheet.addRow({
      key,
      metric: f.metric,
      name: f.name[lang],
      version: f.version,
      jurisdiction: f.scope.jurisdiction,
      category: f.scope.categoryName?.[lang] ?? '',
      from: f.scope.from,
      to: f.scope.to,
      value: f.value,
      unit: f.unitName[lang],
      compare: c?.kind ?? '',
      cfrom: c?.period.from ?? '',
      cto: c?.period.to ?? '',
      previous: c?.previous ?? null,
      difference: c?.difference ?? null,
      change: c?.changePct ?? null,
      significant: c?.significance.significant === null || !c ? '' : c.significance.significant ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
      p: c?.significance.pValue ?? null,
      test: c?.significance.test ?? '',
      breakdown: f.breakdown.map((b) => `${b.name[lang]} ${b.value}`).join(zh ? '；' : '; '),
      definition: f.definition[lang],
      source: f.source,
    });
  }
  const text = workbook.addWorksheet(zh ? '通报' : 'Text');
  text.getColumn(1).width = 120;
  for (const line of reportText(report, lang).split('\n')) text.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The HTML page printed to PDF by the process's shared Chromium (fonts embedded by Chromium's PDF writer). */
export function reportPdf(report: Report, lang: Lang): Promise<Buffer> {
  return pdfRenderer().render(reportHtml(report, lang), { margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' } });
}

export async function renderReport(
  report: Report,
  lang: Lang,
  format: ReportFormat,
): Promise<{ body: Buffer; contentType: string; extension: string }> {
  switch (format) {
    case 'text':
      return { body: Buffer.from(reportText(report, lang)), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    case 'html':
      return { body: Buffer.from(reportHtml(report, lang)), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'xlsx':
      return {
        body: await reportXlsx(report, lang),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
    case 'pdf':
      return { body: await reportPdf(report, lang), contentType: 'application/pdf', extension: 'pdf' };
  }
}
