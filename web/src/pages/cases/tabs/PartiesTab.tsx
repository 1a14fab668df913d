// Parties tab: suspects, victims and witnesses with their per-case status; add a party and change
// a party's status. The server masks personal data for some roles (e.g. 张*, 150102********1234);
// such rows carry a "masked" hint.
import { EditOutlined, EyeInvisibleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addParty, listParties, updateParty } from '../../../api/cases';
import { PARTY_ROLES, PARTY_STATUSES, type CaseParty, type PartyRole, type PartyStatus } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApi } from '../../../hooks/useApi';
import { useFormatDateTime } from '../../../hooks/useFormatDateTime';
import { useLabels } from '../../../i18n/useLabels';
import { DATE_TIME_FORMAT, fromIso, isFutureDay, toIso } from '../../../lib/dates';
import { applyFieldErrors } from '../../../lib/formErrors';
import { testId } from '../../../lib/testId';
import { ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN, caseRules } from '../caseRules';

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

export function PartiesTab({ caseId, version, canWrite, onChanged }: {
  caseId: string;
  version: number;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const formatDateTime = useFormatDateTime();
  const result = useApi((signal) => listParties(caseId, signal), [caseId, version]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CaseParty>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('common.none'));

  const columns: TableColumnsType<CaseParty> = [
    {
      key: 'name',
      title: t('cases.parties.name'),
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
    { key: 'status', title: t('cases.parties.status'), render: (_, p) => (p.status === 'none' ? t('common.none') : label('partyStatuses', p.status)) },
    { key: 'idNumber', title: t('cases.parties.idNumber'), render: (_, p) => p.idNumber ?? t('common.none') },
    { key: 'phone', title: t('cases.parties.phone'), render: (_, p) => p.phone ?? t('common.none') },
    { key: 'arrestedAt', title: t('cases.parties.arrestedAt'), render: (_, p) => when(p.arrestedAt) },
    { key: 'detainedAt', title: t('cases.parties.detainedAt'), render: (_, p) => when(p.detainedAt) },
    { key: 'prosecutedAt', title: t('cases.parties.prosecutedAt'), render: (_, p) => when(p.prosecutedAt) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('cases.parties.actions'),
            render: (_: unknown, p: CaseParty) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="party-edit">
                {t('cases.parties.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="lf-stack">
      {canWrite ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="party-add">
            {t('cases.parties.add')}
          </Button>
        </Flex>
      ) : null}
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      <Table<CaseParty>
        data-testid="parties-table"
        rowKey={(p) => `${p.personId}-${p.role}`}
        size="middle"
        loading={result.loading}
        columns={columns}
        dataSource={result.data?.items ?? []}
        locale={{ emptyText: t('cases.parties.empty') }}
        pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        scroll={{ x: 'max-content' }}
      />
      <AddPartyModal
        caseId={caseId}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          onChanged();
        }}
      />
      <EditPartyModal
        caseId={caseId}
        party={editing}
        onClose={() => setEditing(undefined)}
        onDone={() => {
          setEditing(undefined);
          onChanged();
        }}
      />
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
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);

  const onFinish = async (values: AddValues) => {
    setSubmitting(true);
    setError(undefined);
    try {
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
    } catch (err) {
      applyFieldErrors(form, err, ['role', 'name', 'idNumber', 'phone', 'status', 'arrestedAt']);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cases.parties.addTitle')}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      okButtonProps={{ ...testId('party-submit'), loading: submitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      {error ? (
        <div className="lf-form-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<AddValues> form={form} name="party" layout="vertical" initialValues={{ role: 'suspect', status: 'at_large' }} onFinish={onFinish} disabled={submitting}>
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
        <Form.Item name="idNumber" label={t('cases.parties.idNumber')} rules={[{ pattern: ID_NUMBER_PATTERN, message: t('cases.validation.idNumberFormat') }]}>
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
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function EditPartyModal({ caseId, party, onClose, onDone }: {
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
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const rules = caseRules(t);

  const onFinish = async (values: EditValues) => {
    if (!party) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await updateParty(caseId, party.personId, {
        role: party.role,
        status: values.status,
        arrestedAt: toIso(values.arrestedAt),
        detainedAt: toIso(values.detainedAt),
        prosecutedAt: toIso(values.prosecutedAt),
      });
      void message.success(t('cases.parties.updated'));
      onDone();
    } catch (err) {
      applyFieldErrors(form, err, ['status', 'arrestedAt', 'detainedAt', 'prosecutedAt']);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const datePicker = <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} />;
  return (
    <Modal
      open={party !== undefined}
      title={party ? t('cases.parties.editTitle', { name: party.name }) : ''}
      okText={t('cases.page.save')}
      cancelText={t('cases.page.cancel')}
      okButtonProps={{ ...testId('party-edit-save'), loading: submitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      {error ? (
        <div className="lf-form-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      {party ? (
        <Form<EditValues>
          form={form}
          name="partyEdit"
          layout="vertical"
          disabled={submitting}
          onFinish={onFinish}
          initialValues={{
            status: party.status,
            arrestedAt: fromIso(party.arrestedAt),
            detainedAt: fromIso(party.detainedAt),
            prosecutedAt: fromIso(party.prosecutedAt),
          }}
        >
          <Form.Item name="status" label={t('cases.parties.status')}>
            <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: label('partyStatuses', s) }))} />
          </Form.Item>
          <Form.Item
            name="arrestedAt"
            label={t('cases.parties.arrestedAt')}
            rules={status === 'arrested' ? rules.requiredDate : rules.notInFuture}
          >
            {datePicker}
          </Form.Item>
          <Form.Item name="detainedAt" label={t('cases.parties.detainedAt')} rules={status === 'detained' ? rules.requiredDate : rules.notInFuture}>
            {datePicker}
          </Form.Item>
          <Form.Item
            name="prosecutedAt"
            label={t('cases.parties.prosecutedAt')}
            rules={status === 'prosecuted' ? rules.requiredDate : rules.notInFuture}
          >
            {datePicker}
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
