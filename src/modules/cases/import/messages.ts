import { DomainError, formatMessage, type Lang, type MessageCatalogue } from '../../../core/errors.ts';
import { tabularMessages } from '../../../core/tabular/index.ts';

/**
 * Every reason an import can give, in both languages. Row problems are reported with their code
 * and both texts; file problems are thrown as DomainError with one of these codes.
 */
export const importMessages: MessageCatalogue = {
  // The file as a whole (what the reader says about it, and the import's own)
  ...tabularMessages,
  'import.unknown_kind': {
    zh: '未知的导入类型：{kind}（应为 cases、parties、property 或 gangs）',
    en: 'Unknown import kind: {kind} (cases, parties, property or gangs)',
  },
  'import.no_file': { zh: '请求中没有名为 file 的文件', en: 'The request has no file in the field "file"' },
  'import.one_file_only': { zh: '一次只能上传一个文件', en: 'Send one file at a time' },
  'import.multipart_required': { zh: '请以 multipart/form-data 上传文件', en: 'Send the file as multipart/form-data' },
  'import.missing_columns': { zh: '缺少必需的列：{columns}', en: 'Required columns are missing: {columns}' },
  'import.duplicate_columns': { zh: '表头中有重复的列：{columns}', en: 'The header repeats columns: {columns}' },
  'import.invalid_time_zone': { zh: '时区无效：{timeZone}', en: 'Unknown time zone: {timeZone}' },
  'import.write_failed': { zh: '写入数据库失败，未导入任何数据（{detail}）', en: 'Writing to the database failed; nothing was imported ({detail})' },

  // One cell or row
  'import.required': { zh: '必填', en: 'is required' },
  'import.too_long': { zh: '长度不能超过 {max} 个字符', en: 'must be at most {max} characters' },
  'import.control_characters': { zh: '含有不可见的控制字符', en: 'contains control characters' },
  'import.too_many_fields': {
    zh: '本行的字段数（{count}）多于表头的列数（{columns}）',
    en: 'The row has more fields ({count}) than the header has columns ({columns})',
  },
  'import.malformed_quotes': {
    zh: '引号未闭合：从此行到文件末尾都被读成了一个字段',
    en: 'A quote is never closed: from this row to the end of the file was read as one field',
  },
  'import.not_in_list': { zh: '取值不在允许范围内：{allowed}', en: 'must be one of: {allowed}' },
  'import.invalid_date': {
    zh: '日期格式不正确，应为 ISO 8601（如 2020-06-03、2020-06-03T14:00 或 2020-06-03T14:00+08:00）',
    en: 'not a valid ISO 8601 date (e.g. 2020-06-03, 2020-06-03T14:00 or 2020-06-03T14:00+08:00)',
  },
  'import.date_in_future': { zh: '日期不能晚于当前时间', en: 'the date cannot be in the future' },
  'import.date_before': { zh: '不能早于 {other}（{otherValue}）', en: 'must not be before {other} ({otherValue})' },
  'import.date_requires': { zh: '填写此日期时 {other} 也必须填写', en: 'needs {other} to be filled in too' },
  'import.date_excludes': { zh: '不能与 {other} 同时填写', en: 'cannot be given together with {other}' },
  'import.reason_required': { zh: '填写撤案日期时必须填写撤案理由', en: 'a dismissed case needs a dismissal_reason' },
  'import.status_mismatch': { zh: '与日期推算出的状态（{derived}）不符', en: 'does not match the status the dates give ({derived})' },
  'import.invalid_case_no': { zh: '编号不能包含空白或控制字符', en: 'a reference cannot contain spaces or control characters' },
  'import.duplicate_in_file': { zh: '与第 {row} 行重复', en: 'repeats row {row}' },
  'import.case_no_exists': { zh: '案件编号已存在', en: 'this case number already exists' },
  'import.unknown_category': { zh: '案件类别代码不存在', en: 'no such case category code' },
  'import.invalid_jurisdiction': { zh: '行政区划代码应为 6 位数字', en: 'a jurisdiction code has 6 digits' },
  'import.unknown_jurisdiction': { zh: '行政区划代码不存在', en: 'no such jurisdiction code' },
  'import.jurisdiction_out_of_scope': { zh: '该行政区划不在您的管辖范围内', en: 'this jurisdiction is outside yours' },
  'import.invalid_agency': { zh: '单位编号应为 UUID', en: 'an agency id is a UUID' },
  'import.unknown_agency': { zh: '单位不存在或不在您的管辖范围内', en: 'no such agency within your jurisdiction' },
  'import.no_agency': {
    zh: '该行政区划及其上级没有公安机关，请在 agency 列中填写单位编号',
    en: 'no police agency at or above this jurisdiction: give one in the agency column',
  },
  'import.invalid_amount': { zh: '金额应为不小于 0 的数字，最多两位小数', en: 'an amount is a number ≥ 0 with at most two decimals' },
  'import.invalid_campaign': { zh: '专项行动代码只能包含字母、数字和 - _ .', en: 'a campaign code has letters, digits and - _ . only' },
  'import.unknown_case': { zh: '案件编号不存在或不在您的管辖范围内', en: 'no such case number within your jurisdiction' },
  'import.unknown_gang': { zh: '团伙编号不存在或不在您的管辖范围内', en: 'no such gang reference within your jurisdiction' },
  'import.gang_ref_exists': { zh: '团伙编号已存在', en: 'this gang reference already exists' },
  'import.party_exists': { zh: '该人员已以此身份登记在该案件中', en: 'this person is already a party to the case in this role' },
  'import.fugitive_exists': { zh: '该人员在该案件中已有追逃记录', en: 'this person already has a wanted notice in this case' },
  'import.person_conflict': {
    zh: '与第 {row} 行同一人员（person_ref）的该项不同（{other}）',
    en: 'differs from row {row} for the same person_ref ({other})',
  },
  'import.name_required': { zh: '新人员必须填写姓名', en: 'a new person needs a name' },
  'import.suspects_only': { zh: '只有犯罪嫌疑人（suspect）可以填写此项', en: 'only suspects can have this' },
  'import.invalid_phone': { zh: '电话号码应包含 5 至 20 位数字', en: 'a phone number has 5 to 20 digits' },
  'import.invalid_id_number': { zh: '证件号码只能包含字母和数字（6 至 32 位）', en: 'an ID number has 6 to 32 letters and digits' },
  'import.invalid_quantity': { zh: '数量应为数字（最多三位小数）', en: 'a quantity is a number (at most three decimals)' },
  'import.quantity_not_positive': { zh: '数量必须大于 0', en: 'the quantity must be greater than 0' },
  'import.unit_invalid_for_kind': { zh: '“{kind}”类财物的单位应为：{allowed}', en: 'the unit of {kind} must be one of: {allowed}' },

  // Warnings
  'import.unknown_columns': { zh: '已忽略无法识别的列：{columns}', en: 'Columns not recognised and ignored: {columns}' },
  'import.errors_truncated': {
    zh: '错误过多：共 {total} 个，仅列出前 {shown} 个',
    en: 'Too many errors: {total} in all, the first {shown} are listed',
  },
  'import.person_details_kept': {
    zh: '{count} 行引用的人员已存在：保留其原有的姓名、证件号码和电话，只补充空缺项',
    en: '{count} rows name a person who already exists: their recorded name, ID number and phone are kept, only blanks are filled',
  },
};

/** A problem with the file as a whole or the import's options: a 4xx answer with one of the codes above. */
export const importFileError = (code: string, params: Record<string, string | number> = {}) => new DomainError('validation', code, undefined, params);

export type ImportMessageCode = keyof typeof importMessages & string;

export function importMessage(code: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const message = importMessages[code];
  return message ? formatMessage(message[lang], params) : code;
}
