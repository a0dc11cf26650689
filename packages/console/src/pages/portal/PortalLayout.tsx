import { LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Layout, Menu, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../../auth/useMe';
import { useSignOut } from '../../auth/useSignOut';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { changeLanguage, currentLanguage, storedLanguage } from '../../i18n';
import { useInboxStream } from '../notifications/useNotifications';
import { useUnreadCount } from './useInbox';

/** The member portal's frame: the corp, its pages (消息 with an unread badge), the language and sign-out; admins get a way back to the console. */
export default function PortalLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe().data;
  const signOut = useSignOut();
  const corpLanguage = me?.corp.defaultLanguage;
  useInboxStream(); // the badge moves the moment a notice arrives
  const unreadCount = useUnreadCount();
  const unread = unreadCount.data ?? 0;
  const { refetch: refetchUnread } = unreadCount;

  // The badge also refreshes on every navigation within the portal (and every 30 s, see useUnreadCount).
  useEffect(() => {
    void refetchUnread();
  }, [pathname, refetchUnread]);

  useEffect(() => {
    if (corpLanguage && !storedLanguage() && corpLanguage !== currentLanguage()) void changeLanguage(corpLanguage, false);
  }, [corpLanguage]);

  if (!me) return null; // The stage guard above only renders this for a signed-in session.
  const items = [
    { key: '/portal', label: <Link to="/portal" data-testid="portal-nav-profile">{t('portal.nav.profile')}</Link> },
    { key: '/portal/colleagues', label: <Link to="/portal/colleagues" data-testid="portal-nav-colleagues">{t('portal.nav.colleagues')}</Link> },
    {
      key: '/portal/inbox',
      label: (
        <Link to="/portal/inbox" data-testid="portal-nav-inbox">
          <Flex component="span" align="center" gap={6}>
            {t('portal.nav.inbox')}
            {unread > 0 && (
              <span data-testid="portal-inbox-badge" data-count={unread} aria-label={t('portal.inbox.unreadBadge', { count: unread })}>
                <Badge count={unread} size="small" overflowCount={99} />
              </span>
            )}
          </Flex>
        </Link>
      ),
    },
    { key: '/portal/approvals', label: <Link to="/portal/approvals" data-testid="portal-nav-approvals">{t('approvals.nav.portal')}</Link> },
    { key: '/portal/notifications', label: <Link to="/portal/notifications" data-testid="portal-nav-notifications">{t('notifications.nav.preferences')}</Link> },
  ];
  const selected = ['/portal/colleagues', '/portal/inbox', '/portal/notifications', '/portal/approvals'].find((key) => pathname.startsWith(key)) ?? '/portal';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', paddingInline: 24, borderBottom: '1px solid #f0f0f0' }}>
        <Flex align="center" gap="large" style={{ height: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="portal-corp-name">
            {me.corp.name} · {t('portal.title')}
          </Typography.Title>
          <Menu mode="horizontal" items={items} selectedKeys={[selected]} style={{ flex: 1, borderBottom: 'none' }} />
          {me.member.isAdmin && <Link to="/" data-testid="portal-to-console">{t('portal.nav.adminConsole')}</Link>}
          <LanguageSwitch />
          <Typography.Text data-testid="portal-member-name">{me.member.name}</Typography.Text>
          <Button icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()} data-testid="portal-sign-out">
            {t('portal.signOut')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
