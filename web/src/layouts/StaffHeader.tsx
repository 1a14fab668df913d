// Staff header: product name, the user's jurisdiction, notifications, language switch, user menu.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Layout, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { Brand } from '../components/Brand';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../components/NotificationBell';
import { UserMenu } from '../components/UserMenu';
import { useLabels } from '../i18n/useLabels';

export function StaffHeader() {
  const me = useMe();
  const { localName } = useLabels();
  return (
    <Layout.Header className="lf-header">
      <Link to="/" className="lf-header-brand">
        <Brand inverted />
      </Link>
      <span className="lf-header-jurisdiction" data-testid="header-jurisdiction">
        <EnvironmentOutlined aria-hidden /> {localName(me.jurisdiction)}
      </span>
      <Space className="lf-header-actions" size="middle">
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu />
      </Space>
    </Layout.Header>
  );
}
