import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { hashPassword, upsertPasswordHash, type IssuedSession, type SessionService, type VerificationService } from '../auth';
import type { CorpService, NewCorp } from './corp.service';

export const REGISTRATION_PURPOSE = 'corp_registration';

/**
 * Self-service registration as one workflow: the SMS code proves the mobile, then one transaction
 * spends the code, creates the corp and its super admin, sets the password and opens a session at
 * the enrolment stage. Anything failing leaves nothing behind and the code unspent.
 */
export class RegistrationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly corps: CorpService,
    private readonly verification: VerificationService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async register(
    input: Omit<NewCorp, 'adminMobile'> & { verificationId: string; code: string; password: string },
    ctx: ActorContext,
  ): Promise<{ corpId: string; userid: string; session: IssuedSession }> {
    await this.corps.checkCreditCode(this.db, input.creditCode);
    const mobile = await this.verification.check(REGISTRATION_PURPOSE, input.verificationId, input.code);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      await this.verification.consume(trx, input.verificationId);
      const created = await this.corps.create(trx, { ...input, adminMobile: mobile }, { ...ctx, actorName: input.adminName });
      await upsertPasswordHash(trx, created.memberId, created.corpId, passwordHash, this.clock.now());
      const session = await this.sessions.create(trx, { corpId: created.corpId, memberId: created.memberId, stage: 'enroll_totp', admin: true, ip: ctx.ip, userAgent: ctx.userAgent });
      return { corpId: created.corpId, userid: created.userid, session };
    });
  }
}
