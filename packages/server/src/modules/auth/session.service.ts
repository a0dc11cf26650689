import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import { randomToken, sha256Hex } from '../../platform/kernel/crypto';
import type { Authenticator, Principal, SessionStage } from '../../platform/http/access';
import type { AccountDirectory } from './account-directory';
import type { SessionRow } from './auth.table';
import * as repo from './session.repository';

/** How long sessions live. */
export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

// Writing last_seen_at on every request would make each read a write; a minute's precision is enough.
const TOUCH_AFTER_MS = 60_000;
export const SESSION_COOKIE = 'orgdesk_session';

/** A session token for the cookie, with the cookie's expiry. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/** Console and portal sessions in the database: any process can serve any request. */
export class SessionService implements Authenticator {
  readonly cookieName = SESSION_COOKIE;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly accounts: AccountDirectory,
    private readonly clock: Clock,
    readonly policy: SessionPolicy,
  ) {}

  /** Opens a session and returns the token for the cookie (only its hash is stored). */
  async create(db: Executor, input: { corpId: string; memberId: string; stage: SessionStage; admin: boolean; ip: string | null; userAgent: string | null }): Promise<IssuedSession> {
    const now = this.clock.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteHours * 3_600_000);
    await repo.insertSession(db, {
      token_hash: sha256Hex(token),
      corp_id: input.corpId,
      member_id: input.memberId,
      stage: input.stage,
      admin: input.admin,
      csrf_token: randomToken(24),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    });
    return { token, expiresAt };
  }

  /** Moves a session to a new stage under a fresh token, which the caller sets as the cookie. */
  async raise(db: Executor, sessionId: string, stage: SessionStage): Promise<IssuedSession> {
    const token = randomToken();
    const expiresAt = await repo.raiseSession(db, sessionId, stage, sha256Hex(token), this.clock.now());
    return { token, expiresAt };
  }

  /** The principal behind a cookie token, or null when the session is unknown, revoked, idle too long or past its lifetime. */
  async resolve(token: string): Promise<Principal | null> {
    if (token.length > 128) return null;
    const row = await repo.findLiveSessionByTokenHash(this.db, sha256Hex(token));
    if (!row || !this.isAlive(row)) return null;
    const account = await this.accounts.findAccount(this.db, row.member_id);
    if (!account || account.corpId !== row.corp_id) return null;
    // An admin session ends with the admin's last assignment (as it always has); a member's session never
    // carries admin rights, even once they are appointed: those need a sign-in with two-step verification.
    if (row.admin && !account.isAdmin) return null;
    const admin = row.admin && account.isAdmin;
    const now = this.clock.now();
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) await repo.touchSession(this.db, row.id, now);
    return {
      sessionId: row.id,
      corpId: row.corp_id,
      corpName: account.corpName,
      corpLanguage: account.defaultLanguage,
      memberId: row.member_id,
      userid: account.userid,
      name: account.name,
      stage: row.stage,
      csrfToken: row.csrf_token,
      isSuperAdmin: admin && account.isSuperAdmin,
      isAdmin: admin,
      grants: admin ? account.grants : new Map(),
    };
  }

  /** A member's live sessions. */
  async list(db: Executor, memberId: string): Promise<SessionRow[]> {
    return (await repo.listLiveSessions(db, memberId, this.clock.now())).filter((s) => this.isAlive(s));
  }

  async revoke(db: Executor, memberId: string, sessionId: string): Promise<boolean> {
    return repo.revokeSession(db, memberId, sessionId, this.clock.now());
  }

  async revokeAll(db: Executor, memberId: string): Promise<number> {
    return repo.revokeAllSessions(db, memberId, this.clock.now());
  }

  /** Ends every session of a member except the one given (e.g. after they change their password there). */
  async revokeOthers(db: Executor, memberId: string, keepSessionId: string): Promise<number> {
    return repo.revokeOtherSessions(db, memberId, keepSessionId, this.clock.now());
  }

  private isAlive(row: SessionRow): boolean {
    const now = this.clock.now().getTime();
    return row.expires_at.getTime() > now && now - row.last_seen_at.getTime() < this.policy.idleMinutes * 60_000;
  }
}
