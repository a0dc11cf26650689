import type { PortalPasswordChange } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Principal } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { checkPassword, hashPassword, signInLoginKey, upsertPasswordHash, type AttemptLimiter, type SessionService } from '../auth';
import type { MemberPortalService } from '../directory';

/**
 * A member changing their own password in the portal. The current password is checked like a sign-in: a wrong
 * one counts against the same limiter keys as a wrong sign-in of that member (mobile and userid), so a left-open
 * session cannot be used to guess at the password faster than the sign-in page allows.
 */
export class PortalPasswordService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly limiter: AttemptLimiter,
    private readonly sessions: SessionService,
    private readonly directory: MemberPortalService,
  ) {}

  /** Checks the current password, stores the new one and ends the member's other sessions; the current one stays. */
  async change(principal: Principal, input: PortalPasswordChange, ctx: ActorContext): Promise<{ ok: true }> {
    const member = await this.directory.identity(this.db, principal.memberId);
    if (!member || member.corpId !== principal.corpId) throw new AppError('auth.unauthenticated');
    const logins = [...new Set([member.mobile, member.userid].filter((l): l is string => !!l).map((l) => l.toLowerCase()))];
    const keys = logins.map(signInLoginKey);
    const counted = await this.limiter.check(this.db, keys);
    if (!(await checkPassword(this.db, member.memberId, input.currentPassword))) {
      // Its own commit: the request fails, the count and the audit entry must stay.
      await this.db.transaction().execute(async (trx) => {
        await this.limiter.fail(trx, keys);
        await this.audit.record(trx, member.corpId, ctx, { action: 'auth.password_change_failed', targetType: 'member', targetId: member.userid, after: { reason: 'current_password' } });
      });
      throw new AppError('portal.current_password_wrong', { fields: [{ path: 'currentPassword', reason: 'is not correct' }] });
    }
    // argon2 is slow on purpose: hash before the transaction opens.
    const hash = await hashPassword(input.newPassword);
    await this.db.transaction().execute(async (trx) => {
      await upsertPasswordHash(trx, member.memberId, member.corpId, hash, this.clock.now());
      const ended = await this.sessions.revokeOthers(trx, member.memberId, principal.sessionId);
      await this.audit.record(trx, member.corpId, ctx, { action: 'auth.password_change', targetType: 'member', targetId: member.userid, after: { otherSessionsEnded: ended } });
    });
    for (const key of keys) if (counted.has(key.key)) await this.limiter.reset(this.db, key.key);
    return { ok: true };
  }
}
