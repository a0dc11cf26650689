import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { Principal } from '../../platform/http/access';
import type { AuditLog } from '../audit';
import type { AccountDirectory, AccountInfo } from './account-directory';
import { accountPolicy, ipPolicy, type AttemptLimiter, type LimitKey } from './attempt-limiter';
import * as credentials from './credential.repository';
import { verifyAgainstNothing, verifyPassword } from './password';
import type { SessionService } from './session.service';

/** What the first step of sign-in answers. */
export type SignInResult =
  | { next: 'totp' | 'enroll_totp' | 'done'; token: string; expiresAt: Date }
  | { next: 'choose_corp'; corps: { corpId: string; name: string }[] };

/** The limiter key sign-in counts wrong passwords against for a login (mobile or userid), shared by every password check of that account. */
export function signInLoginKey(login: string): LimitKey {
  return { key: `signin:login:${login.trim().toLowerCase()}`, policy: accountPolicy };
}

// A mobile can belong to a handful of corps; checking more passwords than this per attempt would be a DoS lever.
const MAX_CANDIDATES = 10;

/**
 * Step one of sign-in: mobile or userid + password. Admins (and members whose corp requires it) go on to
 * two-step verification; other members are signed in to the portal at once. Failures are counted per login and per IP
 * in their own commits (the request fails, the count must stay), and answered the same whether or
 * not the account exists.
 */
export class SignInService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly accounts: AccountDirectory,
    private readonly sessions: SessionService,
    private readonly limiter: AttemptLimiter,
    private readonly audit: AuditLog,
  ) {}

  async signIn(input: { login: string; password: string; corpId?: string }, ctx: ActorContext): Promise<SignInResult> {
    const login = input.login.trim();
    const keys: LimitKey[] = [
      signInLoginKey(login),
      { key: `signin:ip:${ctx.ip ?? 'unknown'}`, policy: ipPolicy },
    ];
    const counted = await this.limiter.check(this.db, keys);
    const candidates = (await this.accounts.findAccountsByLogin(this.db, login, input.corpId)).slice(0, MAX_CANDIDATES);
    const matches = await this.matchPassword(candidates, input.password);
    if (matches.length === 0) {
      await this.db.transaction().execute(async (trx) => {
        await this.limiter.fail(trx, keys);
        const corps = candidates.length > 0 ? [...new Set(candidates.map((c) => c.corpId))] : [null];
        for (const corpId of corps) {
          await this.audit.record(trx, corpId, { ...ctx, actorId: null, actorName: null }, { action: 'auth.sign_in_failed', targetType: 'login', targetId: login.slice(0, 64), after: { reason: 'password' } });
        }
      });
      throw new AppError('auth.invalid_credentials');
    }
    if (matches.length > 1) {
      return { next: 'choose_corp', corps: matches.map((m) => ({ corpId: m.account.corpId, name: m.account.corpName })) };
    }
    const { account, enrolled } = matches[0]!;
    if (counted.has(keys[0]!.key)) await this.limiter.reset(this.db, keys[0]!.key);
    const stage = !account.twoStepRequired ? 'full' : enrolled ? 'second_factor' : 'enroll_totp';
    const session = await this.db.transaction().execute(async (trx) => {
      const created = await this.sessions.create(trx, { corpId: account.corpId, memberId: account.memberId, stage, admin: account.isAdmin, ip: ctx.ip, userAgent: ctx.userAgent });
      const actor = { ...ctx, actorId: account.userid, actorName: account.name };
      await this.audit.record(trx, account.corpId, actor, { action: 'auth.password_verified', targetType: 'member', targetId: account.userid });
      if (stage === 'full') await this.audit.record(trx, account.corpId, actor, { action: 'auth.sign_in', targetType: 'member', targetId: account.userid, after: { method: 'password', portal: true } });
      return created;
    });
    return { next: stage === 'full' ? 'done' : enrolled ? 'totp' : 'enroll_totp', ...session };
  }

  /** Ends the caller's session. */
  async signOut(principal: Principal, ctx: ActorContext): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.revoke(trx, principal.memberId, principal.sessionId);
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.sign_out', targetType: 'session', targetId: principal.sessionId });
    });
  }

  private async matchPassword(candidates: AccountInfo[], password: string): Promise<{ account: AccountInfo; enrolled: boolean }[]> {
    const stored = new Map((await credentials.findCredentialsOf(this.db, candidates.map((c) => c.memberId))).map((c) => [c.member_id, c]));
    const withPassword = candidates.filter((c) => stored.has(c.memberId));
    if (withPassword.length === 0) {
      await verifyAgainstNothing(password);
      return [];
    }
    const results = [];
    for (const account of withPassword) {
      const row = stored.get(account.memberId)!;
      if (await verifyPassword(row.password_hash, password)) results.push({ account, enrolled: row.totp_enrolled_at !== null });
    }
    return results;
  }
}
