import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { useCreateWebhook, useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook, useWebhooks, type Webhook, type WebhookWithSecret } from './useNotifications';

/** The corp's webhooks: add (the secret shown once), enable or disable, new secret, delete. */
export function WebhooksCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [form] = Form.useForm<{ name: string; url: string }>();

  const showSecret = (result: WebhookWithSecret) => setSecret(result);
  const columns: TableColumnsType<Webhook> = [
    { key: 'name', title: t('notifications.settings.name'), dataIndex: 'name' },
    { key: 'url', title: t('notifications.settings.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code ellipsis style={{ maxWidth: 320 }}>{url}</Typography.Text> },
    {
      key: 'enabled',
      title: t('notifications.settings.enabled'),
      render: (_, hook) => <Switch size="small" checked={hook.enabled} onChange={(enabled) => update.mutate({ id: hook.id, enabled }, { onError: (e) => reportError(e) })} data-testid={`webhook-enabled-${hook.id}`} />,
    },
    { key: 'createdAt', title: t('notifications.settings.createdAt'), render: (_, hook) => dayjs(hook.createdAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'actions',
      title: t('notifications.settings.actions'),
      render: (_, hook) => (
        <Space>
          <Popconfirm title={t('notifications.settings.rotateConfirm')} onConfirm={() => rotate.mutate(hook.id, { onSuccess: showSecret, onError: (e) => reportError(e) })}>
            <Button size="small" type="link">{t('notifications.settings.rotate')}</Button>
          </Popconfirm>
          <Popconfirm title={t('notifications.settings.removeConfirm')} onConfirm={() => remove.mutate(hook.id, { onSuccess: () => void message.success(t('notifications.settings.removed')), onError: (e) => reportError(e) })}>
            <Button size="small" type="link" danger>{t('notifications.settings.remove')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('notifications.settings.webhooks')} extra={<Button onClick={() => setAdding(true)} data-testid="webhook-add">{t('notifications.settings.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('notifications.settings.webhooksHint')}</Typography.Paragraph>
      {webhooks.isError ? (
        <LoadFailed error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : (
        <Table rowKey="id" size="small" columns={columns} dataSource={webhooks.data ?? []} loading={webhooks.isLoading} pagination={false} data-testid="webhook-table" />
      )}
      <Modal
        open={adding}
        title={t('notifications.settings.add')}
        confirmLoading={create.isPending}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            create.mutate(values, {
              onSuccess: (result) => {
                setAdding(false);
                showSecret(result);
              },
              onError: (error) => reportError(error, form, topLevelFields('name', 'url')),
            })
          }
        >
          <Form.Item name="name" label={t('notifications.settings.name')} rules={[{ required: true }]}>
            <Input maxLength={64} data-testid="webhook-name" />
          </Form.Item>
          <Form.Item name="url" label={t('notifications.settings.url')} rules={[{ required: true }]}>
            <Input placeholder="https://" data-testid="webhook-url" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={t('notifications.settings.secretTitle')} onCancel={() => setSecret(null)} onOk={() => setSecret(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Typography.Paragraph type="warning">{t('notifications.settings.secretHint')}</Typography.Paragraph>
        <Typography.Paragraph code copyable={{ text: secret?.secret ?? '' }} data-testid="webhook-secret">
          {secret?.secret}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
