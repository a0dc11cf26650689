import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { Logger } from '../../platform/kernel/logger';
import { Poller } from '../../platform/kernel/poller';
import type { DeliveryRow } from './callbacks.table';
import { encryptedEnvelope } from './wecom-crypto';

export interface DispatcherOptions {
  fetch?: typeof fetch;
  /** WeCom gives a callback URL 5 s to answer. */
  timeoutMs?: number;
  /** The waits before each retry; WeCom retries 3 times. */
  retryDelaysSeconds?: readonly number[];
  pollMs?: number;
  batchSize?: number;
}

/** How long a sender keeps its claim on a delivery; past it (a crash), another sender takes it up. */
const LEASE_SECONDS = 60;

/**
 * Sends the outbox: claims due deliveries for a short lease (no transaction is held across the HTTP call, so
 * PGlite's one session stays free and a crash mid-send only delays the retry), encrypts and signs each with the
 * app's current key, posts it, and records the outcome: delivered on HTTP 200, else retried, then failed.
 */
export class CallbackDispatcher {
  private readonly poller: Poller;
  private readonly options: Required<DispatcherOptions>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    this.options = { fetch: globalThis.fetch, timeoutMs: 5000, retryDelaysSeconds: [10, 60, 300], pollMs: 1000, batchSize: 20, ...options };
    this.poller = new Poller(() => this.runOnce(), this.options.pollMs, logger, 'callback dispatch failed; will retry');
  }

  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }

  /** Sends what is due now; returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.claim(now);
    for (const delivery of claimed) await this.send(delivery, now);
    return claimed.length;
  }

  private async claim(now: Date): Promise<DeliveryRow[]> {
    const leaseEnd = new Date(now.getTime() + LEASE_SECONDS * 1000);
    const result = await sql<DeliveryRow>`
      update callback_deliveries set leased_until = ${leaseEnd}
       where id in (
         select id from callback_deliveries
          where status = 'pending' and next_attempt_at <= ${now} and (leased_until is null or leased_until < ${now})
          order by seq
          limit ${this.options.batchSize}
          for update skip locked)
      returning *`.execute(this.db);
    // RETURNING keeps no order: send in the order the changes happened.
    return result.rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  private async send(delivery: DeliveryRow, now: Date): Promise<void> {
    const app = await this.db
      .selectFrom('apps')
      .select(['corp_id', 'agent_id', 'callback_url', 'callback_token_sealed', 'callback_aes_key_sealed'])
      .where('id', '=', delivery.app_id)
      .executeTakeFirst();
    let error: string | null = null;
    // A delivery with a target of its own (a batch call's callback) goes there; otherwise to the app's callback URL.
    const receiver = delivery.target_url
      ? { url: delivery.target_url, token: delivery.target_token_sealed, key: delivery.target_aes_key_sealed }
      : { url: app?.callback_url ?? null, token: app?.callback_token_sealed ?? null, key: app?.callback_aes_key_sealed ?? null };
    if (!app || !receiver.url || !receiver.token || !receiver.key) {
      error = 'the app has no callback URL any more';
    } else {
      const envelope = encryptedEnvelope({
        corpId: app.corp_id,
        agentId: app.agent_id ?? '',
        token: this.box.open(receiver.token),
        encodingAesKey: this.box.open(receiver.key),
        message: delivery.message,
        timestamp: String(Math.floor(now.getTime() / 1000)),
      });
      const url = new URL(receiver.url);
      for (const [name, value] of Object.entries(envelope.query)) url.searchParams.set(name, value);
      try {
        const response = await this.options.fetch(url, { method: 'POST', body: envelope.body, headers: { 'content-type': 'text/xml; charset=utf-8' }, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs) });
        await response.body?.cancel();
        if (response.status !== 200) error = `the callback URL answered ${response.status}`;
      } catch (cause) {
        error = (cause as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs / 1000} s` : `could not connect: ${(cause as Error).message}`;
      }
    }
    await this.record(delivery, now, error);
  }

  private async record(delivery: DeliveryRow, now: Date, error: string | null): Promise<void> {
    const attempts = delivery.attempts + 1;
    const update = this.db.updateTable('callback_deliveries').where('id', '=', delivery.id);
    if (error === null) {
      await update.set({ status: 'delivered', attempts, delivered_at: now, leased_until: null, last_error: null }).execute();
      return;
    }
    const delay = this.options.retryDelaysSeconds[attempts - 1];
    if (delay === undefined) {
      await update.set({ status: 'failed', attempts, leased_until: null, last_error: error }).execute();
      this.logger.warn({ deliveryId: delivery.id, appId: delivery.app_id, error }, 'callback delivery failed for good');
      return;
    }
    await update.set({ attempts, next_attempt_at: new Date(now.getTime() + delay * 1000), leased_until: null, last_error: error }).execute();
  }
}
