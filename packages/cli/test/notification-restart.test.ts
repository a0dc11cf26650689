import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, expect, it } from 'vitest';
import { loadConfig, openRuntime, operatorContext } from '@orgdesk/server';
import { BIN, cli, envFor, freePort, json, ROOT, waitForHealth } from './cli-harness';

/**
 * A notice in the outbox is never lost: its email and webhook fail at first, the server is killed with SIGKILL
 * before the retry, and the restarted server delivers both — once.
 */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function startServer(dataDir: string, port: number, smtpPort: number): ChildProcess {
  const env = { ...envFor(dataDir), ORGDESK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ORGDESK_SMTP_FROM: 'no-reply@orgdesk.test' };
  const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env, stdio: 'ignore' });
  cleanups.push(() => server.exitCode === null && server.signalCode === null && server.kill('SIGKILL'));
  return server;
}

it('delivers an email and a webhook queued before a kill -9, once the server is back', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'orgdesk-notify-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const corpId = json(await cli(dir, 'corp', 'create', '--name', '测试企业', '--credit-code', '9144030071526726XG', '--admin-name', '张三', '--admin-mobile', '13800138000', '--admin-password', 'Passw0rd1', '--json')).corpId as string;

  // The webhook receiver fails at first; the mail server is not up yet.
  let answer = 500;
  let posts = 0;
  const hooked: string[] = [];
  const receiver: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      posts++;
      if (answer === 200) hooked.push(body);
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => receiver.close(done)));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const smtpPort = await freePort();

  // The notice is queued (urgent: due now, whatever the hour) while no server runs.
  // The same mail settings as the server's: without a mail server, notices are not emailed at all.
  const runtime = await openRuntime(loadConfig({ ...envFor(dir), LOG_LEVEL: 'silent', ORGDESK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }), { purpose: 'test' });
  try {
    const { services } = runtime;
    const admin = await services.db.updateTable('members').set({ email: 'zhangsan@example.com' }).where('corp_id', '=', corpId).returning('id').executeTakeFirstOrThrow();
    await services.db.transaction().execute(async (trx) => {
      await services.notifications.settings.createWebhook(trx, corpId, { name: 'ops', url: hookUrl, enabled: true }, operatorContext('test'));
      await services.notifications.notify(trx, corpId, [admin.id], { kind: 'security.alert', eventKey: 'restart-1', title: 'Sign-in alert', body: 'A new device signed in.', urgent: true });
    });
  } finally {
    await runtime.close();
  }

  const port = await freePort();
  const first = startServer(dir, port, smtpPort);
  await waitForHealth(`http://127.0.0.1:${port}`, first);
  // The webhook answers 500 and the mail server refuses: both retry in 10 s, when the server is killed outright.
  await expect.poll(() => posts, { timeout: 20_000, interval: 100 }).toBe(1);
  await new Promise((done) => setTimeout(done, 1000));
  first.kill('SIGKILL');
  await new Promise((done) => first.once('exit', done));

  answer = 200;
  const mails: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((done) => smtp.listen(smtpPort, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => smtp.close(() => done(undefined))));
  const second = startServer(dir, port, smtpPort);
  await waitForHealth(`http://127.0.0.1:${port}`, second);
  // Sent again once due: 10 s after the failed attempts (or, had the kill come mid-send, when the 60 s lease ran out).
  await expect.poll(() => hooked.length + mails.length, { timeout: 80_000, interval: 250 }).toBe(2);
  expect(JSON.parse(hooked[0]!)).toMatchObject({ event: 'notification', corpId, notice: { title: 'Sign-in alert', urgent: true } });
  expect(mails[0]!.to).toEqual(['zhangsan@example.com']);
  expect(mails[0]!.raw).toContain('A new device signed in.');
  second.kill('SIGTERM');
  await new Promise((done) => second.once('exit', done));

  const after = await openRuntime(loadConfig({ ...envFor(dir), LOG_LEVEL: 'silent' }), { purpose: 'test' });
  try {
    const rows = await after.services.db.selectFrom('notification_deliveries').select(['channel', 'status', 'attempts']).where('corp_id', '=', corpId).orderBy('channel').execute();
    expect(rows).toEqual([
      { channel: 'email', status: 'delivered', attempts: 2 },
      { channel: 'webhook', status: 'delivered', attempts: 2 },
    ]);
  } finally {
    await after.close();
  }
});
