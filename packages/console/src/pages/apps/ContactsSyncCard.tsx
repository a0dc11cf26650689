import { KeyOutlined, SettingOutlined } from '@ant-design/icons';
import type { App as AppRecord } from '@orgdesk/contracts';
import { App, Button, Card, Descriptions, Flex, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorReporter } from '../../api/useErrorReporter';
import { secretHintText } from './appDisplay';
import { CodeModal } from './CodeModal';
import { SecretModal } from './SecretModal';
import { useContactsSyncSecret, useUpdateApp } from './useApps';

/** 通讯录同步: the one app that reads (and, with API write, changes) the whole directory. Super admins manage it. */
export function ContactsSyncCard({ app, superAdmin }: { app: AppRecord | undefined; superAdmin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateApp();
  const getSecret = useContactsSyncSecret();
  const reportError = useErrorReporter();
  // Before the app exists, the switch says how it will be created.
  const [apiWriteAtCreation, setApiWriteAtCreation] = useState(false);
  const [asking, setAsking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const toggleApiWrite = (apiWrite: boolean) => {
    if (!app) {
      setApiWriteAtCreation(apiWrite);
      return;
    }
    update.mutate({ id: app.id, patch: { apiWrite } }, { onSuccess: () => void message.success(t('apps.sync.apiWriteSaved')), onError: (error) => reportError(error) });
  };

  const submitCode = async (code: string) => {
    const response = await getSecret.mutateAsync(app ? { code } : { code, apiWrite: apiWriteAtCreation });
    setAsking(false);
    setSecret(response.secret);
  };

  return (
    <Card
      title={t('apps.sync.title')}
      data-testid="contacts-sync-card"
      extra={
        app && (
          <Link to={`/apps/${app.id}`} data-testid="contacts-sync-settings">
            <SettingOutlined /> {t('apps.sync.settings')}
          </Link>
        )
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('apps.sync.intro')}</Typography.Text>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 160 } }}
          items={[
            {
              key: 'status',
              label: t('apps.column.status'),
              children: (
                <Tag color={app ? 'green' : 'default'} data-testid="contacts-sync-status" data-exists={String(Boolean(app))}>
                  {app ? t('apps.sync.exists') : t('apps.sync.missing')}
                </Tag>
              ),
            },
            {
              key: 'apiWrite',
              label: t('apps.sync.apiWrite'),
              children: (
                <Flex gap="small" align="center" wrap>
                  <Switch
                    checked={app ? app.apiWrite : apiWriteAtCreation}
                    disabled={!superAdmin}
                    loading={update.isPending}
                    onChange={toggleApiWrite}
                    data-testid="contacts-sync-api-write"
                  />
                  <Typography.Text type="secondary">{t('apps.sync.apiWriteHelp')}</Typography.Text>
                </Flex>
              ),
            },
            ...(app ? [{ key: 'secret', label: t('apps.column.secret'), children: <Typography.Text code data-testid="contacts-sync-secret-hint">{secretHintText(app)}</Typography.Text> }] : []),
          ]}
        />
        <Flex gap="small" align="center" wrap>
          <Button icon={<KeyOutlined />} disabled={!superAdmin} onClick={() => setAsking(true)} data-testid="contacts-sync-secret">
            {app ? t('apps.sync.replaceSecret') : t('apps.sync.getSecret')}
          </Button>
          {!superAdmin && <Typography.Text type="secondary">{t('apps.sync.superAdminOnly')}</Typography.Text>}
        </Flex>
      </Flex>
      <CodeModal open={asking} loading={getSecret.isPending} onSubmit={submitCode} onCancel={() => setAsking(false)} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
