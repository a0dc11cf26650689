import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../portal/useInbox';
import { useInboxStream } from './useNotifications';

/** The console header's bell: the admin's own unread messages (admins are members too), live from the stream. */
export function NotificationBell() {
  const { t } = useTranslation();
  useInboxStream();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Link to="/portal/inbox" aria-label={t('notifications.bell', { count: unread })} data-testid="header-bell" data-count={unread}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined />} tabIndex={-1} />
      </Badge>
    </Link>
  );
}
