// Sets or lifts supervision (督办) of a case — commanders and admins. A reason is required
// unless the level is "none".
//   data-testid="supervision-modal", #supervision_level (radio group), #supervision_reason, "supervision-confirm"
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { setSupervision } from '../../api/cases';
import { SUPERVISION_LEVELS, type SupervisionLevel } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useLabels } from '../../i18n/useLabels';
import { caseRules, LIMITS } from './caseRules';
import type { CaseModalProps } from './types';

interface Values {
  level: SupervisionLevel;
  reason?: string;
}

export function SupervisionModal({ detail, open, onClose, onDone }: CaseModalProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const rules = caseRules(t);

  const submit = async (values: Values) => {
    const reason = values.level === 'none' ? values.reason?.trim() || undefined : values.reason?.trim();
    onDone(await setSupervision(detail.id, { level: values.level, reason }));
  };

  return (
    <FormModal<Values>
      form={form}
      name="supervision"
      fields={['level', 'reason']}
      onSubmit={submit}
      open={open}
      title={t('cases.supervise.title', { caseNo: detail.caseNo })}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      onCancel={onClose}
      testId="supervision-modal"
      okTestId="supervision-confirm"
      initialValues={{ level: detail.supervision, reason: detail.supervisionReason ?? '' }}
    >
      <Form.Item name="level" label={t('cases.supervise.level')}>
        <Radio.Group optionType="button" options={SUPERVISION_LEVELS.map((l) => ({ value: l, label: label('supervision', l) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('cases.supervise.reason')} rules={level === 'none' ? [] : rules.reason}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.reason} showCount />
      </Form.Item>
    </FormModal>
  );
}
