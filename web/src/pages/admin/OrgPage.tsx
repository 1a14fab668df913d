// /admin/org (admins and commanders): agencies and users, as the server scopes them. Those the server lets change
// them (org.users.write / org.agencies.write) create, edit, disable and re-enable them here.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { listAgencies, listUsers, updateAgency, updateUser } from '../../api/org';
import type { Agency, User } from '../../api/types';
import { useCan } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';
import { testId } from '../../lib/testId';
import { AgenciesTable } from './AgenciesTable';
import { AgencyModal } from './AgencyModal';
import { UserModal } from './UserModal';
import { UsersTable } from './UsersTable';

type Editing<T> = { open: false } | { open: true; record: T | undefined };

export default function OrgPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { localName } = useLabels();
  const can = useCan();
  const agencies = useApi(listAgencies);
  const users = useApi(listUsers);
  const [userEdit, setUserEdit] = useState<Editing<User>>({ open: false });
  const [agencyEdit, setAgencyEdit] = useState<Editing<Agency>>({ open: false });
  const [busyId, setBusyId] = useState<string | null>(null);

  const toggle = (id: string, name: string, disabled: boolean, change: () => Promise<unknown>, reload: () => void) => {
    Modal.confirm({
      title: disabled ? t('admin.enableConfirm', { name }) : t('admin.disableConfirm', { name }),
      content: disabled ? undefined : t('admin.disableEffect'),
      okText: disabled ? t('admin.enable') : t('admin.disable'),
      okButtonProps: { danger: !disabled, ...testId('toggle-confirm') },
      cancelText: t('admin.cancel'),
      onOk: async () => {
        setBusyId(id);
        try {
          await change();
          void message.success(disabled ? t('admin.enabled', { name }) : t('admin.disabled', { name }));
          reload();
        } catch (error) {
          void message.error(errorMessage(error));
        } finally {
          setBusyId(null);
        }
      },
    });
  };

  return (
    <>
      <PageTitle>{t('org.title')}</PageTitle>
      <div className="lf-stack">
        <Card
          title={t('org.agencies')}
          extra={
            can('org.agencies.write') && (
              <Button icon={<PlusOutlined />} onClick={() => setAgencyEdit({ open: true, record: undefined })} data-testid="agency-new">
                {t('admin.agencies.new')}
              </Button>
            )
          }
        >
          <AgenciesTable
            result={agencies}
            busyId={busyId}
            actions={
              can('org.agencies.write')
                ? {
                    onEdit: (record) => setAgencyEdit({ open: true, record }),
                    onToggle: (a) =>
                      toggle(
                        a.id,
                        localName(a),
                        a.disabled,
                        () => updateAgency(a.id, { disabled: !a.disabled }),
                        () => {
                          agencies.reload();
                          users.reload();
                        },
                      ),
                  }
                : undefined
            }
          />
        </Card>
        <Card
          title={t('org.users')}
          extra={
            can('org.users.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setUserEdit({ open: true, record: undefined })} data-testid="user-new">
                {t('admin.users.new')}
              </Button>
            )
          }
        >
          <UsersTable
            result={users}
            agencies={agencies.data?.items ?? []}
            busyId={busyId}
            actions={
              can('org.users.write')
                ? {
                    onEdit: (record) => setUserEdit({ open: true, record }),
                    onToggle: (u) => toggle(u.id, u.displayName, u.disabled, () => updateUser(u.id, { disabled: !u.disabled }), users.reload),
                  }
                : undefined
            }
          />
        </Card>
      </div>
      <UserModal
        open={userEdit.open}
        user={userEdit.open ? userEdit.record : undefined}
        agencies={agencies.data?.items ?? []}
        onClose={() => setUserEdit({ open: false })}
        onSaved={(saved) => {
          void message.success(t('admin.users.saved', { name: saved.displayName }));
          setUserEdit({ open: false });
          users.reload();
        }}
      />
      <AgencyModal
        open={agencyEdit.open}
        agency={agencyEdit.open ? agencyEdit.record : undefined}
        onClose={() => setAgencyEdit({ open: false })}
        onSaved={(saved) => {
          void message.success(t('admin.agencies.saved', { name: localName(saved) }));
          setAgencyEdit({ open: false });
          agencies.reload();
        }}
      />
    </>
  );
}
