import { Card, Flex, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Frame of the pages before the console: registration, sign-in and its second factor. */
export default function AuthLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', paddingInline: 24 }}>
        <Flex align="center" justify="space-between" style={{ height: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('common.appName')} · {t('common.adminConsole')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content>
        <Flex justify="center" style={{ padding: '48px 16px' }}>
          <Card style={{ width: '100%', maxWidth: 560 }}>
            <Outlet />
          </Card>
        </Flex>
      </Layout.Content>
    </Layout>
  );
}
