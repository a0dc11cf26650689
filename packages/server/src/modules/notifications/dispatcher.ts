import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { EmailGateway } from '../../platform/kernel/email';
import type { Logger } from '../../platform/kernel/logger';
import { Poller } from '../../platform/kernel/poller';
import { INBOX_CHANNEL } from './fanout';
import type { NotificationDeliveryRow } from './notifications.table';
import { loadDigests, sendDigest, type DigestContext } from './digests';
import { loadContexts, sendEmail, sendWebhook, type SendContext, type SendOutcome } from './senders';

/** How the dispatcher sends and retries. */
export interface NotificationDispatcherOptions {
  fetch?: typeof fetch;
  /** A webhook has 5 s to answer. */
  timeoutMs?: number;
  /** The waits before each retry; after the last, the delivery has failed. */
  retryDelaysSeconds?: readonly number[];
  /** Deferred notices are released at most this long after they fall due (the target is ≤ 60 s; the p95 of a send ≤ 5 s). */
  pollMs?: number;
  batchSize?: number;
  /** Sends in flight at once within a batch. */
  concurrency?: number;
}

/** How long a sender keeps its claim on a delivery; past it (a crash), another sender takes it up. */
const LEASE_SECONDS = 60;
/** The lease a batch claimed at `now` holds: its outcomes are recorded only while it is still theirs. */
const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_SECONDS * 1000);
/** Full batches one run works through before yielding to the next tick. */
const MAX_BATCHES_PER_RUN = 20;
/** Inbox rows released per statement, so PGlite's single session is never held for long. */
const RELEASE_BATCH = 5000;

/** A claimed delivery, with the lease it had before: one that ran out means a sender stopped while sending it. */
type Claimed = NotificationDeliveryRow & { earlier_lease: Date | null };

/** What a batch's sends need, read before any of them. */
interface BatchContexts {
  notices: Map<string, SendContext>;
  digests: Map<string, DigestContext>;
}

/**
 * Delivers the notification outbox: releases deferred inbox rows as they fall due (set-based, announcing them on the
 * live stream), and sends due email, webhook and digest deliveries under a short lease — no transaction is held across
 * the network, so a crash mid-send only delays the retry (a digest is not retried after one: see sendDigest) —
 * retrying with back-off, then marking them failed.
 */
