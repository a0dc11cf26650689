import type { ColumnType, Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';

/** Who a limit counts: a corp (any of its apps) or the caller's IP. */
export type RateScope = 'corp' | 'ip';

/** At most `max` calls of one API by one corp (or from one IP) in each clock-aligned window. */
export interface RateLimit {
  scope: RateScope;
  windowSeconds: number;
  max: number;
  /** Only these APIs, in place of the general limit of the same scope and window; absent: every API. */
  apis?: readonly string[];
}

/** ../shared/wecom-api.md §9.4, §14: the approval list and template detail, 600 a minute per corp. */
export const approvalApiLimit: RateLimit = { scope: 'corp', windowSeconds: 60, max: 600, apis: ['/cgi-bin/oa/getapprovalinfo', '/cgi-bin/oa/gettemplatedetail'] };

/** ../shared/wecom-api.md §14: per corp per API 1万/分 and 15万/时; per IP per API 2万/分 and 60万/时; and the APIs with lower limits of their own. */
export const wecomRateLimits: readonly RateLimit[] = [
  { scope: 'corp', windowSeconds: 60, max: 10_000 },
  { scope: 'corp', windowSeconds: 3600, max: 150_000 },
  { scope: 'ip', windowSeconds: 60, max: 20_000 },
  { scope: 'ip', windowSeconds: 3600, max: 600_000 },
  approvalApiLimit,
];

const sameWindow = (a: RateLimit, b: RateLimit) => a.scope === b.scope && a.windowSeconds === b.windowSeconds;

/** The limits one API meets: its own, and each general one whose scope and window it has none of its own for. */
export function limitsOf(limits: readonly RateLimit[], api: string): RateLimit[] {
  const own = limits.filter((l) => l.apis?.includes(api));
  return [...own, ...limits.filter((l) => !l.apis && !own.some((o) => sameWindow(o, l)))];
}

export interface ApiRateCountersTable {
  scope: RateScope;
  key: string;
  api: string;
  window_start: ColumnType<Date, Date, never>;
  window_seconds: number;
  count: number;
}

/** The table this module owns (migration 202611261110_api_rate_counters). */
export interface RateCounterTables {
  api_rate_counters: ApiRateCountersTable;
}

export interface RateHit {
  /** Null before the corp is known (gettoken): only the IP's limits apply. */
  corpId: string | null;
  /** Null when unknown: only the corp's limits apply. */
  ip: string | null;
  /** The route, e.g. '/cgi-bin/user/get'. */
  api: string;
}

export type RateVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

/** The clock-aligned window holding an instant (aligned to the epoch, so to UTC minutes and hours). */
export function windowAt(nowMs: number, windowSeconds: number): { start: number; end: number } {
  const size = windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  return { start, end: start + size };
}

/** One counter: calls of one API by one corp or IP in one window. */
export interface Counter {
  scope: RateScope;
  key: string;
  api: string;
  windowStart: number;
  windowSeconds: number;
  count: number;
}

function counterId(c: Counter): string {
  return JSON.stringify([c.scope, c.key, c.api, c.windowStart, c.windowSeconds]);
}

function addTo(map: Map<string, Counter>, id: string, counter: Counter): void {
  const held = map.get(id);
  if (held) held.count += counter.count;
  else map.set(id, { ...counter });
}

// Counters of windows that began over three hours ago (so ended over two hours ago) are deleted, and no longer flushed.
const RETAIN_MS = 3 * 3600_000;

/**
 * The in-memory side, without I/O: this process's counts, and the shared totals as of the last sync.
 *
 * A call is refused when `shared total + this process's unsynced calls + 1 > max` for any of its counters.
 * A sync reads back every current counter above `hotFraction · max` besides those this process added to; one
 * not read back is below that, and is assumed to stand right at it. So a process that never saw a corp's API
 * still cannot admit more than `max · (1 − hotFraction)` calls of it before its next sync, yet a sync reads
 * only the busy counters rather than one row per IP that ever called.
 */
export class RateLedger {
  private local = new Map<string, Counter>();
  /** Sent to the database, still counted here until its total (which includes them) comes back. */
  private readonly sending = new Map<string, Counter>();
  private shared = new Map<string, number>();
  /** limitsOf per API, worked out at its first call (the APIs are the routes, a fixed set). */
  private readonly limitsByApi = new Map<string, RateLimit[]>();
  /** When the last full sync began; null before the first. */
  private syncedAt: number | null = null;

  constructor(
    private readonly clock: Clock,
    readonly limits: readonly RateLimit[],
    private readonly options: { hotFraction: number; flushMs: number },
  ) {
    if (!(options.hotFraction >= 0 && options.hotFraction < 1)) throw new Error('hotFraction must be in [0, 1)');
  }

  /** Counters above this are read back at each sync. */
  threshold(limit: RateLimit): number {
    return Math.floor(limit.max * this.options.hotFraction);
  }

  /** Decides a call and counts it if allowed; a refused call counts nowhere (it would only burn the hour's budget). */
  hit(input: RateHit): RateVerdict {
    const now = this.clock.now().getTime();
    const cells: [string, Counter][] = [];
    let waitMs = 0;
    for (const limit of this.limitsFor(input.api)) {
      const key = limit.scope === 'corp' ? input.corpId : input.ip;
      if (key === null) continue;
      const window = windowAt(now, limit.windowSeconds);
      const cell: Counter = { scope: limit.scope, key, api: input.api, windowStart: window.start, windowSeconds: limit.windowSeconds, count: 1 };
      const id = counterId(cell);
      const mine = (this.local.get(id)?.count ?? 0) + (this.sending.get(id)?.count ?? 0);
      const known = this.shared.get(id);
      // A window that began after the last sync was not read back: nobody can have counted much in it yet.
      const total = known ?? (this.syncedAt === null || window.start <= this.syncedAt ? this.threshold(limit) : 0);
      if (total + mine + 1 > limit.max) {
        // Over only by the assumption: the next sync tells, so come back after it rather than at the window's end.
        const assumed = known === undefined && mine + 1 <= limit.max;
        waitMs = Math.max(waitMs, assumed ? this.options.flushMs : window.end - now);
      }
      cells.push([id, cell]);
    }
    if (waitMs > 0) return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const [id, cell] of cells) addTo(this.local, id, cell);
    return { limited: false };
  }

  private limitsFor(api: string): RateLimit[] {
    let limits = this.limitsByApi.get(api);
    if (!limits) this.limitsByApi.set(api, (limits = limitsOf(this.limits, api)));
    return limits;
  }

  /** Moves the local counts to "sending", in one fixed order (so two processes' upserts cannot deadlock). */
  takeBatch(now: number): Counter[] {
    for (const [id, counter] of this.local) {
      if (counter.windowStart >= now - RETAIN_MS) addTo(this.sending, id, counter);
    }
    this.local = new Map();
    return [...this.sending.keys()].sort().map((id) => this.sending.get(id)!);
  }

  /** Part of a batch reached the database: the totals it answered replace those counts. */
  applied(sent: Counter[], totals: Counter[]): void {
    for (const counter of sent) this.sending.delete(counterId(counter));
    for (const total of totals) {
      const id = counterId(total);
      this.shared.set(id, Math.max(this.shared.get(id) ?? 0, total.count));
    }
  }

  /** What did not reach the database counts again at the next flush. */
  unsent(): void {
    for (const [id, counter] of this.sending) addTo(this.local, id, counter);
    this.sending.clear();
  }

  /** A full sync that began at `at`: the totals just answered and the counters read back become the view. */
  synced(at: number, totals: Counter[], readBack: Counter[]): void {
    const next = new Map<string, number>();
    for (const counter of [...totals, ...readBack]) {
      const id = counterId(counter);
      next.set(id, Math.max(next.get(id) ?? 0, counter.count));
    }
    this.shared = next;
    this.syncedAt = at;
  }
}

