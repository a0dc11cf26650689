import { PlusOutlined } from '@ant-design/icons';
import type { ApprovalSummary } from '@orgdesk/contracts';
import { Badge, Button, Card, Flex, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadFailed } from '../../../components/LoadFailed';
import { usePaging } from '../../../components/usePaging';
import { formatYuan, StatusTag, UrgentTag } from '../../approvals/shared/display';
import { useApprovalBox, useTodoCount, type Box } from './useApprovals';

const boxes: Box[] = ['mine', 'todo', 'done', 'cc'];

/** 审批: the member's four boxes as tabs (待我审批 with its count) and the way to 发起申请. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box = boxes.find((b) => b === params.get('box')) ?? 'mine';
  const todo = useTodoCount().data ?? 0;
  return (
    <Card
      title={t('approvals.portal.title')}
      style={{ maxWidth: 1100 }}
      extra={
        <Link to="/portal/approvals/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="approvals-apply">
            {t('approvals.portal.apply')}
          </Button>
        </Link>
      }
    >
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key }, { replace: true })}
        items={boxes.map((b) => ({
          key: b,
          label: (
            <Flex component="span" gap={6} align="center" data-testid={`approvals-box-${b}`}>
              {t(`approvals.portal.box.${b}`)}
              {b === 'todo' && todo > 0 && (
                <span data-testid="approvals-todo-count" data-count={todo}>
                  <Badge count={todo} size="small" overflowCount={99} />
                </span>
              )}
            </Flex>
          ),
        }))}
      />
      <BoxList key={box} box={box} />
    </Card>
  );
}

function BoxList({ box }: { box: Box }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { page, pageSize, pagination } = usePaging(20);
  const list = useApprovalBox(box, page, pageSize);
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableColumnsType<ApprovalSummary> = [
    {
      key: 'name',
      title: t('approvals.column.name'),
      render: (_, r) => (
        <Flex vertical>
          <Flex gap="small" align="center">
            <Typography.Text strong>{r.name}</Typography.Text>
            <UrgentTag urgent={r.urgent} />
          </Flex>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
            {r.summary}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'applicant', title: t('approvals.column.applicant'), width: 120, render: (_, r) => r.applicant.name },
    { key: 'amount', title: t('approvals.column.amount'), width: 130, render: (_, r) => (r.amountFen === null ? '' : `¥${formatYuan({ fen: r.amountFen })}`) },
    { key: 'status', title: t('approvals.column.status'), width: 110, render: (_, r) => <StatusTag request={r} testId={`approval-row-status-${r.id}`} /> },
    { key: 'createdAt', title: t('approvals.column.createdAt'), width: 160, render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <Table<ApprovalSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      locale={{ emptyText: t('approvals.portal.empty') }}
      onRow={(r) => ({ onClick: () => void navigate(`/portal/approvals/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': `approval-row-${r.id}`, 'data-spno': r.spNo }) as HTMLAttributes<HTMLElement>}
      pagination={pagination(list.data?.total ?? 0, { hideOnSinglePage: true, showSizeChanger: undefined })}
      data-testid={`approvals-list-${box}`}
    />
  );
}
