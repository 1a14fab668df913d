// Parties tab: suspects, victims and witnesses with their per-case status; add a party and change
// a party's status. The server masks personal data for some roles (e.g. 张*, 150102********1234);
// such rows carry a "masked" hint.
import { EditOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Select, type TableColumnsType, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addParty, listParties, updateParty } from '../../../api/cases';
import { type CaseParty, PARTY_ROLES, PARTY_STATUSES, type PartyRole, type PartyStatus } from '../../../api/types';
import { ApiTable } from '../../../components/ApiTable';
import { FormModal } from '../../../components/FormModal';
import { PastDateTimePicker } from '../../../components/PastDateTimePicker';
import { useApi } from '../../../hooks/useApi';
import { useFormatDateTime } from '../../../hooks/useFormatDateTime';
import { useModalTarget } from '../../../hooks/useModalTarget';
import { useLabels } from '../../../i18n/useLabels';
import { fromIso, toIso } from '../../../lib/dates';
import { caseRules, ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN } from '../caseRules';
import type { CaseTabProps } from '../types';
import { AddBar } from './AddBar';
import { actionsColumn } from './actionsColumn';

const ROLE_COLOURS: Record<PartyRole, string> = { suspect: 'red', victim: 'blue', witness: 'default' };

interface AddValues {
  role: PartyRole;
  name: string;
  idNumber?: string;
  phone?: string;
  status?: PartyStatus;
  arrestedAt?: Dayjs | null;
}

interface EditValues {
  status: PartyStatus;
  arrestedAt?: Dayjs | null;
  detainedAt?: Dayjs | null;
  prosecutedAt?: Dayjs | null;
}

