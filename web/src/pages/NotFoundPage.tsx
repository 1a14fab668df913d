// Unknown path (inside the staff shell or the public portal, or standalone).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';

export default function NotFoundPage({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<PageTitle>{t('notFound.title')}</PageTitle>}
      subTitle={t('notFound.description')}
      extra={
        <Button type="primary" onClick={() => navigate(home)}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
