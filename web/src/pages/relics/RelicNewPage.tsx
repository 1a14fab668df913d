// /relics/new: draft an object record (Object ID fields, bilingual text, measurements with units).
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { useAuth } from '../../auth/AuthContext';
import { createObject, DIMENSIONS, type ObjectInput } from '../../api/relics';
import { ApiError } from '../../api/client';
import { useVocab } from './vocab';

const UNITS: Record<string, string[]> = { weight: ['g', 'kg'] };
const unitsOf = (d: string) => UNITS[d] ?? ['mm', 'cm', 'm', 'in'];

export default function RelicNewPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const navigate = useNavigate();
  const { state: { me } } = useAuth();
  const [error, setError] = useState<ApiError | null>(null);
  const [form] = Form.useForm();
  const text = (name: string, label: string, area = false) => (
    <Col xs={24} md={12}><Form.Item name={name} label={label}>{area ? <Input.TextArea rows={2} /> : <Input />}</Form.Item></Col>
  );
  return (
    <>
      <PageTitle>{t('relics.staff.new')}</PageTitle>
      <Form form={form} layout="vertical" initialValues={{ jurisdictionCode: me?.jurisdiction.code, measurements: [{ dimension: 'height', unit: 'cm' }] }}
        onFinish={async (values: Record<string, unknown> & { theftDate?: Dayjs }) => {
          setError(null);
          try {
            const body = { ...values, theftDate: values.theftDate ? values.theftDate.toISOString() : undefined } as ObjectInput;
            const created = await createObject(body);
            navigate(`/relics/${created.id}`);
          } catch (e) {
            if (e instanceof ApiError) setError(e);
          }
        }}>
        <Row gutter={12}>
          {text('titleZh', t('relics.fields.titleZh'))}
          {text('titleEn', t('relics.fields.titleEn'))}
          <Col xs={24} md={8}><Form.Item name="objectType" label={t('relics.fields.objectType')}><Select allowClear options={v.typeOptions} data-testid="field-type" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="materials" label={t('relics.fields.materials')}><Select mode="multiple" options={v.materialOptions} data-testid="field-materials" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="periodCode" label={t('relics.fields.period')}><Select allowClear options={v.periodOptions} data-testid="field-period" /></Form.Item></Col>
          {text('subjectZh', t('relics.fields.subjectZh'))}
          {text('subjectEn', t('relics.fields.subjectEn'))}
          {text('inscriptionsZh', t('relics.fields.inscriptionsZh'), true)}
          {text('inscriptionsEn', t('relics.fields.inscriptionsEn'), true)}
          {text('distinguishingFeaturesZh', t('relics.fields.featuresZh'), true)}
          {text('distinguishingFeaturesEn', t('relics.fields.featuresEn'), true)}
          {text('descriptionZh', t('relics.fields.descriptionZh'), true)}
          {text('descriptionEn', t('relics.fields.descriptionEn'), true)}
          {text('reign', t('relics.fields.reign'))}
          {text('maker', t('relics.fields.maker'))}
          {text('inventoryNo', t('relics.fields.inventoryNo'))}
          {text('owner', t('relics.fields.owner'))}
          <Col xs={24} md={12}><Form.Item name="theftDate" label={t('relics.fields.theftDate')}><DatePicker style={{ width: '100%' }} data-testid="field-theft-date" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="jurisdictionCode" label={t('relics.fields.jurisdictionCode')} rules={[{ required: true, pattern: /^[0-9]{6}$/ }]}><Input /></Form.Item></Col>
          {text('theftPlaceDetail', t('relics.fields.theftPlaceDetail'))}
          {text('circumstances', t('relics.fields.circumstances'), true)}
        </Row>
        <Form.List name="measurements">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'dimension']} label={t('relics.fields.dimension')}><Select style={{ width: 120 }} options={DIMENSIONS.map((d) => ({ value: d, label: t(`relics.dimension.${d}`) }))} /></Form.Item>
                  <Form.Item name={[field.name, 'value']} label={t('relics.fields.value')}><InputNumber min={0} data-testid={`measure-value-${field.name}`} /></Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => <Form.Item name={[field.name, 'unit']} label={t('relics.fields.unit')}><Select style={{ width: 90 }} options={unitsOf(form.getFieldValue(['measurements', field.name, 'dimension']) ?? 'height').map((u) => ({ value: u, label: u }))} /></Form.Item>}
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>−</Button>
                </Space>
              ))}
              <Button onClick={() => add({ dimension: 'width', unit: 'cm' })}>{t('relics.staff.addMeasurement')}</Button>
            </>
          )}
        </Form.List>
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error.message} description={error.fields.map((f) => `${f.path}: ${f.message}`).join('; ')} />}
        <Button style={{ marginTop: 16 }} type="primary" htmlType="submit" data-testid="relic-save">{t('relics.staff.saveDraft')}</Button>
      </Form>
    </>
  );
}
