import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher, type Notice } from '../../src/modules/notifications';
import { SecretBox } from '../../src/platform/kernel/crypto';
import type { EmailGateway, EmailMessage } from '../../src/platform/kernel/email';
import { addMemberWithEmail, registerCorp, signIn, signInMember, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

// Email digests. The corp calendar is the default: Monday to Friday, 09:00–18:00, Asia/Shanghai (UTC+8), and
// "working hours only" is on. 2026-11-30 is a Monday; 01:00Z is 09:00 in Shanghai.
const at = (iso: string) => new Date(iso);
const MONDAY_10 = at('2026-11-30T02:00:00Z');
const TUESDAY_09 = at('2026-12-01T01:00:00Z');
const WEDNESDAY_09 = at('2026-12-02T01:00:00Z');
const THURSDAY_09 = at('2026-12-03T01:00:00Z');
const FRIDAY_09 = at('2026-12-04T01:00:00Z');
const NEXT_MONDAY_09 = at('2026-12-07T01:00:00Z');
const HOUR = 3_600_000;

let server: TestServer;
let corp: RegisteredCorp;
const people = new Map<string, ActiveMember & { id: string; email: string }>();
let serial = 0;

const signInAs = (userid: string) => signInMember(server, people.get(userid)!);

async function notify(userids: string[], notice: Partial<Notice> = {}) {
  const full: Notice = { kind: 'approval.pending', eventKey: `digest-${++serial}`, title: `待审批 ${serial}`, body: '张三提交了报销申请', url: `/portal/approvals/${serial}`, ...notice };
  const ids = userids.map((u) => people.get(u)!.id);
  return server.services.db.transaction().execute((trx) => server.services.notifications.notifyCounted(trx, corp.corpId, ids, full));
}

async function setEmailMode(userid: string, emailMode: string) {
  const saved = await (await signInAs(userid)).put('/api/v1/portal/notifications/preferences', { quietHours: null, timeZone: null, mutedAppIds: [], emailMode });
  expect(saved.status).toBe(200);
}

/** Marks read the member's notice of that title. */
async function read(userid: string, title: string) {
  const client = await signInAs(userid);
  const inbox = await client.get('/api/v1/portal/inbox?pageSize=100');
  const item = inbox.body.items.find((i: { body: { title?: string } }) => i.body.title === title);
  expect((await client.post(`/api/v1/portal/inbox/${item.id}/read`)).status).toBe(200);
}

const mailTo = (userid: string, sent: readonly EmailMessage[] = server.email.sent) => sent.filter((m) => m.to === people.get(userid)!.email);
const digestsTo = (userid: string, sent?: readonly EmailMessage[]) => mailTo(userid, sent).filter((m) => m.subject.startsWith('【Orgdesk】'));

async function digestRows(userid: string) {
  return server.database.db
    .selectFrom('notification_deliveries')
    .select(['status', 'attempts', 'next_attempt_at', 'last_error', 'digest_on'])
    .where('channel', '=', 'digest')
    .where('target', '=', people.get(userid)!.id)
    .orderBy('seq')
    .execute();
}

/** A dispatcher of another server process, with its own mail gateway. */
function otherProcess(email: EmailGateway) {
  return new NotificationDispatcher(server.database.db, server.clock, email, new SecretBox(server.config.secretKey), pino({ level: 'silent' }));
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.set(MONDAY_10);
  corp = await registerCorp(server, { name: '星河科技' });
  for (const userid of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
    people.set(userid, await addMemberWithEmail(server, corp, userid));
  }
});
afterAll(async () => server?.close());

