import { DownloadOutlined } from '@ant-design/icons';
import { spStatuses, type ApprovalSummary } from '@orgdesk/contracts';
import { Button, Card, DatePicker, Drawer, Flex, Input, Select, Spin, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { usePaging } from '../../components/usePaging';
import { formatYuan, StatusTag } from './shared/display';
import { ApprovalView } from './shared/ApprovalView';
import { exportUrl, useAdminRequest, useAdminRequests, useTemplates, type RequestFilters } from './useApprovalAdmin';

/** 审批数据: every request in the admin's scope, filtered and paged, with its full record in a drawer and a CSV export. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [filters, setFilters] = useState<RequestFilters>({});
  const [applicant, setApplicant] = useState('');
  const { page, pageSize, firstPage, pagination } = usePaging(20);
  const [open, setOpen] = useState<string | null>(null);
  const list = useAdminRequests(filters, page, pageSize);
  const filter = (patch: RequestFilters) => {
    setFilters((current) => ({ ...current, ...patch }));
    firstPage();
  };

  const columns: TableColumnsType<ApprovalSummary> = [
    { key: 'spNo', title: t('approvals.column.spNo'), width: 150, render: (_, r) => <Typography.Text copyable={{ text: r.spNo }}>{r.spNo}</Typography.Text> },
    { key: 'name', title: t('approvals.column.name'), render: (_, r) => <a onClick={() => setOpen(r.id)} data-testid={`request-open-${r.id}`}>{r.name}</a> },
    { key: 'applicant', title: t('approvals.column.applicant'), width: 140, render: (_, r) => `${r.applicant.name} (${r.applicant.userid})` },
    { key: 'summary', title: t('approvals.column.summary'), ellipsis: true, render: (_, r) => r.summary },
    { key: 'amount', title: t('approvals.column.amount'), width: 120, render: (_, r) => (r.amountFen === null ? '' : `¥${formatYuan({ fen: r.amountFen })}`) },
    { key: 'status', title: t('approvals.column.status'), width: 110, render: (_, r) => <StatusTag request={r} testId={`request-status-${r.id}`} /> },
    { key: 'createdAt', title: t('approvals.column.createdAt'), width: 160, render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
  ];

  return (
    <Card
      title={t('approvals.requests.title')}
      extra={
        <Button icon={<DownloadOutlined />} href={exportUrl(filters)} data-testid="requests-export">
          {t('approvals.requests.export')}
        </Button>
      }
      data-testid="requests-page"
    >
      <Flex gap="small" wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          placeholder={t('approvals.requests.filterStatus')}
          value={filters.status}
          onChange={(status) => filter({ status })}
          options={spStatuses.map((s) => ({ value: s, label: t(`approvals.status.${s}`) }))}
          style={{ width: 150 }}
          data-testid="requests-filter-status"
        />
        <Select<string>
          allowClear
          placeholder={t('approvals.requests.filterTemplate')}
          value={filters.templateId}
          onChange={(templateId) => filter({ templateId })}
          options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          style={{ width: 180 }}
          data-testid="requests-filter-template"
        />
        <Input.Search
          allowClear
          placeholder={t('approvals.requests.filterApplicant')}
          value={applicant}
          onChange={(e) => setApplicant(e.target.value)}
          onSearch={(value) => filter({ applicant: value.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="requests-filter-applicant"
        />
        <DatePicker.RangePicker
          aria-label={t('approvals.requests.filterDates')}
          onChange={(range) => filter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          data-testid="requests-filter-dates"
        />
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ApprovalSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onRow={(r) => ({ 'data-testid': `request-row-${r.id}`, 'data-spno': r.spNo }) as HTMLAttributes<HTMLElement>}
          pagination={pagination(list.data?.total ?? 0, { showTotal: (count) => t('approvals.requests.total', { count }) })}
          data-testid="requests-table"
        />
      )}
      <RequestDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function RequestDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useAdminRequest(id);
  return (
    <Drawer open={id !== null} title={detail.data?.name ?? t('approvals.requests.detail')} onClose={onClose} size={760} data-testid="request-drawer">
      {detail.isError ? <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} /> : !detail.data ? <Spin /> : <ApprovalView detail={detail.data} filesBase={`/api/v1/approvals/requests/${detail.data.id}/files`} />}
    </Drawer>
  );
}
