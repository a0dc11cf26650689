import type { Language, Permission } from '@orgdesk/contracts';

/** How far a sign-in has got. */
export type SessionStage = 'second_factor' | 'enroll_totp' | 'full';

/** The signed-in caller, as resolved from the session cookie. */
export interface Principal {
  sessionId: string;
  corpId: string;
  corpName: string;
  corpLanguage: Language;
  memberId: string;
  userid: string;
  name: string;
  stage: SessionStage;
  csrfToken: string;
  isSuperAdmin: boolean;
  /** Signed in as an admin (with two-step verification); a member's portal session is not, whatever they hold since. */
  isAdmin: boolean;
  /** Every permission the caller holds through an active assignment, with how far it reaches. */
  grants: ReadonlyMap<Permission, Reach>;
}

/**
 * How far a permission reaches: the whole corp, or departments (each with its subtree) and tags. An
 * assignment scoped to "own departments" arrives here already resolved to the admin's current departments.
 * `members` (by member id) adds single people: an app's visible range can list them.
 */
export type Reach = 'all' | { departments: readonly number[]; tags: readonly number[]; members?: readonly string[] };

/**
 * What a route requires; every route must declare one (deny by default: a route without it fails at start).
 * - public: anyone, e.g. sign-in and registration.
 * - session: a session at one of the given stages (the second step of sign-in, enrolment, …).
 * - member: any fully signed-in member, admin or not (the member portal).
 * - admin: a fully signed-in admin holding the permission.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'session'; stages: readonly SessionStage[] }
  | { kind: 'member' }
  | { kind: 'admin'; permission: Permission };

/** Finds the principal of a request from its session cookie; implemented by the auth module. */
export interface Authenticator {
  cookieName: string;
  resolve(token: string, ip: string | null): Promise<Principal | null>;
}

export const publicAccess: Access = { kind: 'public' };
export const memberAccess: Access = { kind: 'member' };
export const adminAccess = (permission: Permission): Access => ({ kind: 'admin', permission });
export const sessionAccess = (...stages: SessionStage[]): Access => ({ kind: 'session', stages });
