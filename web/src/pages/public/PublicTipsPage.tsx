// /public/tips: send a tip to the police. Not built yet.
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { PageTitle } from '../../components/PageTitle';

export default function PublicTipsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('public.tips.title')}</PageTitle>
      <ComingSoon icon={<MessageOutlined />} description={t('public.tips.coming')} />
    </>
  );
}
