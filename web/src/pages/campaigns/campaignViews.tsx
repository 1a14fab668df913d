// Small views shared by the campaign list and the campaign page.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../api/campaigns';

export const CAMPAIGN_STATUSES = ['planned', 'active', 'extended', 'ended'] as const;
const STATUS_COLOURS: Record<CampaignSummary['status'], string> = { planned: 'blue', active: 'green', extended: 'gold', ended: 'default' };

export function CampaignStatusTag({ status }: { status: CampaignSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="campaign-status">
      {t(`campaigns.status.${status}`)}
    </Tag>
  );
}

/** "2021-01-01 – 2022-12-31", with the original end in a tooltip when the campaign was extended. */
export function CampaignPeriod({ campaign }: { campaign: Pick<CampaignSummary, 'startsOn' | 'endsOn' | 'originalEndsOn'> }) {
  const { t } = useTranslation();
  const text = `${campaign.startsOn} – ${campaign.endsOn}`;
  if (campaign.originalEndsOn === campaign.endsOn) return <span>{text}</span>;
  return (
    <Tooltip title={t('campaigns.extendedFrom', { date: campaign.originalEndsOn })}>
      <span>
        {text} <Tag color="gold">{t('campaigns.extendedMark')}</Tag>
      </span>
    </Tooltip>
  );
}
