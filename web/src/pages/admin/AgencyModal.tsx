// Create an agency, or rename one / change its kind. Disabling is a row action (AgenciesTable).
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createAgency, updateAgency } from '../../api/org';
import { AGENCY_KINDS, type Agency, type AgencyKind } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { useLabels } from '../../i18n/useLabels';

interface Values {
  kind: AgencyKind;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
}
const FIELDS = ['kind', 'nameZh', 'nameEn', 'jurisdictionCode'] as const;

export function AgencyModal({
  open,
  agency,
  onClose,
  onSaved,
}: {
  open: boolean;
  agency: Agency | undefined;
  onClose: () => void;
  onSaved: (agency: Agency) => void;
}) {
  const { t } = useTranslation();
  const { label, localName } = useLabels();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    onSaved(agency ? await updateAgency(agency.id, { kind: v.kind, nameZh: v.nameZh, nameEn: v.nameEn }) : await createAgency(v));
  };

  return (
    <FormModal<Values>
      form={form}
      name="agency"
      fields={FIELDS}
      onSubmit={submit}
      open={open}
      title={agency ? t('admin.agencies.editTitle', { name: localName(agency) }) : t('admin.agencies.newTitle')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      onCancel={onClose}
      testId="agency-modal"
      okTestId="agency-save"
      errorTestId="agency-error"
      initialValues={agency ?? { kind: 'public_security' }}
    >
      <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('admin.required') }]}>
        <Select options={AGENCY_KINDS.map((k) => ({ value: k, label: label('agencyKinds', k) }))} />
      </Form.Item>
      <Form.Item name="nameZh" label={t('admin.agencies.nameZh')} rules={[{ required: true, message: t('admin.required') }]}>
        <Input data-testid="agency-name-zh" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('admin.agencies.nameEn')} rules={[{ required: true, message: t('admin.required') }]}>
        <Input data-testid="agency-name-en" />
      </Form.Item>
      {!agency && (
        <Form.Item name="jurisdictionCode" label={t('admin.jurisdiction')} rules={[{ required: true, message: t('admin.required') }]}>
          <JurisdictionCascader />
        </Form.Item>
      )}
    </FormModal>
  );
}
