// Product mark: shield icon + "联防 Lianfang", optionally with a subtitle (e.g. "public portal").
import { SafetyCertificateFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function Brand({ subtitle, inverted = false }: { subtitle?: string; inverted?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={inverted ? 'lf-brand lf-brand-inverted' : 'lf-brand'}>
      <SafetyCertificateFilled className="lf-brand-icon" aria-hidden />
      <span className="lf-brand-name">{t('app.fullName')}</span>
      {subtitle ? <span className="lf-brand-subtitle">{subtitle}</span> : null}
    </span>
  );
}
