// The signed-in user's account: jurisdiction (with level), agency (with kind) and roles.
import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { RoleTags } from '../../components/RoleTags';
import { useLabels } from '../../i18n/useLabels';

export function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { label, localName } = useLabels();
  return (
    <Card title={t('dashboard.profile')} data-testid="profile-card">
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'username', label: t('dashboard.username'), children: me.username },
          {
            key: 'jurisdiction',
            label: t('dashboard.jurisdiction'),
            children: (
              <span data-testid="profile-jurisdiction">
                {localName(me.jurisdiction)} <Tag>{label('levels', me.jurisdiction.level)}</Tag>
              </span>
            ),
          },
          {
            key: 'agency',
            label: t('dashboard.agency'),
            children: (
              <span data-testid="profile-agency">
                {localName(me.agency)} <Tag>{label('agencyKinds', me.agency.kind)}</Tag>
              </span>
            ),
          },
          {
            key: 'roles',
            label: t('dashboard.roles'),
            children: (
              <span data-testid="profile-roles">
                <RoleTags roles={me.roles} />
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
