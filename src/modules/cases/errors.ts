import type { MessageCatalogue } from '../../core/errors.ts';

export const casesMessages: MessageCatalogue = {
  'cases.not_found': { zh: '案件不存在', en: 'No such case' },
  'cases.illegal_transition': { zh: '案件当前状态为“{status}”，不能执行“{action}”', en: 'A case that is "{status}" cannot be "{action}"' },
  'cases.dates_out_of_order': {
    zh: '日期早于案件上一环节的日期（{previous}）',
    en: 'The date is before the previous stage of the case ({previous})',
  },
  'cases.date_in_future': { zh: '日期不能晚于当前时间', en: 'The date cannot be in the future' },
  'cases.reason_required': { zh: '必须填写理由', en: 'A reason is required' },
  'cases.suspect_required': { zh: '移送起诉前须至少登记一名犯罪嫌疑人', en: 'Record at least one suspect before transferring for prosecution' },
  'cases.unknown_category': { zh: '案件类别不存在', en: 'No such case category' },
  'cases.case_no_taken': { zh: '案件编号已存在', en: 'This case number already exists' },
  'cases.unit_invalid_for_kind': { zh: '该类财物不能使用此计量单位', en: 'This unit is not valid for this kind of property' },
  'cases.quantity_not_positive': { zh: '数量必须大于 0', en: 'The quantity must be greater than 0' },
  'cases.party_not_found': { zh: '该案件没有此当事人', en: 'No such party in this case' },
  'cases.link_self': { zh: '案件不能与自身串并', en: 'A case cannot be linked to itself' },
  'cases.link_exists': { zh: '两起案件已串并', en: 'These cases are already linked' },
  'cases.link_not_found': { zh: '两起案件未串并', en: 'These cases are not linked' },
  'cases.field_required': { zh: '该状态下必填', en: 'is required for this status' },
  'cases.status_only_for_suspects': {
    zh: '只有犯罪嫌疑人有抓获、羁押、起诉状态',
    en: 'Only suspects can be at large, arrested, detained or prosecuted',
  },
  'cases.gang_not_found': { zh: '团伙不存在', en: 'No such gang' },
  'cases.gang_ref_taken': { zh: '团伙编号已存在', en: 'This gang reference already exists' },
  'cases.gang_already_dismantled': { zh: '该团伙已被打掉', en: 'This gang is already dismantled' },
  'cases.fugitive_not_found': { zh: '在逃人员记录不存在', en: 'No such wanted notice' },
  'cases.already_wanted': { zh: '该嫌疑人已在本案中被通缉', en: 'This suspect is already wanted in this case' },
  'cases.already_captured': { zh: '该逃犯已被抓获', en: 'This fugitive is already captured' },
  'cases.category_needs_parent': {
    zh: '新类别须位于已有类别之下（如 fraud.telecom.investment）',
    en: 'A new category goes below an existing one (e.g. fraud.telecom.investment)',
  },
  'cases.category_exists': { zh: '类别代码已存在', en: 'This category code exists already' },
  'cases.not_a_number': { zh: '应为数字', en: 'must be a number' },
};
