// Confirms a lifecycle step (立案, 破案, 移送起诉, 结案, 撤案, 重新启动): asks for the date
// (default now) and, for dismiss/reopen, a reason. 409 answers (illegal transition, dates out of
// order) are shown in the modal with the server's localised message.
//   data-testid="transition-modal", fields #transition_at / #transition_reason, "transition-confirm"
import { Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { transitionCase } from '../../api/cases';
import { ACTIONS_NEEDING_REASON, type CaseAction, type CaseDetail } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { PastDateTimePicker } from '../../components/PastDateTimePicker';
import { useLabels } from '../../i18n/useLabels';
import { toIso } from '../../lib/dates';
import { caseRules, LIMITS } from './caseRules';

interface Values {
  at?: Dayjs | null;
  reason?: string;
}

export interface TransitionModalProps {
  detail: CaseDetail;
  /** The action to confirm; the modal is open while set. */
  action: CaseAction | undefined;
  onClose: () => void;
  onDone: (updated: CaseDetail, action: CaseAction) => void;
}

export function TransitionModal({ detail, action, onClose, onDone }: TransitionModalProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<Values>();
  const rules = caseRules(t);
  const needsReason = action ? ACTIONS_NEEDING_REASON.includes(action) : false;

  const submit = async (values: Values) => {
    if (!action) return;
    const updated = await transitionCase(detail.id, {
      action,
      at: toIso(values.at),
      reason: needsReason ? values.reason?.trim() : undefined,
    });
    onDone(updated, action);
  };

  return (
    <FormModal<Values>
      form={form}
      name="transition"
      fields={['at', 'reason']}
      onSubmit={submit}
      open={action !== undefined}
      title={action ? t('cases.transition.title', { action: label('caseActions', action), caseNo: detail.caseNo }) : ''}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      onCancel={onClose}
      testId="transition-modal"
      okTestId="transition-confirm"
      cancelTestId="transition-cancel"
      errorTestId="transition-error"
      okDanger={action === 'dismiss'}
      initialValues={{ at: dayjs() }}
      intro={action ? <Typography.Paragraph type="secondary">{t(`cases.transition.hint.${action}`)}</Typography.Paragraph> : null}
    >
      <Form.Item name="at" label={t('cases.transition.at')} rules={rules.requiredDate}>
        <PastDateTimePicker />
      </Form.Item>
      {needsReason ? (
        <Form.Item name="reason" label={t('cases.transition.reason')} rules={rules.reason}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.reason} showCount />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
