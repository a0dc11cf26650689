import type { ReconciliationSummary } from '@orgdesk/contracts';
import { Alert, Card, Col, DatePicker, Flex, List, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { formatYuan } from './money';
import { Amount, BatchStatusTag, PayoutStatusTag, when } from './payoutDisplay';
import { StatementCard } from './StatementCard';
import { useReconciliation } from './usePayouts';

type BatchRow = ReconciliationSummary['batches'][number];
const barColor = { pending: '#1677ff', paid: '#52c41a', failed: '#ff4d4f', cancelled: '#bfbfbf' } as const;

/** 对账: totals by status (with a bar of their shares), each batch's exported against confirmed amounts, and anomalies. */
export function ReconciliationTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const summary = useReconciliation(range);
  if (summary.isError) return <LoadFailed error={summary.error} onRetry={() => void summary.refetch()} />;
  const data = summary.data;
  const totalFen = data?.byStatus.reduce((sum, s) => sum + s.amountFen, 0) ?? 0;

  const columns: TableColumnsType<BatchRow> = [
    { key: 'batchNo', title: t('payouts.column.batchNo'), dataIndex: 'batchNo' },
    { key: 'status', title: t('payouts.column.status'), render: (_, b) => <BatchStatusTag status={b.status} /> },
    { key: 'reference', title: t('payouts.column.reference'), render: (_, b) => b.bankReference ?? '—' },
    { key: 'exported', title: t('payouts.reconciliation.exported'), align: 'right', render: (_, b) => <Amount fen={b.exportedFen} /> },
    { key: 'paid', title: t('payouts.reconciliation.confirmedPaid'), align: 'right', render: (_, b) => <Amount fen={b.paidFen} /> },
    { key: 'failed', title: t('payouts.reconciliation.confirmedFailed'), align: 'right', render: (_, b) => <Amount fen={b.failedFen} /> },
    {
      key: 'difference',
      title: t('payouts.reconciliation.difference'),
      align: 'right',
      render: (_, b) => <Typography.Text type={b.differenceFen !== 0 && b.status === 'settled' ? 'danger' : undefined}>{formatYuan(b.differenceFen)}</Typography.Text>,
    },
    { key: 'settledAt', title: t('payouts.column.paidAt'), render: (_, b) => when(b.settledAt) },
  ];

  return (
    <Flex vertical gap="middle" data-testid="payouts-reconciliation">
      <DatePicker.RangePicker onChange={(r: [Dayjs | null, Dayjs | null] | null) => setRange({ from: r?.[0]?.startOf('day').toISOString(), to: r?.[1]?.endOf('day').toISOString() })} style={{ width: 300 }} />
      <Card size="small" title={t('payouts.reconciliation.byStatus')} loading={summary.isPending}>
        <Row gutter={16}>
          {data?.byStatus.map((s) => (
            <Col key={s.status} xs={12} md={6}>
              <Statistic title={<PayoutStatusTag status={s.status} />} value={formatYuan(s.amountFen)} suffix={<Typography.Text type="secondary">{t('payouts.reconciliation.count', { count: s.count })}</Typography.Text>} data-testid={`recon-${s.status}`} />
            </Col>
          ))}
        </Row>
        {totalFen > 0 && (
          <div style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', marginTop: 16 }} aria-hidden>
            {data?.byStatus.map((s) => <div key={s.status} style={{ width: `${(s.amountFen / totalFen) * 100}%`, background: barColor[s.status] }} />)}
          </div>
        )}
      </Card>
      <Card size="small" title={t('payouts.reconciliation.issues')}>
        {data && data.issues.length === 0 ? (
          <Alert type="success" showIcon title={t('payouts.reconciliation.noIssues')} data-testid="recon-no-issues" />
        ) : (
          <List
            size="small"
            dataSource={data?.issues ?? []}
            renderItem={(issue) => (
              <List.Item data-testid={`recon-issue-${issue.kind}`}>
                <Typography.Text type="danger">{t(`payouts.reconciliation.kind.${issue.kind}`)}</Typography.Text>
                <Typography.Text type="secondary">{[issue.batchNo, issue.detail].filter(Boolean).join(' · ')}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
      <StatementCard />
      <Card size="small" title={t('payouts.reconciliation.batches')}>
        <Table<BatchRow> rowKey="id" size="small" columns={columns} dataSource={data?.batches ?? []} loading={summary.isFetching} pagination={{ pageSize: 20 }} />
      </Card>
    </Flex>
  );
}
