import { builtinRoleKeys, isScopedPermission, type Assignment, type BuiltinRoleKey, type Permission } from '@orgdesk/contracts';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '../../api/types';
import { StatusTag } from '../directory/memberDisplay';

/** The permission catalogue by module, in the order the role form shows it. */
export const permissionModules = [
  { module: 'corp', permissions: ['corp.view', 'corp.manage'] },
  { module: 'directory', permissions: ['directory.view', 'directory.edit', 'directory.import', 'directory.export', 'tags.manage'] },
  { module: 'access', permissions: ['access.view', 'access.manage'] },
  { module: 'apps', permissions: ['apps.view', 'apps.manage'] },
  { module: 'security', permissions: ['security.view', 'security.manage', 'audit.view'] },
  { module: 'approvals', permissions: ['approvals.manage'] },
  { module: 'payouts', permissions: ['payouts.manage'] },
] as const satisfies readonly { module: string; permissions: readonly Permission[] }[];

// A permission added to the contracts fails this line until it has a place (and a label) above.
type Unplaced = Exclude<Permission, (typeof permissionModules)[number]['permissions'][number]>;
const everyPermissionPlaced: Unplaced extends never ? true : never = true;
void everyPermissionPlaced;

/** A permission's name in the UI language. */
export function permissionLabel(t: TFunction, permission: Permission): string {
  return t(`access.permission.${permission}`);
}

function isBuiltinKey(id: string): id is BuiltinRoleKey {
  return (builtinRoleKeys as string[]).includes(id);
}

/** A role's name in the UI language: built-in roles are translated, custom ones keep their name. */
export function roleLabel(t: TFunction, role: { id: string; name: string; builtin?: BuiltinRoleKey | null }): string {
  const key = role.builtin ?? (isBuiltinKey(role.id) ? role.id : null);
  return key ? t(`access.roleName.${key}`) : role.name;
}

/** A member as a sentence names them: 张三（zhangsan）. */
export function memberLabel(member: { userid: string; name: string }): string {
  return member.name === member.userid ? member.name : `${member.name} (${member.userid})`;
}

/** 按管理范围: the permission's reach is limited by the assignment's scope. */
export function ScopedMark({ permission }: { permission: Permission }) {
  const { t } = useTranslation();
  if (!isScopedPermission(permission)) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
      ({t('access.scopedMark')})
    </Typography.Text>
  );
}

/** Where an assignment reaches: departments, tags and own departments as tags; the whole corp for a super admin. */
export function ScopeSummary({ assignment }: { assignment: Pick<Assignment, 'role' | 'scope'> }) {
  const { t } = useTranslation();
  const { departments, tags, ownDepartments } = assignment.scope;
  if (assignment.role.id === 'super_admin') return <Tag color="gold">{t('access.scope.all')}</Tag>;
  if (!departments.length && !tags.length && !ownDepartments) return <Typography.Text type="secondary">{t('access.scope.none')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {departments.map((d) => (
        <Tag key={`d${d.id}`} color="blue" style={{ marginInlineEnd: 0 }}>
          {d.name ?? t('access.scope.deletedDepartment', { id: d.id })}
        </Tag>
      ))}
      {tags.map((tag) => (
        <Tag key={`t${tag.id}`} color="purple" style={{ marginInlineEnd: 0 }}>
          {tag.name === null ? t('access.scope.deletedTag', { id: tag.id }) : t('access.scope.tagPrefix', { name: tag.name })}
        </Tag>
      ))}
      {ownDepartments && (
        <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
          {t('access.scope.own')}
        </Tag>
      )}
    </Flex>
  );
}

/** 待确认 / 已生效, with why a pending assignment does not apply yet; and a warning when the member is no longer active. */
export function AssignmentStatus({ assignment, testId }: { assignment: Pick<Assignment, 'status' | 'member'>; testId?: string }) {
  const { t } = useTranslation();
  const pending = assignment.status === 'pending';
  const status = (
    <Tag color={pending ? 'orange' : 'green'} data-testid={testId} data-status={assignment.status} style={{ marginInlineEnd: 0 }}>
      {t(`access.status.${assignment.status}`)}
    </Tag>
  );
  return (
    <Flex wrap gap={4}>
      {pending ? <Tooltip title={t('access.status.pendingHint')}>{status}</Tooltip> : status}
      {assignment.member.status !== 1 && (
        <Tooltip title={t('access.status.memberInactive', { status: t(`directory.status.${assignment.member.status as MemberStatus}`) })}>
          <span>
            <StatusTag status={assignment.member.status as MemberStatus} />
          </span>
        </Tooltip>
      )}
    </Flex>
  );
}
