// The Object ID form of the registry, shared by "register an object" (/relics/new) and "edit a
// draft" (on /relics/:id): bilingual text, type, materials, period, measurements with units, the
// theft (place picked in the user's jurisdiction tree, linked case picked among visible cases).
// Field checks run in the browser first (messages in both languages); the server's field errors
// are shown under the same fields.
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DIMENSIONS, type ObjectDetail, type ObjectInput } from '../../api/relics';
import { FormError } from '../../components/FormError';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { CaseSelect } from './CaseSelect';
import { useVocab } from './vocab';

const UNITS: Record<string, string[]> = { weight: ['g', 'kg'] };
const unitsOf = (d: string) => UNITS[d] ?? ['mm', 'cm', 'm', 'in'];

const TEXT_FIELDS = [
  'titleZh',
  'titleEn',
  'subjectZh',
  'subjectEn',
  'inscriptionsZh',
  'inscriptionsEn',
  'distinguishingFeaturesZh',
  'distinguishingFeaturesEn',
  'descriptionZh',
  'descriptionEn',
  'reign',
  'maker',
  'inventoryNo',
  'owner',
  'theftPlaceDetail',
  'circumstances',
] as const;
/** Every field the form holds: the server's field errors for these are shown under them. */
export const RELIC_FORM_FIELDS = [
  ...TEXT_FIELDS,
  'objectType',
  'materials',
  'periodCode',
  'measurements',
  'theftDate',
  'jurisdictionCode',
  'caseId',
] as const;

type Values = Partial<Omit<ObjectInput, 'theftDate'>> & { theftDate?: Dayjs | null };

/** Form values of an existing object (for editing). */
export function relicFormValues(object: ObjectDetail): Values {
  const values: Record<string, unknown> = {};
  for (const name of RELIC_FORM_FIELDS) values[name] = object[name as keyof ObjectDetail];
  return { ...values, theftDate: object.theftDate ? dayjs(object.theftDate) : null } as Values;
}

export interface RelicFormProps {
  initialValues: Values;
  submitLabel: string;
  onSubmit: (body: ObjectInput & { jurisdictionCode: string }) => Promise<void>;
  onCancel?: () => void;
  testId?: string;
}

