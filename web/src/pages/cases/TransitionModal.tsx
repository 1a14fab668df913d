// Confirms a lifecycle step (立案, 破案, 移送起诉, 结案, 撤案, 重新启动): asks for the date
// (default now) and, for dismiss/reopen, a reason. 409 answers (illegal transition, dates out of
// order) are shown in the modal with the server's localised message.
//   data-testid="transition-modal", fields #transition_at / #transition_reason, "transition-confirm"
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transitionCase } from '../../api/cases';
import { ACTIONS_NEEDING_REASON, type CaseAction, type CaseDetail } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../i18n/useLabels';
import { DATE_TIME_FORMAT, isFutureDay, toIso } from '../../lib/dates';
import { applyFieldErrors } from '../../lib/formErrors';
import { testId } from '../../lib/testId';
import { LIMITS, caseRules } from './caseRules';

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
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);
  const needsReason = action ? ACTIONS_NEEDING_REASON.includes(action) : false;

  const onFinish = async (values: Values) => {
    if (!action) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const updated = await transitionCase(detail.id, {
        action,
        at: toIso(values.at),
        reason: needsReason ? values.reason?.trim() : undefined,
      });
      onDone(updated, action);
    } catch (err) {
      applyFieldErrors(form, err, ['at', 'reason']);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={action !== undefined}
      title={action ? t('cases.transition.title', { action: label('caseActions', action), caseNo: detail.caseNo }) : ''}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      okButtonProps={{ ...testId('transition-confirm'), loading: submitting, danger: action === 'dismiss' }}
      cancelButtonProps={testId('transition-cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
      data-testid="transition-modal"
    >
      {action ? <Typography.Paragraph type="secondary">{t(`cases.transition.hint.${action}`)}</Typography.Paragraph> : null}
      {error ? (
        <div className="lf-form-error" data-testid="transition-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values> form={form} name="transition" layout="vertical" initialValues={{ at: dayjs() }} onFinish={onFinish} disabled={submitting}>
        <Form.Item name="at" label={t('cases.transition.at')} rules={rules.requiredDate}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />
        </Form.Item>
        {needsReason ? (
          <Form.Item name="reason" label={t('cases.transition.reason')} rules={rules.reason}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.reason} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
