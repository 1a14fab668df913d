// Edits a case's descriptive fields (title, category, occurred at, loss, campaigns, summary).
// Lifecycle dates change only through transitions.
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateCase } from '../../api/cases';
import type { CaseDetail } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATE_TIME_FORMAT, fromIso, isFutureDay, toIso } from '../../lib/dates';
import { applyFieldErrors } from '../../lib/formErrors';
import { testId } from '../../lib/testId';
import { CategorySelect } from './CategorySelect';
import { LIMITS, caseRules } from './caseRules';

interface Values {
  title: string;
  categoryCode: string;
  occurredAt?: Dayjs | null;
  lossAmount?: string | null;
  campaignCodes?: string[];
  summary?: string;
}

const FIELDS = ['title', 'categoryCode', 'occurredAt', 'lossAmount', 'campaignCodes', 'summary'];

export function EditCaseModal({ detail, open, onClose, onDone }: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const loss = values.lossAmount === null || values.lossAmount === undefined || values.lossAmount === '' ? null : String(values.lossAmount);
      onDone(
        await updateCase(detail.id, {
          title: values.title.trim(),
          categoryCode: values.categoryCode,
          occurredAt: toIso(values.occurredAt) ?? null,
          lossAmount: loss,
          campaignCodes: values.campaignCodes ?? [],
          summary: values.summary?.trim() ?? '',
        }),
      );
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={t('cases.page.editTitle')}
      okText={t('cases.page.save')}
      cancelText={t('cases.page.cancel')}
      okButtonProps={{ ...testId('case-edit-save'), loading: submitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
      data-testid="case-edit-modal"
    >
      {error ? (
        <div className="lf-form-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        name="caseEdit"
        layout="vertical"
        disabled={submitting}
        onFinish={onFinish}
        initialValues={{
          title: detail.title,
          categoryCode: detail.categoryCode,
          occurredAt: fromIso(detail.occurredAt),
          lossAmount: detail.lossAmount,
          campaignCodes: detail.campaignCodes,
          summary: detail.summary,
        }}
      >
        <Form.Item name="title" label={t('cases.fields.title')} rules={rules.title}>
          <Input maxLength={LIMITS.title} showCount />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('cases.fields.category')} rules={rules.category}>
          <CategorySelect />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('cases.fields.occurredAt')} rules={rules.notInFuture}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />
        </Form.Item>
        <Form.Item name="lossAmount" label={t('cases.fields.lossAmount')} rules={rules.amount}>
          <InputNumber<string> stringMode min="0" precision={2} className="lf-amount-input" />
        </Form.Item>
        <Form.Item name="campaignCodes" label={t('cases.fields.campaignCodes')} rules={rules.campaignCodes}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';', ' ']} placeholder={t('cases.fields.campaignCodesPlaceholder')} />
        </Form.Item>
        <Form.Item name="summary" label={t('cases.fields.summary')} rules={rules.summary}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={LIMITS.summary} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
