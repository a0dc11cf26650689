import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackDispatcher } from '../../src/modules/callbacks';
import { SecretBox } from '../../src/platform/kernel/crypto';
import { accessToken, contactsSyncSecret, registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';
import { AES_KEY, startWecomReceiver, TOKEN, type WecomReceiver } from '../wecom-receiver';

let server: TestServer;
let corp: RegisteredCorp;
let receiver: WecomReceiver;
let syncApp: { id: string };
let syncSecret: string;

const field = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];
const dispatch = () => server.services.callbackDispatcher.runOnce();

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  receiver = await startWecomReceiver(corp.corpId);
  const sync = await contactsSyncSecret(server, corp, { apiWrite: true });
  syncApp = sync.app;
  syncSecret = sync.secret;
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('callback URL', () => {
  it('is saved only after the echostr handshake succeeds, with the key sealed', async () => {
    const wrongKey = await corp.client.put(`/api/v1/apps/${syncApp.id}/callback`, { url: receiver.url, token: 'WrongToken1', encodingAesKey: AES_KEY });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.error).toMatchObject({ code: 'apps.callback_unverified', fields: [{ path: 'url', reason: expect.stringContaining('403') }] });
    const saved = await corp.client.put(`/api/v1/apps/${syncApp.id}/callback`, { url: receiver.url, token: TOKEN, encodingAesKey: AES_KEY });
    expect(saved.status).toBe(200);
    expect(saved.body.callback).toEqual({ url: receiver.url, verifiedAt: expect.any(String) });
    const row = await server.database.db.selectFrom('apps').select(['callback_aes_key_sealed']).where('id', '=', syncApp.id).executeTakeFirstOrThrow();
    expect(row.callback_aes_key_sealed).not.toContain(AES_KEY);
  });
});

