import type { Permission } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import type { ActorContext } from '../../platform/kernel/context';

/** A member who may sign in (to the console as an admin, or to the member portal), as the directory knows them. */
export interface AccountInfo {
  memberId: string;
  corpId: string;
  corpName: string;
  userid: string;
  name: string;
  isSuperAdmin: boolean;
  /** Holds an admin assignment (active or pending): signs in to the console, always with two-step verification. */
  isAdmin: boolean;
  /** Whether sign-in needs two-step verification: always for admins, for other members when their corp says so. */
  twoStepRequired: boolean;
  /** What the member's active assignments grant, read afresh on every request (no cache to go stale). */
  grants: ReadonlyMap<Permission, Reach>;
  defaultLanguage: 'zh-CN' | 'en';
}

/**
 * What the auth module needs to know about people, provided by the module that owns them (wired in
 * the composition root), so auth never reads another module's tables.
 */
export interface AccountDirectory {
  /** Active members (admins or not) whose mobile or userid is `login`, in one corp when given. */
  findAccountsByLogin(db: Executor, login: string, corpId?: string): Promise<AccountInfo[]>;
  /** An active member by member id, or null when they are gone, disabled or not activated. */
  findAccount(db: Executor, memberId: string): Promise<AccountInfo | null>;
  /** Called inside the transaction that completes a two-step sign-in: pending assignments become active. */
  confirmTwoStep(trx: Trx, corpId: string, memberId: string, ctx: ActorContext): Promise<void>;
}
