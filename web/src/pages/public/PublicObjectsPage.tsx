// /public/objects: search of published stolen cultural objects. Not built yet: the search box
// is shown disabled and the page says what is coming.
import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { PageTitle } from '../../components/PageTitle';

export default function PublicObjectsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('public.objects.title')}</PageTitle>
      <Input.Search
        disabled
        size="large"
        placeholder={t('public.objects.searchPlaceholder')}
        aria-label={t('public.objects.searchPlaceholder')}
        enterButton={<SearchOutlined />}
      />
      <ComingSoon icon={<SearchOutlined />} description={t('public.objects.coming')} />
    </>
  );
}
