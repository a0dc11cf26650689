import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useLeaveSession } from '../../auth/useSignOut';
import { LoadFailed } from '../../components/LoadFailed';
import { RegenerateRecoveryCodes } from './RegenerateRecoveryCodes';
import { useRevokeSession, useSessions } from './useSessions';

const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export default function SessionsPage() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const leave = useLeaveSession();
  const reportError = useErrorReporter();
  const { message } = App.useApp();

  const revokeSession = (session: SessionSummary) =>
    revoke.mutate(session.id, {
      onSuccess: () => {
        // Revoking the session in use is signing out.
        if (session.current) leave();
        else void message.success(t('sessions.revoked'));
      },
      onError: (error) => reportError(error),
    });

  const columns: TableColumnsType<SessionSummary> = [
    {
      key: 'device',
      title: t('sessions.device'),
      render: (_, session) => (
        <Flex gap="small" align="center">
          <Tooltip title={session.userAgent}>
            <Typography.Text ellipsis style={{ maxWidth: 280 }}>
              {session.userAgent ?? t('sessions.unknown')}
            </Typography.Text>
          </Tooltip>
          {session.current && <Tag color="green" data-testid="session-current">{t('sessions.current')}</Tag>}
        </Flex>
      ),
    },
    { key: 'ip', title: t('sessions.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? t('sessions.unknown') },
    { key: 'stage', title: t('sessions.stage'), dataIndex: 'stage', render: (stage: SessionSummary['stage']) => t(`stage.${stage}`) },
    { key: 'createdAt', title: t('sessions.createdAt'), dataIndex: 'createdAt', render: formatTime },
    { key: 'lastSeenAt', title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: formatTime },
    { key: 'expiresAt', title: t('sessions.expiresAt'), dataIndex: 'expiresAt', render: formatTime },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, session) => (
        <Popconfirm
          title={session.current ? t('sessions.revokeCurrentConfirm') : t('sessions.revokeConfirm')}
          onConfirm={() => revokeSession(session)}
        >
          <Button type="link" danger disabled={revoke.isPending} data-testid={`session-revoke-${session.id}`}>
            {t('sessions.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Card title={t('sessions.title')}>
        {sessions.isError ? (
          <LoadFailed error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <div data-testid="sessions-table">
            <Table<SessionSummary>
              rowKey="id"
              columns={columns}
              dataSource={sessions.data?.items ?? []}
              loading={sessions.isPending}
              pagination={false}
            />
          </div>
        )}
      </Card>
      <RegenerateRecoveryCodes />
    </Flex>
  );
}
