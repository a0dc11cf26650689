import type { ApprovalStats } from '@orgdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Spin, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadFailed } from '../../components/LoadFailed';
import { ApprovalSettingsCard } from './ApprovalSettingsCard';
import { DayBars } from './DayBars';
import { formatYuan } from './shared/display';

/** 审批统计: the period's requests in the admin's scope — totals, decision times, a bar per day and a table by template. */
export default function StatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useQuery({ queryKey: ['approvals', 'stats', from, to], queryFn: () => api.get<ApprovalStats>('/approvals/stats', { from, to }) });
  const count = (status: number) => stats.data?.byStatus.find((s) => s.status === status)?.count ?? 0;
  const hours = (value: number | null | undefined) => (value === null || value === undefined ? t('approvals.stats.none') : t('approvals.stats.hours', { value }));
  return (
    <Flex vertical gap="middle" data-testid="stats-page">
      <Card
        title={t('approvals.stats.title')}
        extra={<DatePicker.RangePicker value={range} allowClear={false} onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])} aria-label={t('approvals.stats.period')} data-testid="stats-range" />}
      >
        {stats.isError ? (
          <LoadFailed error={stats.error} onRetry={() => void stats.refetch()} />
        ) : !stats.data ? (
          <Spin />
        ) : (
          <Flex vertical gap="large">
            <Flex gap="large" wrap>
              <Statistic title={t('approvals.stats.total')} value={stats.data.total} data-testid="stats-total" />
              <Statistic title={t('approvals.stats.approved')} value={count(2) + count(10)} />
              <Statistic title={t('approvals.stats.rejected')} value={count(3)} />
              <Statistic title={t('approvals.stats.median')} value={hours(stats.data.hoursToDecide.median)} />
              <Statistic title={t('approvals.stats.p90')} value={hours(stats.data.hoursToDecide.p90)} />
            </Flex>
            <Card size="small" title={t('approvals.stats.perDay')}>
              <DayBars from={from} to={to} perDay={stats.data.perDay} />
            </Card>
            <Table
              size="small"
              rowKey="templateId"
              pagination={false}
              title={() => t('approvals.stats.byTemplate')}
              dataSource={stats.data.byTemplate}
              columns={[
                { key: 'name', title: t('approvals.stats.template'), dataIndex: 'name' },
                { key: 'count', title: t('approvals.stats.count'), dataIndex: 'count', width: 120 },
                { key: 'approved', title: t('approvals.stats.approvedCount'), dataIndex: 'approved', width: 120 },
                { key: 'amount', title: t('approvals.stats.amount'), width: 160, render: (_, row) => (row.amountFen ? `¥${formatYuan({ fen: row.amountFen })}` : t('approvals.stats.none')) },
              ]}
              data-testid="stats-by-template"
            />
          </Flex>
        )}
      </Card>
      <ApprovalSettingsCard />
    </Flex>
  );
}
