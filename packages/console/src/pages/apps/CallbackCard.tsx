import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { App as AppRecord } from '@orgdesk/contracts';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { CallbackForm } from './CallbackForm';
import { useClearCallback } from './useApps';

/** 接收消息: the app's verified callback URL, or the form that sets one. */
export function CallbackCard({ app, mayChange }: { app: AppRecord; mayChange: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const clear = useClearCallback();
  const reportError = useErrorReporter();
  const [editing, setEditing] = useState(false);
  const { callback } = app;

  const confirmClear = () =>
    clear.mutateAsync(app.id).then(
      () => {
        setEditing(false);
        void message.success(t('apps.callback.cleared'));
      },
      (error: unknown) => reportError(error),
    );

  const showForm = mayChange && (callback === null || editing);

  return (
    <Card title={t('apps.callback.title')} data-testid="app-callback-card">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('apps.callback.intro')}</Typography.Text>
        {callback ? (
          <Descriptions
            bordered
            column={1}
            styles={{ label: { width: 200 } }}
            items={[
              { key: 'url', label: t('apps.callback.url'), children: <Typography.Text copyable data-testid="app-callback-current-url">{callback.url}</Typography.Text> },
              { key: 'verifiedAt', label: t('apps.callback.verifiedAt'), children: <span data-testid="app-callback-verified-at">{dayjs(callback.verifiedAt).format('YYYY-MM-DD HH:mm:ss')}</span> },
            ]}
          />
        ) : (
          !mayChange && <Typography.Text data-testid="app-callback-not-set">{t('apps.callback.notSet')}</Typography.Text>
        )}
        {callback && mayChange && !editing && (
          <Flex gap="small" justify="end">
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="app-callback-edit">
              {t('apps.callback.edit')}
            </Button>
            <Popconfirm title={t('apps.callback.clearConfirm')} onConfirm={confirmClear} okButtonProps={{ danger: true, 'data-testid': 'app-callback-clear-confirm' } as ButtonProps}>
              <Button danger icon={<DeleteOutlined />} loading={clear.isPending} data-testid="app-callback-clear">
                {t('apps.callback.clear')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
        {showForm && <CallbackForm app={app} onSaved={() => setEditing(false)} onCancel={callback ? () => setEditing(false) : undefined} />}
      </Flex>
    </Card>
  );
}
