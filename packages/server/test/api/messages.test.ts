import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, addActiveMember, registerCorp, signInMember, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
let agentId: number;
let token: string;
const people = new Map<string, ActiveMember>();

async function send(body: Record<string, unknown>, accessToken = token) {
  server.clock.advance(1000); // one message a second, so "newest first" is well defined
  const response = await fetch(`${server.url}/cgi-bin/message/send?access_token=${accessToken}`, { method: 'POST', body: JSON.stringify({ agentid: agentId, ...body }) });
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

const signInAs = (userid: string) => signInMember(server, people.get(userid)!);

beforeAll(async () => {
  server = await startTestServer();
  // A Monday, 10:00 in Shanghai: messages reach the inbox at once (outside working hours they wait; see notifications.test.ts).
  server.clock.set(new Date('2026-11-30T02:00:00Z'));
  corp = await registerCorp(server, { name: '星河科技' });
  // 研发部 (2) ⊃ 前端组 (3); 销售部 (4).
  for (const [name, parentId] of [['研发部', 1], ['前端组', 2], ['销售部', 1]] as const) await corp.client.post('/api/v1/departments', { name, parentId });
  for (const [userid, department] of [['dev1', 2], ['dev2', 3], ['sales1', 4]] as const) people.set(userid, await addActiveMember(server, corp, { userid, departments: [department] }));
  const tag = await corp.client.post('/api/v1/tags', { name: '全员' });
  await corp.client.post(`/api/v1/tags/${tag.body.id}/add-members`, { userids: ['dev2'] });
  const app = await corp.client.post('/api/v1/apps', { name: '通知助手', visibleRange: { departmentIds: [2] } });
  agentId = app.body.app.agentId;
  token = await accessToken(server, corp.corpId, app.body.secret);
});
afterAll(async () => server?.close());

describe('message/send', () => {
  it('delivers within the visible range and names the recipients it could not reach', async () => {
    const sent = await send({ touser: 'DEV1|sales1|ghost', msgtype: 'text', text: { content: '下午三点开会' } });
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok', invaliduser: 'sales1|ghost', invalidparty: '', invalidtag: '', unlicenseduser: '', msgid: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const inbox = await (await signInAs('dev1')).get('/api/v1/portal/inbox');
    expect(inbox.body).toMatchObject({ total: 1, unread: 1, items: [{ app: { agentId, name: '通知助手' }, msgtype: 'text', body: { content: '下午三点开会' }, read: false }] });
    expect((await (await signInAs('sales1')).get('/api/v1/portal/inbox')).body.total).toBe(0);
  });

  it('reaches departments with their subtrees, tags and @all, never beyond the range', async () => {
    const card = { title: '报销到账', description: '<div class="gray">2026年11月</div>', url: 'https://example.com/p/1' };
    const toParty = await send({ toparty: '2|4|999', msgtype: 'textcard', textcard: card });
    expect(toParty).toMatchObject({ errcode: 0, invalidparty: '4|999' });
    const toTag = await send({ totag: '1|77', msgtype: 'markdown', markdown: { content: '**重要**' } });
    expect(toTag).toMatchObject({ errcode: 0, invalidtag: '77' });
    const toAll = await send({ touser: '@all', toparty: '4', msgtype: 'text', text: { content: '全员通知' } });
    expect(toAll).toMatchObject({ errcode: 0, invaliduser: '', invalidparty: '' });
    const dev2 = await (await signInAs('dev2')).get('/api/v1/portal/inbox');
    expect(dev2.body.items.map((i: { msgtype: string }) => i.msgtype)).toEqual(['text', 'markdown', 'textcard']);
    expect(dev2.body.items[2].body).toEqual({ ...card, btntxt: '详情' });
    expect((await (await signInAs('sales1')).get('/api/v1/portal/inbox')).body.total).toBe(0);
  });

  it('answers WeCom\'s errcodes: all invalid 81013, none given 82001, bad type 40008, bad content 40058, another agent 301002', async () => {
    expect((await send({ touser: 'sales1|ghost', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(81013);
    expect((await send({ msgtype: 'text', text: { content: 'x' } })).errcode).toBe(82001);
    expect((await send({ touser: 'dev1', msgtype: 'voice', voice: { media_id: 'x' } })).errcode).toBe(40008);
    expect((await send({ touser: 'dev1', msgtype: 'text', text: { content: 'x'.repeat(2049) } })).errcode).toBe(40058);
    expect((await send({ touser: 'dev1', msgtype: 'textcard', textcard: { title: 't', url: 'https://e.com' } })).errcode).toBe(40058);
    expect((await send({ touser: 'dev1', agentid: agentId + 1, msgtype: 'text', text: { content: 'x' } })).errcode).toBe(301002);
  });
});

describe('quotas', () => {
  it('silently leaves a member out past 30 messages a minute from one app, and delivers again the next minute', async () => {
    server.clock.advance(3_600_000); // a fresh hour for everyone
    const before = (await (await signInAs('sales1')).get('/api/v1/portal/inbox')).body.total;
    expect(before).toBe(0);
    const app = await corp.client.post('/api/v1/apps', { name: '高频应用', visibleRange: { departmentIds: [4] } });
    const busyToken = await accessToken(server, corp.corpId, app.body.secret);
    const sendBusy = async (n: number) => {
      server.clock.advance(500);
      const response = await fetch(`${server.url}/cgi-bin/message/send?access_token=${busyToken}`, { method: 'POST', body: JSON.stringify({ agentid: app.body.app.agentId, touser: 'sales1', msgtype: 'text', text: { content: `第${n}条` } }) });
      return ((await response.json()) as { errcode: number }).errcode;
    };
    for (let n = 1; n <= 31; n++) expect(await sendBusy(n)).toBe(0);
    expect((await (await signInAs('sales1')).get('/api/v1/portal/inbox')).body.total).toBe(30);
    server.clock.advance(60_000);
    expect(await sendBusy(32)).toBe(0);
    const inbox = (await (await signInAs('sales1')).get('/api/v1/portal/inbox')).body;
    expect(inbox.total).toBe(31);
    expect(inbox.items[0].body).toEqual({ content: '第32条' });
  });
});

describe('the inbox', () => {
  it('counts unread messages, marks one or all read, and keeps each member to their own', async () => {
    const dev1 = await signInAs('dev1');
    const before = await dev1.get('/api/v1/portal/inbox');
    expect(before.body.unread).toBeGreaterThanOrEqual(2);
    const first = before.body.items[0].id;
    expect((await dev1.post(`/api/v1/portal/inbox/${first}/read`)).status).toBe(200);
    expect((await dev1.get('/api/v1/portal/inbox/unread-count')).body.unread).toBe(before.body.unread - 1);
    expect((await dev1.get('/api/v1/portal/inbox?unread=true')).body.items.map((i: { id: string }) => i.id)).not.toContain(first);
    const sales1 = await signInAs('sales1');
    expect((await sales1.post(`/api/v1/portal/inbox/${first}/read`)).status).toBe(404);
    expect((await dev1.post('/api/v1/portal/inbox/read-all')).status).toBe(200);
    expect((await dev1.get('/api/v1/portal/inbox/unread-count')).body.unread).toBe(0);
  });
});