export function RelicForm({ initialValues, submitLabel, onSubmit, onCancel, testId = 'relic-form' }: RelicFormProps) {
  const { t } = useTranslation();
  const v = useVocab();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit<Values>(
    form,
    RELIC_FORM_FIELDS,
    async (values) => {
      const body: Record<string, unknown> = { ...values, theftDate: values.theftDate ? values.theftDate.toISOString() : null };
      // A cleared text box is an empty text; a cleared choice is no choice.
      for (const name of TEXT_FIELDS) body[name] = typeof body[name] === 'string' ? (body[name] as string).trim() : '';
      body.caseId = values.caseId || null;
      await onSubmit(body as ObjectInput & { jurisdictionCode: string });
    },
    { stayBusyOnSuccess: true },
  );

  const oneTitle: Rule = ({ getFieldValue }) => ({
    validator: async () => {
      if (!`${getFieldValue('titleZh') ?? ''}${getFieldValue('titleEn') ?? ''}`.trim()) throw new Error(t('relics.form.titleRequired'));
    },
  });
  const text = (
    name: (typeof TEXT_FIELDS)[number],
    label: string,
    { area = false, max = area ? 4000 : 300, rules = [] as Rule[] }: { area?: boolean; max?: number; rules?: Rule[] } = {},
  ) => (
    <Col xs={24} md={12}>
      <Form.Item
        name={name}
        label={label}
        rules={[{ max, message: t('relics.form.tooLong', { max }) }, ...rules]}
        dependencies={name === 'titleZh' ? ['titleEn'] : name === 'titleEn' ? ['titleZh'] : undefined}
      >
        {area ? <Input.TextArea rows={2} data-testid={`field-${name}`} /> : <Input data-testid={`field-${name}`} />}
      </Form.Item>
    </Col>
  );

  return (
    <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit.onFinish} disabled={submit.submitting} data-testid={testId}>
      <FormError error={submit.error} testId="relic-form-error" />
      <Row gutter={12}>
        {text('titleZh', t('relics.fields.titleZh'), { rules: [oneTitle] })}
        {text('titleEn', t('relics.fields.titleEn'), { rules: [oneTitle] })}
        <Col xs={24} md={8}>
          <Form.Item name="objectType" label={t('relics.fields.objectType')}>
            <Select allowClear options={v.typeOptions} data-testid="field-type" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="materials" label={t('relics.fields.materials')}>
            <Select mode="multiple" options={v.materialOptions} data-testid="field-materials" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="periodCode" label={t('relics.fields.period')}>
            <Select allowClear options={v.periodOptions} data-testid="field-period" />
          </Form.Item>
        </Col>
        {text('subjectZh', t('relics.fields.subjectZh'))}
        {text('subjectEn', t('relics.fields.subjectEn'))}
        {text('inscriptionsZh', t('relics.fields.inscriptionsZh'), { area: true })}
        {text('inscriptionsEn', t('relics.fields.inscriptionsEn'), { area: true })}
        {text('distinguishingFeaturesZh', t('relics.fields.featuresZh'), { area: true })}
        {text('distinguishingFeaturesEn', t('relics.fields.featuresEn'), { area: true })}
        {text('descriptionZh', t('relics.fields.descriptionZh'), { area: true, max: 20_000 })}
        {text('descriptionEn', t('relics.fields.descriptionEn'), { area: true, max: 20_000 })}
        {text('reign', t('relics.fields.reign'), { max: 100 })}
        {text('maker', t('relics.fields.maker'))}
        {text('inventoryNo', t('relics.fields.inventoryNo'), { max: 100 })}
        {text('owner', t('relics.fields.owner'))}
        <Col xs={24} md={12}>
          <Form.Item
            name="theftDate"
            label={t('relics.fields.theftDate')}
            rules={[
              {
                validator: async (_, value?: Dayjs | null) => {
                  if (value && value.isAfter(dayjs())) throw new Error(t('relics.form.dateInFuture'));
                },
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="field-theft-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="jurisdictionCode"
            label={t('relics.fields.theftJurisdiction')}
            rules={[{ required: true, message: t('relics.form.jurisdictionRequired') }]}
          >
            <JurisdictionCascader placeholder={t('relics.form.jurisdictionPlaceholder')} data-testid="field-jurisdiction" />
          </Form.Item>
        </Col>
        {text('theftPlaceDetail', t('relics.fields.theftPlaceDetail'), { max: 500 })}
        <Col xs={24} md={12}>
          <Form.Item name="caseId" label={t('relics.fields.case')}>
            <CaseSelect data-testid="field-case" />
          </Form.Item>
        </Col>
        {text('circumstances', t('relics.fields.circumstances'), { area: true })}
      </Row>
      <Form.List name="measurements">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item
                  name={[field.name, 'dimension']}
                  label={t('relics.fields.dimension')}
                  rules={[{ required: true, message: t('relics.form.dimensionRequired') }]}
                >
                  <Select style={{ width: 120 }} options={DIMENSIONS.map((d) => ({ value: d, label: t(`relics.dimension.${d}`) }))} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'value']}
                  label={t('relics.fields.value')}
                  rules={[
                    { required: true, message: t('relics.form.valueRequired') },
                    { type: 'number', min: 0.000001, message: t('relics.form.valuePositive') },
                  ]}
                >
                  <InputNumber data-testid={`measure-value-${field.name}`} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => (
                    <Form.Item
                      name={[field.name, 'unit']}
                      label={t('relics.fields.unit')}
                      rules={[
                        {
                          validator: async (_, unit?: string) => {
                            const dimension = form.getFieldValue(['measurements', field.name, 'dimension']) ?? 'height';
                            if (!unit || !unitsOf(dimension).includes(unit))
                              throw new Error(t('relics.form.unitFits', { units: unitsOf(dimension).join(', ') }));
                          },
                        },
                      ]}
                    >
                      <Select
                        style={{ width: 90 }}
                        options={unitsOf(form.getFieldValue(['measurements', field.name, 'dimension']) ?? 'height').map((u) => ({
                          value: u,
                          label: u,
                        }))}
                      />
                    </Form.Item>
                  )}
                </Form.Item>
                <Button onClick={() => remove(field.name)}>−</Button>
              </Space>
            ))}
            <Button onClick={() => add({ dimension: 'width', unit: 'cm' })}>{t('relics.staff.addMeasurement')}</Button>
          </>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={submit.submitting} data-testid="relic-save">
          {submitLabel}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={false} data-testid="relic-cancel">
            {t('relics.form.cancel')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
