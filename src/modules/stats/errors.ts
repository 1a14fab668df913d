import type { MessageCatalogue } from '../../core/errors.ts';

export const statsMessages: MessageCatalogue = {
  'stats.unknown_metric': { zh: '没有此统计指标：{metric}', en: 'No such metric: {metric}' },
  'stats.unknown_category': { zh: '没有此案件类别：{category}', en: 'No such case category: {category}' },
  'stats.period_reversed': { zh: '起始日期（{from}）晚于截止日期（{to}）', en: 'The period starts ({from}) after it ends ({to})' },
  'stats.bad_date': { zh: '日期应为 YYYY-MM-DD 格式的有效日期', en: 'must be a valid date written YYYY-MM-DD' },
  'stats.period_too_long': { zh: '统计期间不能超过 {years} 年', en: 'A period may not be longer than {years} years' },
  'stats.jurisdiction_not_found': { zh: '辖区不存在或不在您的辖区范围内', en: 'No such jurisdiction within your scope' },
  'stats.bad_horizon': { zh: '预测月数应为 3 至 12', en: 'The forecast horizon is 3 to 12 months' },
  'stats.too_short_for_forecast': {
    zh: '历史数据不足（至少需要 {months} 个月）',
    en: 'Not enough history to forecast (at least {months} months needed)',
  },
  'reports.missing_figure': {
    zh: '报告模板引用了不存在的数据项：{figure}（章节 {section}）',
    en: 'The report template names a figure that is not defined: {figure} (section {section})',
  },
  'reports.bad_definition': { zh: '报告定义有误：{reason}', en: 'The report definition is invalid: {reason}' },
  'reports.not_found': { zh: '报告不存在', en: 'No such report' },
  'reports.definition_not_found': { zh: '报告定义不存在或不在您的辖区范围内', en: 'No such report definition within your scope' },
  'reports.definition_name_taken': { zh: '本辖区已有同名报告定义：{name}', en: 'Your jurisdiction already has a report definition named {name}' },
  'reports.bad_definition_name': { zh: '名称须为 1 至 100 个字符', en: 'must be 1 to 100 characters' },
};
