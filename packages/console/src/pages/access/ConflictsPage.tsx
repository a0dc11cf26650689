import { ReloadOutlined } from '@ant-design/icons';
import type { Conflict } from '@orgdesk/contracts';
import { App, Button, Card, Flex, List, Popconfirm, Result, Tag, Typography, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useCan } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { memberLabel, roleLabel } from './accessDisplay';
import { useRemoveAssignment } from './useAdmins';
import { useConflicts } from './useConflicts';
import { useDeleteRole } from './useRoles';

const kindColors: Record<Conflict['kind'], string> = {
  redundant: 'orange',
  overlapping: 'gold',
  empty_role: 'red',
  unused_role: 'default',
  pending: 'blue',
  inactive_member: 'red',
};

/** What the conflict is about, in words. */
function describe(t: TFunction, conflict: Conflict): string {
  const member = conflict.member ? memberLabel(conflict.member) : '';
  const role = conflict.role ? roleLabel(t, conflict.role) : '';
  return t(`access.conflicts.describe.${conflict.kind}`, { member, role });
}

/** 冲突检查: redundant, overlapping and ineffective settings, each with its fix (a button where the fix is one action). */
export default function ConflictsPage() {
  const { t } = useTranslation();
  const conflicts = useConflicts();
  const mayManage = useCan('access.manage');

  return (
    <Card
      title={t('access.conflicts.title')}
      extra={
        <Button icon={<ReloadOutlined />} loading={conflicts.isFetching} onClick={() => void conflicts.refetch()} data-testid="conflicts-refresh">
          {t('access.conflicts.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('access.conflicts.intro')}</Typography.Paragraph>
      {conflicts.isError ? (
        <LoadFailed error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      ) : conflicts.data?.length === 0 ? (
        <Result status="success" title={t('access.conflicts.empty')} data-testid="conflicts-empty" />
      ) : (
        <List<Conflict>
          loading={conflicts.isPending}
          dataSource={conflicts.data ?? []}
          data-testid="conflicts-list"
          renderItem={(conflict, index) => (
            <List.Item
              key={`${conflict.kind}-${conflict.role?.id ?? ''}-${conflict.assignmentIds.join('-')}`}
              data-testid={`conflict-${index}`}
              data-kind={conflict.kind}
              actions={mayManage ? [<ConflictFix key="fix" conflict={conflict} />] : undefined}
            >
              <Flex vertical gap={4}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={kindColors[conflict.kind]} style={{ marginInlineEnd: 0 }}>
                    {t(`access.conflicts.kind.${conflict.kind}`)}
                  </Tag>
                  <Typography.Text>{describe(t, conflict)}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary">{t(`access.conflicts.fix.${conflict.fix}`)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The fix as a button when it is one action (remove an assignment, delete a role), or a link to where it is done. */
function ConflictFix({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const removeAssignment = useRemoveAssignment();
  const deleteRole = useDeleteRole();
  const assignmentId = conflict.assignmentIds[0];

  if ((conflict.fix === 'remove_assignment' || conflict.fix === 'remove_or_reactivate') && assignmentId) {
    const confirm = () =>
      removeAssignment.mutateAsync(assignmentId).then(
        () => void message.success(t('access.conflicts.removed')),
        (error: unknown) => reportError(error),
      );
    return (
      <Popconfirm title={t('access.conflicts.action.removeConfirm')} onConfirm={confirm} okButtonProps={{ danger: true, 'data-testid': `conflict-remove-confirm-${assignmentId}` } as ButtonProps}>
        <Button size="small" danger data-testid={`conflict-remove-${assignmentId}`}>
          {t('access.conflicts.action.removeAssignment')}
        </Button>
      </Popconfirm>
    );
  }
  if (conflict.fix === 'delete_role' && conflict.role) {
    const role = conflict.role;
    const confirm = () =>
      deleteRole.mutateAsync(role.id).then(
        () => void message.success(t('access.conflicts.roleDeleted')),
        (error: unknown) => reportError(error),
      );
    return (
      <Popconfirm
        title={t('access.conflicts.action.deleteConfirm', { role: roleLabel(t, role) })}
        onConfirm={confirm}
        okButtonProps={{ danger: true, 'data-testid': `conflict-delete-role-confirm-${role.id}` } as ButtonProps}
      >
        <Button size="small" danger data-testid={`conflict-delete-role-${role.id}`}>
          {t('access.conflicts.action.deleteRole')}
        </Button>
      </Popconfirm>
    );
  }
  if (conflict.fix === 'merge_assignments') {
    return (
      <Link to="/access/admins">
        <Button size="small">{t('access.conflicts.action.toAdmins')}</Button>
      </Link>
    );
  }
  if (conflict.fix === 'add_permissions') {
    return (
      <Link to="/access/roles">
        <Button size="small">{t('access.conflicts.action.toRoles')}</Button>
      </Link>
    );
  }
  return null;
}
