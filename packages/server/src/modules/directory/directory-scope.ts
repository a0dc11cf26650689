import type { Principal } from '../../platform/http/access';

/**
 * What part of a corp's directory a caller may see and change. Today every admin who passes the route's
 * permission check is a super admin and sees the whole corp; scoped admins (departments and tags) replace
 * this one function, and every directory query already takes its result.
 */
export interface DirectoryScope {
  corpId: string;
  /** Department subtrees the caller may touch, or 'all'. */
  departments: 'all' | readonly number[];
}

/** The scope of a signed-in admin. */
export function directoryScope(principal: Principal): DirectoryScope {
  return { corpId: principal.corpId, departments: 'all' };
}

/** The whole corp, for the system itself (registration, the CLI's operator commands). */
export function wholeCorp(corpId: string): DirectoryScope {
  return { corpId, departments: 'all' };
}
