// User menu in the staff header: shows the display name; the dropdown offers "sign out".
//   data-testid="user-menu"  the trigger button
//   data-testid="logout"     the sign-out item (antd puts data-* of a menu item on its <li>,
//                            the clickable element, inside the dropdown portal)
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
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
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu" title={t('auth.userMenu')}>
        <span className="lf-user-name">{me.displayName || me.username}</span>
      </Button>
    </Dropdown>
  );
}
