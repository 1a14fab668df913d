// /campaigns/:code: one campaign — period and its extensions, agencies, scope, member cases.
import { Button, Card, DatePicker, Descriptions, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type CampaignDetail, extendCampaign, getCampaign } from '../../api/campaigns';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';
import { CampaignPeriod, CampaignStatusTag } from './campaignViews';

interface ExtensionValues {
  newEndsOn: Dayjs;
  decidedOn: Dayjs;
  reason: string;
}

export default function CampaignPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { localName, label } = useLabels();
  const result = useApi((signal) => getCampaign(code, signal), [code]);
  const [extending, setExtending] = useState(false);
  const [form] = Form.useForm<ExtensionValues>();
  const [campaign, setCampaign] = useState<CampaignDetail | null>(null);
  const c = campaign ?? result.data;

  if (result.error) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  if (!c) return <FullPageSpin />;
  const en = i18n.language === 'en';
  const agenciesOf = (role: 'lead' | 'partner') =>
    c.agencies
      .filter((a) => a.role === role)
      .map((a) => (
        <Tag key={a.agencyId} title={label('agencyKinds', a.kind)}>
          {localName(a)}
        </Tag>
      ));

  return (
    <>
      <PageTitle>{localName(c)}</PageTitle>
      <Space style={{ marginBottom: 12 }} wrap>
        <CampaignStatusTag status={c.status} />
        <CampaignPeriod campaign={c} />
        <Typography.Text type="secondary" copyable={{ text: c.code }}>
          {c.code}
        </Typography.Text>
        {c.editable && (
          <Button onClick={() => setExtending(true)} data-testid="campaign-extend">
            {t('campaigns.extend.open')}
          </Button>
        )}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('campaigns.fields.kind')}>{t(`campaigns.kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.scope')}>{c.jurisdictions.map((j) => localName(j)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.categories')}>
            {c.categories.length
              ? c.categories.map((k) => (
                  <Tag key={k.code} title={k.code}>
                    {localName(k)}
                  </Tag>
                ))
              : t('campaigns.allCategories')}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.memberCases')}>
            <Link to={`/cases?campaign=${encodeURIComponent(c.code)}`} data-testid="campaign-member-cases">
              {t('campaigns.memberCases', { count: c.memberCases })}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.leadAgencies')}>{agenciesOf('lead')}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.partnerAgencies')}>
            {agenciesOf('partner').length ? agenciesOf('partner') : '—'}
          </Descriptions.Item>
        </Descriptions>
        {(en ? c.descriptionEn : c.descriptionZh) && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {en ? c.descriptionEn || c.descriptionZh : c.descriptionZh || c.descriptionEn}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('campaigns.history')}>
        <Timeline
          items={[
            { color: 'green', content: t('campaigns.startedOn', { date: c.startsOn, end: c.originalEndsOn }) },
            ...c.extensions.map((e) => ({
              color: 'gold',
              content: t('campaigns.extendedOn', { decided: e.decidedOn, from: e.previousEndsOn, to: e.newEndsOn, reason: e.reason }),
            })),
          ]}
        />
      </Card>
      <FormModal<ExtensionValues>
        form={form}
        name="extension"
        fields={['newEndsOn', 'decidedOn', 'reason']}
        open={extending}
        title={t('campaigns.extend.title')}
        okText={t('campaigns.extend.ok')}
        cancelText={t('campaigns.extend.cancel')}
        onCancel={() => setExtending(false)}
        okTestId="campaign-extend-ok"
        intro={<Typography.Paragraph type="secondary">{t('campaigns.extend.intro', { date: c.endsOn })}</Typography.Paragraph>}
        onSubmit={async (v) => {
          setCampaign(
            await extendCampaign(c.code, {
              newEndsOn: v.newEndsOn.format('YYYY-MM-DD'),
              decidedOn: v.decidedOn.format('YYYY-MM-DD'),
              reason: v.reason.trim(),
            }),
          );
          setExtending(false);
        }}
      >
        <Form.Item name="newEndsOn" label={t('campaigns.extend.newEndsOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('campaigns.extend.decidedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('campaigns.extend.reason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}
