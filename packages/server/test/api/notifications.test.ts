import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/modules/notifications';
import { accessToken, addMemberWithEmail, registerCorp, signIn, signInMember, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

// The rules and the outbox over HTTP. The corp calendar is the default: Monday to Friday, 09:00–18:00, Asia/Shanghai
// (UTC+8). 2026-11-30 is a Monday.
const at = (iso: string) => new Date(iso);
const MONDAY_10 = at('2026-11-30T02:00:00Z');
const MONDAY_20 = at('2026-11-30T12:00:00Z');

let server: TestServer;
let corp: RegisteredCorp;
const people = new Map<string, ActiveMember & { id: string; email: string }>();
let serial = 0;

const signInAs = (userid: string) => signInMember(server, people.get(userid)!);

/** A notice as a module would send it, in its own transaction. */
async function notify(userids: string[], notice: Partial<Notice> = {}) {
  const full: Notice = { kind: 'approval.pending', eventKey: `event-${++serial}`, title: `待审批 ${serial}`, body: '张三提交了报销申请', url: '/portal/approvals/1', ...notice };
  const ids = userids.map((u) => people.get(u)!.id);
  return server.services.db.transaction().execute((trx) => server.services.notifications.notifyCounted(trx, corp.corpId, ids, full));
}

async function inboxTitles(userid: string): Promise<string[]> {
  const inbox = await (await signInAs(userid)).get('/api/v1/portal/inbox?pageSize=100');
  expect(inbox.status).toBe(200);
  return inbox.body.items.map((i: { body: { title?: string; content?: string } }) => i.body.title ?? i.body.content);
}

async function emailDeliveries(eventKey: string) {
  return server.database.db
    .selectFrom('notification_deliveries as d')
    .innerJoin('messages as m', 'm.id', 'd.message_id')
    .select(['d.channel', 'd.target', 'd.status', 'd.next_attempt_at'])
    .where('m.event_key', '=', eventKey)
    .execute();
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.set(MONDAY_10);
  corp = await registerCorp(server, { name: '星河科技' });
  for (const userid of ['alice', 'bob', 'carol', 'dave']) {
    people.set(userid, await addMemberWithEmail(server, corp, userid));
  }
});
afterAll(async () => server?.close());

