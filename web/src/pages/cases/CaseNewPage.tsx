// /cases/new: record a reported case. Client rules in both languages; the server's field errors
// (400 validation_failed) appear under the same fields. After 201 the case page opens.
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, App as AntApp } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createCase } from '../../api/cases';
import type { NewCase } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { PageTitle } from '../../components/PageTitle';
import { DATE_TIME_FORMAT, isFutureDay, toIso } from '../../lib/dates';
import { applyFieldErrors } from '../../lib/formErrors';
import { CategorySelect } from './CategorySelect';
import { LIMITS, caseRules } from './caseRules';

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
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
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
    try {
      const created = await createCase(body);
      void message.success(t('cases.new.created', { caseNo: created.caseNo }));
      navigate(`/cases/${created.id}`, { replace: true });
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(err);
      setSubmitting(false);
    }
  };

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
          {error ? (
            <div className="lf-form-error" data-testid="case-form-error">
              <ErrorAlert error={error} />
            </div>
          ) : null}
          <Flex wrap gap={16}>
            <Form.Item name="categoryCode" label={t('cases.fields.category')} rules={rules.category} className="lf-field-wide">
              <CategorySelect />
            </Form.Item>
            <Form.Item name="jurisdictionCode" label={t('cases.fields.jurisdiction')} rules={rules.jurisdiction} className="lf-field-wide">
              <JurisdictionCascader placeholder={t('cases.fields.jurisdictionPlaceholder')} />
            </Form.Item>
          </Flex>
          <Form.Item name="title" label={t('cases.fields.title')} rules={rules.title}>
            <Input maxLength={LIMITS.title} showCount />
          </Form.Item>
          <Flex wrap gap={16}>
            <Form.Item name="reportedAt" label={t('cases.fields.reportedAt')} rules={rules.reportedAt}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />
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
              <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />
            </Form.Item>
            <Form.Item name="lossAmount" label={t('cases.fields.lossAmount')} rules={rules.amount}>
              <InputNumber<string> stringMode min="0" step="1" precision={2} className="lf-amount-input" />
            </Form.Item>
            <Form.Item name="caseNo" label={t('cases.fields.caseNo')} rules={rules.caseNo}>
              <Input placeholder={t('cases.fields.caseNoPlaceholder')} maxLength={LIMITS.caseNo} />
            </Form.Item>
          </Flex>
          <Form.Item name="campaignCodes" label={t('cases.fields.campaignCodes')} rules={rules.campaignCodes}>
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';', ' ']} placeholder={t('cases.fields.campaignCodesPlaceholder')} />
          </Form.Item>
          <Form.Item name="summary" label={t('cases.fields.summary')} rules={rules.summary}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={LIMITS.summary} />
          </Form.Item>
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
