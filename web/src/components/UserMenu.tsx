// User menu in the staff header: shows the display name; the dropdown offers "sign out".
//   data-testid="user-menu"  the trigger button
//   data-testid="change-password"  opens the password change
//   data-testid="logout"     the sign-out item (antd puts data-* of a menu item on its <li>,
//                            the clickable element, inside the dropdown portal)
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext';
import { PasswordModal } from './PasswordModal';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: t('account.changePassword'),
      'data-testid': 'change-password',
      onClick: () => setChanging(true),
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('auth.logout'),
      'data-testid': 'logout',
      onClick: () => {
        void logout().then(() => navigate('/login', { replace: true }));
      },
    },
  ];

  return (
    <>
      <PasswordModal open={changing} onClose={() => setChanging(false)} />
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu" title={t('auth.userMenu')}>
          <span className="lf-user-name">{me.displayName || me.username}</span>
        </Button>
      </Dropdown>
    </>
  );
}
