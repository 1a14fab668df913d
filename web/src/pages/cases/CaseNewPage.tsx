// /cases/new: record a reported case. Client rules in both languages; the server's field errors
// (400 validation_failed; 409 cases.case_no_taken for a number that exists) appear under the same fields. After 201 the case page opens.
import { App as AntApp, Button, Card, Flex, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createCase } from '../../api/cases';
import type { NewCase } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { FormError } from '../../components/FormError';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { PageTitle } from '../../components/PageTitle';
import { PastDateTimePicker } from '../../components/PastDateTimePicker';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { toIso } from '../../lib/dates';
import { CampaignCodesField, SummaryField, TitleField } from './CaseFields';
import { CategorySelect } from './CategorySelect';
import { caseRules, LIMITS } from './caseRules';

interface Values {
  caseNo?: string;
  categoryCode?: string;
  title?: string;
  summary?: string;
  jurisdictionCode?: string;
  occurredAt?: Dayjs | null;
  reportedAt?: Dayjs | null;
  lossAmount?: string | null;
  campaignCodes?: string[];
}

const FIELDS = ['caseNo', 'categoryCode', 'title', 'summary', 'jurisdictionCode', 'occurredAt', 'reportedAt', 'lossAmount', 'campaignCodes'];

export default function CaseNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const rules = caseRules(t);

  const submit = async (values: Values) => {
    const body: NewCase = {
      categoryCode: values.categoryCode!,
      title: values.title!.trim(),
      jurisdictionCode: values.jurisdictionCode!,
      reportedAt: toIso(values.reportedAt)!,
    };
    if (values.caseNo?.trim()) body.caseNo = values.caseNo.trim();
    if (values.summary?.trim()) body.summary = values.summary.trim();
    if (values.occurredAt) body.occurredAt = toIso(values.occurredAt);
    if (values.lossAmount !== null && values.lossAmount !== undefined && values.lossAmount !== '') body.lossAmount = String(values.lossAmount);
    if (values.campaignCodes?.length) body.campaignCodes = values.campaignCodes;
    const created = await createCase(body);
    void message.success(t('cases.new.created', { caseNo: created.caseNo }));
    void navigate(`/cases/${created.id}`, { replace: true });
  };
  // The form stays disabled after success: the case page opens.
  const { submitting, error, onFinish } = useFormSubmit(form, FIELDS, submit, { stayBusyOnSuccess: true });

  return (
    <>
      <PageTitle>{t('cases.new.title')}</PageTitle>
      <Card className="lf-form-card">
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="case-form"
          disabled={submitting}
          onFinish={onFinish}
          initialValues={{ jurisdictionCode: me.jurisdiction.code, reportedAt: dayjs(), campaignCodes: [] }}
          scrollToFirstError
        >
          <FormError error={error} testId="case-form-error" />
          <Flex wrap gap={16}>
            <Form.Item name="categoryCode" label={t('cases.fields.category')} rules={rules.category} className="lf-field-wide">
              <CategorySelect />
            </Form.Item>
            <Form.Item name="jurisdictionCode" label={t('cases.fields.jurisdiction')} rules={rules.jurisdiction} className="lf-field-wide">
              <JurisdictionCascader placeholder={t('cases.fields.jurisdictionPlaceholder')} />
            </Form.Item>
          </Flex>
          <TitleField />
          <Flex wrap gap={16}>
            <Form.Item name="reportedAt" label={t('cases.fields.reportedAt')} rules={rules.reportedAt}>
              <PastDateTimePicker />
            </Form.Item>
            <Form.Item
              name="occurredAt"
              label={t('cases.fields.occurredAt')}
              dependencies={['reportedAt']}
              rules={[
                ...rules.notInFuture,
                ({ getFieldValue }) => ({
                  validator: (_rule, value: Dayjs | null | undefined) => {
                    const reported = getFieldValue('reportedAt') as Dayjs | null | undefined;
                    return value && reported && value.isAfter(reported)
                      ? Promise.reject(new Error(t('cases.validation.occurredAfterReported')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <PastDateTimePicker />
            </Form.Item>
            <Form.Item name="lossAmount" label={t('cases.fields.lossAmount')} rules={rules.amount}>
              <InputNumber<string> stringMode min="0" step="1" precision={2} className="lf-amount-input" />
            </Form.Item>
            <Form.Item name="caseNo" label={t('cases.fields.caseNo')} rules={rules.caseNo}>
              <Input placeholder={t('cases.fields.caseNoPlaceholder')} maxLength={LIMITS.caseNo} />
            </Form.Item>
          </Flex>
          <CampaignCodesField />
          <SummaryField />
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="case-submit">
              {t('cases.new.submit')}
            </Button>
            <Button onClick={() => navigate(-1)} data-testid="case-cancel">
              {t('cases.new.cancel')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
