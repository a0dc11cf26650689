import { afterAll, expect, it } from 'vitest';
import { loadConfig, openRuntime, operatorContext } from '@orgdesk/server';
import { smtpCatcher } from '../../server/test/smtp-catcher';
import { envFor, failingReceiver, folderWithCorp, freePort, runCleanups, spawnServe, waitForHealth, type Cleanups } from './cli-harness';

/**
 * A notice in the outbox is never lost: its email and webhook fail at first, the server is killed with SIGKILL
 * before the retry, and the restarted server delivers both — once.
 */

/** The mail server the restarted server sends through. */
const smtpEnv = (port: number) => ({ ORGDESK_SMTP_URL: `smtp://127.0.0.1:${port}`, ORGDESK_SMTP_FROM: 'no-reply@orgdesk.test' });

const cleanups: Cleanups = [];
afterAll(() => runCleanups(cleanups));

it('delivers an email and a webhook queued before a kill -9, once the server is back', { timeout: 180_000 }, async () => {
  const { dir, corpId } = await folderWithCorp('orgdesk-notify-', cleanups);

  // The webhook receiver fails at first; the mail server is not up yet.
  const hook = await failingReceiver('/hook', cleanups);
  const smtpPort = await freePort();

  // The notice is queued (urgent: due now, whatever the hour) while no server runs.
  // The same mail settings as the server's: without a mail server, notices are not emailed at all.
  const runtime = await openRuntime(loadConfig({ ...envFor(dir), LOG_LEVEL: 'silent', ORGDESK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }), { purpose: 'test' });
  try {
    const { services } = runtime;
    const admin = await services.db.updateTable('members').set({ email: 'zhangsan@example.com' }).where('corp_id', '=', corpId).returning('id').executeTakeFirstOrThrow();
    await services.db.transaction().execute(async (trx) => {
      await services.notifications.settings.createWebhook(trx, corpId, { name: 'ops', url: hook.url, enabled: true }, operatorContext('test'));
      await services.notifications.notify(trx, corpId, [admin.id], { kind: 'security.alert', eventKey: 'restart-1', title: 'Sign-in alert', body: 'A new device signed in.', urgent: true });
    });
  } finally {
    await runtime.close();
  }

  const port = await freePort();
  const first = spawnServe(dir, port, cleanups, smtpEnv(smtpPort));
  await waitForHealth(`http://127.0.0.1:${port}`, first);
  // The webhook answers 500 and the mail server refuses: both retry in 10 s, when the server is killed outright.
  await expect.poll(() => hook.posts(), { timeout: 20_000, interval: 100 }).toBe(1);
  await new Promise((done) => setTimeout(done, 1000));
  first.kill('SIGKILL');
  await new Promise((done) => first.once('exit', done));

  hook.recover();
  const { mails, close } = await smtpCatcher(smtpPort);
  cleanups.push(close);
  const second = spawnServe(dir, port, cleanups, smtpEnv(smtpPort));
  await waitForHealth(`http://127.0.0.1:${port}`, second);
  // Sent again once due: 10 s after the failed attempts (or, had the kill come mid-send, when the 60 s lease ran out).
  await expect.poll(() => hook.accepted.length + mails.length, { timeout: 80_000, interval: 250 }).toBe(2);
  expect(JSON.parse(hook.accepted[0]!)).toMatchObject({ event: 'notification', corpId, notice: { title: 'Sign-in alert', urgent: true } });
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
