import { isScopedPermission, type Permission } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import * as repo from './access.repository';
import { permissionsOf } from './roles';

/** An assignment's scope as stored. */
export interface StoredScope {
  departments: readonly number[];
  tags: readonly number[];
  ownDepartments: boolean;
}

/** Joins two reaches: the whole corp absorbs anything; otherwise departments and tags add up. */
export function unionReach(a: Reach, b: Reach): Reach {
  if (a === 'all' || b === 'all') return 'all';
  return { departments: [...new Set([...a.departments, ...b.departments])], tags: [...new Set([...a.tags, ...b.tags])] };
}

/** The reach of one assignment for one permission; `own` is the admin's current departments. */
export function reachOf(roleId: string, permission: Permission, scope: StoredScope, own: readonly number[]): Reach {
  if (roleId === 'super_admin' || !isScopedPermission(permission)) return 'all';
  return { departments: [...new Set([...scope.departments, ...(scope.ownDepartments ? own : [])])], tags: [...scope.tags] };
}

/**
 * Everything a member's active assignments grant, read from the database on every request: a change takes
 * effect on the next request, in any process, with no cache to clear.
 */
export async function loadGrants(db: Executor, corpId: string, memberId: string): Promise<{ grants: Map<Permission, Reach>; superAdmin: boolean }> {
  const assignments = await repo.activeAssignmentsOf(db, corpId, memberId);
  const own = assignments.some((a) => a.scope_own_departments) ? await repo.departmentIdsOf(db, corpId, memberId) : [];
  const grants = new Map<Permission, Reach>();
  for (const a of assignments) {
    const scope = { departments: a.scope_departments, tags: a.scope_tags, ownDepartments: a.scope_own_departments };
    for (const permission of permissionsOf(a.role_id, a.custom_permissions)) {
      const reach = reachOf(a.role_id, permission, scope, own);
      const held = grants.get(permission);
      grants.set(permission, held ? unionReach(held, reach) : reach);
    }
  }
  return { grants, superAdmin: assignments.some((a) => a.role_id === 'super_admin') };
}
