/** Where a campaign stands on a day: not begun, running, running past its original end, or over. */
export const CAMPAIGN_STATUSES = ['planned', 'active', 'extended', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * Computed, never stored, so it cannot go stale: `today`, `startsOn`, `endsOn` and `originalEndsOn` are ISO days
 * (YYYY-MM-DD compare as strings). `originalEndsOn` is the end before the first extension (= endsOn if none).
 */
export function campaignStatus(today: string, startsOn: string, endsOn: string, originalEndsOn: string): CampaignStatus {
  if (today < startsOn) return 'planned';
  if (today > endsOn) return 'ended';
  return today > originalEndsOn ? 'extended' : 'active';
}
