import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { HttpApp } from '../../platform/http/server';
import type { NotificationService } from './notification.service';

/** A comment line this often keeps proxies from closing an idle stream, and recounts in case a NOTIFY was missed. */
const HEARTBEAT_MS = 25_000;
/**
 * A stream ends after this long and the browser reconnects (EventSource does by itself): the reconnect passes the
 * access check again, so a session that ended (sign-out, expiry, revoked) stops streaming within this time.
 */
const MAX_AGE_MS = 5 * 60_000;
/** Changes arriving within this window are sent as one event. */
const COALESCE_MS = 50;

/**
 * Server-sent events for one member: the unread count (and the newest item) at once, then whenever their inbox
 * changes in any process. Every stream ends when the server closes, so a stop never waits on an open tab.
 */
export class StreamRegistry {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly notifications: NotificationService,
  ) {}

  /** Ends every open stream (the server is closing). */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }

  /** Takes over the reply and streams the member's inbox summary until the client goes or the server closes. */
  async serve(reply: FastifyReply, corpId: string, memberId: string): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write('retry: 3000\n\n');
    let closed = false;
    let pending: NodeJS.Timeout | null = null;
    let last = '';
    const push = async () => {
      pending = null;
      if (closed) return;
      try {
        const summary = await this.notifications.summary(this.db, memberId);
        const data = JSON.stringify(summary);
        if (data !== last && !closed) raw.write(`event: unread\ndata: ${data}\n\n`);
        last = data;
      } catch {
        // The database is closing or busy: the next change or heartbeat tries again.
      }
    };
    const schedule = () => {
      pending ??= setTimeout(() => void push(), COALESCE_MS);
    };
    const heartbeat = setInterval(() => {
      if (!closed) raw.write(': ping\n\n');
      schedule();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let unsubscribe: () => void = () => undefined;
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(maxAge);
      if (pending) clearTimeout(pending);
      unsubscribe();
      this.open.delete(end);
      raw.end();
    };
    const maxAge = setTimeout(end, MAX_AGE_MS);
    maxAge.unref();
    // Registered before anything is awaited: a server closing meanwhile must still find and end this stream.
    this.open.add(end);
    raw.on('close', end);
    if (this.notifications.hub) {
      const stop = await this.notifications.hub.subscribe(corpId, memberId, schedule);
      if (closed) stop();
      else unsubscribe = stop;
    }
    await push();
  }
}

/** Registers the stream's shutdown: streams end before the server waits for open connections. */
export function endStreamsOnClose(app: HttpApp, registry: StreamRegistry, notifications: NotificationService): void {
  app.addHook('preClose', async () => registry.closeAll());
  app.addHook('onClose', async () => notifications.hub?.close());
}