// 6 parameters a row, far below PostgreSQL's 65,535.
const CHUNK = 1000;
const CLEANUP_EVERY_MS = 10 * 60_000;

export interface RateLimiterOptions {
  limits?: readonly RateLimit[];
  /** How often counts go to the database and the others' come back; the overshoot across processes grows with it. */
  flushMs?: number;
  /** See RateLedger. */
  hotFraction?: number;
  /** A flush that failed in the background (its counts are kept for the next one). */
  onError?: (error: unknown) => void;
}

/**
 * The frequency limits of the WeCom-compatible API (errcode 45009), held across processes without a database
 * write per call: each process decides from memory, and about once a second adds its counts to a shared table
 * and reads back the others'.
 *
 * Overshoot: a process sees the others' calls at most one flush interval (plus a flush's duration) late, so a
 * window's total can pass `max` by at most what the other processes admit in that time — with N processes each
 * serving r calls/s of one corp's API, about (N − 1) · r · flushMs / 1000. While the database is unreachable,
 * each process enforces the limits alone and keeps its counts for the next flush that works.
 */
export class ApiRateLimiter {
  private readonly ledger: RateLedger;
  private readonly flushMs: number;
  private readonly onError: (error: unknown) => void;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private lastCleanup = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    options: RateLimiterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.onError = options.onError ?? (() => undefined);
    this.ledger = new RateLedger(clock, options.limits ?? wecomRateLimits, { hotFraction: options.hotFraction ?? 0.5, flushMs: this.flushMs });
  }

  /** Synchronous, no I/O: the hot path of every /cgi-bin call. */
  hit(input: RateHit): RateVerdict {
    return this.ledger.hit(input);
  }

  /** Adds this process's counts to the shared table and reads the totals back; one flush at a time. Rejects on failure. */
  flush(): Promise<void> {
    const run = this.queue.then(() => this.flushOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Syncs now, then every flushMs; a slow flush makes the next tick skip rather than queue up. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = true;
      this.flush()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.ticking = false;
        });
    };
    this.timer = setInterval(tick, this.flushMs);
    this.timer.unref(); // never what keeps the process alive
    tick();
  }

  /** Stops the timer and flushes once more; a failure is reported, not thrown, so shutdown goes on. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch((error: unknown) => this.onError(error));
  }

  private async flushOnce(): Promise<void> {
    const at = this.clock.now().getTime();
    const batch = this.ledger.takeBatch(at);
    const totals: Counter[] = [];
    try {
      for (let i = 0; i < batch.length; i += CHUNK) {
        const chunk = batch.slice(i, i + CHUNK);
        const answered = await addCounts(this.db, chunk);
        this.ledger.applied(chunk, answered);
        totals.push(...answered);
      }
    } finally {
      this.ledger.unsent();
    }
    this.ledger.synced(at, totals, await readBusy(this.db, at, this.ledger));
    if (at - this.lastCleanup >= CLEANUP_EVERY_MS) {
      this.lastCleanup = at;
      await this.db.deleteFrom('api_rate_counters').where('window_start', '<', new Date(at - RETAIN_MS)).execute();
    }
  }
}

const COUNTER_KEY = ['scope', 'key', 'api', 'window_start', 'window_seconds'] as const;

/** Adds counts in one statement; the totals it answers include every process's flushed calls. */
async function addCounts(db: Kysely<DB>, batch: Counter[]): Promise<Counter[]> {
  if (batch.length === 0) return [];
  const values = batch.map(({ scope, key, api, windowStart, windowSeconds, count }) => ({
    scope,
    key,
    api,
    window_start: new Date(windowStart),
    window_seconds: windowSeconds,
    count,
  }));
  const rows = await db
    .insertInto('api_rate_counters')
    .values(values)
    .onConflict((oc) => oc.columns(COUNTER_KEY).doUpdateSet((eb) => ({ count: eb('api_rate_counters.count', '+', eb.ref('excluded.count')) })))
    .returning([...COUNTER_KEY, 'count'])
    .execute();
  return rows.map(fromRow);
}

/** The current windows' counters above their read-back threshold, whoever counted them. */
async function readBusy(db: Kysely<DB>, at: number, ledger: RateLedger): Promise<Counter[]> {
  if (ledger.limits.length === 0) return [];
  const rows = await db
    .selectFrom('api_rate_counters')
    .select([...COUNTER_KEY, 'count'])
    .where((eb) =>
      eb.or(
        ledger.limits.map((limit) =>
          eb.and([
            eb('scope', '=', limit.scope),
            eb('window_seconds', '=', limit.windowSeconds),
            eb('window_start', '=', new Date(windowAt(at, limit.windowSeconds).start)),
            eb('count', '>', ledger.threshold(limit)),
            ...(limit.apis ? [eb('api', 'in', limit.apis)] : []),
          ]),
        ),
      ),
    )
    .execute();
  return rows.map(fromRow);
}

function fromRow(row: { scope: RateScope; key: string; api: string; window_start: Date; window_seconds: number; count: number }): Counter {
  // bigint arrives as a number where connect.ts sets the parser, as a string elsewhere.
  const { scope, key, api } = row;
  return { scope, key, api, windowStart: row.window_start.getTime(), windowSeconds: row.window_seconds, count: Number(row.count) };
}
