// "Version x.y.z" from /api/health; renders nothing if the server does not answer.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchHealth } from '../api/health';
import { useApi } from '../hooks/useApi';

export function ServerVersion() {
  const { t } = useTranslation();
  const { data } = useApi(fetchHealth);
  if (!data?.version) return null;
  return <Typography.Text type="secondary">{t('app.version', { version: data.version })}</Typography.Text>;
}
