// /public: what the public portal offers, one card per service.
import { FileTextOutlined, MessageOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';

interface Service {
  to: string;
  icon: ReactNode;
  title: 'public.objects.title' | 'public.reports.title' | 'public.tips.title';
  text: 'public.objects.card' | 'public.reports.card' | 'public.tips.card';
}

const SERVICES: readonly Service[] = [
  { to: '/public/objects', icon: <SearchOutlined />, title: 'public.objects.title', text: 'public.objects.card' },
  { to: '/public/tips', icon: <MessageOutlined />, title: 'public.tips.title', text: 'public.tips.card' },
  { to: '/public/reports', icon: <FileTextOutlined />, title: 'public.reports.title', text: 'public.reports.card' },
];

export default function PublicHomePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('public.home.title')}</PageTitle>
      <Typography.Paragraph className="lf-public-intro">{t('public.home.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {SERVICES.map((service) => (
          <Col key={service.to} xs={24} md={8}>
            <Link to={service.to} className="lf-service-link">
              <Card hoverable className="lf-service-card">
                <div className="lf-service-icon" aria-hidden>
                  {service.icon}
                </div>
                <Typography.Title level={2} className="lf-service-title">
                  {t(service.title)}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{t(service.text)}</Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
