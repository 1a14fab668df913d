// Sets or lifts supervision (督办) of a case — commanders and admins. A reason is required
// unless the level is "none".
//   data-testid="supervision-modal", #supervision_level (radio group), #supervision_reason, "supervision-confirm"
import { Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setSupervision } from '../../api/cases';
import { SUPERVISION_LEVELS, type CaseDetail, type SupervisionLevel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../i18n/useLabels';
import { applyFieldErrors } from '../../lib/formErrors';
import { testId } from '../../lib/testId';
import { LIMITS, caseRules } from './caseRules';

interface Values {
  level: SupervisionLevel;
  reason?: string;
}

export function SupervisionModal({ detail, open, onClose, onDone }: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const reason = values.level === 'none' ? values.reason?.trim() || undefined : values.reason?.trim();
      onDone(await setSupervision(detail.id, { level: values.level, reason }));
    } catch (err) {
      applyFieldErrors(form, err, ['level', 'reason']);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cases.supervise.title', { caseNo: detail.caseNo })}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      okButtonProps={{ ...testId('supervision-confirm'), loading: submitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
      data-testid="supervision-modal"
    >
      {error ? (
        <div className="lf-form-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        name="supervision"
        layout="vertical"
        initialValues={{ level: detail.supervision, reason: detail.supervisionReason ?? '' }}
        onFinish={onFinish}
        disabled={submitting}
      >
        <Form.Item name="level" label={t('cases.supervise.level')}>
          <Radio.Group
            optionType="button"
            options={SUPERVISION_LEVELS.map((l) => ({ value: l, label: label('supervision', l) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('cases.supervise.reason')} rules={level === 'none' ? [] : rules.reason}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.reason} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
