// /public/tips: how to send a tip: from the page of the object it is about (search first).
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';

export default function PublicTipsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('relics.tips.title')}</PageTitle>
      <Typography.Paragraph>{t('relics.tips.howTo')}</Typography.Paragraph>
      <Link to="/public/objects">
        <Button type="primary">{t('relics.public.title')}</Button>
      </Link>
    </>
  );
}
