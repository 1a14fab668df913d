// Shown by RequireRole when the user's roles do not allow a page.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title={<PageTitle>{t('forbidden.title')}</PageTitle>} subTitle={t('forbidden.description')} />;
}
