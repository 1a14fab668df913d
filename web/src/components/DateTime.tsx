// An ISO timestamp as <time>, formatted in the UI language; null/empty → "—" (common.none).
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../hooks/useFormatDateTime';

export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!iso) return <>{t('common.none')}</>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
