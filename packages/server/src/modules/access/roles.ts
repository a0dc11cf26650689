import { builtinRoles, isScopedPermission, permissions as catalogue, type BuiltinRoleKey, type Permission } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import * as repo from './access.repository';

/** A role as the rules see it: built-in (by key) or custom (by uuid). */
export interface ResolvedRole {
  id: string;
  builtin: BuiltinRoleKey | null;
  name: string;
  permissions: readonly Permission[];
}

/** Whether a role id names a built-in role. */
export const isBuiltin = (id: string): id is BuiltinRoleKey => Object.hasOwn(builtinRoles, id);

/** Keeps only permissions the catalogue still knows (a custom role outlives a renamed permission). */
export function knownPermissions(list: readonly string[]): Permission[] {
  const known = new Set<string>(catalogue);
  return list.filter((p): p is Permission => known.has(p));
}

/** The permissions of a role id, built-in or custom (custom ones come from the joined row). */
export function permissionsOf(roleId: string, customPermissions: readonly string[] | null): readonly Permission[] {
  if (isBuiltin(roleId)) return builtinRoles[roleId].permissions;
  return knownPermissions(customPermissions ?? []);
}

export async function resolveRole(db: Executor, corpId: string, roleId: string): Promise<ResolvedRole> {
  if (isBuiltin(roleId)) return { id: roleId, builtin: roleId, name: roleId, permissions: builtinRoles[roleId].permissions };
  const row = await repo.findCustomRole(db, corpId, roleId);
  if (!row) throw new AppError('access.role_not_found', { fields: [{ path: 'roleId', reason: 'no such role' }] });
  return { id: row.id, builtin: null, name: row.name, permissions: knownPermissions(row.permissions) };
}

/** Whether a role has any permission whose reach depends on scope. */
export const hasScopedPermission = (role: { permissions: readonly Permission[] }): boolean => role.permissions.some(isScopedPermission);
