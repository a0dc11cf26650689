import { DownloadOutlined } from '@ant-design/icons';
import { payoutStatuses, type Payout, type PayoutFilter } from '@orgdesk/contracts';
import { Button, DatePicker, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { formatYuan } from './money';
import { AccountCell, Amount, PayeeCell, PayoutStatusTag, when } from './payoutDisplay';
import { ReasonModal } from './ReasonModal';
import { PayoutDrawer } from './PayoutDrawer';
import { historyExportUrl, useBatches, usePayoutList } from './usePayouts';
import { usePaging } from '../../components/usePaging';

/** 支付记录: every payout with filters, its outcome, the CSV export, and cancelling or failing one by hand. */
export function HistoryTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<PayoutFilter>({});
  const { page, pageSize, firstPage, pagination } = usePaging(20);
  const [acting, setActing] = useState<{ action: 'cancel' | 'fail'; id: string } | null>(null);
  const [open, setOpen] = useState<Payout | null>(null);
  const batches = useBatches(1, 100);
  // A button in a row acts on the payout without opening it.
  const act = (event: MouseEvent, action: 'cancel' | 'fail', id: string) => {
    event.stopPropagation();
    setActing({ action, id });
  };
  const list = usePayoutList(filter, page, pageSize);
  const apply = (next: PayoutFilter) => {
    setFilter(next);
    firstPage();
  };

  const columns: TableColumnsType<Payout> = [
    { key: 'spNo', title: t('payouts.column.spNo'), dataIndex: 'spNo' },
    { key: 'payee', title: t('payouts.column.payee'), render: (_, p) => <PayeeCell payee={p.payee} /> },
    { key: 'amount', title: t('payouts.column.amount'), align: 'right', render: (_, p) => <Amount fen={p.amountFen} /> },
    { key: 'status', title: t('payouts.column.status'), render: (_, p) => <PayoutStatusTag status={p.status} testId={`history-status-${p.spNo}`} /> },
    { key: 'account', title: t('payouts.column.bankAccount'), render: (_, p) => <AccountCell account={p.bankAccount} /> },
    { key: 'batch', title: t('payouts.column.batch'), render: (_, p) => p.batchNo ?? '—' },
    { key: 'reference', title: t('payouts.column.reference'), render: (_, p) => <span data-testid={`history-reference-${p.spNo}`}>{p.bankReference ?? '—'}</span> },
    { key: 'reason', title: t('payouts.column.reason'), render: (_, p) => (p.status === 'cancelled' ? (p.cancelReason ?? t('payouts.withdrawn')) : (p.failureReason ?? '—')) },
    { key: 'createdAt', title: t('payouts.column.createdAt'), render: (_, p) => when(p.createdAt) },
    { key: 'paidAt', title: t('payouts.column.paidAt'), render: (_, p) => when(p.paidAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <Flex gap="small">
          {p.inOpenBatch && (
            <Button size="small" onClick={(event) => act(event, 'fail', p.id)} data-testid={`history-fail-${p.spNo}`}>
              {t('payouts.actions.fail')}
            </Button>
          )}
          {(p.status === 'failed' || (p.status === 'pending' && !p.inOpenBatch)) && (
            <Button size="small" danger onClick={(event) => act(event, 'cancel', p.id)} data-testid={`history-cancel-${p.spNo}`}>
              {t('payouts.actions.cancel')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="payouts-history">
      <Flex gap="small" wrap align="center">
        <Select<Payout['status'] | undefined>
          allowClear
          placeholder={t('payouts.history.filterStatus')}
          style={{ width: 160 }}
          options={payoutStatuses.map((s) => ({ value: s, label: t(`payouts.status.${s}`) }))}
          onChange={(status) => apply({ ...filter, status })}
          data-testid="history-filter-status"
        />
        <Select<string | undefined>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('payouts.history.filterBatch')}
          style={{ width: 220 }}
          options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.batchNo }))}
          onChange={(batchId) => apply({ ...filter, batchId })}
          data-testid="history-filter-batch"
        />
        <Input.Search allowClear placeholder={t('payouts.history.filterPayee')} style={{ width: 260 }} onSearch={(payee) => apply({ ...filter, payee: payee.trim() || undefined })} data-testid="history-filter-payee" />
        <DatePicker.RangePicker
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => apply({ ...filter, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() })}
        />
        <Button icon={<DownloadOutlined />} href={historyExportUrl(filter)} download data-testid="history-export">
          {t('payouts.history.export')}
        </Button>
        <Typography.Text type="secondary">{t('payouts.history.total', { total: list.data?.total ?? 0, amount: formatYuan(list.data?.totalFen ?? 0) })}</Typography.Text>
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Payout>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onRow={(p) => ({ 'data-testid': `history-row-${p.spNo}`, onClick: () => setOpen(p), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 1200 }}
          pagination={pagination(list.data?.total ?? 0)}
        />
      )}
      {open && <PayoutDrawer payout={open} onClose={() => setOpen(null)} />}
      {acting && <ReasonModal action={acting.action} payoutId={acting.id} onClose={() => setActing(null)} />}
    </Flex>
  );
}
