// Form items shared by the new-case page and the edit-case modal (same names, labels, rules).
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseRules, LIMITS } from './caseRules';

export function TitleField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="title" label={t('cases.fields.title')} rules={caseRules(t).title}>
      <Input maxLength={LIMITS.title} showCount />
    </Form.Item>
  );
}

export function CampaignCodesField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="campaignCodes" label={t('cases.fields.campaignCodes')} rules={caseRules(t).campaignCodes}>
      <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';', ' ']} placeholder={t('cases.fields.campaignCodesPlaceholder')} />
    </Form.Item>
  );
}

export function SummaryField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="summary" label={t('cases.fields.summary')} rules={caseRules(t).summary}>
      <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={LIMITS.summary} />
    </Form.Item>
  );
}
