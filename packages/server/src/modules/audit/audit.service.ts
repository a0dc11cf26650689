import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AuditEntry, AuditVerification } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { csvLine } from '../../platform/kernel/csv';
import * as repo from './audit.repository';
import type { AuditFilter } from './audit.repository';
import type { AuditRow } from './audit.table';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainedFields } from './canonical';
import { storedForm } from './scrub';

/** The chain of events that belong to no corp (e.g. a failed sign-in to an account that does not exist). */
export const PLATFORM_CHAIN = 'platform';

/** What a write tells the audit log about itself. */
export interface AuditInput {
  /** `module.verb`, e.g. `corp.settings_update`. */
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

const VERIFY_BATCH = 1000;
const MANY_CHUNK = 500;
const TARGET_HISTORY_LIMIT = 500;

/** An entry recorded inside `batched`, waiting for its end. */
interface HeldEntry {
  chain: string;
  ctx: ActorContext;
  input: AuditInput;
  at: Date;
}

/** Told of each recorded entry of a corp, inside the same transaction (e.g. to queue the callbacks it causes). */
export type AuditListener = (trx: Trx, corpId: string, ctx: ActorContext, input: AuditInput) => Promise<void>;

/** The append-only, hash-chained audit log; one chain per corp. */
export class AuditLog {
  private readonly listeners: AuditListener[] = [];
  /** Entries recorded inside `batched`, per transaction, not yet written. */
  private readonly held = new WeakMap<Trx, HeldEntry[]>();

  constructor(private readonly clock: Clock) {}

  /** Adds a listener for entries recorded one at a time (not for bulk `recordMany`, e.g. an import's). */
  onRecord(listener: AuditListener): void {
    this.listeners.push(listener);
  }

  /** Records one entry inside the caller's transaction, so the entry and the write commit or vanish together. */
  async record(trx: Trx, corpId: string | null, ctx: ActorContext, input: AuditInput): Promise<void> {
    const chain = corpId ?? PLATFORM_CHAIN;
    const entry = { chain, ctx, input, at: this.clock.now() };
    const held = this.held.get(trx);
    if (held) held.push(entry);
    else await this.append(trx, chain, [entry]);
    if (corpId !== null) for (const listener of this.listeners) await listener(trx, corpId, ctx, input);
  }

  /**
   * Runs `work` in `trx`, holding the entries it records and appending them when it ends, in their order: the chain's
   * head is then locked (until commit) for the last two statements only, and claimed once however many entries the
   * work recorded. Nested calls join the outermost.
   */
  async batched<T>(trx: Trx, work: () => Promise<T>): Promise<T> {
    if (this.held.has(trx)) return work();
    const held: HeldEntry[] = [];
    this.held.set(trx, held);
    try {
      const result = await work();
      for (const chain of new Set(held.map((e) => e.chain))) await this.append(trx, chain, held.filter((e) => e.chain === chain));
      return result;
    } finally {
      this.held.delete(trx);
    }
  }

  /** Claims seqs for entries of one chain and appends them: two statements. */
  private async append(trx: Trx, chain: string, entries: readonly HeldEntry[]): Promise<void> {
    const { firstSeq, prevHash } = await repo.claimSeqs(trx, chain, entries.length, GENESIS_HASH);
    let prev = prevHash;
    const rows = entries.map((e, i) => {
      const row = this.chained(chain, firstSeq + i, prev, e.ctx, e.input, e.at);
      prev = row.hash;
      return row;
    });
    await repo.appendEntries(trx, rows);
  }

  /**
   * Records many entries at once (a bulk import's one per member), chained in order, in the caller's transaction.
   * `inputs` is iterated once, a chunk at a time, so a caller can build 100,000 entries lazily.
   */
  async recordMany(trx: Trx, corpId: string, ctx: ActorContext, count: number, inputs: Iterable<AuditInput>): Promise<void> {
    if (count === 0) return;
    const { firstSeq, prevHash } = await repo.claimSeqs(trx, corpId, count, GENESIS_HASH);
    const at = this.clock.now();
    let prev = prevHash;
    let seq = firstSeq;
    // Built and written a chunk at a time: hashing 100,000 entries in one go would hold the event loop for seconds
    // and the whole list in memory. The next chunk is built while the database writes the last one.
    let writing: Promise<void> = Promise.resolve();
    for (const chunk of chunks(inputs, MANY_CHUNK)) {
      const rows = chunk.map((input) => {
        const row = this.chained(corpId, seq++, prev, ctx, input, at);
        prev = row.hash;
        return row;
      });
      await writing;
      writing = repo.insertEntries(trx, rows);
      writing.catch(() => {}); // handled by the next `await writing`; meanwhile not an unhandled rejection
      await yieldToEventLoop();
    }
    await writing;
    if (seq !== firstSeq + count) throw new Error(`recordMany was told ${count} entries and given ${seq - firstSeq}`);
    await repo.setHeadHash(trx, corpId, prev);
  }

