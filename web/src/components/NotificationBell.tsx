// The bell in the staff header: unread notifications to the user's jurisdiction (or below it), a list in a popover;
// opening one marks it read and follows its link.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { listNotifications, markAllNotificationsRead, markNotificationRead, type NotificationItem } from '../api/notifications';

/** How often the unread count is refreshed while the app is open. */
const POLL_MS = 60_000;

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    listNotifications({ limit: 20 })
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);
  // Titles are rendered by the server in the request's language: load again when the language changes.
  useEffect(() => {
    load();
    const timer = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(timer);
  }, [load, i18n.language]);

  const openItem = async (n: NotificationItem) => {
    if (!n.readAt) await markNotificationRead(n.id).catch(() => undefined);
    setOpen(false);
    load();
    if (n.link) void navigate(n.link);
  };
  const readAll = async () => {
    await markAllNotificationsRead().catch(() => undefined);
    load();
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {failed && <Typography.Text type="danger">{t('notifications.loadFailed')}</Typography.Text>}
      {!failed && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />}
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => openItem(n)}
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              data-testid="notification-item"
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {new Date(n.createdAt).toLocaleString(i18n.language)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) load();
      }}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notifications.title')}</span>
          {unread > 0 && (
            <Button size="small" type="link" onClick={readAll} data-testid="notifications-read-all">
              {t('notifications.readAll')}
            </Button>
          )}
        </Space>
      }
      content={content}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          aria-label={t('notifications.bell', { count: unread })}
          icon={<BellOutlined style={{ color: 'inherit' }} />}
          className="lf-header-bell"
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
