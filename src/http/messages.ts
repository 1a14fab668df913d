import { formatMessage, type Lang, type Message, type MessageCatalogue } from '../core/errors.ts';
import { campaignsMessages } from '../modules/campaigns/index.ts';
import { casesMessages, importMessages } from '../modules/cases/index.ts';
import { jobsMessages } from '../modules/jobs/index.ts';
import { matchingMessages } from '../modules/matching/index.ts';
import { notificationsMessages } from '../modules/notifications/index.ts';
import { orgMessages } from '../modules/org/index.ts';
import { relicsMessages } from '../modules/relics/index.ts';
import { statsMessages } from '../modules/stats/index.ts';
import { pdfMessages } from '../pdf/renderer.ts';

const httpMessages: MessageCatalogue = {
  validation_failed: { zh: '输入有误，请检查标出的字段', en: 'The input is invalid: see the fields listed' },
  invalid_json: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  payload_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  not_found: { zh: '未找到', en: 'Not found' },
  route_not_found: { zh: '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  forbidden: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  'audit.range_reversed': { zh: '结束时间早于开始时间', en: 'The end of the period is before its start' },
  rate_limited: { zh: '请求过于频繁，请 {seconds} 秒后再试', en: 'Too many requests: try again in {seconds} s' },
  'validation.nul': { zh: '不能包含空字符（U+0000）', en: 'must not contain a NUL character (U+0000)' },
  bad_request: { zh: '请求格式不正确', en: 'The request is malformed' },
  multipart_malformed: { zh: '上传内容不是有效的 multipart/form-data', en: 'The upload is not valid multipart/form-data' },
  'db.invalid_value': { zh: '输入的值超出允许范围或格式不正确', en: 'A value is out of range or malformed' },
  'db.invalid_value_field': { zh: '取值超出允许范围或格式不正确', en: 'is out of range or malformed' },
  'db.missing_value': { zh: '缺少必填的值', en: 'A required value is missing' },
  'db.missing_value_field': { zh: '必填', en: 'is required' },
  'db.rule_broken': { zh: '输入不符合规则（{rule}）', en: 'The input breaks a rule ({rule})' },
  'db.reference_missing': { zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  'db.reference_missing_field': { zh: '引用的记录不存在', en: 'refers to a record that does not exist' },
  'db.still_referenced': { zh: '该记录仍被其他记录引用', en: 'The record is still referenced by others' },
  'db.still_referenced_field': { zh: '仍被其他记录引用', en: 'is still referenced by other records' },
  'db.already_exists': { zh: '已存在相同的记录', en: 'The same record already exists' },
  'db.already_exists_field': { zh: '已被使用', en: 'is already taken' },
  internal_error: { zh: '服务器内部错误，已记录（请求号 {requestId}）', en: 'Internal error, logged (request {requestId})' },
  web_not_built: { zh: '网页应用尚未构建：请运行 npm run build', en: 'The web app is not built: run npm run build' },
};

/** Messages for JSON-schema keywords, so field errors read naturally in both languages. */
const keywordMessages: MessageCatalogue = {
  required: { zh: '必填', en: 'is required' },
  additionalProperties: { zh: '不允许的字段', en: 'is not an allowed field' },
  type: { zh: '类型应为 {type}', en: 'must be of type {type}' },
  maxLength: { zh: '长度不能超过 {limit} 个字符', en: 'must be at most {limit} characters' },
  minLength: { zh: '长度不能少于 {limit} 个字符', en: 'must be at least {limit} characters' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  format: { zh: '格式不正确（应为 {format}）', en: 'must be a valid {format}' },
  enum: { zh: '取值不在允许范围内：{allowed}', en: 'must be one of: {allowed}' },
  const: { zh: '取值不在允许范围内', en: 'has a value that is not allowed' },
  anyOf: { zh: '取值不在允许范围内', en: 'has a value that is not allowed' },
  minimum: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  minItems: { zh: '至少需要 {limit} 项', en: 'needs at least {limit} items' },
  maxItems: { zh: '最多 {limit} 项', en: 'allows at most {limit} items' },
  uniqueItems: { zh: '不能有重复项', en: 'must not repeat items' },
  minProperties: { zh: '至少需要 {limit} 个字段', en: 'needs at least {limit} fields' },
};

const catalogue: MessageCatalogue = {
  ...httpMessages,
  ...orgMessages,
  ...casesMessages,
  ...importMessages,
  ...statsMessages,
  ...relicsMessages,
  ...matchingMessages,
  ...notificationsMessages,
  ...campaignsMessages,
  ...jobsMessages,
  ...pdfMessages,
};

export function languageOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function translate(code: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const message: Message | undefined = catalogue[code];
  return message ? formatMessage(message[lang], params) : code;
}

export function keywordMessage(keyword: string, lang: Lang, params: Record<string, unknown>, fallback: string): string {
  const message = keywordMessages[keyword];
  if (!message) return fallback;
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) flat[k] = Array.isArray(v) ? v.join(', ') : String(v);
  if (params.allowedValues) flat.allowed = (params.allowedValues as unknown[]).join(', ');
  return formatMessage(message[lang], flat);
}