  private chained(chain: string, seq: number, prevHash: string, ctx: ActorContext, input: AuditInput, at: Date) {
    const fields: ChainedFields = {
      chain,
      seq,
      at,
      actorId: ctx.actorId,
      actorName: ctx.actorName,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      // The hash covers exactly what the database will give back; the same text is what gets inserted.
      before: storedText(input.before),
      after: storedText(input.after),
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
      requestId: ctx.requestId,
    };
    return {
      chain,
      seq,
      at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      before: fields.before,
      after: fields.after,
      ip: fields.ip,
      user_agent: fields.userAgent,
      request_id: fields.requestId,
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    };
  }

  /** One page of a corp's log, newest first. */
  async list(db: Executor, corpId: string, filter: AuditFilter, page: number, pageSize: number): Promise<{ items: AuditEntry[]; total: number }> {
    const { rows, total } = await repo.pageEntries(db, corpId, filter, (page - 1) * pageSize, pageSize);
    return { items: rows.map(presentEntry), total };
  }

  /** What the corp's log says about one target, oldest first; at most 500 entries. Indexed for payouts (their history). */
  async historyOf(db: Executor, corpId: string, targetType: string, targetId: string): Promise<AuditEntry[]> {
    return (await repo.entriesOfTarget(db, corpId, targetType, targetId, TARGET_HISTORY_LIMIT)).map(presentEntry);
  }

  /** The filtered log as CSV lines, oldest first, read in batches so a long log streams. */
  async *exportCsv(db: Executor, corpId: string, filter: AuditFilter): AsyncGenerator<string> {
    yield csvLine(['seq', 'time', 'actor', 'actor_name', 'action', 'target_type', 'target_id', 'ip', 'user_agent', 'before', 'after', 'hash']);
    let after = 0;
    for (;;) {
      const rows = await repo.entriesAfter(db, corpId, after, VERIFY_BATCH, filter);
      for (const r of rows) {
        yield csvLine([r.seq, r.at.toISOString(), r.actor_id, r.actor_name, r.action, r.target_type, r.target_id, r.ip, r.user_agent, jsonOrEmpty(r.before), jsonOrEmpty(r.after), r.hash]);
      }
      if (rows.length < VERIFY_BATCH) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** Walks a chain from its first entry and names the first one that is missing, altered, out of place or cut off. */
  async verify(db: Executor, corpId: string): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = await repo.entriesAfter(db, corpId, expectedSeq - 1, VERIFY_BATCH);
      for (const row of rows) {
        const fault = checkRow(row, expectedSeq, prevHash);
        if (fault) return { ok: false, checked: expectedSeq - 1, firstBadSeq: expectedSeq, reason: fault };
        prevHash = row.hash;
        expectedSeq++;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const checked = expectedSeq - 1;
    const head = await repo.findHead(db, corpId);
    const headSeq = head?.seq ?? 0;
    if (headSeq !== checked || (checked > 0 && head?.hash !== prevHash)) {
      const reason = headSeq > checked ? `entries after ${checked} are missing (the log ends at ${headSeq})` : 'the chain head does not match the last entry';
      return { ok: false, checked, firstBadSeq: checked + 1, reason };
    }
    return { ok: true, checked, firstBadSeq: null, reason: null };
  }
}

function checkRow(row: AuditRow, expectedSeq: number, prevHash: string): string | null {
  if (row.seq !== expectedSeq) return `entry ${expectedSeq} is missing`;
  if (row.prev_hash !== prevHash) return `entry ${expectedSeq} does not link to the entry before it`;
  const recomputed = entryHash(prevHash, {
    chain: row.chain,
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before == null ? null : canonicalJson(row.before),
    after: row.after == null ? null : canonicalJson(row.after),
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
  });
  return recomputed === row.hash ? null : `entry ${expectedSeq} was altered`;
}

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

function storedText(value: unknown): string | null {
  const stored = storedForm(value);
  return stored === undefined || stored === null ? null : JSON.stringify(stored);
}

function jsonOrEmpty(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

function presentEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    userAgent: row.user_agent,
    hash: row.hash,
  };
}
