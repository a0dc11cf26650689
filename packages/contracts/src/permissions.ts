/**
 * The permission catalogue: module × action. Every admin route requires exactly one of these; roles are
 * sets of them, and an admin assignment grants a role's permissions over a scope.
 */
export const permissions = [
  'corp.view',
  'corp.manage',
  'directory.view',
  'directory.edit',
  'directory.import',
  'directory.export',
  'tags.manage',
  'access.view',
  'access.manage',
  'apps.view',
  'apps.manage',
  'security.view',
  'security.manage',
  'approvals.manage',
  'payouts.manage',
  'audit.view',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Permissions whose reach is limited by an assignment's scope (departments with their subtrees, tags, or
 * the admin's own departments). The others are corp-wide: holding them at all means holding them everywhere.
 */
export const scopedPermissions: ReadonlySet<Permission> = new Set<Permission>(['directory.view', 'directory.edit', 'directory.import', 'directory.export', 'tags.manage', 'approvals.manage', 'payouts.manage']);

/** Whether a permission's reach depends on scope. */
export const isScopedPermission = (permission: Permission): boolean => scopedPermissions.has(permission);
