import type { Payout } from '@orgdesk/contracts';
import { Alert, App, Button, Flex, Popconfirm, Table, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { formatYuan } from './money';
import { AccountCell, Amount, PayeeCell, PayoutStatusTag, when } from './payoutDisplay';
import { useCreateBatch, usePayoutList } from './usePayouts';
import { usePaging } from '../../components/usePaging';

/** 待支付: approved expenses not yet in a batch; selected ones (or all) become a bank batch. */
export function PendingTab({ onBatchCreated }: { onBatchCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { page, pageSize, pagination } = usePaging(50);
  const [selected, setSelected] = useState<Payout[]>([]);
  const list = usePayoutList({ payable: 'true' }, page, pageSize);
  const create = useCreateBatch();

  const submit = (input: { payoutIds: string[] } | { allPending: true }) =>
    create.mutate(input, {
      onSuccess: (batch) => {
        void message.success(t('payouts.pending.created', { batchNo: batch.batchNo }));
        setSelected([]);
        onBatchCreated();
      },
      onError: (error) => reportError(error),
    });

  const columns: TableColumnsType<Payout> = [
    { key: 'spNo', title: t('payouts.column.spNo'), dataIndex: 'spNo' },
    { key: 'payee', title: t('payouts.column.payee'), render: (_, p) => <PayeeCell payee={p.payee} /> },
    { key: 'account', title: t('payouts.column.bankAccount'), render: (_, p) => <AccountCell account={p.bankAccount} /> },
    { key: 'amount', title: t('payouts.column.amount'), align: 'right', render: (_, p) => <Amount fen={p.amountFen} testId={`payout-amount-${p.spNo}`} /> },
    {
      key: 'status',
      title: t('payouts.column.status'),
      // A failed payout waits here to be paid again, with the bank's reason beside it.
      render: (_, p) => (
        <Flex vertical>
          <PayoutStatusTag status={p.status} testId={`pending-status-${p.spNo}`} />
          {p.failureReason && <Typography.Text type="danger">{p.failureReason}</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'createdAt', title: t('payouts.column.createdAt'), render: (_, p) => when(p.createdAt) },
  ];
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  const selectedFen = selected.reduce((sum, p) => sum + p.amountFen, 0);

  return (
    <Flex vertical gap="middle" data-testid="payouts-pending">
      <Alert type="info" showIcon title={t('payouts.pending.hint')} />
      <Flex gap="small" align="center" wrap>
        <Button type="primary" disabled={selected.length === 0} loading={create.isPending} onClick={() => submit({ payoutIds: selected.map((p) => p.id) })} data-testid="payouts-create-batch">
          {t('payouts.pending.createSelected')}
        </Button>
        <Popconfirm title={t('payouts.pending.createAll')} onConfirm={() => submit({ allPending: true })} okButtonProps={{ 'data-testid': 'payouts-create-all-ok' } as ButtonProps}>
          <Button disabled={(list.data?.total ?? 0) === 0} data-testid="payouts-create-all">
            {t('payouts.pending.createAll')}
          </Button>
        </Popconfirm>
        <Typography.Text data-testid="payouts-selected-summary">{selected.length > 0 ? t('payouts.pending.selected', { count: selected.length, amount: formatYuan(selectedFen) }) : t('payouts.pending.total', { total: list.data?.total ?? 0, amount: formatYuan(list.data?.totalFen ?? 0) })}</Typography.Text>
      </Flex>
      <Table<Payout>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onRow={(p) => ({ 'data-testid': `pending-row-${p.spNo}` }) as HTMLAttributes<HTMLElement>}
        rowSelection={{
          selectedRowKeys: selected.map((p) => p.id),
          onChange: (_, rows) => setSelected(rows),
          preserveSelectedRowKeys: true,
        }}
        pagination={pagination(list.data?.total ?? 0)}
      />
    </Flex>
  );
}
