import { DownloadOutlined } from '@ant-design/icons';
import type { PayoutBatch } from '@orgdesk/contracts';
import { App, Button, Flex, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { BatchLines } from './BatchLines';
import { ConfirmBatchModal } from './ConfirmBatchModal';
import { Amount, BatchStatusTag, when } from './payoutDisplay';
import { batchFileUrl, useBatches, useVoidBatch } from './usePayouts';

/** 付款批次: each batch's bank file, its confirmation with the bank's reference, or voiding it if never sent. */
export function BatchesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<PayoutBatch | null>(null);
  const batches = useBatches(page, 20);
  const voidBatch = useVoidBatch();

  const columns: TableColumnsType<PayoutBatch> = [
    { key: 'batchNo', title: t('payouts.column.batchNo'), render: (_, b) => <Typography.Text strong data-testid={`batch-no-${b.batchNo}`}>{b.batchNo}</Typography.Text> },
    { key: 'status', title: t('payouts.column.status'), render: (_, b) => <BatchStatusTag status={b.status} testId={`batch-status-${b.batchNo}`} /> },
    { key: 'lines', title: t('payouts.column.lines'), dataIndex: 'itemCount', align: 'right' },
    { key: 'total', title: t('payouts.column.total'), align: 'right', render: (_, b) => <Amount fen={b.totalFen} testId={`batch-total-${b.batchNo}`} /> },
    {
      key: 'result',
      title: t('payouts.column.result'),
      render: (_, b) =>
        b.status === 'settled' ? (
          <Flex vertical>
            <span>
              {t('payouts.column.paid')} {b.paidCount} · <Amount fen={b.paidFen} />
            </span>
            {b.failedCount > 0 && (
              <Typography.Text type="danger">
                {t('payouts.column.failed')} {b.failedCount} · <Amount fen={b.failedFen} />
              </Typography.Text>
            )}
          </Flex>
        ) : (
          '—'
        ),
    },
    { key: 'reference', title: t('payouts.column.reference'), render: (_, b) => <span data-testid={`batch-reference-${b.batchNo}`}>{b.bankReference ?? '—'}</span> },
    { key: 'createdAt', title: t('payouts.column.createdAt'), render: (_, b) => when(b.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, b) => (
        <Flex gap="small" wrap>
          <Button size="small" icon={<DownloadOutlined />} href={batchFileUrl(b.id)} download data-testid={`batch-download-${b.batchNo}`}>
            {t('payouts.batches.download')}
          </Button>
          {b.status === 'exported' && (
            <>
              <Button size="small" type="primary" onClick={() => setConfirming(b)} data-testid={`batch-confirm-${b.batchNo}`}>
                {t('payouts.batches.confirm')}
              </Button>
              <Popconfirm
                title={t('payouts.batches.voidConfirm')}
                onConfirm={() => voidBatch.mutate(b.id, { onSuccess: () => void message.success(t('payouts.batches.voided')), onError: (error) => reportError(error) })}
              >
                <Button size="small" danger data-testid={`batch-void-${b.batchNo}`}>
                  {t('payouts.batches.void')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Flex>
      ),
    },
  ];
  if (batches.isError) return <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />;

  return (
    <div data-testid="payouts-batches">
      <Table<PayoutBatch>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={batches.data?.items ?? []}
        loading={batches.isFetching}
        onRow={(b) => ({ 'data-testid': `batch-row-${b.batchNo}` }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (b) => <BatchLines batch={b} /> }}
        pagination={{ current: page, pageSize: 20, total: batches.data?.total ?? 0, showTotal: (total) => t('payouts.batches.total', { total }), onChange: setPage }}
      />
      {confirming && <ConfirmBatchModal batch={confirming} onClose={() => setConfirming(null)} />}
    </div>
  );
}
