import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/test-db';
import type { DB } from '../../db';
import type { DatabaseHandle } from '../../platform/db/connect';
import { ManualClock } from '../../platform/kernel/clock';
import { ApiRateLimiter, approvalApiLimit, limitsOf, RateLedger, wecomRateLimits, windowAt } from './rate-limit';
import type { RateHit, RateLimit, RateVerdict } from './rate-limit';

const at = (iso: string) => new Date(iso);
const tenPerMinute: RateLimit[] = [{ scope: 'corp', windowSeconds: 60, max: 10 }];

/** How many of `n` calls were allowed. */
function allowed(limiter: { hit(input: RateHit): RateVerdict }, n: number, input: RateHit): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (!limiter.hit(input).limited) ok++;
  return ok;
}

describe('rate windows and decisions', () => {
  // hotFraction 0: every counter is read back at a sync, so nothing is assumed and one process decides exactly.
  const ledger = (clock: ManualClock, limits: RateLimit[]) => new RateLedger(clock, limits, { hotFraction: 0, flushMs: 1000 });

  it('aligns windows to the clock minute and hour', () => {
    const now = Date.parse('2026-03-02T09:15:42.500Z');
    expect(windowAt(now, 60)).toEqual({ start: Date.parse('2026-03-02T09:15:00Z'), end: Date.parse('2026-03-02T09:16:00Z') });
    expect(windowAt(now, 3600)).toEqual({ start: Date.parse('2026-03-02T09:00:00Z'), end: Date.parse('2026-03-02T10:00:00Z') });
  });

  it('defaults to the reference limits', () => {
    expect(wecomRateLimits).toEqual([
      { scope: 'corp', windowSeconds: 60, max: 10_000 },
      { scope: 'corp', windowSeconds: 3600, max: 150_000 },
      { scope: 'ip', windowSeconds: 60, max: 20_000 },
      { scope: 'ip', windowSeconds: 3600, max: 600_000 },
      { scope: 'corp', windowSeconds: 60, max: 600, apis: ['/cgi-bin/oa/getapprovalinfo', '/cgi-bin/oa/gettemplatedetail'] },
    ]);
  });

  it('gives an API with a limit of its own that limit in place of the general one of its scope and window', () => {
    const [corpMinute, corpHour, ipMinute, ipHour] = wecomRateLimits;
    expect(limitsOf(wecomRateLimits, '/cgi-bin/oa/getapprovalinfo')).toEqual([approvalApiLimit, corpHour, ipMinute, ipHour]);
    expect(limitsOf(wecomRateLimits, '/cgi-bin/oa/gettemplatedetail')).toEqual([approvalApiLimit, corpHour, ipMinute, ipHour]);
    expect(limitsOf(wecomRateLimits, '/cgi-bin/oa/getapprovaldetail')).toEqual([corpMinute, corpHour, ipMinute, ipHour]);
    expect(limitsOf(wecomRateLimits, '/cgi-bin/user/get')).toEqual([corpMinute, corpHour, ipMinute, ipHour]);
  });

  it('counts an API with a limit of its own against that limit, and the others against the general one', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = ledger(clock, [
      { scope: 'corp', windowSeconds: 60, max: 5 },
      { scope: 'corp', windowSeconds: 60, max: 2, apis: ['/cgi-bin/oa/getapprovalinfo'] },
    ]);
    expect(allowed(limits, 3, { corpId: 'a', ip: null, api: '/cgi-bin/oa/getapprovalinfo' })).toBe(2);
    expect(allowed(limits, 6, { corpId: 'a', ip: null, api: '/cgi-bin/oa/getapprovaldetail' })).toBe(5);
  });

  it('refuses past the limit until the window ends, with the seconds left in it', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:42.500Z'));
    const limits = ledger(clock, [{ scope: 'corp', windowSeconds: 60, max: 3 }]);
    const call = { corpId: 'c1', ip: '10.0.0.1', api: '/cgi-bin/user/get' };
    expect(allowed(limits, 3, call)).toBe(3);
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 18 });
    clock.set(at('2026-03-02T09:15:59.999Z'));
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 1 });
    clock.set(at('2026-03-02T09:16:00Z'));
    expect(allowed(limits, 4, call)).toBe(3);
  });

  it('blocks for the rest of the hour when the hourly limit is reached', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = ledger(clock, [{ scope: 'corp', windowSeconds: 3600, max: 2 }]);
    const call = { corpId: 'c1', ip: null, api: '/cgi-bin/user/get' };
    expect(allowed(limits, 2, call)).toBe(2);
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 45 * 60 });
  });

  it('counts corps and IPs independently; an unknown IP only meets the corp limits', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = ledger(clock, [
      { scope: 'corp', windowSeconds: 60, max: 2 },
      { scope: 'ip', windowSeconds: 60, max: 3 },
    ]);
    const api = '/cgi-bin/user/get';
    expect(allowed(limits, 3, { corpId: 'a', ip: '10.0.0.1', api })).toBe(2); // corp a's limit
    expect(allowed(limits, 2, { corpId: 'b', ip: '10.0.0.1', api })).toBe(1); // then the IP's (2 + 1 = 3)
    expect(allowed(limits, 1, { corpId: 'c', ip: '10.0.0.2', api })).toBe(1); // another IP, another corp
    expect(allowed(limits, 2, { corpId: 'b', ip: null, api })).toBe(1); // corp b had one call left
    expect(allowed(limits, 3, { corpId: null, ip: '10.0.0.2', api })).toBe(2); // the IP had two left
  });

  it('counts each API independently', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = ledger(clock, [{ scope: 'corp', windowSeconds: 60, max: 2 }]);
    expect(allowed(limits, 3, { corpId: 'a', ip: null, api: '/cgi-bin/user/get' })).toBe(2);
    expect(allowed(limits, 3, { corpId: 'a', ip: null, api: '/cgi-bin/department/list' })).toBe(2);
  });

  it('does not count a refused call against the other windows', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = ledger(clock, [
      { scope: 'corp', windowSeconds: 60, max: 3 },
      { scope: 'corp', windowSeconds: 3600, max: 5 },
    ]);
    const call = { corpId: 'a', ip: null, api: '/cgi-bin/user/get' };
    expect(allowed(limits, 10, call)).toBe(3);
    clock.advance(60_000);
    expect(allowed(limits, 10, call)).toBe(2); // the hour had 2 left, not burnt by the 7 refused
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 44 * 60 });
  });

  it('assumes a counter not read back stands at the threshold, and retries after the next sync', () => {
    const clock = new ManualClock(at('2026-03-02T09:15:00Z'));
    const limits = new RateLedger(clock, tenPerMinute, { hotFraction: 0.5, flushMs: 1000 });
    const call = { corpId: 'a', ip: null, api: '/cgi-bin/user/get' };
    // Synced, and nothing above 5 of 10 was read back: the counter may stand at 5.
    limits.synced(clock.now().getTime(), [], []);
    expect(allowed(limits, 5, call)).toBe(5);
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 1 });
    // A window that began after the last sync starts from nothing.
    clock.advance(60_000);
    expect(allowed(limits, 11, call)).toBe(10);
    expect(limits.hit(call)).toEqual({ limited: true, retryAfterSeconds: 60 });
  });
});

