// Property tab: everything seized, recovered, stopped, frozen or returned, with units; add an item.
// The unit list follows the kind (the server refuses a unit that does not fit).
import { App as AntApp, Flex, Form, Input, InputNumber, Select, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addProperty, listProperty } from '../../../api/cases';
import {
  PROPERTY_ACTIONS,
  PROPERTY_KINDS,
  type PropertyAction,
  type PropertyItem,
  type PropertyKind,
  type PropertyUnit,
  UNITS_BY_KIND,
} from '../../../api/types';
import { ApiTable } from '../../../components/ApiTable';
import { DateTime } from '../../../components/DateTime';
import { FormModal } from '../../../components/FormModal';
import { PastDateTimePicker } from '../../../components/PastDateTimePicker';
import { useApi } from '../../../hooks/useApi';
import { useModalTarget } from '../../../hooks/useModalTarget';
import { useLabels } from '../../../i18n/useLabels';
import { toIso } from '../../../lib/dates';
import { caseRules, LIMITS } from '../caseRules';
import type { CaseTabProps } from '../types';
import { AddBar } from './AddBar';

const ACTION_COLOURS: Record<PropertyAction, string> = {
  seized: 'blue',
  recovered: 'green',
  stopped: 'orange',
  frozen: 'purple',
  returned: 'cyan',
};

interface Values {
  kind: PropertyKind;
  quantity?: string | null;
  unit?: PropertyUnit;
  action?: PropertyAction;
  at?: Dayjs | null;
  description?: string;
  objectRef?: string;
}

export function PropertyTab({ caseId, version, canWrite, onChanged }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const result = useApi((signal) => listProperty(caseId, signal), [caseId, version]);
  const adding = useModalTarget();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });

  const columns: TableColumnsType<PropertyItem> = [
    { key: 'kind', title: t('cases.property.kind'), render: (_, p) => label('propertyKinds', p.kind) },
    {
      key: 'quantity',
      title: t('cases.property.quantity'),
      align: 'right',
      render: (_, p) => `${Number.isFinite(Number(p.quantity)) ? number.format(Number(p.quantity)) : p.quantity} ${label('propertyUnits', p.unit)}`,
    },
    {
      key: 'action',
      title: t('cases.property.action'),
      render: (_, p) => <Tag color={ACTION_COLOURS[p.action]}>{label('propertyActions', p.action)}</Tag>,
    },
    { key: 'at', title: t('cases.property.at'), render: (_, p) => <DateTime iso={p.at} /> },
    { key: 'description', title: t('cases.property.description'), render: (_, p) => p.description || t('common.none') },
    { key: 'objectRef', title: t('cases.property.objectRef'), render: (_, p) => p.objectRef ?? t('common.none') },
  ];

  return (
    <div className="lf-stack">
      {canWrite ? (
        <AddBar onAdd={() => adding.open(true)} testId="property-add">
          {t('cases.property.add')}
        </AddBar>
      ) : null}
      <ApiTable<PropertyItem> data-testid="property-table" rowKey="id" result={result} columns={columns} emptyText={t('cases.property.empty')} />
      <AddPropertyModal caseId={caseId} open={adding.isOpen} onClose={adding.close} onDone={adding.closeThen(onChanged)} />
    </div>
  );
}

function AddPropertyModal({ caseId, open, onClose, onDone }: { caseId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'cultural_relic';
  const rules = caseRules(t);
  const units = UNITS_BY_KIND[kind];

  const submit = async (values: Values) => {
    await addProperty(caseId, {
      kind: values.kind,
      quantity: String(values.quantity),
      unit: values.unit!,
      action: values.action!,
      at: toIso(values.at)!,
      description: values.description?.trim() || undefined,
      objectRef: values.objectRef?.trim() || undefined,
    });
    void message.success(t('cases.property.added'));
    onDone();
  };

  return (
    <FormModal<Values>
      form={form}
      name="property"
      fields={['kind', 'quantity', 'unit', 'action', 'at', 'description', 'objectRef']}
      onSubmit={submit}
      open={open}
      title={t('cases.property.addTitle')}
      okText={t('cases.transition.confirm')}
      cancelText={t('cases.transition.cancel')}
      onCancel={onClose}
      okTestId="property-submit"
      initialValues={{ kind: 'cultural_relic', unit: 'piece', action: 'seized', at: dayjs() }}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.kind) {
          const fits = UNITS_BY_KIND[changed.kind];
          if (!fits.includes(form.getFieldValue('unit') as PropertyUnit)) form.setFieldValue('unit', fits[0]);
        }
      }}
    >
      <Form.Item name="kind" label={t('cases.property.kind')} rules={[{ required: true, message: t('cases.validation.kindRequired') }]}>
        <Select options={PROPERTY_KINDS.map((k) => ({ value: k, label: label('propertyKinds', k) }))} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="quantity"
          label={t('cases.property.quantity')}
          rules={[
            { required: true, message: t('cases.validation.quantityPositive') },
            {
              validator: (_rule, value: string | null | undefined) =>
                value === null || value === undefined || value === '' || Number(value) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cases.validation.quantityPositive'))),
            },
          ]}
        >
          <InputNumber<string> stringMode min="0" precision={3} className="lf-amount-input" />
        </Form.Item>
        <Form.Item name="unit" label={t('cases.property.unit')} rules={[{ required: true, message: t('cases.validation.unitRequired') }]}>
          <Select className="lf-unit-select" options={units.map((u) => ({ value: u, label: label('propertyUnits', u) }))} />
        </Form.Item>
        <Form.Item name="action" label={t('cases.property.action')} rules={[{ required: true, message: t('cases.validation.actionRequired') }]}>
          <Select className="lf-unit-select" options={PROPERTY_ACTIONS.map((a) => ({ value: a, label: label('propertyActions', a) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="at" label={t('cases.property.at')} rules={rules.requiredDate}>
        <PastDateTimePicker />
      </Form.Item>
      <Form.Item name="description" label={t('cases.property.description')} rules={[{ max: LIMITS.description }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.description} />
      </Form.Item>
      <Form.Item name="objectRef" label={t('cases.property.objectRef')} rules={[{ max: LIMITS.objectRef }]}>
        <Input maxLength={LIMITS.objectRef} />
      </Form.Item>
    </FormModal>
  );
}
