import { balancedLeaveTypes } from '@orgdesk/contracts';
import { App, Button, Card, Flex, Form, InputNumber, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { MemberField } from '../visibility/fields';
import type { LeaveBalance } from '../portal/approvals/useApprovals';
import { useLeaveBalances, useSetLeaveBalance } from './useApprovalAdmin';

type Balanced = 'annual' | 'compensatory';
interface Values {
  userid?: string;
  type: Balanced;
  totalDays: number;
}

/** 假期余额: the 年假 / 调休假 allowance and use of each member in scope; an admin sets a member's allowance. */
export default function LeaveBalancesPage() {
  const { t } = useTranslation();
  const balances = useLeaveBalances();
  const [editing, setEditing] = useState<Partial<Values> | null>(null);
  if (balances.isError) return <LoadFailed error={balances.error} onRetry={() => void balances.refetch()} />;

  const columns: TableColumnsType<LeaveBalance> = [
    { key: 'member', title: t('approvals.column.member'), render: (_, b) => `${b.name} (${b.userid})` },
    { key: 'type', title: t('approvals.column.leaveType'), width: 120, render: (_, b) => t(`approvals.leaveType.${b.type}`) },
    { key: 'total', title: t('approvals.column.total'), width: 130, dataIndex: 'totalDays' },
    { key: 'used', title: t('approvals.column.used'), width: 110, dataIndex: 'usedDays' },
    { key: 'remaining', title: t('approvals.column.remaining'), width: 110, dataIndex: 'remainingDays' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_, b) => (
        <Button size="small" onClick={() => setEditing({ userid: b.userid, type: b.type as Balanced, totalDays: b.totalDays })} data-testid={`balance-edit-${b.userid}-${b.type}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={t('approvals.balances.title')}
      extra={
        <Button type="primary" onClick={() => setEditing({ type: 'annual', totalDays: 5 })} data-testid="balances-set">
          {t('approvals.balances.set')}
        </Button>
      }
      data-testid="balances-page"
    >
      <Table<LeaveBalance>
        rowKey={(b) => `${b.userid}:${b.type}`}
        columns={columns}
        dataSource={balances.data ?? []}
        loading={balances.isFetching}
        locale={{ emptyText: t('approvals.balances.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="balances-table"
      />
      {editing && <BalanceModal initial={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

const fieldPath = topLevelFields('userid', 'type', 'totalDays');

function BalanceModal({ initial, onClose }: { initial: Partial<Values>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const set = useSetLeaveBalance();
  const reportError = useErrorReporter();
  const submit = (values: Values) =>
    set.mutate({ userid: values.userid ?? '', type: values.type, totalDays: values.totalDays }, {
      onSuccess: () => {
        void message.success(t('approvals.balances.saved'));
        onClose();
      },
      onError: (error) => reportError(error, form, fieldPath),
    });
  return (
    <Modal open title={t('approvals.balances.set')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: set.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="userid" label={t('approvals.balances.member')} rules={[{ required: true, message: t('validation.required') }]}>
          <MemberField testId="balance-userid" />
        </Form.Item>
        <Flex gap="middle">
          <Form.Item name="type" label={t('approvals.balances.type')}>
            <Select options={balancedLeaveTypes.map((type) => ({ value: type, label: t(`approvals.leaveType.${type}`) }))} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="totalDays" label={t('approvals.balances.totalDays')} extra={t('approvals.balances.totalHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={365} step={0.5} data-testid="balance-total" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