describe('change_contact events', () => {
  it('posts console changes to the directory-sync app, encrypted and signed as WeCom does', async () => {
    const department = await corp.client.post('/api/v1/departments', { name: '研发部', parentId: 1 });
    expect((await corp.client.post('/api/v1/members', { userid: 'zhangsan', name: '张三', mobile: '13800000001', departments: [{ id: department.body.id, isLeader: true }] })).status).toBe(200);
    expect(await dispatch()).toBe(2);
    const [party, user] = receiver.received.slice(-2);
    expect(field(party!, 'Event')).toBe('change_contact');
    expect(field(party!, 'ChangeType')).toBe('create_party');
    expect(field(party!, 'Id')).toBe(String(department.body.id));
    expect(field(user!, 'ChangeType')).toBe('create_user');
    expect(field(user!, 'UserID')).toBe('zhangsan');
    expect(field(user!, 'Department')).toBe(String(department.body.id));
    expect(field(user!, 'IsLeaderInDept')).toBe('1');
    expect(field(user!, 'ToUserName')).toBe(corp.corpId);
    const history = await corp.client.get(`/api/v1/apps/${syncApp.id}/callback/deliveries`);
    expect(history.body.items.slice(0, 2).map((d: { status: string; changeType: string }) => [d.status, d.changeType])).toEqual(expect.arrayContaining([['delivered', 'create_user'], ['delivered', 'create_party']]));
  });

  it('does not call the directory-sync app back for its own API changes', async () => {
    const token = await accessToken(server, corp.corpId, syncSecret);
    const answer = await fetch(`${server.url}/cgi-bin/user/create?access_token=${token}`, { method: 'POST', body: JSON.stringify({ userid: 'lisi', name: '李四', mobile: '13800000002', department: [1] }) });
    expect(((await answer.json()) as { errcode: number }).errcode).toBe(0);
    expect(await dispatch()).toBe(0);
  });

  it('reports a finished batch job as batch_job_result, to the app and to the receiver the batch call named', async () => {
    const token = await accessToken(server, corp.corpId, syncSecret);
    const form = new FormData();
    form.append('media', new Blob(['姓名,帐号,手机号,所在部门\r\n王五,wangwu,13800000003,1\r\n'], { type: 'text/csv' }), 'users.csv');
    const media = (await (await fetch(`${server.url}/cgi-bin/media/upload?access_token=${token}&type=file`, { method: 'POST', body: form })).json()) as { media_id: string };
    // The batch call names a receiver of its own too: the event goes there and to the app's callback URL.
    const body = { media_id: media.media_id, callback: { url: `${receiver.url}&from=batch`, token: TOKEN, encodingaeskey: AES_KEY } };
    const started = (await (await fetch(`${server.url}/cgi-bin/batch/syncuser?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json()) as { jobid: string };
    await expect.poll(async () => ((await (await fetch(`${server.url}/cgi-bin/batch/getresult?access_token=${token}&jobid=${started.jobid}`)).json()) as { status: number }).status).toBe(3);
    const before = receiver.received.length;
    expect(await dispatch()).toBe(2);
    expect(receiver.received.length).toBe(before + 2);
    const stored = await server.database.db.selectFrom('batch_jobs').select('callback').where('id', '=', started.jobid).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.callback)).not.toContain(AES_KEY);
    const event = receiver.received.at(-1)!;
    expect(field(event, 'Event')).toBe('batch_job_result');
    expect(field(event, 'JobId')).toBe(started.jobid);
    expect(field(event, 'JobType')).toBe('sync_user');
    expect(field(event, 'ErrCode')).toBe('0');
  });

  it('retries a failing URL three times, then marks the delivery failed', async () => {
    receiver.status = 500;
    await corp.client.patch('/api/v1/members/zhangsan', { position: '工程师' });
    expect(await dispatch()).toBe(1);
    for (const wait of [10, 60, 300]) {
      expect(await dispatch()).toBe(0); // not due yet
      server.clock.advance(wait * 1000);
      expect(await dispatch()).toBe(1);
    }
    const [failed] = (await corp.client.get(`/api/v1/apps/${syncApp.id}/callback/deliveries?status=failed`)).body.items;
    expect(failed).toMatchObject({ changeType: 'update_user', status: 'failed', attempts: 4, lastError: 'the callback URL answered 500' });
    expect(field(receiver.received.at(-1)!, 'Position')).toBe('工程师');
    receiver.status = 200;
  });

  it('keeps what is pending across a restart: another sender delivers it, and a crashed sender\'s claim runs out', async () => {
    await corp.client.post('/api/v1/members/zhangsan/disable');
    await server.database.db.updateTable('callback_deliveries').set({ leased_until: new Date(server.clock.now().getTime() + 60_000) }).where('status', '=', 'pending').execute();
    const restarted = new CallbackDispatcher(server.database.db, server.clock, new SecretBox(server.config.secretKey), pino({ level: 'silent' }));
    expect(await restarted.runOnce()).toBe(0); // still claimed by the sender that "crashed"
    server.clock.advance(61_000);
    expect(await restarted.runOnce()).toBe(1);
    expect(field(receiver.received.at(-1)!, 'Status')).toBe('2');
  });

  it('tells a custom app of changes inside its visible range only', async () => {
    const research = await departmentNamed('研发部');
    const custom = await corp.client.post('/api/v1/apps', { name: '研发助手', visibleRange: { departmentIds: [research] } });
    expect((await corp.client.put(`/api/v1/apps/${custom.body.app.id}/callback`, { url: receiver.url, token: TOKEN, encodingAesKey: AES_KEY })).status).toBe(200);
    await corp.client.post('/api/v1/members', { userid: 'inside', name: '内', mobile: '13800000007', departments: [{ id: research }] });
    await corp.client.post('/api/v1/members', { userid: 'outside', name: '外', mobile: '13800000008', departments: [{ id: 1 }] });
    await dispatch();
    const seenBy = async (appId: string) => (await corp.client.get(`/api/v1/apps/${appId}/callback/deliveries`)).body.items.map((d: { changeType: string }) => d.changeType);
    expect(await seenBy(custom.body.app.id)).toEqual(['create_user']);
    expect((await seenBy(syncApp.id)).slice(0, 2)).toEqual(['create_user', 'create_user']);
  });
});

async function departmentNamed(name: string): Promise<number> {
  const children = await corp.client.get('/api/v1/departments?parentId=1');
  return children.body.items.find((d: { name: string }) => d.name === name).id;
}
