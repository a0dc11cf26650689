import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { Assignment } from '@orgdesk/contracts';
import { Alert, App, Button, Card, Flex, Popconfirm, Table, Tooltip, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useMe } from '../../auth/useMe';
import { useCan, useMyAccess } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { AccessSettingsCard } from './AccessSettingsCard';
import { AssignmentStatus, roleLabel, ScopeSummary } from './accessDisplay';
import { AdminFormDrawer } from './AdminFormDrawer';
import { useAdmins, useRemoveAssignment } from './useAdmins';

/** 管理员: who holds which role over which scope, appointing, changing and removing them. */
export default function AdminsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const admins = useAdmins();
  const remove = useRemoveAssignment();
  const reportError = useErrorReporter();
  const me = useMe().data;
  const superAdmin = useMyAccess().data?.superAdmin ?? false;
  const mayManage = useCan('access.manage');
  // What the drawer shows stays put while it closes, so its content does not change mid-animation.
  const [form, setForm] = useState<{ open: boolean; assignment?: Assignment }>({ open: false });

  /** Nobody changes their own admin rights, and only a super admin touches a super admin's. */
  const mayTouch = (a: Assignment) => mayManage && a.member.userid !== me?.member.userid && (a.role.id !== 'super_admin' || superAdmin);

  const confirmRemove = async (a: Assignment) => {
    try {
      await remove.mutateAsync(a.id);
      void message.success(t('access.admins.removed'));
    } catch (error) {
      reportError(error);
    }
  };

  const columns: TableColumnsType<Assignment> = [
    {
      key: 'member',
      title: t('access.admins.member'),
      render: (_, a) => (
        <Flex vertical>
          <span>{a.member.name}</span>
          <Typography.Text type="secondary">{a.member.userid}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'role', title: t('access.admins.role'), render: (_, a) => <span data-testid={`admin-role-${a.id}`}>{roleLabel(t, a.role)}</span> },
    { key: 'scope', title: t('access.scope.label'), render: (_, a) => <ScopeSummary assignment={a} /> },
    {
      key: 'status',
      title: (
        <Flex gap={4}>
          {t('access.admins.statusTitle')}
          <Tooltip title={t('access.status.pendingHint')}>
            <QuestionCircleOutlined />
          </Tooltip>
        </Flex>
      ),
      width: 160,
      render: (_, a) => <AssignmentStatus assignment={a} testId={`admin-status-${a.id}`} />,
    },
    { key: 'createdAt', title: t('access.admins.createdAt'), width: 170, render: (_, a) => dayjs(a.createdAt).format('YYYY-MM-DD HH:mm') },
  ];
  if (mayManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_, a) =>
        mayTouch(a) ? (
          <Flex gap={4}>
            <Button type="link" size="small" onClick={() => setForm({ open: true, assignment: a })} data-testid={`admin-edit-${a.id}`}>
              {t('access.admins.edit')}
            </Button>
            <Popconfirm
              title={t('access.admins.removeConfirm', { name: a.member.name, role: roleLabel(t, a.role) })}
              onConfirm={() => confirmRemove(a)}
              okButtonProps={{ danger: true, 'data-testid': `admin-remove-confirm-${a.id}` } as ButtonProps}
            >
              <Button type="link" size="small" danger data-testid={`admin-remove-${a.id}`}>
                {t('access.admins.remove')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : a.member.userid === me?.member.userid ? (
          <Typography.Text type="secondary">{t('access.admins.self')}</Typography.Text>
        ) : null,
    });
  }

  const pending = admins.data?.some((a) => a.status === 'pending');

  return (
    <Flex vertical gap="middle">
      <Card
        title={t('access.admins.title')}
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })} data-testid="admin-add">
              {t('access.admins.add')}
            </Button>
          )
        }
      >
        {admins.isError ? (
          <LoadFailed error={admins.error} onRetry={() => void admins.refetch()} />
        ) : (
          <Flex vertical gap="middle">
            {pending && <Alert type="info" showIcon title={t('access.status.pendingHint')} data-testid="admin-pending-hint" />}
            <div data-testid="admin-table">
              <Table<Assignment>
                rowKey="id"
                columns={columns}
                dataSource={admins.data ?? []}
                loading={admins.isFetching}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: t('access.admins.empty') }}
                onRow={(a) => ({ 'data-testid': `admin-row-${a.id}`, 'data-userid': a.member.userid }) as HTMLAttributes<HTMLElement>}
              />
            </div>
          </Flex>
        )}
      </Card>
      <AccessSettingsCard />
      <AdminFormDrawer open={form.open} assignment={form.assignment} onClose={() => setForm({ ...form, open: false })} />
    </Flex>
  );
}
