import type { CallbackDelivery } from '@orgdesk/contracts';
import { Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { useCallbackDeliveries, type DeliveryStatus } from './useApps';
import { usePaging } from '../../components/usePaging';

const statusColors: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };
const statuses: DeliveryStatus[] = ['pending', 'delivered', 'failed'];
const time = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '');

/** 回调记录: the events sent to the app's callback URL, newest first, refreshed every 10 s. */
export function CallbackDeliveries({ appId }: { appId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const { page, pageSize, firstPage, pagination } = usePaging(20);
  const deliveries = useCallbackDeliveries(appId, status, page, pageSize);

  const columns: TableColumnsType<CallbackDelivery> = [
    { key: 'createdAt', title: t('apps.deliveries.time'), dataIndex: 'createdAt', width: 180, render: (at: string) => time(at) },
    {
      key: 'event',
      title: t('apps.deliveries.event'),
      render: (_, delivery) => (
        <Flex vertical>
          <span>{delivery.event}</span>
          {delivery.changeType && <Typography.Text type="secondary">{delivery.changeType}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('apps.deliveries.status'),
      width: 140,
      render: (_, delivery) => (
        <Tag color={statusColors[delivery.status]} title={time(delivery.deliveredAt) || undefined}>
          {t(`apps.deliveries.statuses.${delivery.status}`)}
        </Tag>
      ),
    },
    { key: 'attempts', title: t('apps.deliveries.attempts'), dataIndex: 'attempts', width: 100 },
    { key: 'lastError', title: t('apps.deliveries.lastError'), dataIndex: 'lastError', render: (error: string | null) => error ?? t('common.none') },
  ];

  const filter = (
    <Select<DeliveryStatus | 'all'>
      value={status ?? 'all'}
      style={{ width: 140 }}
      onChange={(next) => {
        setStatus(next === 'all' ? undefined : next);
        firstPage();
      }}
      options={[{ value: 'all', label: t('apps.deliveries.allStatuses') }, ...statuses.map((value) => ({ value, label: t(`apps.deliveries.statuses.${value}`) }))]}
      data-testid="app-deliveries-status"
    />
  );

  return (
    <Card title={t('apps.deliveries.title')} extra={filter}>
      {deliveries.isError ? (
        <LoadFailed error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <div data-testid="app-deliveries-table">
          <Table<CallbackDelivery>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={deliveries.data?.items ?? []}
            loading={deliveries.isPending}
            onRow={(delivery) => ({ 'data-testid': `app-delivery-${delivery.id}`, 'data-status': delivery.status, 'data-change-type': delivery.changeType ?? '' }) as HTMLAttributes<HTMLElement>}
            pagination={pagination(deliveries.data?.total ?? 0, { showTotal: (total) => t('apps.deliveries.total', { total }) })}
          />
        </div>
      )}
    </Card>
  );
}