describe('the rules', () => {
  it('during working hours, puts a system notice in the inbox at once with its title, body and link, once however often it is notified', async () => {
    server.clock.set(MONDAY_10);
    const notice = { eventKey: 'approval:42:pending', title: '报销单待你审批', body: '张三提交了 ¥320.00 的报销', url: '/portal/approvals/42' };
    expect(await notify(['alice'], notice)).toMatchObject({ inbox: 1, deferred: 0, emails: 1 });
    expect(await notify(['alice'], notice)).toMatchObject({ inbox: 0, emails: 0 });
    const inbox = await (await signInAs('alice')).get('/api/v1/portal/inbox');
    expect(inbox.body.items.filter((i: { kind: string }) => i.kind === 'approval.pending')).toEqual([
      { id: expect.any(String), app: null, kind: 'approval.pending', msgtype: 'notice', body: { title: '报销单待你审批', content: '张三提交了 ¥320.00 的报销', url: '/portal/approvals/42' }, urgent: false, createdAt: MONDAY_10.toISOString(), read: false },
    ]);
    expect(await emailDeliveries('approval:42:pending')).toEqual([{ channel: 'email', target: people.get('alice')!.id, status: 'pending', next_attempt_at: MONDAY_10 }]);
    // A second recipient of the same event gets their own copy; the first still has one.
    expect(await notify(['alice', 'bob'], notice)).toMatchObject({ inbox: 1 });
    expect((await emailDeliveries('approval:42:pending')).length).toBe(2);
  });

  it('outside working hours, a notice waits and is released at the next working time; an urgent one does not wait', async () => {
    server.clock.set(MONDAY_20);
    expect(await notify(['carol'], { eventKey: 'evening', title: '晚间通知' })).toMatchObject({ inbox: 1, deferred: 1 });
    expect(await notify(['carol'], { eventKey: 'evening-urgent', title: '紧急：服务器告警', urgent: true })).toMatchObject({ inbox: 1, deferred: 0 });
    expect(await inboxTitles('carol')).toEqual(['紧急：服务器告警']);
    expect(await emailDeliveries('evening')).toEqual([expect.objectContaining({ channel: 'email', next_attempt_at: at('2026-12-01T01:00:00Z') })]);

    server.clock.set(at('2026-12-01T00:59:00Z')); // Tuesday 08:59
    await server.services.notificationDispatcher.runOnce();
    expect(await inboxTitles('carol')).toEqual(['紧急：服务器告警']);
    const before = server.email.sent.length;
    server.clock.set(at('2026-12-01T01:00:05Z')); // Tuesday 09:00:05
    expect(await server.services.notificationDispatcher.runOnce()).toBeGreaterThanOrEqual(2); // the inbox row and the email
    expect(await inboxTitles('carol')).toEqual(['晚间通知', '紧急：服务器告警']);
    expect(server.email.sent.slice(before)).toContainEqual({ to: 'carol@example.com', subject: '晚间通知', text: '张三提交了报销申请\n/portal/approvals/1' });
  });

  it("follows the member's own time zone", async () => {
    const bob = await signInAs('bob');
    const saved = await bob.put('/api/v1/portal/notifications/preferences', { quietHours: null, timeZone: 'America/New_York', mutedAppIds: [], email: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ preferences: { timeZone: 'America/New_York' }, calendarTimeZone: 'Asia/Shanghai' });
    // Monday 10:00 in Shanghai is Sunday 21:00 in New York: bob waits for Monday 09:00 there (14:00 UTC); alice does not.
    server.clock.set(at('2026-11-30T02:00:00Z'));
    expect(await notify(['alice', 'bob'], { eventKey: 'zones', title: '跨时区通知' })).toMatchObject({ inbox: 2, deferred: 1 });
    expect(await inboxTitles('alice')).toContain('跨时区通知');
    expect(await inboxTitles('bob')).not.toContain('跨时区通知');
    server.clock.set(at('2026-11-30T14:00:01Z'));
    await server.services.notificationDispatcher.runOnce();
    expect(await inboxTitles('bob')).toContain('跨时区通知');
  });

  it('holds a notice through quiet hours, except an urgent one', async () => {
    const dave = await signInAs('dave');
    expect((await dave.put('/api/v1/portal/notifications/preferences', { quietHours: { start: '12:00', end: '14:00' }, timeZone: null, mutedAppIds: [], email: false })).status).toBe(200);
    server.clock.set(at('2026-12-01T04:30:00Z')); // Tuesday 12:30 in Shanghai
    await notify(['dave'], { eventKey: 'lunch', title: '午间通知' });
    await notify(['dave'], { eventKey: 'lunch-urgent', title: '午间紧急', urgent: true });
    expect(await inboxTitles('dave')).toEqual(['午间紧急']);
    // Email is off for dave: nothing is queued for it.
    expect(await emailDeliveries('lunch')).toEqual([]);
    server.clock.set(at('2026-12-01T06:00:00Z')); // 14:00
    await server.services.notificationDispatcher.runOnce();
    expect(await inboxTitles('dave')).toEqual(['午间通知', '午间紧急']);
  });

  it('keeps a muted app\'s messages silently in the inbox: no email', async () => {
    server.clock.set(at('2026-12-01T03:00:00Z'));
    const admin = await signIn(server, corp);
    const created = await admin.post('/api/v1/apps', { name: '打卡提醒', visibleRange: { all: true } });
    expect(created.status).toBe(200);
    const appId = created.body.app.id as string;
    const token = await accessToken(server, corp.corpId, created.body.secret);
    const carol = await signInAs('carol');
    const prefs = await carol.get('/api/v1/portal/notifications/preferences');
    expect(prefs.body.apps).toContainEqual({ id: appId, name: '打卡提醒' });
    expect((await carol.put('/api/v1/portal/notifications/preferences', { ...prefs.body.preferences, mutedAppIds: [appId] })).status).toBe(200);
    const sent = await fetch(`${server.url}/cgi-bin/message/send?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: created.body.app.agentId, touser: 'carol|alice', msgtype: 'text', text: { content: '记得打卡' } }) });
    expect(await sent.json()).toMatchObject({ errcode: 0, invaliduser: '' });
    expect(await inboxTitles('carol')).toContain('记得打卡');
    const deliveries = await server.database.db.selectFrom('notification_deliveries').select(['target']).where('channel', '=', 'email').where('created_at', '=', server.clock.now()).execute();
    expect(deliveries.map((d) => d.target)).toEqual([people.get('alice')!.id]);
  });

  it('refuses bad preferences with the field: an unknown zone, an app of no one, equal quiet hours', async () => {
    const alice = await signInAs('alice');
    const base = { quietHours: null, timeZone: null, mutedAppIds: [], email: true };
    const zone = await alice.put('/api/v1/portal/notifications/preferences', { ...base, timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.fields).toEqual([{ path: 'timeZone', reason: '必须是 IANA 时区（如 Asia/Shanghai）' }]);
    const app = await alice.put('/api/v1/portal/notifications/preferences', { ...base, mutedAppIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(app.status).toBe(400);
    expect(app.body.error).toMatchObject({ code: 'notifications.unknown_app', fields: [{ path: 'mutedAppIds.0', reason: '不是本企业的应用' }] });
    const quiet = await alice.put('/api/v1/portal/notifications/preferences', { ...base, quietHours: { start: '22:00', end: '22:00' } });
    expect(quiet.status).toBe(400);
  });
});

describe('message/send through the outbox', () => {
  it('waits outside working hours like any notice', async () => {
    server.clock.set(at('2026-12-01T03:30:00Z'));
    const admin = await signIn(server, corp);
    const created = await admin.post('/api/v1/apps', { name: '夜间播报', visibleRange: { all: true } });
    server.clock.set(at('2026-12-01T14:00:00Z')); // Tuesday 22:00
    const token = await accessToken(server, corp.corpId, created.body.secret);
    const sent = await fetch(`${server.url}/cgi-bin/message/send?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: created.body.app.agentId, touser: 'alice', msgtype: 'text', text: { content: '夜间播报内容' } }) });
    expect(await sent.json()).toMatchObject({ errcode: 0 });
    expect(await inboxTitles('alice')).not.toContain('夜间播报内容');
    server.clock.set(at('2026-12-02T01:00:30Z')); // Wednesday 09:00:30
    await server.services.notificationDispatcher.runOnce();
    expect(await inboxTitles('alice')).toContain('夜间播报内容');
  });
});

