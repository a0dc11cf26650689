import { PlusOutlined } from '@ant-design/icons';
import { permissions as allPermissions, type Role } from '@orgdesk/contracts';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useCan } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { permissionLabel, roleLabel } from './accessDisplay';
import { RoleFormModal } from './RoleFormModal';
import { useDeleteRole, useRoles } from './useRoles';

/** 角色: the built-in roles and the corp's own, with their permissions. */
export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoles();
  const remove = useDeleteRole();
  const reportError = useErrorReporter();
  const mayManage = useCan('access.manage');
  const [form, setForm] = useState<{ open: boolean; role?: Role; readOnly?: boolean }>({ open: false });

  const confirmDelete = async (role: Role) => {
    try {
      await remove.mutateAsync(role.id);
      void message.success(t('access.roles.deleted'));
    } catch (error) {
      reportError(error);
    }
  };

  const columns: TableColumnsType<Role> = [
    {
      key: 'name',
      title: t('access.roles.name'),
      width: 220,
      render: (_, role) => (
        <Flex gap={8} align="center" wrap>
          <span data-testid={`role-name-${role.id}`}>{roleLabel(t, role)}</span>
          <Tag color={role.builtin ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {role.builtin ? t('access.roles.builtin') : t('access.roles.custom')}
          </Tag>
        </Flex>
      ),
    },
    {
      key: 'permissions',
      title: t('access.roles.permissions'),
      render: (_, role) =>
        role.permissions.length === allPermissions.length ? (
          <Tag color="gold">{t('access.roles.allPermissions')}</Tag>
        ) : role.permissions.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {role.permissions.map((p) => (
              <Tag key={p} style={{ marginInlineEnd: 0 }}>
                {permissionLabel(t, p)}
              </Tag>
            ))}
          </Flex>
        ),
    },
    { key: 'assignments', title: t('access.roles.assignments'), dataIndex: 'assignments', width: 110 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_, role) =>
        role.builtin || !mayManage ? (
          <Button type="link" size="small" onClick={() => setForm({ open: true, role, readOnly: true })} data-testid={`role-view-${role.id}`}>
            {t('access.roles.view')}
          </Button>
        ) : (
          <Flex gap={4}>
            <Button type="link" size="small" onClick={() => setForm({ open: true, role })} data-testid={`role-edit-${role.id}`}>
              {t('access.roles.edit')}
            </Button>
            {role.assignments > 0 ? (
              <Tooltip title={t('access.roles.inUse')}>
                <Button type="link" size="small" danger disabled data-testid={`role-delete-${role.id}`}>
                  {t('access.roles.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('access.roles.deleteConfirm', { name: role.name })}
                onConfirm={() => confirmDelete(role)}
                okButtonProps={{ danger: true, 'data-testid': `role-delete-confirm-${role.id}` } as ButtonProps}
              >
                <Button type="link" size="small" danger data-testid={`role-delete-${role.id}`}>
                  {t('access.roles.delete')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Card
      title={t('access.roles.title')}
      extra={
        mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })} data-testid="role-add">
            {t('access.roles.add')}
          </Button>
        )
      }
    >
      {roles.isError ? (
        <LoadFailed error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <div data-testid="roles-table">
          <Table<Role>
            rowKey="id"
            columns={columns}
            dataSource={roles.data ?? []}
            loading={roles.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(role) => ({ 'data-testid': `role-row-${role.id}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      )}
      <RoleFormModal open={form.open} role={form.role} readOnly={form.readOnly} onClose={() => setForm({ ...form, open: false })} />
    </Card>
  );
}
