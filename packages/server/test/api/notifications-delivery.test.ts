import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { smtpCatcher } from '../smtp-catcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher, webhookSignature, type Notice } from '../../src/modules/notifications';
import { SecretBox } from '../../src/platform/kernel/crypto';
import { SmtpEmailGateway } from '../../src/platform/kernel/smtp-email';
import { addActiveMember, registerCorp, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

// Delivery over real transports: email to an SMTP server, webhooks to an HTTP server, the live stream to a client.
const MONDAY_10 = new Date('2026-11-30T02:00:00Z');

let server: TestServer;
let corp: RegisteredCorp;
let alice: ActiveMember & { id: string };
let serial = 0;
const closers: (() => Promise<unknown>)[] = [];

async function notify(notice: Partial<Notice> = {}) {
  const full: Notice = { kind: 'security.alert', eventKey: `delivery-${++serial}`, title: `Sign-in alert ${serial}`, body: 'A new device signed in to your account.', url: 'https://orgdesk.example.com/security', ...notice };
  return server.services.db.transaction().execute((trx) => server.services.notifications.notifyCounted(trx, corp.corpId, [alice.id], full));
}

async function deliveryOf(eventKey: string, channel: 'email' | 'webhook') {
  return server.database.db
    .selectFrom('notification_deliveries as d')
    .innerJoin('messages as m', 'm.id', 'd.message_id')
    .select(['d.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error'])
    .where('m.event_key', '=', eventKey)
    .where('d.channel', '=', channel)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.set(MONDAY_10);
  corp = await registerCorp(server, { name: '星河科技' });
  const member = await addActiveMember(server, corp, { userid: 'alice', departments: [1] });
  const row = await server.database.db.updateTable('members').set({ email: 'alice@example.com' }).where('userid', '=', 'alice').where('corp_id', '=', corp.corpId).returning('id').executeTakeFirstOrThrow();
  alice = { ...member, id: row.id };
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await server?.close();
});

describe('email over SMTP', () => {
  it('delivers to a real SMTP server: the member\'s address, the subject and the body', async () => {
    const { mails: received, port, close } = await smtpCatcher();
    closers.push(close);
    const gateway = new SmtpEmailGateway(`smtp://127.0.0.1:${port}`, 'Orgdesk <no-reply@orgdesk.test>');
    closers.push(async () => gateway.close());
    // Only this test's dispatcher sends email (over SMTP); the server's own stays idle.
    const dispatcher = new NotificationDispatcher(server.database.db, server.clock, gateway, new SecretBox(server.config.secretKey), pino({ level: 'silent' }));

    await notify({ eventKey: 'smtp-1', title: 'Expense 42 approved', body: 'Your expense of CNY 320.00 was approved.' });
    await dispatcher.runOnce();
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('no-reply@orgdesk.test');
    expect(received[0]!.to).toEqual(['alice@example.com']);
    expect(received[0]!.raw).toMatch(/^Subject: Expense 42 approved\r?$/m);
    expect(received[0]!.raw).toContain('Your expense of CNY 320.00 was approved.');
    expect(received[0]!.raw).toContain('https://orgdesk.example.com/security');
    expect(await deliveryOf('smtp-1', 'email')).toMatchObject({ status: 'delivered', attempts: 1 });

    // A mail server that is down: the attempt fails and is retried later, not lost.
    await close();
    await notify({ eventKey: 'smtp-2' });
    await dispatcher.runOnce();
    expect(await deliveryOf('smtp-2', 'email')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(MONDAY_10.getTime() + 10_000), last_error: expect.any(String) });
  });
});

