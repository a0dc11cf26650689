import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import { hmacHex, randomDigits, safeEqual } from '../../platform/kernel/crypto';
import type { SmsGateway } from '../../platform/kernel/sms';
import { AttemptLimiter, ipPolicy } from './attempt-limiter';
import * as repo from './verification.repository';

const TTL_SECONDS = 5 * 60;
const MAX_ATTEMPTS = 5;
const RESEND_SECONDS = 60;

/** One-time SMS codes: 6 digits, 5 minutes, 5 attempts, one send a minute per number. */
export class VerificationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly sms: SmsGateway,
    private readonly limiter: AttemptLimiter,
    private readonly clock: Clock,
    private readonly key: Buffer,
  ) {}

  /** Sends a code to a mobile and returns the id the caller quotes back with it. */
  async send(purpose: string, mobile: string, ip: string | null, language: 'zh-CN' | 'en'): Promise<{ verificationId: string; expiresInSeconds: number }> {
    const now = this.clock.now();
    const ipKey = { key: `sms:ip:${ip ?? 'unknown'}`, policy: ipPolicy };
    await this.limiter.check(this.db, [ipKey]);
    const last = await repo.latestCodeFor(this.db, purpose, mobile);
    const waited = last ? (now.getTime() - last.created_at.getTime()) / 1000 : Infinity;
    if (waited < RESEND_SECONDS) throw new AppError('common.rate_limited', { retryAfterSeconds: Math.ceil(RESEND_SECONDS - waited) });
    // Each send counts against the IP so one address cannot spray codes at many numbers.
    await this.limiter.fail(this.db, [ipKey]);
    const code = randomDigits(6);
    const row = await repo.insertCode(this.db, { purpose, target: mobile, code_hash: this.hash(purpose, mobile, code), expires_at: new Date(now.getTime() + TTL_SECONDS * 1000), created_at: now });
    const text = language === 'en' ? `Your Orgdesk verification code is ${code}. It expires in 5 minutes.` : `【Orgdesk】您的验证码是 ${code}，5 分钟内有效，请勿泄露。`;
    await this.sms.send(mobile, text);
    return { verificationId: row.id, expiresInSeconds: TTL_SECONDS };
  }

  /**
   * Checks a code without using it up; a wrong code counts an attempt (committed on its own, so a
   * failing request still counts). Returns the verified mobile.
   */
  async check(purpose: string, verificationId: string, code: string): Promise<string> {
    const now = this.clock.now();
    const row = await repo.findCode(this.db, verificationId);
    if (!row || row.purpose !== purpose || row.consumed_at || row.expires_at <= now || row.attempts >= MAX_ATTEMPTS) {
      throw new AppError('corp.verification_failed');
    }
    if (!safeEqual(row.code_hash, this.hash(purpose, row.target, code))) {
      await repo.countAttempt(this.db, row.id);
      throw new AppError('corp.verification_failed');
    }
    return row.target;
  }

  /** Uses the code up inside the caller's transaction, so it is spent only if the whole write commits. */
  async consume(trx: Executor, verificationId: string): Promise<void> {
    if (!(await repo.consumeCode(trx, verificationId, this.clock.now()))) throw new AppError('corp.verification_failed');
  }

  private hash(purpose: string, target: string, code: string): string {
    return hmacHex(this.key, `${purpose}:${target}:${code}`);
  }
}
