// /public/certificates (request a due-diligence certificate) and /public/certificates/:code (verify one).
import { Alert, Button, Card, Form, Input, List, Result, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type Certificate, getCertificate, issueCertificate } from '../../api/relics';
import { PageTitle } from '../../components/PageTitle';
import { useVocab } from '../relics/vocab';

function CertificateView({ cert }: { cert: Certificate }) {
  const { t } = useTranslation();
  const v = useVocab();
  return (
    <Card data-testid="certificate">
      <Typography.Paragraph>
        {t('relics.certificate.code')}:{' '}
        <Typography.Text code copyable data-testid="certificate-code">
          {cert.code}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('relics.certificate.issued')}: {new Date(cert.issuedAt).toLocaleString()} ·{' '}
        {t('relics.certificate.registry', { count: cert.registrySize })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('relics.certificate.searched')}: {Object.values(cert.query).join(' · ')}
      </Typography.Paragraph>
      {cert.result === 'no_match' ? (
        <Alert type="success" showIcon title={t('relics.certificate.noMatch')} data-testid="certificate-result" />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="certificate-result"
          title={t('relics.certificate.possibleMatch')}
          description={
            <List
              size="small"
              dataSource={cert.matches}
              renderItem={(m) => (
                <List.Item>
                  <Link to={`/public/objects/${m.publicationNo}`}>{m.publicationNo}</Link> {v.pick(m.titleZh, m.titleEn)}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <a href={`/api/public/certificates/${cert.code}/html`} target="_blank" rel="noreferrer">
          HTML
        </a>
        <a href={`/api/public/certificates/${cert.code}/pdf`}>PDF</a>
      </Space>
    </Card>
  );
}

export default function PublicCertificatePage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const v = useVocab();
  const navigate = useNavigate();
  const [cert, setCert] = useState<Certificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState('');

  useEffect(() => {
    if (!code) return;
    getCertificate(code)
      .then(setCert)
      .catch(() => setError(t('relics.certificate.notGenuine')));
  }, [code, t]);

  if (code) {
    return (
      <>
        <PageTitle>{t('relics.certificate.verifyTitle')}</PageTitle>
        {error ? (
          <Result status="error" title={error} />
        ) : (
          cert && (
            <>
              <Alert type="info" showIcon title={t('relics.certificate.genuine')} style={{ marginBottom: 12 }} />
              <CertificateView cert={cert} />
            </>
          )
        )}
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('relics.certificate.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('relics.certificate.intro')}</Typography.Paragraph>
      {cert ? (
        <CertificateView cert={cert} />
      ) : (
        <Form
          layout="vertical"
          onFinish={async (values: {
            description: string;
            type?: string;
            material?: string;
            period?: string;
            inscriptions?: string;
            requester?: string;
          }) => {
            try {
              setCert(await issueCertificate({ ...values, lang: v.en ? 'en' : 'zh' }));
            } catch (e) {
              setError(e instanceof ApiError ? e.message : String(e));
            }
          }}
        >
          <Form.Item name="description" label={t('relics.certificate.description')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="inscriptions" label={t('relics.fields.inscriptions')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="type" label={t('relics.fields.objectType')}>
              <Select allowClear style={{ width: 200 }} options={v.typeGroupOptions} />
            </Form.Item>
            <Form.Item name="material" label={t('relics.fields.materials')}>
              <Select allowClear style={{ width: 160 }} options={v.materialOptions} />
            </Form.Item>
            <Form.Item name="period" label={t('relics.fields.period')}>
              <Select allowClear style={{ width: 160 }} options={v.periodOptions} />
            </Form.Item>
          </Space>
          <Form.Item name="requester" label={t('relics.certificate.requester')}>
            <Input maxLength={200} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">
            {t('relics.certificate.issue')}
          </Button>
        </Form>
      )}
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {t('relics.certificate.verifyTitle')}
      </Typography.Title>
      <Space.Compact>
        <Input value={verify} onChange={(e) => setVerify(e.target.value)} placeholder="DD-XXXX-XXXX-XXXX" />
        <Button onClick={() => verify.trim() && navigate(`/public/certificates/${verify.trim()}`)}>{t('relics.certificate.verify')}</Button>
      </Space.Compact>
    </>
  );
}
