// Campaigns (专项行动): period and extensions, lead and partner agencies, scope; cases refer to them by code.
export { CAMPAIGN_KINDS, CAMPAIGN_AGENCY_ROLES, campaigns, campaignAgencies, campaignExtensions } from './schema.ts';
export type { CampaignKind, CampaignAgencyRole } from './schema.ts';
export { CAMPAIGN_STATUSES, campaignStatus } from './status.ts';
export type { CampaignStatus } from './status.ts';
export {
  listCampaigns, getCampaign, createCampaign, updateCampaign, extendCampaign, todayInBeijing, campaignCodesInUse, saveCampaignUnscoped,
} from './campaigns.ts';
export type {
  CampaignSummary, CampaignDetail, CampaignAgency, Named, CampaignExtension, CampaignInput, CampaignPatch, CampaignExtensionInput, CampaignFilters,
} from './campaigns.ts';
export { campaignsMessages } from './errors.ts';
