import { ArrowLeftOutlined, KeyOutlined } from '@ant-design/icons';
import type { App as AppRecord } from '@orgdesk/contracts';
import { Alert, App, Button, Card, Descriptions, Flex, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useCan, useMyAccess } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { EnabledTag, secretHintText } from './appDisplay';
import { AppLogoField } from './AppLogoField';
import { AppSettingsForm } from './AppSettingsForm';
import { CallbackCard } from './CallbackCard';
import { CallbackDeliveries } from './CallbackDeliveries';
import { CodeModal } from './CodeModal';
import { SecretModal } from './SecretModal';
import { useApp, useResetSecret, useUpdateApp } from './useApps';

/** One app: its identity, status and secret, the settings form, and its callback URL with what was sent there. */
export default function AppDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const app = useApp(id);
  const mayManage = useCan('apps.manage');
  const superAdmin = useMyAccess().data?.superAdmin ?? false;

  if (app.isError) return <LoadFailed error={app.error} onRetry={() => void app.refetch()} />;
  const record = app.data;
  // The directory-sync app is a super admin's to change.
  const mayChange = mayManage && (record?.kind !== 'contacts_sync' || superAdmin);

  return (
    <Flex vertical gap="middle" data-testid="app-detail">
      <Link to="/apps" data-testid="app-back">
        <ArrowLeftOutlined /> {t('apps.detail.back')}
      </Link>
      <Card title={record ? <span data-testid="app-detail-name">{record.name}</span> : t('apps.title')} loading={app.isPending} extra={record && <EnabledTag app={record} testId="app-detail-status" />}>
        {record && <Overview app={record} mayChange={mayChange} />}
      </Card>
      {record && (
        <Card title={t('apps.detail.settings')}>
          {record.kind === 'contacts_sync' && <Alert type="info" showIcon title={t('apps.detail.syncHint')} style={{ marginBottom: 16 }} />}
          <AppSettingsForm key={record.updatedAt} app={record} disabled={!mayChange} />
        </Card>
      )}
      {record && <CallbackCard key={record.callback?.verifiedAt ?? 'none'} app={record} mayChange={mayChange} />}
      {record && <CallbackDeliveries appId={record.id} />}
    </Flex>
  );
}

function Overview({ app, mayChange }: { app: AppRecord; mayChange: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateApp();
  const reset = useResetSecret();
  const reportError = useErrorReporter();
  const [asking, setAsking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const toggle = (enabled: boolean) =>
    update.mutate({ id: app.id, patch: { enabled } }, { onSuccess: () => void message.success(t('apps.form.saved')), onError: (error) => reportError(error) });

  const submitCode = async (code: string) => {
    const response = await reset.mutateAsync({ id: app.id, code });
    setAsking(false);
    setSecret(response.secret);
  };

  return (
    <>
      <Descriptions
        bordered
        column={1}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'logo', label: t('apps.logo.label'), children: <AppLogoField app={app} mayChange={mayChange} /> },
          ...(app.agentId === null ? [] : [{ key: 'agentId', label: t('apps.column.agentId'), children: <span data-testid="app-detail-agentid">{app.agentId}</span> }]),
          {
            key: 'enabled',
            label: t('apps.detail.enabled'),
            children: (
              <Flex gap="small" align="center" wrap>
                <Switch checked={app.enabled} disabled={!mayChange} loading={update.isPending} onChange={toggle} data-testid="app-enabled" />
                <Typography.Text type="secondary">{app.enabled ? t('apps.detail.enabledOn') : t('apps.detail.enabledOff')}</Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'secret',
            label: t('apps.detail.secretHint'),
            children: (
              <Flex gap="middle" align="center" wrap>
                <Typography.Text code data-testid="app-detail-secret-hint">
                  {secretHintText(app)}
                </Typography.Text>
                {mayChange && (
                  <Button icon={<KeyOutlined />} onClick={() => setAsking(true)} data-testid="app-reset-secret">
                    {t('apps.detail.resetSecret')}
                  </Button>
                )}
              </Flex>
            ),
          },
          {
            key: 'ips',
            label: t('apps.detail.savedIps'),
            children: <span data-testid="app-detail-trusted-ips">{app.trustedIps.length ? app.trustedIps.join(t('visibility.listSeparator')) : t('apps.detail.noIps')}</span>,
          },
          { key: 'updatedAt', label: t('apps.detail.updatedAt'), children: dayjs(app.updatedAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <CodeModal open={asking} title={t('apps.detail.resetSecret')} loading={reset.isPending} onSubmit={submitCode} onCancel={() => setAsking(false)} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
