import { decrypt } from '@wecom/crypto';
import { afterAll, expect, it } from 'vitest';
import { loadConfig, openRuntime, operatorContext, wholeCorp } from '@orgdesk/server';
import { cli, envFor, failingReceiver, folderWithCorp, freePort, json, runCleanups, spawnServe, waitForHealth, type Cleanups } from './cli-harness';

/**
 * A callback queued by a directory change is never lost: the server sends it, the receiver fails, the server is
 * killed with SIGKILL before its retry, and the restarted server delivers it.
 */

const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const cleanups: Cleanups = [];
afterAll(() => runCleanups(cleanups));

it('delivers a change_contact event queued before a kill -9, once the server is back', { timeout: 180_000 }, async () => {
  const { dir, corpId } = await folderWithCorp('orgdesk-callback-', cleanups);
  json(await cli(dir, 'app', 'sync-secret', '--corp', corpId, '--json'));

  // The receiver fails at first, then recovers.
  const receiver = await failingReceiver('/cb', cleanups);
  const url = receiver.url;
  /** The events the receiver accepted, decrypted. */
  const received = () => receiver.accepted.map((body) => /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1]).filter((e): e is string => e !== undefined).map((e) => decrypt(AES_KEY, e).message);

  // Set the receiver and make a change while no server runs: the event waits in the outbox.
  const runtime = await openRuntime(loadConfig({ ...envFor(dir), LOG_LEVEL: 'silent' }), { purpose: 'test' });
  try {
    const { services } = runtime;
    const app = (await services.apps.list(services.db, corpId)).find((a) => a.kind === 'contacts_sync')!;
    await services.db.transaction().execute(async (trx) => {
      await services.apps.setCallback(trx, corpId, app.id, { url, token: 'Token1', encodingAesKey: AES_KEY }, operatorContext('test'));
      await services.members.create(trx, wholeCorp(corpId), { userid: 'lisi', name: '李四', mobile: '13800000002', departments: [{ id: 1, order: 0, isLeader: false }] }, operatorContext('test'));
    });
  } finally {
    await runtime.close();
  }

  const port = await freePort();
  const first = spawnServe(dir, port, cleanups);
  await waitForHealth(`http://127.0.0.1:${port}`, first);
  // The first attempt fails (500); the retry is 10 s away when the server is killed outright.
  await expect.poll(() => receiver.posts(), { timeout: 20_000, interval: 100 }).toBe(1);
  await new Promise((done) => setTimeout(done, 1000));
  first.kill('SIGKILL');
  await new Promise((done) => first.once('exit', done));

  receiver.recover();
  const second = spawnServe(dir, port, cleanups);
  await waitForHealth(`http://127.0.0.1:${port}`, second);
  // Sent again once due: 10 s after the failed attempt (or, had the kill come mid-send, when its 60 s lease ran out).
  await expect.poll(() => received().length, { timeout: 80_000, interval: 250 }).toBe(1);
  expect(received()[0]).toContain('<ChangeType><![CDATA[create_user]]></ChangeType>');
  expect(received()[0]).toContain('<UserID><![CDATA[lisi]]></UserID>');
  second.kill('SIGTERM');
  await new Promise((done) => second.once('exit', done));

  const after = await openRuntime(loadConfig({ ...envFor(dir), LOG_LEVEL: 'silent' }), { purpose: 'test' });
  try {
    const rows = await after.services.db.selectFrom('callback_deliveries').select(['status', 'attempts']).where('corp_id', '=', corpId).execute();
    expect(rows).toEqual([{ status: 'delivered', attempts: 2 }]);
  } finally {
    await after.close();
  }
});
