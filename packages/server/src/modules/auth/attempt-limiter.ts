import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import * as repo from './attempt.repository';

/** How many failures a key gets for free, and how the lock grows after that. */
export interface BackoffPolicy {
  freeFailures: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  /** Failures older than this are forgotten. */
  forgetAfterSeconds: number;
}

/** A limit key with the policy that governs it, e.g. the account of a sign-in and the IP it came from. */
export interface LimitKey {
  key: string;
  policy: BackoffPolicy;
}

export const accountPolicy: BackoffPolicy = { freeFailures: 5, baseLockSeconds: 30, maxLockSeconds: 900, forgetAfterSeconds: 3600 };
export const ipPolicy: BackoffPolicy = { freeFailures: 30, baseLockSeconds: 30, maxLockSeconds: 900, forgetAfterSeconds: 3600 };

/**
 * Failure counting with exponential back-off, kept in the database so every process sees the same
 * counts. Keys never reveal whether an account exists: unknown logins are counted like known ones.
 */
export class AttemptLimiter {
  constructor(private readonly clock: Clock) {}

  /**
   * Refuses with a retry-after when any key is locked. Returns the keys that have failures on record,
   * so a success clears only what exists (most sign-ins have nothing to clear).
   */
  async check(db: Executor, keys: LimitKey[]): Promise<ReadonlySet<string>> {
    const now = this.clock.now().getTime();
    const rows = await repo.findCounters(db, keys.map((k) => k.key));
    const waits = rows.map((r) => (r.locked_until ? r.locked_until.getTime() - now : 0)).filter((ms) => ms > 0);
    if (waits.length > 0) throw new AppError('common.rate_limited', { retryAfterSeconds: Math.ceil(Math.max(...waits) / 1000) });
    return new Set(rows.map((r) => r.key));
  }

  /** Counts one failure against each key, locking those past their free failures. */
  async fail(db: Executor, keys: LimitKey[]): Promise<void> {
    const now = this.clock.now();
    for (const { key, policy } of keys) {
      const failures = await repo.incrementFailures(db, key, now, new Date(now.getTime() - policy.forgetAfterSeconds * 1000));
      const over = failures - policy.freeFailures;
      if (over >= 0) await repo.extendLock(db, key, new Date(now.getTime() + Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** over) * 1000));
    }
  }

  /** Clears a key after a success. */
  async reset(db: Executor, key: string): Promise<void> {
    await repo.deleteCounter(db, key);
  }
}