describe('corp settings', () => {
  it('lets an admin turn working-hours-only off (audited), and refuses a member', async () => {
    server.clock.set(at('2026-12-02T14:00:00Z'));
    const admin = await signIn(server, corp);
    expect((await admin.get('/api/v1/notifications/settings')).body).toEqual({ workingHoursOnly: true, emailEnabled: true, webhooksEnabled: true });
    expect((await (await signInAs('alice')).put('/api/v1/notifications/settings', { workingHoursOnly: false, emailEnabled: true, webhooksEnabled: true })).status).toBe(403);
    const saved = await admin.put('/api/v1/notifications/settings', { workingHoursOnly: false, emailEnabled: true, webhooksEnabled: true });
    expect(saved.body).toEqual({ workingHoursOnly: false, emailEnabled: true, webhooksEnabled: true });
    expect(await notify(['alice'], { eventKey: 'night-ok', title: '夜里也送达' })).toMatchObject({ deferred: 0 });
    expect(await inboxTitles('alice')).toContain('夜里也送达');
    const audit = await admin.get('/api/v1/audit?action=notifications.settings_update');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('notifications.settings_update');
    await admin.put('/api/v1/notifications/settings', { workingHoursOnly: true, emailEnabled: true, webhooksEnabled: true });
  });
});
