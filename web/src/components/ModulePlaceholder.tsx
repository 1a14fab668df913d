// The page of a staff module that is not built yet: its title and what it will do (from DESIGN.md).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from './ComingSoon';
import { PageTitle } from './PageTitle';

export type PlannedModule = 'cases' | 'campaigns' | 'reports' | 'relics' | 'matching' | 'sites' | 'fraud';

export function ModulePlaceholder({ module, icon }: { module: PlannedModule; icon: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t(`modules.${module}.title`)}</PageTitle>
      <ComingSoon icon={icon} description={t(`modules.${module}.description`)} />
    </>
  );
}
