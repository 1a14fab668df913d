// Campaigns (专项行动): list, one campaign, extension.
import { api } from './client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from './schema';

export type CampaignList = ResponseOf<'/api/campaigns'>;
export type CampaignSummary = ItemOf<CampaignList>;
export type CampaignDetail = ResponseOf<'/api/campaigns/{code}'>;
export type CampaignQuery = QueryOf<'/api/campaigns'>;
export type CampaignExtensionInput = BodyOf<'/api/campaigns/{code}/extensions', 'post'>;

export function listCampaigns(query: CampaignQuery = {}, signal?: AbortSignal): Promise<CampaignList> {
  return api.get<CampaignList>('/api/campaigns', { query, signal });
}

export function getCampaign(code: string, signal?: AbortSignal): Promise<CampaignDetail> {
  return api.get<CampaignDetail>(`/api/campaigns/${encodeURIComponent(code)}`, { signal });
}

export function extendCampaign(code: string, body: CampaignExtensionInput): Promise<CampaignDetail> {
  return api.post<CampaignDetail>(`/api/campaigns/${encodeURIComponent(code)}/extensions`, body);
}