export function PartiesTab({ caseId, version, canWrite, onChanged }: CaseTabProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const formatDateTime = useFormatDateTime();
  const result = useApi((signal) => listParties(caseId, signal), [caseId, version]);
  const adding = useModalTarget();
  const editing = useModalTarget<CaseParty>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('common.none'));

  const columns: TableColumnsType<CaseParty> = [
    {
      key: 'name',
      title: t('cases.parties.name'),
      fixed: 'left',
      render: (_, p) => (
        <span>
          {p.name}{' '}
          {p.masked ? (
            <Tooltip title={t('cases.parties.maskedHint')}>
              <Tag icon={<EyeInvisibleOutlined />} data-testid="party-masked">
                {t('cases.parties.masked')}
              </Tag>
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    { key: 'role', title: t('cases.parties.role'), render: (_, p) => <Tag color={ROLE_COLOURS[p.role]}>{label('partyRoles', p.role)}</Tag> },
    {
      key: 'status',
      title: t('cases.parties.status'),
      render: (_, p) => (p.status === 'none' ? t('common.none') : label('partyStatuses', p.status)),
    },
    { key: 'idNumber', title: t('cases.parties.idNumber'), render: (_, p) => p.idNumber ?? t('common.none') },
    { key: 'phone', title: t('cases.parties.phone'), render: (_, p) => p.phone ?? t('common.none') },
    { key: 'arrestedAt', title: t('cases.parties.arrestedAt'), render: (_, p) => when(p.arrestedAt) },
    { key: 'detainedAt', title: t('cases.parties.detainedAt'), render: (_, p) => when(p.detainedAt) },
    { key: 'prosecutedAt', title: t('cases.parties.prosecutedAt'), render: (_, p) => when(p.prosecutedAt) },
    ...actionsColumn<CaseParty>(canWrite, t, (p) => (
      <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(p)} data-testid="party-edit">
        {t('cases.parties.edit')}
      </Button>
    )),
  ];

  return (
    <div className="lf-stack">
      {canWrite ? (
        <AddBar onAdd={() => adding.open(true)} testId="party-add">
          {t('cases.parties.add')}
        </AddBar>
      ) : null}
      <ApiTable<CaseParty>
        data-testid="parties-table"
        rowKey={(p) => `${p.personId}-${p.role}`}
        result={result}
        columns={columns}
        emptyText={t('cases.parties.empty')}
      />
      <AddPartyModal caseId={caseId} open={adding.isOpen} onClose={adding.close} onDone={adding.closeThen(onChanged)} />
      <EditPartyModal caseId={caseId} party={editing.target} onClose={editing.close} onDone={editing.closeThen(onChanged)} />
    </div>
  );
}

function AddPartyModal({ caseId, open, onClose, onDone }: { caseId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AddValues>();
  const role = Form.useWatch('role', form);
  const status = Form.useWatch('status', form);
  const rules = caseRules(t);

  const submit = async (values: AddValues) => {
    await addParty(caseId, {
      role: values.role,
      name: values.name.trim(),
      idNumber: values.idNumber?.trim() || undefined,
      phone: values.phone?.trim() || undefined,
      status: values.role === 'suspect' ? values.status : undefined,
      arrestedAt: values.role === 'suspect' && values.status === 'arrested' ? toIso(values.arrestedAt) : undefined,
    });
    void message.success(t('cases.parties.added'));
    onDone();
  };

  return (
    <FormModal<AddValues>
      form={form}
      name="party"
      fields={['role', 'name', 'idNumber', 'phone', 'status', 'arrestedAt']}
      onSubmit={submit}
      open={open}
      title={t('cases.parties.addTitle')}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      onCancel={onClose}
      okTestId="party-submit"
      initialValues={{ role: 'suspect', status: 'at_large' }}
    >
      <Form.Item name="role" label={t('cases.parties.role')} rules={[{ required: true, message: t('cases.validation.roleRequired') }]}>
        <Select options={PARTY_ROLES.map((r) => ({ value: r, label: label('partyRoles', r) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('cases.parties.name')}
        rules={[{ required: true, whitespace: true, message: t('cases.validation.nameRequired') }, { max: LIMITS.name }]}
      >
        <Input maxLength={LIMITS.name} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('cases.parties.idNumber')}
        rules={[{ pattern: ID_NUMBER_PATTERN, message: t('cases.validation.idNumberFormat') }]}
      >
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="phone" label={t('cases.parties.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('cases.validation.phoneFormat') }]}>
        <Input maxLength={20} />
      </Form.Item>
      {role === 'suspect' ? (
        <Form.Item name="status" label={t('cases.parties.status')}>
          <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: label('partyStatuses', s) }))} />
        </Form.Item>
      ) : null}
      {role === 'suspect' && status === 'arrested' ? (
        <Form.Item name="arrestedAt" label={t('cases.parties.arrestedAt')} rules={rules.requiredDate}>
          <PastDateTimePicker />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function EditPartyModal({
  caseId,
  party,
  onClose,
  onDone,
}: {
  caseId: string;
  party: CaseParty | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditValues>();
  const status = Form.useWatch('status', form);
  const rules = caseRules(t);

  const submit = async (values: EditValues) => {
    if (!party) return;
    await updateParty(caseId, party.personId, {
      role: party.role,
      status: values.status,
      arrestedAt: toIso(values.arrestedAt),
      detainedAt: toIso(values.detainedAt),
      prosecutedAt: toIso(values.prosecutedAt),
    });
    void message.success(t('cases.parties.updated'));
    onDone();
  };

  // Each date is required when the status says it happened, otherwise optional (not in the future).
  const dateRules = (field: PartyStatus) => (status === field ? rules.requiredDate : rules.notInFuture);
  return (
    <FormModal<EditValues>
      form={form}
      name="partyEdit"
      fields={['status', 'arrestedAt', 'detainedAt', 'prosecutedAt']}
      onSubmit={submit}
      open={party !== undefined}
      title={party ? t('cases.parties.editTitle', { name: party.name }) : ''}
      okText={t('cases.page.save')}
      cancelText={t('cases.page.cancel')}
      onCancel={onClose}
      okTestId="party-edit-save"
      showForm={party !== undefined}
      initialValues={
        party && {
          status: party.status,
          arrestedAt: fromIso(party.arrestedAt),
          detainedAt: fromIso(party.detainedAt),
          prosecutedAt: fromIso(party.prosecutedAt),
        }
      }
    >
      <Form.Item name="status" label={t('cases.parties.status')}>
        <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: label('partyStatuses', s) }))} />
      </Form.Item>
      <Form.Item name="arrestedAt" label={t('cases.parties.arrestedAt')} rules={dateRules('arrested')}>
        <PastDateTimePicker />
      </Form.Item>
      <Form.Item name="detainedAt" label={t('cases.parties.detainedAt')} rules={dateRules('detained')}>
        <PastDateTimePicker />
      </Form.Item>
      <Form.Item name="prosecutedAt" label={t('cases.parties.prosecutedAt')} rules={dateRules('prosecuted')}>
        <PastDateTimePicker />
      </Form.Item>
    </FormModal>
  );
}
