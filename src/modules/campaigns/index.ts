// Campaigns (专项行动): period and extensions, lead and partner agencies, scope; cases refer to them by code.

export type {
  CampaignAgency,
  CampaignDetail,
  CampaignExtension,
  CampaignExtensionInput,
  CampaignFilters,
  CampaignInput,
  CampaignPatch,
  CampaignSummary,
  Named,
} from './campaigns.ts';
export {
  campaignCodesInUse,
  campaignNames,
  createCampaign,
  extendCampaign,
  getCampaign,
  listCampaigns,
  saveCampaignUnscoped,
  todayInBeijing,
  updateCampaign,
} from './campaigns.ts';
export { campaignsMessages } from './errors.ts';
export type { CampaignAgencyRole, CampaignKind } from './schema.ts';
export { CAMPAIGN_AGENCY_ROLES, CAMPAIGN_KINDS, campaignAgencies, campaignExtensions, campaigns } from './schema.ts';
export type { CampaignStatus } from './status.ts';
export { CAMPAIGN_STATUSES, campaignStatus } from './status.ts';
