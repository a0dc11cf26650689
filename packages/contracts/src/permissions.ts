/**
 * The permission catalogue: what an admin route may require. The access module will add roles and
 * scopes over it; until then a super admin holds every permission.
 */
export const permissions = ['corp.view', 'corp.manage', 'directory.view', 'directory.edit', 'directory.import', 'directory.export', 'tags.manage', 'audit.view', 'security.view'] as const;
export type Permission = (typeof permissions)[number];
