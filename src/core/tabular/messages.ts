import { DomainError, type MessageCatalogue } from '../errors.ts';

/**
 * What reading a tabular file can say about the file as a whole, in both languages. The codes keep the
 * `import.` prefix the case and registry imports have always answered with; the importers' catalogues
 * include these.
 */
export const tabularMessages: MessageCatalogue = {
  'import.no_input': { zh: '没有提供文件', en: 'No file was given' },
  'import.file_too_large': { zh: '文件过大（上限 {limit}）', en: 'The file is too large (limit {limit})' },
  'import.not_csv_or_xlsx': { zh: '文件既不是 CSV 也不是 XLSX（检测到：{detected}）', en: 'The file is neither CSV nor XLSX (detected: {detected})' },
  'import.xls_not_supported': {
    zh: '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV',
    en: 'Old Excel (.xls) files are not supported: save as .xlsx or CSV',
  },
  'import.xlsx_unreadable': { zh: '无法读取 XLSX 文件：{detail}', en: 'The XLSX file cannot be read: {detail}' },
  'import.csv_unreadable': { zh: '无法读取 CSV 文件：{detail}', en: 'The CSV file cannot be read: {detail}' },
  'import.unknown_encoding': {
    zh: '无法识别文件编码（支持 UTF-8、GBK/GB18030）',
    en: 'The file encoding is not recognised (UTF-8 and GBK/GB18030 are supported)',
  },
  'import.no_data_rows': { zh: '文件没有数据行', en: 'The file has no data rows' },
  // Notes: said about a file that was read
  'import.other_sheets_ignored': { zh: '只读取了第一个工作表', en: 'Only the first worksheet was read' },
  'import.read_as_gbk': { zh: '文件不是 UTF-8 编码，已按 GBK/GB18030 读取', en: 'The file is not UTF-8: it was read as GBK/GB18030' },
};

/** A file-level problem: a 4xx answer (validation) with one of the codes above. */
export const tabularError = (code: string, params: Record<string, string | number> = {}) => new DomainError('validation', code, undefined, params);
