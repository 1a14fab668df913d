import type { MessageCatalogue } from '../../core/errors.ts';

export const campaignsMessages: MessageCatalogue = {
  'campaigns.not_found': { zh: '专项行动不存在或不在您的范围内', en: 'No such campaign in your scope' },
  'campaigns.code_taken': { zh: '专项行动代码已存在', en: 'This campaign code already exists' },
  'campaigns.period_reversed': { zh: '结束日期早于开始日期', en: 'The end date is before the start date' },
  'campaigns.extension_must_lengthen': {
    zh: '延期后的结束日期须晚于当前结束日期（{endsOn}）',
    en: 'The new end date must be after the current end date ({endsOn})',
  },
  'campaigns.lead_agency_required': { zh: '至少需要一个牵头单位', en: 'At least one lead agency is required' },
  'campaigns.agency_repeated': { zh: '同一单位只能出现一次', en: 'An agency can appear only once' },
  'campaigns.unknown_agency': { zh: '单位不存在', en: 'No such agency' },
  'campaigns.unknown_jurisdiction': { zh: '辖区不存在', en: 'No such jurisdiction' },
  'campaigns.jurisdiction_out_of_scope': { zh: '只能在本辖区范围内组织专项行动', en: 'A campaign can cover only your own jurisdiction' },
  'campaigns.unknown_category': { zh: '案件类别不存在', en: 'No such case category' },
  'campaigns.not_editable': { zh: '您无权修改此专项行动', en: 'You may not change this campaign' },
};
