import type { PayoutBatch } from '@orgdesk/contracts';
import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { Amount, PayeeCell } from './payoutDisplay';
import { useBatch, type BatchDetail } from './usePayouts';

type Line = BatchDetail['lines'][number];

/** A batch's lines as in its file, with the bank's result of each once confirmed. */
export function BatchLines({ batch }: { batch: PayoutBatch }) {
  const { t } = useTranslation();
  const detail = useBatch(batch.id);
  if (detail.isError) return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  const columns: TableColumnsType<Line> = [
    { key: 'lineNo', title: t('payouts.column.lineNo'), dataIndex: 'lineNo', width: 70 },
    { key: 'spNo', title: t('payouts.column.spNo'), dataIndex: 'spNo' },
    { key: 'payee', title: t('payouts.column.payee'), render: (_, l) => <PayeeCell payee={l.payee} /> },
    { key: 'amount', title: t('payouts.column.amount'), align: 'right', render: (_, l) => <Amount fen={l.amountFen} /> },
    {
      key: 'result',
      title: t('payouts.column.result'),
      render: (_, l) => (l.result === null ? '—' : l.result === 'paid' ? t('payouts.status.paid') : <Typography.Text type="danger">{`${t('payouts.status.failed')}：${l.failureReason ?? ''}`}</Typography.Text>),
    },
  ];
  return (
    <Flex vertical gap="small">
      <Table<Line> rowKey="lineNo" size="small" columns={columns} dataSource={detail.data?.lines ?? []} loading={detail.isFetching} pagination={false} />
      <Typography.Text type="secondary">
        {t('payouts.batches.sha')}: <Typography.Text code>{batch.fileSha256}</Typography.Text>
      </Typography.Text>
    </Flex>
  );
}
