import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db';
import { AttemptLimiter, type BackoffPolicy } from '../../src/modules/auth/attempt-limiter';
import type { DatabaseHandle } from '../../src/platform/db/connect';
import { ManualClock } from '../../src/platform/kernel/clock';
import { openTestDatabase } from '../test-db';

let database: DatabaseHandle<DB>;
const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
const limiter = new AttemptLimiter(clock);
const policy: BackoffPolicy = { freeFailures: 5, baseLockSeconds: 30, maxLockSeconds: 900, forgetAfterSeconds: 3600 };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function failures(key: string): Promise<number | undefined> {
  return (await database.db.selectFrom('attempt_counters').select('failures').where('key', '=', key).executeTakeFirst())?.failures;
}

describe('attempt limiter', () => {
  it('counts every one of many parallel failures', async () => {
    await Promise.all(Array.from({ length: 12 }, () => database.db.transaction().execute((trx) => limiter.fail(trx, [{ key: 'parallel', policy }]))));
    expect(await failures('parallel')).toBe(12);
    await expect(limiter.check(database.db, [{ key: 'parallel', policy }])).rejects.toMatchObject({ code: 'common.rate_limited' });
  });

  it('doubles the lock with each failure past the free ones, up to the maximum', async () => {
    const key = { key: 'growing', policy };
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await limiter.fail(database.db, [key]);
      const error = await limiter.check(database.db, [key]).then(() => null, (e: { details: { retryAfterSeconds: number } }) => e);
      waits.push(error?.details.retryAfterSeconds ?? 0);
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('forgets failures after the quiet period and clears on reset', async () => {
    const key = { key: 'forgotten', policy };
    for (let i = 0; i < 4; i++) await limiter.fail(database.db, [key]);
    clock.advance(3601_000);
    await limiter.fail(database.db, [key]);
    expect(await failures('forgotten')).toBe(1);
    await limiter.reset(database.db, 'forgotten');
    expect(await failures('forgotten')).toBeUndefined();
  });
});
