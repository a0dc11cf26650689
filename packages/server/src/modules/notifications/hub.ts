import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { listenerOf } from '../../platform/db/connect';
import type { Logger } from '../../platform/kernel/logger';
import { INBOX_CHANNEL } from './fanout';

type Subscriber = () => void;

/**
 * The live streams of this process, told when a member's inbox changed. Every process LISTENs on one channel, so a
 * notice committed by any process (or released by any dispatcher) reaches the member's stream wherever it is open.
 */
export class NotificationHub {
  private readonly byMember = new Map<string, Set<Subscriber>>();
  private readonly byCorp = new Map<string, Set<string>>();
  private listening: Promise<(() => Promise<void>) | null> | null = null;
  private closed = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: Logger,
  ) {}

  /** Calls `onChange` whenever the member's inbox may have changed; the answer unsubscribes. */
  async subscribe(corpId: string, memberId: string, onChange: Subscriber): Promise<() => void> {
    await this.ensureListening();
    let subscribers = this.byMember.get(memberId);
    if (!subscribers) this.byMember.set(memberId, (subscribers = new Set()));
    subscribers.add(onChange);
    let members = this.byCorp.get(corpId);
    if (!members) this.byCorp.set(corpId, (members = new Set()));
    members.add(memberId);
    return () => {
      subscribers.delete(onChange);
      if (subscribers.size > 0) return;
      this.byMember.delete(memberId);
      members.delete(memberId);
      if (members.size === 0) this.byCorp.delete(corpId);
    };
  }

  /** How many streams are open in this process. */
  get size(): number {
    let n = 0;
    for (const set of this.byMember.values()) n += set.size;
    return n;
  }

  /** Stops listening (the database is about to close). */
  async close(): Promise<void> {
    this.closed = true;
    const stop = await this.listening?.catch(() => null);
    this.listening = null;
    await stop?.().catch(() => undefined);
  }

  private ensureListening(): Promise<(() => Promise<void>) | null> {
    this.listening ??= (async () => {
      const listen = this.closed ? null : listenerOf(this.db); // a stream opening while the server closes listens no more
      if (!listen) return null; // streams still answer on connect and recount on their heartbeat
      return listen(INBOX_CHANNEL, (payload) => this.dispatch(payload));
    })().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not listen for inbox changes; live streams recount on their heartbeat');
      this.listening = null;
      return null;
    });
    return this.listening;
  }

  private dispatch(payload: string): void {
    let message: { c?: unknown; m?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    const members = Array.isArray(message.m) ? (message.m as unknown[]).filter((m): m is string => typeof m === 'string') : [...(this.byCorp.get(String(message.c)) ?? [])];
    for (const member of members) for (const subscriber of this.byMember.get(member) ?? []) subscriber();
  }
}
