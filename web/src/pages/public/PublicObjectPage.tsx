// /public/objects/:publicationNo: one published object, public fields only, with its photos, a
// "recovered" badge and the tip form (honeypot field hidden from people).
import { Alert, Button, Descriptions, Form, Image, Input, Result, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getPublicObject, type PublicObject, publicPhotoUrl, sendTip } from '../../api/relics';
import { PageTitle } from '../../components/PageTitle';
import { useVocab } from '../relics/vocab';

export default function PublicObjectPage() {
  const { publicationNo = '' } = useParams();
  const { t } = useTranslation();
  const v = useVocab();
  const [object, setObject] = useState<PublicObject | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    getPublicObject(publicationNo)
      .then(setObject)
      .catch(() => setMissing(true));
  }, [publicationNo]);

  if (missing) return <Result status="404" title={t('relics.public.notFound')} extra={<Link to="/public/objects">{t('relics.public.back')}</Link>} />;
  if (!object) return null;
  const measurements = v.measurementsText(object.measurements);
  return (
    <>
      <PageTitle>{v.pick(object.titleZh, object.titleEn)}</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text code data-testid="publication-no">
          {object.publicationNo}
        </Typography.Text>
        <Tag color={object.recovered ? 'green' : 'red'} data-testid="object-status">
          {t(`relics.status.${object.status}`)}
        </Tag>
        {object.isTestData && <Tag>{t('relics.public.testData')}</Tag>}
      </Space>
      {object.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap style={{ marginBottom: 16 }}>
            {object.photos.map((p) => (
              <Image
                key={p.sha256}
                width={200}
                src={publicPhotoUrl(p.sha256, 'thumb')}
                preview={{ src: publicPhotoUrl(p.sha256, 'web') }}
                alt={t(`relics.view.${p.view}`, { defaultValue: p.view })}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('relics.fields.titleZh')}>{object.titleZh}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.titleEn')}>{object.titleEn}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.objectType')}>{v.typeName(object.objectType)}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.materials')}>{object.materials.map(v.materialName).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.measurements')}>{measurements}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.period')}>
          {[v.periodName(object.periodCode), object.reign, object.dateText].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.maker')}>{object.maker}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.techniques')}>{object.techniques}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.subject')} span="filled">
          {v.pick(object.subjectZh, object.subjectEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.inscriptions')} span="filled">
          {v.pick(object.inscriptionsZh, object.inscriptionsEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.features')} span="filled">
          {v.pick(object.distinguishingFeaturesZh, object.distinguishingFeaturesEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.description')} span="filled">
          {v.pick(object.descriptionZh, object.descriptionEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.theftDate')}>{object.theftDate?.slice(0, 10)}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.theftPlace')}>{v.en ? object.placeNameEn : object.placeNameZh}</Descriptions.Item>
      </Descriptions>
      <TipForm publicationNo={object.publicationNo} />
    </>
  );
}

function TipForm({ publicationNo }: { publicationNo: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (state === 'sent') return <Alert style={{ marginTop: 24 }} type="success" showIcon title={t('relics.tips.thanks')} data-testid="tip-sent" />;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {t('relics.tips.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('relics.tips.intro')}</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={async (values: { message: string; contact?: string; website?: string }) => {
          const form = new FormData();
          form.append('message', values.message);
          if (values.contact) form.append('contact', values.contact);
          form.append('website', values.website ?? '');
          if (file) form.append('file', file);
          setState('sending');
          try {
            await sendTip(publicationNo, form);
            setState('sent');
          } catch (e) {
            setState('idle');
            setError(e instanceof ApiError ? e.message : String(e));
          }
        }}
      >
        <Form.Item name="message" label={t('relics.tips.message')} rules={[{ required: true, message: t('relics.tips.messageRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="contact" label={t('relics.tips.contact')} extra={t('relics.tips.contactHint')}>
          <Input maxLength={200} />
        </Form.Item>
        {/* Honeypot: hidden from people, filled by bots. */}
        <Form.Item name="website" style={{ position: 'absolute', left: -10000 }} aria-hidden>
          <Input tabIndex={-1} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('relics.tips.photo')}>
          <Upload
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            maxCount={1}
            accept="image/*"
            onRemove={() => setFile(null)}
          >
            <Button>{t('relics.tips.choosePhoto')}</Button>
          </Upload>
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={state === 'sending'}>
          {t('relics.tips.send')}
        </Button>
      </Form>
    </>
  );
}
