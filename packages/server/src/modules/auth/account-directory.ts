import type { Executor } from '../../db';

/** A member who may sign in to the console, as the directory knows them. */
export interface AccountInfo {
  memberId: string;
  corpId: string;
  corpName: string;
  userid: string;
  name: string;
  isSuperAdmin: boolean;
  defaultLanguage: 'zh-CN' | 'en';
}

/**
 * What the auth module needs to know about people, provided by the module that owns them (wired in
 * the composition root), so auth never reads another module's tables.
 */
export interface AccountDirectory {
  /** Active admins whose mobile or userid is `login`, in one corp when given. */
  findAdminsByLogin(db: Executor, login: string, corpId?: string): Promise<AccountInfo[]>;
  /** An active admin by member id, or null when they are gone, disabled or no longer an admin. */
  findAdmin(db: Executor, memberId: string): Promise<AccountInfo | null>;
}