describe('counters shared through the database', () => {
  let database: DatabaseHandle<DB>;
  let db: Kysely<DB>;

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
  });
  afterAll(async () => database?.close());

  async function stored(corpId: string): Promise<number | undefined> {
    const row = await db.selectFrom('api_rate_counters').select('count').where('scope', '=', 'corp').where('key', '=', corpId).executeTakeFirst();
    return row === undefined ? undefined : Number(row.count);
  }

  it('holds the limit across two processes once they have flushed', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    const [a, b] = [0, 1].map(() => new ApiRateLimiter(db, clock, { limits: tenPerMinute, hotFraction: 0 }));
    const call = { corpId: 'hold', ip: '10.0.0.1', api: '/cgi-bin/user/get' };
    await a!.flush();
    await b!.flush();
    // Between flushes each sees only its own calls.
    expect(allowed(a!, 6, call)).toBe(6);
    expect(allowed(b!, 3, call)).toBe(3);
    await a!.flush();
    await b!.flush();
    expect(await stored('hold')).toBe(9);
    expect(allowed(b!, 2, call)).toBe(1);
    await b!.flush();
    await a!.flush();
    expect(await stored('hold')).toBe(10);
    expect(a!.hit(call)).toEqual({ limited: true, retryAfterSeconds: 50 });
    expect(b!.hit(call)).toEqual({ limited: true, retryAfterSeconds: 50 });
    clock.advance(60_000);
    expect(allowed(a!, 1, call) + allowed(b!, 1, call)).toBe(2);
  });

  it('adds to the shared count, never overwrites it, also when both flush at once', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    const [a, b] = [0, 1].map(() => new ApiRateLimiter(db, clock, { limits: [{ scope: 'corp', windowSeconds: 60, max: 100 }] }));
    const call = { corpId: 'adds', ip: null, api: '/cgi-bin/user/get' };
    allowed(a!, 3, call);
    await a!.flush();
    allowed(b!, 4, call);
    await b!.flush();
    expect(await stored('adds')).toBe(7);
    allowed(a!, 5, call);
    allowed(b!, 6, call);
    await Promise.all([a!.flush(), b!.flush()]);
    expect(await stored('adds')).toBe(18);
  });

  it('reads back the busy counters another process made', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    // Counters above 3 of 10 are read back; one not read back is assumed to stand at 3.
    const [a, b] = [0, 1].map(() => new ApiRateLimiter(db, clock, { limits: tenPerMinute, hotFraction: 0.3 }));
    const call = { corpId: 'busy', ip: null, api: '/cgi-bin/user/get' };
    await a!.flush();
    await b!.flush();
    expect(allowed(a!, 10, call)).toBe(7);
    await a!.flush();
    await b!.flush(); // b added nothing, yet learns of a's 7
    expect(allowed(b!, 10, call)).toBe(3);
    expect(b!.hit(call)).toEqual({ limited: true, retryAfterSeconds: 50 });
  });

  it('reads back a busy counter by the threshold of the API\'s own limit', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    const api = '/cgi-bin/oa/getapprovalinfo';
    // Above 3 of the API's 10 is busy, though far below the general 30 of 100.
    const limits: RateLimit[] = [{ scope: 'corp', windowSeconds: 60, max: 100 }, { scope: 'corp', windowSeconds: 60, max: 10, apis: [api] }];
    const [a, b] = [0, 1].map(() => new ApiRateLimiter(db, clock, { limits, hotFraction: 0.3 }));
    const call = { corpId: 'busy-api', ip: null, api };
    await a!.flush();
    await b!.flush();
    expect(allowed(a!, 7, call)).toBe(7);
    await a!.flush();
    await b!.flush();
    expect(allowed(b!, 10, call)).toBe(3);
  });

  it('keeps the counts of a failing flush for the next one', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    const a = new ApiRateLimiter(db, clock, { limits: tenPerMinute, hotFraction: 0 });
    const call = { corpId: 'fails', ip: null, api: '/cgi-bin/user/get' };
    await a.flush();
    expect(allowed(a, 4, call)).toBe(4);
    await sql`alter table api_rate_counters rename to api_rate_counters_away`.execute(db);
    try {
      await expect(a.flush()).rejects.toThrow(/api_rate_counters/);
      // Still counted while the database is away.
      expect(allowed(a, 10, call)).toBe(6);
    } finally {
      await sql`alter table api_rate_counters_away rename to api_rate_counters`.execute(db);
    }
    await a.flush();
    expect(await stored('fails')).toBe(10);
    await a.flush(); // nothing left to add: still 10, not 20
    expect(await stored('fails')).toBe(10);
  });

  it('flushes from its timer, reports a failing one without throwing, and flushes on stop', async () => {
    const clock = new ManualClock(at('2026-03-02T09:15:10Z'));
    const errors: unknown[] = [];
    const a = new ApiRateLimiter(db, clock, { limits: tenPerMinute, flushMs: 20, onError: (error) => errors.push(error) });
    const call = { corpId: 'timer', ip: null, api: '/cgi-bin/user/get' };
    a.start();
    a.hit(call);
    a.hit(call);
    await waitFor(async () => (await stored('timer')) === 2);
    await sql`alter table api_rate_counters rename to api_rate_counters_away`.execute(db);
    try {
      a.hit(call);
      await waitFor(async () => errors.length > 0);
    } finally {
      await sql`alter table api_rate_counters_away rename to api_rate_counters`.execute(db);
    }
    a.hit(call);
    await a.stop();
    expect(await stored('timer')).toBe(4);
  });

  it('deletes windows that ended over two hours ago', async () => {
    const clock = new ManualClock(at('2026-03-05T09:15:10Z'));
    const call = { corpId: 'old', ip: null, api: '/cgi-bin/user/get' };
    const a = new ApiRateLimiter(db, clock, { limits: tenPerMinute });
    await a.flush();
    a.hit(call);
    await a.flush();
    clock.set(at('2026-03-05T12:15:00Z'));
    await new ApiRateLimiter(db, clock, { limits: tenPerMinute }).flush();
    expect(await stored('old')).toBe(1); // its window ended 2 h 59 min ago
    clock.set(at('2026-03-05T12:16:01Z'));
    await new ApiRateLimiter(db, clock, { limits: tenPerMinute }).flush();
    expect(await stored('old')).toBeUndefined();
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting');
}
