// /public/reports: published public reports. Not built yet.
import { FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { PageTitle } from '../../components/PageTitle';

export default function PublicReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('public.reports.title')}</PageTitle>
      <ComingSoon icon={<FileTextOutlined />} description={t('public.reports.coming')} />
    </>
  );
}