describe('choosing how notices arrive by email', () => {
  it('answers the mode and the older switch, maps the switch to a mode, and refuses a bad or contradicting one with the field', async () => {
    const frank = await signInAs('frank');
    const base = { quietHours: null, timeZone: null, mutedAppIds: [] };
    expect((await frank.get('/api/v1/portal/notifications/preferences')).body.preferences).toMatchObject({ emailMode: 'each', email: true });
    expect((await frank.put('/api/v1/portal/notifications/preferences', { ...base, email: false })).body.preferences).toMatchObject({ emailMode: 'off', email: false });
    expect((await frank.put('/api/v1/portal/notifications/preferences', { ...base, email: true })).body.preferences).toMatchObject({ emailMode: 'each', email: true });
    expect((await frank.put('/api/v1/portal/notifications/preferences', { ...base, emailMode: 'daily' })).body.preferences).toMatchObject({ emailMode: 'daily', email: true });
    expect((await frank.put('/api/v1/portal/notifications/preferences', { ...base, emailMode: 'daily', email: true })).status).toBe(200);

    const weekly = await frank.put('/api/v1/portal/notifications/preferences', { ...base, emailMode: 'weekly' });
    expect(weekly.status).toBe(400);
    expect(weekly.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['emailMode']);
    const contradicting = await frank.put('/api/v1/portal/notifications/preferences', { ...base, emailMode: 'daily', email: false });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['email']);
    expect((await frank.get('/api/v1/portal/notifications/preferences')).body.preferences).toMatchObject({ emailMode: 'daily', email: true });
  });
});

