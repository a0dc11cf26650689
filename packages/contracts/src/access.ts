import { z } from 'zod';
import { displayName, useridSchema } from './common';
import { departmentIdSchema } from './directory';
import { permissions, type Permission } from './permissions';

// Roles, admin assignments and their scopes, explain and conflicts (权限管理).

/** The built-in roles: 超级管理员 and the templates for 分级管理员. Their ids are these keys. */
export const builtinRoles = {
  super_admin: { permissions: [...permissions] },
  directory_admin: { permissions: ['directory.view', 'directory.edit', 'directory.import', 'directory.export', 'tags.manage'] },
  app_admin: { permissions: ['apps.view', 'apps.manage', 'directory.view'] },
  approval_admin: { permissions: ['approvals.manage', 'directory.view'] },
  finance_admin: { permissions: ['payouts.manage', 'directory.view'] },
  security_admin: { permissions: ['security.view', 'security.manage', 'audit.view'] },
  auditor: { permissions: ['corp.view', 'directory.view', 'apps.view', 'security.view', 'access.view', 'audit.view'] },
} as const satisfies Record<string, { permissions: readonly Permission[] }>;
export type BuiltinRoleKey = keyof typeof builtinRoles;
export const builtinRoleKeys = Object.keys(builtinRoles) as BuiltinRoleKey[];
export const SUPER_ADMIN_ROLE: BuiltinRoleKey = 'super_admin';

/** When a corp has not chosen: at most this many super admins (see docs/adr/0009). */
export const DEFAULT_MAX_SUPER_ADMINS = 3;
export const MAX_SUPER_ADMINS_LIMIT = 20;

export const permissionSchema = z.enum(permissions);

/** A role id: a built-in key or a custom role's uuid. */
export const roleIdSchema = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');

export const roleSchema = z.object({
  id: z.string(),
  /** Set for built-in roles (the console shows its translated name); null for custom roles. */
  builtin: z.enum(builtinRoleKeys as [BuiltinRoleKey, ...BuiltinRoleKey[]]).nullable(),
  name: z.string(),
  permissions: z.array(permissionSchema),
  /** How many assignments use the role. */
  assignments: z.number().int(),
});
export type Role = z.infer<typeof roleSchema>;
export const roleList = z.object({ items: z.array(roleSchema) });

const permissionSet = z
  .array(permissionSchema)
  .max(permissions.length, 'lists a permission twice')
  .refine((list) => new Set(list).size === list.length, 'lists a permission twice');

export const roleCreateRequest = z.object({ name: displayName(32), permissions: permissionSet });
export const roleUpdateRequest = z.object({ name: displayName(32).optional(), permissions: permissionSet.optional() });
export const roleIdParams = z.object({ id: roleIdSchema });

/**
 * Where an assignment's permissions reach: departments (each with its subtree) and tags, and/or the admin's
 * own departments (with their subtrees) as they are at the time of each request. Ignored for super admins.
 */
export const adminScopeSchema = z.object({
  departments: z.array(departmentIdSchema).max(200, 'at most 200 departments').default([]),
  tags: z.array(z.number().int().min(1).max(2_147_483_647)).max(200, 'at most 200 tags').default([]),
  ownDepartments: z.boolean().default(false),
});
export type AdminScope = z.infer<typeof adminScopeSchema>;

export const assignmentStatusSchema = z.enum(['pending', 'active']);

export const assignmentSchema = z.object({
  id: z.string(),
  member: z.object({ userid: z.string(), name: z.string(), status: z.number().int() }),
  role: z.object({ id: z.string(), builtin: roleSchema.shape.builtin, name: z.string() }),
  scope: z.object({
    departments: z.array(z.object({ id: z.number().int(), name: z.string().nullable() })),
    tags: z.array(z.object({ id: z.number().int(), name: z.string().nullable() })),
    ownDepartments: z.boolean(),
  }),
  /** Pending until the member signs in and passes two-step verification. */
  status: assignmentStatusSchema,
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;
export const assignmentList = z.object({ items: z.array(assignmentSchema) });
export const assignmentIdParams = z.object({ id: z.uuid('must be an assignment id') });

/** Appoint by userid or mobile. */
export const appointRequest = z.object({
  member: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
  roleId: roleIdSchema,
  scope: adminScopeSchema.default({ departments: [], tags: [], ownDepartments: false }),
});
export const assignmentUpdateRequest = z.object({ roleId: roleIdSchema.optional(), scope: adminScopeSchema.optional() });

export const accessSettingsSchema = z.object({ maxSuperAdmins: z.number().int().min(1, 'must be at least 1').max(MAX_SUPER_ADMINS_LIMIT, `must be at most ${MAX_SUPER_ADMINS_LIMIT}`) });
export type AccessSettings = z.infer<typeof accessSettingsSchema>;

/** What the caller themself holds: the console shows only what they may use. */
export const myAccessSchema = z.object({
  superAdmin: z.boolean(),
  permissions: z.array(permissionSchema),
});

// ---------------------------------------------------------------------------------------------------------
// Explain: may this admin do this to that, and which assignment decided?

export const explainTargetTypes = ['corp', 'member', 'department', 'tag'] as const;
export const explainQuery = z.object({
  admin: useridSchema,
  permission: permissionSchema,
  targetType: z.enum(explainTargetTypes).default('corp'),
  /** A userid, a department id or a tag id; unused for the corp. */
  target: z.string().trim().max(64, 'must be at most 64 characters').default(''),
});

/** Why one assignment does or does not allow the action. */
export const explainVerdicts = ['allows', 'pending', 'role_lacks_permission', 'target_outside_scope', 'member_inactive'] as const;
export const explainResultSchema = z.object({
  allowed: z.boolean(),
  /** Set when the target itself was not found (deny). */
  targetFound: z.boolean(),
  assignments: z.array(z.object({ assignment: assignmentSchema, verdict: z.enum(explainVerdicts) })),
});
export type ExplainResult = z.infer<typeof explainResultSchema>;

// ---------------------------------------------------------------------------------------------------------
// Conflicts: what to tidy up, each with its fix.

export const conflictKinds = ['redundant', 'overlapping', 'empty_role', 'unused_role', 'pending', 'inactive_member'] as const;
export type ConflictKind = (typeof conflictKinds)[number];
export const conflictSchema = z.object({
  kind: z.enum(conflictKinds),
  /** The assignments concerned (the first one is the one the fix acts on). */
  assignmentIds: z.array(z.string()),
  member: z.object({ userid: z.string(), name: z.string() }).nullable(),
  role: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The fix, as a code the console translates: remove_assignment, merge_assignments, delete_role, add_permissions, wait_or_remind, remove_assignment. */
  fix: z.enum(['remove_assignment', 'merge_assignments', 'delete_role', 'add_permissions', 'remind_member', 'remove_or_reactivate']),
});
export type Conflict = z.infer<typeof conflictSchema>;
export const conflictList = z.object({ items: z.array(conflictSchema) });
