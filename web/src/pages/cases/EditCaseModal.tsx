// Edits a case's descriptive fields (title, category, occurred at, loss, campaigns, summary).
// Lifecycle dates change only through transitions.
import { Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { updateCase } from '../../api/cases';
import { FormModal } from '../../components/FormModal';
import { PastDateTimePicker } from '../../components/PastDateTimePicker';
import { fromIso, toIso } from '../../lib/dates';
import { CampaignCodesField, SummaryField, TitleField } from './CaseFields';
import { CategorySelect } from './CategorySelect';
import { caseRules } from './caseRules';
import type { CaseModalProps } from './types';

interface Values {
  title: string;
  categoryCode: string;
  occurredAt?: Dayjs | null;
  lossAmount?: string | null;
  campaignCodes?: string[];
  summary?: string;
}

const FIELDS = ['title', 'categoryCode', 'occurredAt', 'lossAmount', 'campaignCodes', 'summary'];

export function EditCaseModal({ detail, open, onClose, onDone }: CaseModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = caseRules(t);

  const submit = async (values: Values) => {
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
  };

  return (
    <FormModal<Values>
      form={form}
      name="caseEdit"
      fields={FIELDS}
      onSubmit={submit}
      open={open}
      width={720}
      title={t('cases.page.editTitle')}
      okText={t('cases.page.save')}
      cancelText={t('cases.page.cancel')}
      onCancel={onClose}
      testId="case-edit-modal"
      okTestId="case-edit-save"
      initialValues={{
        title: detail.title,
        categoryCode: detail.categoryCode,
        occurredAt: fromIso(detail.occurredAt),
        lossAmount: detail.lossAmount,
        campaignCodes: detail.campaignCodes,
        summary: detail.summary,
      }}
    >
      <TitleField />
      <Form.Item name="categoryCode" label={t('cases.fields.category')} rules={rules.category}>
        <CategorySelect />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('cases.fields.occurredAt')} rules={rules.notInFuture}>
        <PastDateTimePicker />
      </Form.Item>
      <Form.Item name="lossAmount" label={t('cases.fields.lossAmount')} rules={rules.amount}>
        <InputNumber<string> stringMode min="0" precision={2} className="lf-amount-input" />
      </Form.Item>
      <CampaignCodesField />
      <SummaryField />
    </FormModal>
  );
}