describe('daily digests', () => {
  it('sends no copy of each notice to a member on daily digests, and one digest the next working morning of what is still unread', async () => {
    for (const userid of ['alice', 'dave', 'erin']) await setEmailMode(userid, 'daily');
    await setEmailMode('carol', 'off');
    server.clock.set(MONDAY_10);
    expect(await notify(['alice', 'bob', 'carol', 'dave'], { title: '报销单 A' })).toMatchObject({ inbox: 4, emails: 1, digests: 2 });
    server.clock.set(new Date(MONDAY_10.getTime() + HOUR));
    // Alice's and Dave's digests of Tuesday exist already: a second notice schedules nothing more.
    expect(await notify(['alice', 'bob', 'carol', 'dave'], { title: '报销单 B' })).toMatchObject({ inbox: 4, emails: 1, digests: 0 });
    server.clock.set(at('2026-11-30T12:00:00Z')); // Monday 20:00: waits for Tuesday 09:00
    expect(await notify(['alice', 'bob', 'carol', 'dave'], { title: '报销单 C' })).toMatchObject({ inbox: 4, deferred: 4, emails: 1, digests: 0 });
    await server.services.notificationDispatcher.runOnce();
    // 'each' is unchanged: Bob has his two daytime notices, one by one; the others have no email at all.
    expect(mailTo('bob').map((m) => m.subject)).toEqual(['报销单 A', '报销单 B']);
    for (const userid of ['alice', 'carol', 'dave']) expect(mailTo(userid)).toEqual([]);

    await read('alice', '报销单 B');
    for (const title of ['报销单 A', '报销单 B']) await read('dave', title);

    // Monday night and Tuesday 08:59: nothing yet.
    server.clock.set(new Date(TUESDAY_09.getTime() - 60_000));
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('alice')).toEqual([]);

    server.clock.set(TUESDAY_09);
    await read('dave', '报销单 C');
    await server.services.notificationDispatcher.runOnce();
    const [digest, ...more] = digestsTo('alice');
    expect(more).toEqual([]);
    expect(digest!.subject).toBe('【Orgdesk】你有 2 条未读通知');
    expect(digest!.text).toContain('报销单 A（2026-11-30 10:00）');
    expect(digest!.text).toContain('/portal/approvals/1');
    expect(digest!.text).toContain('报销单 C（2026-12-01 09:00）');
    expect(digest!.text).not.toContain('报销单 B');
    expect(digest!.text).toContain('You have 2 unread notices in Orgdesk.');
    // Dave read everything: no mail, and his digest is skipped. Carol chose no email; Bob gets C on its own.
    expect(mailTo('dave')).toEqual([]);
    expect(await digestRows('dave')).toEqual([expect.objectContaining({ status: 'skipped', last_error: 'nothing unread', digest_on: '2026-12-01' })]);
    expect(mailTo('carol')).toEqual([]);
    expect(mailTo('bob').map((m) => m.subject)).toEqual(['报销单 A', '报销单 B', '报销单 C']);

    // Running again, now or later that day, sends nothing more.
    await server.services.notificationDispatcher.runOnce();
    server.clock.set(new Date(TUESDAY_09.getTime() + 3 * HOUR));
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('alice')).toHaveLength(1);
    expect(await digestRows('alice')).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
  });

  it("lists only what arrived since the member's last digest", async () => {
    server.clock.set(new Date(TUESDAY_09.getTime() + 4 * HOUR));
    expect(await notify(['alice'], { title: '报销单 D' })).toMatchObject({ digests: 1 });
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('alice')).toHaveLength(1);
    server.clock.set(WEDNESDAY_09);
    await server.services.notificationDispatcher.runOnce();
    const latest = digestsTo('alice').at(-1)!;
    expect(digestsTo('alice')).toHaveLength(2);
    expect(latest.subject).toBe('【Orgdesk】你有 1 条未读通知');
    expect(latest.text).toContain('报销单 D');
    expect(latest.text).not.toContain('报销单 A');
  });

  it('never sends a second digest after a sender stopped mid-send: two processes, then a crash', async () => {
    // Two processes at once: one digest.
    server.clock.set(new Date(WEDNESDAY_09.getTime() + HOUR));
    await notify(['alice'], { title: '报销单 E' });
    server.clock.set(THURSDAY_09);
    const other: EmailMessage[] = [];
    const before = digestsTo('alice').length;
    await Promise.all([server.services.notificationDispatcher.runOnce(), otherProcess({ delivers: true, send: async (m) => void other.push(m) }).runOnce()]);
    expect(digestsTo('alice').length - before + digestsTo('alice', other).length).toBe(1);

    // A process that stops while sending Erin's digest (as under kill -9): its lease runs out, and the digest is not
    // sent again by another process.
    server.clock.set(new Date(THURSDAY_09.getTime() + HOUR));
    await notify(['erin'], { title: '报销单 F' });
    server.clock.set(FRIDAY_09);
    let sending!: () => void;
    const started = new Promise<void>((resolve) => (sending = resolve));
    let finish!: () => void;
    const stuck = otherProcess({
      delivers: true,
      send: () => {
        sending();
        return new Promise<void>((resolve) => (finish = resolve));
      },
    }).runOnce();
    await started;
    server.clock.advance(61_000);
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('erin')).toEqual([]);
    expect(await digestRows('erin')).toEqual([expect.objectContaining({ status: 'skipped', last_error: expect.stringContaining('in doubt') })]);
    // The stuck process wakes up: its lease is gone, so what the other decided stands.
    finish();
    await stuck;
    expect(await digestRows('erin')).toEqual([expect.objectContaining({ status: 'skipped' })]);
  });

  it('retries a digest the mail server refused, with the usual back-off, and sends it once', async () => {
    await setEmailMode('frank', 'daily');
    server.clock.set(new Date(FRIDAY_09.getTime() + HOUR));
    await notify(['frank'], { title: '报销单 G' });
    server.clock.set(NEXT_MONDAY_09);
    await otherProcess({
      delivers: true,
      send: async () => {
        throw new Error('451 try again later');
      },
    }).runOnce();
    expect(await digestRows('frank')).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, next_attempt_at: new Date(NEXT_MONDAY_09.getTime() + 10_000), last_error: '451 try again later' })]);
    server.clock.advance(9_000);
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('frank')).toEqual([]);
    server.clock.advance(1_000);
    await server.services.notificationDispatcher.runOnce();
    await server.services.notificationDispatcher.runOnce();
    expect(digestsTo('frank').map((m) => m.subject)).toEqual(['【Orgdesk】你有 1 条未读通知']);
    expect(await digestRows('frank')).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
  });

  it('shows digests in the delivery history by member and day', async () => {
    const history = await (await signIn(server, corp)).get('/api/v1/notifications/deliveries?channel=digest');
    expect(history.status).toBe(200);
    expect(history.body.items).toContainEqual(expect.objectContaining({ channel: 'digest', target: 'frank', title: '2026-12-07', status: 'delivered' }));
  });
});
