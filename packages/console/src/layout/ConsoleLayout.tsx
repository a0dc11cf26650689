import { Flex, Layout, Menu, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/useMe';
import { useMyAccess } from '../auth/useMyAccess';
import { Forbidden } from '../components/Forbidden';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LoadFailed } from '../components/LoadFailed';
import { PageSpin } from '../components/PageSpin';
import { changeLanguage, currentLanguage, storedLanguage } from '../i18n';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { buildMenu, mayOpen, menuGroupKeys, selectedMenuKey } from './navigation';
import { UserMenu } from './UserMenu';

/** The signed-in console: left menu, header with the corp, language and user menu. */
export default function ConsoleLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe().data;
  const access = useMyAccess();
  const [openKeys, setOpenKeys] = useState(menuGroupKeys);
  const corpLanguage = me?.corp.defaultLanguage;

  useEffect(() => {
    // Until someone picks a language with the switch, the console speaks the corp's default.
    if (corpLanguage && !storedLanguage() && corpLanguage !== currentLanguage()) void changeLanguage(corpLanguage, false);
  }, [corpLanguage]);

  if (!me) return null; // The stage guard above only renders this for a signed-in session.
  const selected = selectedMenuKey(pathname);
  const myAccess = access.data;
  // A page the admin may not use says so, rather than showing the 403 of each of its requests.
  const content = access.isError ? (
    <LoadFailed error={access.error} onRetry={() => void access.refetch()} />
  ) : !myAccess ? (
    <PageSpin />
  ) : mayOpen(myAccess, pathname) ? (
    <Outlet />
  ) : (
    <Forbidden />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #f0f0f0' }}>
        <Typography.Title level={5} style={{ margin: 0, padding: '20px 24px' }}>
          {t('common.appName')}
        </Typography.Title>
        {/* Mounted only once the admin's access is known: rendered with no items, the menu drops its open groups. */}
        {myAccess && (
          <Menu
            mode="inline"
            items={buildMenu(t, (path) => mayOpen(myAccess, path))}
            selectedKeys={selected ? [selected] : []}
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
            style={{ borderInlineEnd: 'none' }}
            data-testid="nav-menu"
          />
        )}
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24, borderBottom: '1px solid #f0f0f0' }}>
          <Flex align="center" justify="space-between" gap="middle" style={{ height: '100%' }}>
            <Typography.Text strong ellipsis data-testid="header-corp-name" style={{ fontSize: 16 }}>
              {me.corp.name}
            </Typography.Text>
            <Flex align="center" gap="middle">
              <NotificationBell />
              <LanguageSwitch />
              <UserMenu me={me} />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          {content}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
