import { isScopedPermission } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { Principal } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import { departmentsOutside } from '../directory';
import type { StoredScope } from './grants';
import type { ResolvedRole } from './roles';

/**
 * No escalation: an admin grants only a role whose permissions they hold, over a scope inside their own reach
 * for each of those permissions. Only a super admin grants the super admin role, or anything over a dynamic
 * "own departments" scope (whose reach nobody can know in advance) without holding the permission corp-wide.
 */
export async function assertGrantable(db: Executor, actor: Principal, role: ResolvedRole, scope: StoredScope): Promise<void> {
  if (actor.isSuperAdmin) return;
  if (role.builtin === 'super_admin') throw new AppError('access.super_admin_protected');
  for (const permission of role.permissions) {
    const reach = actor.grants.get(permission);
    if (!reach) throw new AppError('access.escalation', { fields: [{ path: 'roleId', reason: `grants ${permission}, which you do not hold` }] });
    if (!isScopedPermission(permission) || reach === 'all') continue;
    if (scope.ownDepartments) throw new AppError('access.escalation', { fields: [{ path: 'scope.ownDepartments', reason: `needs ${permission} over the whole corp` }] });
    const outside = await departmentsOutside(db, actor.corpId, reach, scope.departments);
    if (outside.length) throw new AppError('access.escalation', { fields: [{ path: 'scope.departments', reason: `outside your scope for ${permission}: ${outside.join(', ')}` }] });
    const foreignTags = scope.tags.filter((t) => !reach.tags.includes(t));
    if (foreignTags.length) throw new AppError('access.escalation', { fields: [{ path: 'scope.tags', reason: `outside your scope for ${permission}: ${foreignTags.join(', ')}` }] });
  }
}

/** Whether the actor may grant this at all (the boolean form, for roles whose permissions they would change). */
export async function isGrantable(db: Executor, actor: Principal, role: ResolvedRole, scope: StoredScope): Promise<boolean> {
  try {
    await assertGrantable(db, actor, role, scope);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
