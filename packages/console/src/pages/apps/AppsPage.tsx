import { PlusOutlined } from '@ant-design/icons';
import type { App } from '@orgdesk/contracts';
import { Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMyAccess } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { AppCreateModal } from './AppCreateModal';
import { AppLogo } from './AppLogo';
import { EnabledTag, RangeSummary, secretHintText } from './appDisplay';
import { ContactsSyncCard } from './ContactsSyncCard';
import { SecretModal } from './SecretModal';
import { useApps } from './useApps';

/** 应用管理: the corp's custom apps, its CorpID and the directory-sync app. */
export default function AppsPage() {
  const { t } = useTranslation();
  const apps = useApps();
  const mayManage = useCan('apps.manage');
  const superAdmin = useMyAccess().data?.superAdmin ?? false;
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  if (apps.isError) return <LoadFailed error={apps.error} onRetry={() => void apps.refetch()} />;
  const custom = apps.data?.items.filter((app) => app.kind === 'custom') ?? [];
  const sync = apps.data?.items.find((app) => app.kind === 'contacts_sync');

  const columns: TableColumnsType<App> = [
    {
      key: 'name',
      title: t('apps.column.name'),
      render: (_, app) => (
        <Flex gap="small" align="center">
          <AppLogo app={app} size={28} testId={`app-logo-${app.id}`} />
          <Flex vertical>
            <Link to={`/apps/${app.id}`} data-testid={`app-name-${app.id}`}>
              {app.name}
            </Link>
            {app.description && (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
                {app.description}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      ),
    },
    { key: 'agentId', title: t('apps.column.agentId'), width: 120, render: (_, app) => <span data-testid={`app-agentid-${app.id}`}>{app.agentId}</span> },
    { key: 'range', title: t('apps.column.visibleRange'), render: (_, app) => <RangeSummary range={app.visibleRange} testId={`app-range-${app.id}`} /> },
    { key: 'status', title: t('apps.column.status'), width: 100, render: (_, app) => <EnabledTag app={app} testId={`app-status-${app.id}`} /> },
    {
      key: 'secret',
      title: t('apps.column.secret'),
      width: 130,
      render: (_, app) => (
        <Typography.Text code data-testid={`app-secret-hint-${app.id}`}>
          {secretHintText(app)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="apps-page">
      <Card
        title={t('apps.title')}
        loading={apps.isPending}
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="apps-create">
              {t('apps.create')}
            </Button>
          )
        }
      >
        {apps.data && (
          <Flex vertical gap="middle">
            <Flex gap="small" align="center" wrap>
              <Typography.Text strong>{t('apps.corpId')}</Typography.Text>
              <Typography.Text copyable={{ text: apps.data.corpId }}>
                <span data-testid="apps-corpid">{apps.data.corpId}</span>
              </Typography.Text>
              <Typography.Text type="secondary">{t('apps.corpIdHelp')}</Typography.Text>
            </Flex>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('apps.custom')}
            </Typography.Title>
            <div data-testid="apps-table">
              <Table<App>
                rowKey="id"
                columns={columns}
                dataSource={custom}
                loading={apps.isFetching}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: t('apps.empty') }}
                onRow={(app) => ({ 'data-testid': `app-row-${app.id}`, 'data-agentid': app.agentId }) as HTMLAttributes<HTMLElement>}
              />
            </div>
          </Flex>
        )}
      </Card>
      {apps.data && <ContactsSyncCard app={sync} superAdmin={superAdmin} />}
      <AppCreateModal open={creating} onClose={() => setCreating(false)} onCreated={setSecret} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Flex>
  );
}