export class NotificationDispatcher {
  private readonly poller: Poller;
  private readonly options: Required<NotificationDispatcherOptions>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly email: EmailGateway,
    private readonly box: SecretBox,
    private readonly logger: Logger,
    options: NotificationDispatcherOptions = {},
  ) {
    this.options = { fetch: globalThis.fetch, timeoutMs: 5000, retryDelaysSeconds: [10, 60, 300, 1800], pollMs: 1000, batchSize: 100, concurrency: 16, ...options };
    this.poller = new Poller(() => this.runOnce(), this.options.pollMs, logger, 'notification dispatch failed; will retry');
  }

  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }

  /**
   * Releases what fell due and sends what is due now — batch after batch while full ones keep coming, up to a bound
   * so a backlog cannot hold one run for ever; returns how many inbox rows and deliveries it handled.
   */
  async runOnce(): Promise<number> {
    let handled = await this.release(this.clock.now());
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      // Each batch reads the clock afresh: its lease must run from when it is taken.
      const now = this.clock.now();
      const claimed = await this.claim(now);
      const contexts = { notices: await loadContexts(this.db, claimed), digests: await loadDigests(this.db, claimed, now) };
      const delivered: string[] = [];
      // Several senders work through the batch: one slow receiver must not hold up the rest.
      const queue = [...claimed];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const outcome = await this.send(next, contexts, now);
          if (outcome.error === null) delivered.push(next.id);
          else await this.recordFailure(next, now, { ...outcome, error: outcome.error });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
      // The delivered of a whole batch in one statement: the database stays free for the rest of the server. A lease
      // that ran out meanwhile is another sender's now: its outcome stands.
      if (delivered.length) await this.db.updateTable('notification_deliveries').set((eb) => ({ status: 'delivered', attempts: eb('attempts', '+', 1), delivered_at: now, leased_until: null, last_error: null })).where('id', 'in', delivered).where('leased_until', '=', leaseEnd(now)).execute();
      handled += claimed.length;
      if (claimed.length < this.options.batchSize) break;
    }
    return handled;
  }

  /** Makes deferred inbox rows live: one statement per batch, each corp's members announced with one NOTIFY. */
  private async release(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await sql<{ n: number }>`
        with due as (
          select member_id, message_id from inbox_items
           where push_pending and due_at <= ${now}::timestamptz
           order by due_at
           limit ${RELEASE_BATCH}
           for update skip locked),
        released as (
          update inbox_items i set push_pending = false
            from due where i.member_id = due.member_id and i.message_id = due.message_id
          returning i.corp_id, i.member_id),
        per_corp as (
          select corp_id, count(*)::int as n, pg_notify(${INBOX_CHANNEL}, json_build_object('c', corp_id, 'm', case when count(*) <= 150 then json_agg(distinct member_id) end)::text)
            from released group by corp_id)
        select coalesce(sum(n), 0)::int as n from per_corp`.execute(this.db);
      const n = result.rows[0]?.n ?? 0;
      total += n;
      if (n < RELEASE_BATCH) return total;
      await yieldToEventLoop();
    }
  }

  private async claim(now: Date): Promise<Claimed[]> {
    const result = await sql<Claimed>`
      update notification_deliveries d set leased_until = ${leaseEnd(now)}
        from (
          select id, leased_until as earlier_lease from notification_deliveries
           where status = 'pending' and next_attempt_at <= ${now} and (leased_until is null or leased_until < ${now})
           order by next_attempt_at, seq
           limit ${this.options.batchSize}
           for update skip locked) due
       where d.id = due.id
      returning d.*, due.earlier_lease`.execute(this.db);
    return result.rows.sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || Number(a.seq) - Number(b.seq));
  }

  private async send(delivery: Claimed, contexts: BatchContexts, now: Date): Promise<SendOutcome> {
    // A lease is cleared whenever a send's outcome is recorded: one left over was cut short mid-send.
    if (delivery.channel === 'digest') return this.guarded(() => sendDigest(this.email, contexts.digests.get(delivery.id), delivery.earlier_lease !== null));
    const context = contexts.notices.get(delivery.id);
    if (!context) return { error: 'the notice was deleted', skip: true };
    return this.guarded(() =>
      delivery.channel === 'email' ? sendEmail(this.email, context) : sendWebhook(this.box, delivery, context, { fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, now }),
    );
  }

  /** A send that threw (a gateway's error) is a failure to retry, like any other. */
  private async guarded(send: () => Promise<SendOutcome>): Promise<SendOutcome> {
    try {
      return await send();
    } catch (cause) {
      return { error: (cause as Error).message || String(cause) };
    }
  }

  /**
   * A delivery not to send any more (skipped), to retry after its back-off, or failed for good after the last — unless
   * its lease ran out meanwhile and another sender took it up: that one's outcome stands.
   */
  private async recordFailure(delivery: NotificationDeliveryRow, now: Date, outcome: SendOutcome & { error: string }): Promise<void> {
    const attempts = delivery.attempts + 1;
    const update = this.db.updateTable('notification_deliveries').where('id', '=', delivery.id).where('leased_until', '=', leaseEnd(now));
    if (outcome.skip) {
      await update.set({ status: 'skipped', leased_until: null, last_error: outcome.error }).execute();
      return;
    }
    const delay = this.options.retryDelaysSeconds[attempts - 1];
    if (delay === undefined) {
      await update.set({ status: 'failed', attempts, leased_until: null, last_error: outcome.error.slice(0, 500) }).execute();
      this.logger.warn({ deliveryId: delivery.id, channel: delivery.channel, error: outcome.error }, 'notification delivery failed for good');
      return;
    }
    await update.set({ attempts, next_attempt_at: new Date(now.getTime() + delay * 1000), leased_until: null, last_error: outcome.error.slice(0, 500) }).execute();
  }
}