describe('webhooks', () => {
  it('POSTs signed JSON, retries with back-off on 500, then delivers', async () => {
    let answer = 200;
    const posts: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        posts.push({ headers: request.headers, body });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    closers.push(() => new Promise((done) => receiver.close(done)));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const created = await corp.client.post('/api/v1/notifications/webhooks', { name: '运维机器人', url });
    expect(created.status).toBe(200);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect((await corp.client.get('/api/v1/notifications/webhooks')).body.items).toEqual([{ id: created.body.webhook.id, name: '运维机器人', url, enabled: true, createdAt: expect.any(String) }]);

    server.clock.set(new Date(MONDAY_10.getTime() + 60_000));
    await notify({ eventKey: 'hook-1', title: '服务器告警', body: 'CPU 超过 90%', urgent: true });
    await server.services.notificationDispatcher.runOnce();
    expect(posts).toHaveLength(1);
    const first = posts[0]!;
    const timestamp = first.headers['x-orgdesk-timestamp'] as string;
    expect(first.headers['x-orgdesk-signature']).toBe(webhookSignature(secret, timestamp, first.body));
    expect(JSON.parse(first.body)).toMatchObject({ event: 'notification', corpId: corp.corpId, notice: { kind: 'security.alert', title: '服务器告警', content: 'CPU 超过 90%', urgent: true, app: null }, recipients: ['alice'] });

    answer = 500;
    await notify({ eventKey: 'hook-2' });
    await server.services.notificationDispatcher.runOnce();
    const failedAt = server.clock.now().getTime();
    expect(await deliveryOf('hook-2', 'webhook')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(failedAt + 10_000), last_error: 'the webhook answered 500' });
    server.clock.advance(9_000);
    await server.services.notificationDispatcher.runOnce();
    expect(posts).toHaveLength(2); // not yet due
    server.clock.advance(1_000);
    await server.services.notificationDispatcher.runOnce();
    expect(posts).toHaveLength(3);
    expect(await deliveryOf('hook-2', 'webhook')).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: new Date(server.clock.now().getTime() + 60_000) });
    answer = 200;
    server.clock.advance(60_000);
    await server.services.notificationDispatcher.runOnce();
    expect(await deliveryOf('hook-2', 'webhook')).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });

    // A receiver that never recovers: 10 s, 60 s, 5 min and 30 min later it is tried again, then the delivery fails.
    answer = 503;
    await notify({ eventKey: 'hook-3' });
    for (const wait of [0, 10, 60, 300, 1800]) {
      server.clock.advance(wait * 1000);
      await server.services.notificationDispatcher.runOnce();
    }
    expect(await deliveryOf('hook-3', 'webhook')).toMatchObject({ status: 'failed', attempts: 5, last_error: 'the webhook answered 503' });
    server.clock.advance(3_600_000);
    const before = posts.length;
    await server.services.notificationDispatcher.runOnce();
    expect(posts.length).toBe(before);

    const history = await corp.client.get('/api/v1/notifications/deliveries?channel=webhook');
    expect(history.status).toBe(200);
    expect(history.body.items.map((d: { status: string; attempts: number; target: string }) => [d.status, d.attempts, d.target])).toEqual([
      ['failed', 5, '运维机器人'],
      ['delivered', 3, '运维机器人'],
      ['delivered', 1, '运维机器人'],
    ]);
  });

  it('refuses a webhook URL that is not http(s), and answers 404 for a webhook of no one', async () => {
    const bad = await corp.client.post('/api/v1/notifications/webhooks', { name: 'x', url: 'ftp://example.com' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('url');
    expect((await corp.client.patch('/api/v1/notifications/webhooks/00000000-0000-4000-8000-000000000000', { enabled: false })).status).toBe(404);
  });
});

describe('the live stream', () => {
  it('pushes the unread count at once and again when a notice arrives, and refuses a client that does not ask for a stream', async () => {
    const client = server.client();
    expect((await client.post('/api/v1/auth/sign-in', { login: alice.mobile, password: alice.password })).body).toEqual({ next: 'done' });
    expect((await client.get('/api/v1/portal/notifications/stream')).status).toBe(406);

    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/portal/notifications/stream`, { headers: { cookie: client.sessionCookie!, accept: 'text/event-stream' }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<{ unread: number; latest: { title: string } | null }> => {
      for (;;) {
        const match = /event: unread\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const first = await nextEvent();
    await notify({ eventKey: 'live-1', title: '实时送达', urgent: true });
    const second = await nextEvent();
    expect(second).toEqual({ unread: first.unread + 1, latest: { id: expect.any(String), title: '实时送达' } });
    // Reading it elsewhere updates the count on the stream too.
    await client.me();
    expect((await client.post('/api/v1/portal/inbox/read-all')).status).toBe(200);
    expect((await nextEvent()).unread).toBe(0);
    controller.abort();
  });
});

describe('shutting down', () => {
  it('ends every open stream when the server closes, so a stop never waits on an open tab', async () => {
    const other = await startTestServer();
    other.clock.set(MONDAY_10);
    const owner = await registerCorp(other, { name: '关停测试' });
    const response = await fetch(`${other.url}/api/v1/portal/notifications/stream`, { headers: { cookie: owner.client.sessionCookie!, accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read(); // the stream is open and has spoken
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    for (;;) if ((await reader.read()).done) break; // the server ended it
  });
});
