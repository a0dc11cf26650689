import type { FastifyRequest } from 'fastify';
import type { Permission } from '@orgdesk/contracts';
import type { Principal, Reach } from '../../platform/http/access';
import { requirePrincipal } from '../../platform/http/context';

/**
 * What part of a corp's directory a caller may reach for one permission. Every directory query takes it and
 * filters in SQL (see scope-sql.ts): out of reach means not found, and lists, counts and totals omit it.
 */
export interface DirectoryScope {
  corpId: string;
  reach: Reach;
  /** Only a super admin may change a super admin's record. */
  superAdmin: boolean;
}

const NOWHERE: Reach = { departments: [], tags: [] };

/** The scope of a signed-in admin for one permission (the one the route requires). */
export function directoryScope(principal: Principal, permission: Permission): DirectoryScope {
  return { corpId: principal.corpId, reach: principal.grants.get(permission) ?? NOWHERE, superAdmin: principal.isSuperAdmin };
}

/** The whole corp, for the system itself (registration, the CLI's operator commands). */
export function wholeCorp(corpId: string): DirectoryScope {
  return { corpId, reach: 'all', superAdmin: true };
}

/**
 * The scope of the request's caller for the permission its route declares, so a route can never filter by a
 * different permission than the one it was let in with.
 */
export function requestScope(request: FastifyRequest): DirectoryScope {
  const access = request.routeOptions.config.access;
  if (access?.kind !== 'admin') throw new Error(`${request.method} ${request.routeOptions.url} asks for a directory scope but declares no admin permission`);
  return directoryScope(requirePrincipal(request), access.permission);
}
