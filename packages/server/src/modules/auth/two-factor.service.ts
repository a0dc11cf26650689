import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { hmacHex, type SecretBox } from '../../platform/kernel/crypto';
import type { Principal } from '../../platform/http/access';
import type { AuditLog } from '../audit';
import type { AccountDirectory } from './account-directory';
import { accountPolicy, ipPolicy, type AttemptLimiter, type LimitKey } from './attempt-limiter';
import * as credentials from './credential.repository';
import type { IssuedSession, SessionService } from './session.service';
import { matchTotpStep, newTotpSecret, otpauthUrl } from './totp';

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read aloud and typed by hand

/** The second step of sign-in: TOTP enrolment and checks, recovery codes, operator reset. */
export class TwoFactorService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly accounts: AccountDirectory,
    private readonly sessions: SessionService,
    private readonly limiter: AttemptLimiter,
    private readonly audit: AuditLog,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly key: Buffer,
  ) {}

  /** The secret to enrol, created on first call and kept until confirmed, so a reload shows the same QR code. */
  async beginEnrollment(principal: Principal): Promise<{ secret: string; otpauthUrl: string }> {
    const row = await credentials.findCredentials(this.db, principal.memberId);
    if (!row) throw new AppError('auth.unauthenticated');
    if (row.totp_enrolled_at) throw new AppError('auth.already_enrolled');
    let secret = row.totp_pending_secret ? this.box.open(row.totp_pending_secret) : null;
    if (!secret) {
      secret = newTotpSecret();
      await credentials.setPendingTotp(this.db, principal.memberId, this.box.seal(secret));
    }
    const account = await this.accounts.findAccount(this.db, principal.memberId);
    return { secret, otpauthUrl: otpauthUrl(secret, `${principal.userid}@${account?.corpName ?? principal.corpId}`, 'Orgdesk') };
  }

  /** Confirms enrolment with a first code; returns the raised session and the recovery codes, shown once. */
  async confirmEnrollment(principal: Principal, code: string, ctx: ActorContext): Promise<{ session: IssuedSession; recoveryCodes: string[] }> {
    const keys = this.keys(principal, ctx);
    const counted = await this.limiter.check(this.db, keys);
    const row = await credentials.findCredentials(this.db, principal.memberId);
    if (!row?.totp_pending_secret || row.totp_enrolled_at) throw new AppError('auth.already_enrolled');
    const step = matchTotpStep(this.box.open(row.totp_pending_secret), code, this.clock.now());
    if (step === null) return this.refuse(principal, ctx, keys, 'totp_enrollment');
    const recoveryCodes = newRecoveryCodes();
    const session = await this.db.transaction().execute(async (trx) => {
      await credentials.confirmTotp(trx, principal.memberId, row.totp_pending_secret!, step, this.clock.now());
      await credentials.replaceRecoveryCodes(trx, principal.memberId, recoveryCodes.map((c) => this.hashRecovery(c)));
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.totp_enroll', targetType: 'member', targetId: principal.userid });
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.sign_in', targetType: 'session', targetId: principal.sessionId, after: { method: 'password+totp_enrollment' } });
      await this.accounts.confirmTwoStep(trx, principal.corpId, principal.memberId, ctx);
      return this.sessions.raise(trx, principal.sessionId, 'full');
    });
    if (counted.has(keys[0]!.key)) await this.limiter.reset(this.db, keys[0]!.key);
    return { session, recoveryCodes };
  }

  /** Checks a TOTP code (each usable once) or a recovery code and completes sign-in; returns the raised session. */
  async verify(principal: Principal, input: { code: string } | { recoveryCode: string }, ctx: ActorContext): Promise<IssuedSession> {
    const keys = this.keys(principal, ctx);
    const counted = await this.limiter.check(this.db, keys);
    const row = await credentials.findCredentials(this.db, principal.memberId);
    if (!row?.totp_secret) throw new AppError('auth.totp_enrollment_required');
    const now = this.clock.now();
    const method = 'code' in input ? 'totp' : 'recovery_code';
    const session = await this.db.transaction().execute(async (trx) => {
      let accepted: boolean;
      if ('code' in input) {
        const step = matchTotpStep(this.box.open(row.totp_secret!), input.code, now);
        accepted = step !== null && (await credentials.claimTotpStep(trx, principal.memberId, step));
      } else {
        accepted = await credentials.useRecoveryCode(trx, principal.memberId, this.hashRecovery(input.recoveryCode.trim().toLowerCase()), now);
      }
      if (!accepted) return null;
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.sign_in', targetType: 'session', targetId: principal.sessionId, after: { method: `password+${method}` } });
      await this.accounts.confirmTwoStep(trx, principal.corpId, principal.memberId, ctx);
      return this.sessions.raise(trx, principal.sessionId, 'full');
    });
    if (session === null) return this.refuse(principal, ctx, keys, method);
    if (counted.has(keys[0]!.key)) await this.limiter.reset(this.db, keys[0]!.key);
    return session;
  }

  /**
   * Step-up check before a sensitive action (e.g. resetting an app secret): a fresh TOTP code of the signed-in
   * admin, each usable once and counted against the same limits as sign-in.
   */
  async confirmCode(principal: Principal, code: string, ctx: ActorContext): Promise<void> {
    const keys = this.keys(principal, ctx);
    const counted = await this.limiter.check(this.db, keys);
    const row = await credentials.findCredentials(this.db, principal.memberId);
    if (!row?.totp_secret) throw new AppError('auth.totp_enrollment_required');
    const step = matchTotpStep(this.box.open(row.totp_secret), code, this.clock.now());
    const accepted = step !== null && (await this.db.transaction().execute((trx) => credentials.claimTotpStep(trx, principal.memberId, step)));
    if (!accepted) return this.refuse(principal, ctx, keys, 'step_up_totp');
    if (counted.has(keys[0]!.key)) await this.limiter.reset(this.db, keys[0]!.key);
  }

  /** Replaces the recovery codes; the old ones stop working. */
  async regenerateRecoveryCodes(principal: Principal, ctx: ActorContext): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await credentials.replaceRecoveryCodes(trx, principal.memberId, codes.map((c) => this.hashRecovery(c)));
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.recovery_codes_regenerate', targetType: 'member', targetId: principal.userid });
    });
    return codes;
  }

  async recoveryCodesLeft(memberId: string): Promise<number> {
    return credentials.countUnusedRecoveryCodes(this.db, memberId);
  }

  /** Operator recovery: clears the authenticator and recovery codes and ends every session; the admin enrols again at next sign-in. */
  async reset(corpId: string, memberId: string, userid: string, ctx: ActorContext): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await credentials.clearTotp(trx, memberId);
      await credentials.replaceRecoveryCodes(trx, memberId, []);
      const ended = await this.sessions.revokeAll(trx, memberId);
      await this.audit.record(trx, corpId, ctx, { action: 'auth.two_factor_reset', targetType: 'member', targetId: userid, after: { sessionsEnded: ended } });
    });
  }

  private keys(principal: Principal, ctx: ActorContext): LimitKey[] {
    return [
      { key: `code:member:${principal.memberId}`, policy: accountPolicy },
      { key: `code:ip:${ctx.ip ?? 'unknown'}`, policy: ipPolicy },
    ];
  }

  private async refuse(principal: Principal, ctx: ActorContext, keys: LimitKey[], method: string): Promise<never> {
    await this.db.transaction().execute(async (trx) => {
      await this.limiter.fail(trx, keys);
      await this.audit.record(trx, principal.corpId, ctx, { action: 'auth.sign_in_failed', targetType: 'member', targetId: principal.userid, after: { reason: method } });
    });
    throw new AppError('auth.invalid_code');
  }

  private hashRecovery(code: string): string {
    return hmacHex(this.key, `recovery:${code}`);
  }
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
