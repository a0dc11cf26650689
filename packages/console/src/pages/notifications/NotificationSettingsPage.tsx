import { App, Card, Flex, Form, Switch, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { useCorpNotificationSettings, useDeliveries, useSaveCorpNotificationSettings, type CorpNotificationSettings, type DeliveryPage } from './useNotifications';
import { WebhooksCard } from './WebhooksCard';

type Delivery = DeliveryPage['items'][number];
const statusColor: Record<Delivery['status'], string> = { pending: 'processing', delivered: 'success', failed: 'error', skipped: 'default' };

/** 我的企业 › 消息通知: the corp's rules (working hours only, email, webhooks), its webhooks and what was sent. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const settings = useCorpNotificationSettings();
  const save = useSaveCorpNotificationSettings();
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries({ page, pageSize: 20 });

  if (settings.isError) return <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageSpin />;
  const current = settings.data;
  const toggle = (key: keyof CorpNotificationSettings) => (value: boolean) =>
    save.mutate({ ...current, [key]: value }, { onSuccess: () => void message.success(t('notifications.settings.saved')), onError: (error) => reportError(error) });

  const columns: TableColumnsType<Delivery> = [
    { key: 'createdAt', title: t('notifications.settings.createdAt'), render: (_, d) => dayjs(d.createdAt).format('MM-DD HH:mm:ss') },
    { key: 'channel', title: t('notifications.settings.channel'), render: (_, d) => t(`notifications.settings.channels.${d.channel}`) },
    { key: 'target', title: t('notifications.settings.target'), dataIndex: 'target' },
    { key: 'notice', title: t('notifications.settings.notice'), dataIndex: 'title', ellipsis: true },
    {
      key: 'status',
      title: t('notifications.settings.status'),
      render: (_, d) => (
        <Tooltip title={d.lastError ?? undefined}>
          <Tag color={statusColor[d.status]}>{t(`notifications.settings.statuses.${d.status}`)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'attempts', title: t('notifications.settings.attempts'), dataIndex: 'attempts' },
    { key: 'dueAt', title: t('notifications.settings.dueAt'), render: (_, d) => dayjs(d.dueAt).format('MM-DD HH:mm:ss') },
  ];

  return (
    <Flex vertical gap="large" data-testid="notification-settings">
      <Card title={t('notifications.settings.rules')}>
        <Form layout="horizontal" labelCol={{ flex: '220px' }} labelAlign="left">
          <Form.Item label={t('notifications.settings.workingHoursOnly')} extra={t('notifications.settings.workingHoursOnlyHint')}>
            <Switch checked={current.workingHoursOnly} loading={save.isPending} onChange={toggle('workingHoursOnly')} data-testid="settings-working-hours" />
          </Form.Item>
          <Form.Item label={t('notifications.settings.emailEnabled')}>
            <Switch checked={current.emailEnabled} loading={save.isPending} onChange={toggle('emailEnabled')} data-testid="settings-email" />
          </Form.Item>
          <Form.Item label={t('notifications.settings.webhooksEnabled')} style={{ marginBottom: 0 }}>
            <Switch checked={current.webhooksEnabled} loading={save.isPending} onChange={toggle('webhooksEnabled')} data-testid="settings-webhooks" />
          </Form.Item>
        </Form>
      </Card>
      <WebhooksCard />
      <Card title={t('notifications.settings.deliveries')}>
        {deliveries.isError ? (
          <LoadFailed error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={deliveries.data?.items ?? []}
            loading={deliveries.isLoading}
            pagination={{ current: page, pageSize: 20, total: deliveries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="delivery-table"
          />
        )}
      </Card>
    </Flex>
  );
}
