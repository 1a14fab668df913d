// A module page whose features are not built yet: says what will come here. No fake data.
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ComingSoon({ icon, description, title }: { icon: ReactNode; description: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      className="lf-coming-soon"
      icon={icon}
      title={title ?? t('modules.comingTitle')}
      subTitle={<span className="lf-coming-soon-text">{description}</span>}
    />
  );
}
