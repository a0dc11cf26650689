import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/auth';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, testMobile, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/**
 * The member portal: an admin invites a member who has not activated, the member activates with the link
 * sent by SMS, signs in (without TOTP unless the corp requires it), edits the fields the corp allows, and
 * browses and searches colleagues as member visibility lets them — never reaching an admin route.
 */

let server: TestServer;
let corp: RegisteredCorp;
const d = { sales: 0, finance: 0, east: 0 };
const mobiles: Record<string, string> = {};
const password = 'Portal2026pass';

async function ok(answer: Promise<{ status: number; body: any }>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const result = await answer;
  if (result.status !== 200) throw new Error(`set-up failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function addMember(userid: string, department: number, extra: Record<string, string> = {}): Promise<void> {
  mobiles[userid] = testMobile();
  await ok(corp.client.post('/api/v1/members', { userid, name: extra.name ?? userid, mobile: mobiles[userid], departments: [{ id: department }], ...extra }));
}

/** The token in the last activation link sent to a mobile, as the member would tap it. */
function linkToken(mobile: string): string {
  const message = [...server.sms.sent].reverse().find((m) => m.mobile === mobile);
  const token = message?.text.match(/\/portal\/activate\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no activation link was sent to ${mobile}`);
  return token;
}

async function signInMember(userid: string): Promise<TestClient> {
  const client = server.client();
  const answer = await client.post('/api/v1/auth/sign-in', { login: mobiles[userid], password });
  expect(answer.body, JSON.stringify(answer.body)).toEqual({ next: 'done' });
  await client.me();
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '门户测试有限公司' });
  d.sales = (await ok(corp.client.post('/api/v1/departments', { name: '销售部', parentId: 1 }))).id;
  d.east = (await ok(corp.client.post('/api/v1/departments', { name: '华东区', parentId: d.sales }))).id;
  d.finance = (await ok(corp.client.post('/api/v1/departments', { name: '财务部', parentId: 1 }))).id;
  await addMember('li-lei', d.sales, { name: '李雷', telephone: '010-1234', address: '北京' });
  await addMember('han-mei', d.finance, { name: '韩梅梅', email: 'hanmei@example.com', telephone: '021-5678' });
  await addMember('wang-wu', d.east, { name: '王五', email: 'wangwu@example.com' });
}, 60_000);
afterAll(async () => server?.close());

describe('invitation and activation', () => {
  it('invites a member by SMS, shows whom the link is for, activates with a password, and lets them sign in without TOTP', async () => {
    const invited = await corp.client.post('/api/v1/members/li-lei/invite');
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    expect(invited.body.sentTo).toBe(`${mobiles['li-lei']!.slice(0, 3)}****${mobiles['li-lei']!.slice(-4)}`);
    expect(JSON.stringify(invited.body)).not.toContain('token');
    const token = linkToken(mobiles['li-lei']!);

    const visitor = server.client();
    const info = await visitor.get(`/api/v1/portal/activation?token=${token}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ corpName: '门户测试有限公司', name: '李雷', userid: 'li-lei' });

    const weak = await visitor.post('/api/v1/portal/activation', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('password');

    const activated = await visitor.post('/api/v1/portal/activation', { token, password });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body).toEqual({ corpId: corp.corpId, userid: 'li-lei' });
    expect((await corp.client.get('/api/v1/members/li-lei')).body.status).toBe(1);

    const member = await signInMember('li-lei');
    const me = await member.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ stage: 'full', member: { userid: 'li-lei', isAdmin: false, isSuperAdmin: false } });
    expect((await corp.client.get('/api/v1/auth/me')).body.member).toMatchObject({ isAdmin: true, isSuperAdmin: true });

    const audit = await corp.client.get('/api/v1/audit?pageSize=50');
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['portal.invite', 'portal.activate', 'directory.member_activate']));
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('uses a link once, answers an unknown one clearly, and counts guesses against the IP', async () => {
    const used = await server.client().get(`/api/v1/portal/activation?token=${linkToken(mobiles['li-lei']!)}`);
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('portal.invite_used');
    const again = await server.client().post('/api/v1/portal/activation', { token: linkToken(mobiles['li-lei']!), password: 'Another2026pass' });
    expect(again.body.error.code).toBe('portal.invite_used');

    const guesser = server.client({ ip: '10.77.0.1' });
    const unknown = await guesser.get('/api/v1/portal/activation?token=not-a-real-token');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('portal.invite_invalid');
    for (let i = 0; i < 40; i++) await guesser.get(`/api/v1/portal/activation?token=guess-${i}`);
    expect((await guesser.get('/api/v1/portal/activation?token=guess-final')).status).toBe(429);
  });

  it('expires a link after seven days, and a new invitation replaces the old one', async () => {
    await ok(corp.client.post('/api/v1/members/han-mei/invite'));
    const first = linkToken(mobiles['han-mei']!);
    server.clock.advance(7 * 86_400_000 + 1000);
    const expired = await server.client().get(`/api/v1/portal/activation?token=${first}`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('portal.invite_expired');
    expect((await server.client().post('/api/v1/portal/activation', { token: first, password })).body.error.code).toBe('portal.invite_expired');

    corp.client = (await signInAdmin(server, { userid: corp.userid, mobile: corp.mobile, password: corp.password, totpSecret: corp.totpSecret })).client;
    await ok(corp.client.post('/api/v1/members/han-mei/invite'));
    const second = linkToken(mobiles['han-mei']!);
    expect(second).not.toBe(first);
    expect((await server.client().get(`/api/v1/portal/activation?token=${first}`)).body.error.code).toBe('portal.invite_invalid');
    expect((await server.client().post('/api/v1/portal/activation', { token: second, password })).status).toBe(200);
  });

  it('invites only members who have not activated, and only inside the admin scope', async () => {
    expect((await corp.client.post('/api/v1/members/li-lei/invite')).body.error.code).toBe('portal.not_invitable');
    expect((await corp.client.post('/api/v1/members/nobody/invite')).status).toBe(404);
    const scoped = await addActiveMember(server, corp, { userid: 'east-admin', departments: [d.east] });
    await ok(corp.client.post('/api/v1/access/admins', { member: scoped.userid, roleId: 'directory_admin', scope: { departments: [d.east] } }));
    const admin = (await signInAdmin(server, scoped)).client;
    const inside = await admin.post('/api/v1/members/wang-wu/invite');
    expect(inside.status, JSON.stringify(inside.body)).toBe(200);
    await addMember('zhao-liu', d.finance, { name: '赵六' });
    expect((await admin.post('/api/v1/members/zhao-liu/invite')).status).toBe(404);
  });
});

describe('the member in the portal', () => {
  let member: TestClient;
  beforeAll(async () => {
    member = await signInMember('li-lei');
  });

  it('shows the member their own profile and lets them change only the fields the corp allows', async () => {
    const me = await member.get('/api/v1/portal/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ corp: { name: '门户测试有限公司' }, userid: 'li-lei', name: '李雷', telephone: '010-1234', departments: [{ id: d.sales, name: '销售部' }], editableFields: ['alias', 'telephone', 'address'] });

    const changed = await member.patch('/api/v1/portal/me', { alias: 'Lei', telephone: '010-9999' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ alias: 'Lei', telephone: '010-9999', address: '北京' });

    const email = await member.patch('/api/v1/portal/me', { email: 'lilei@example.com' });
    expect(email.status).toBe(403);
    expect(email.body.error).toMatchObject({ code: 'portal.field_not_editable', fields: [{ path: 'email' }] });
    const name = await member.patch('/api/v1/portal/me', { name: '李大雷' });
    expect(name.status).toBe(400);
    const mobile = await member.patch('/api/v1/portal/me', { mobile: testMobile() });
    expect(mobile.status).toBe(400);
    expect((await member.get('/api/v1/portal/me')).body.name).toBe('李雷');

    // The corp allows email: now it may change, and the admin sees it.
    const info = (await corp.client.get('/api/v1/corp')).body;
    expect(info.settings).toMatchObject({ memberTotpRequired: false, memberEditableFields: ['alias', 'telephone', 'address'] });
    await ok(corp.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: info.settings.calendar, memberEditableFields: ['alias', 'email'] }));
    expect((await member.patch('/api/v1/portal/me', { email: 'lilei@example.com' })).status).toBe(200);
    expect((await member.patch('/api/v1/portal/me', { email: 'hanmei@example.com' })).body.error.code).toBe('directory.email_taken');
    expect((await member.patch('/api/v1/portal/me', { telephone: '1' })).body.error.code).toBe('portal.field_not_editable');
    expect((await corp.client.get('/api/v1/members/li-lei')).body).toMatchObject({ email: 'lilei@example.com', alias: 'Lei' });
    // Settings saved without the portal fields keep them.
    await ok(corp.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: info.settings.calendar }));
    expect((await corp.client.get('/api/v1/corp')).body.settings.memberEditableFields).toEqual(['alias', 'email']);
  });

  it('browses the tree and searches colleagues by name, pinyin and userid', async () => {
    const tops = await member.get('/api/v1/portal/departments');
    expect(tops.status).toBe(200);
    expect(tops.body.items).toEqual([expect.objectContaining({ id: 1, parentId: null, hasChildren: true })]);
    const children = await member.get('/api/v1/portal/departments?parentId=1');
    expect(children.body.items.map((x: { name: string }) => x.name).sort()).toEqual(['财务部', '销售部'].sort());
    expect(children.body.items.find((x: { id: number }) => x.id === d.sales).hasChildren).toBe(true);

    const inSales = await member.get(`/api/v1/portal/members?department=${d.sales}`);
    expect(inSales.body.items.map((m: { userid: string }) => m.userid)).toEqual(['li-lei']);
    expect((await member.get('/api/v1/portal/members?q=hmm')).body.items.map((m: { userid: string }) => m.userid)).toEqual(['han-mei']);
    expect((await member.get('/api/v1/portal/members?q=wangwu')).body.items.map((m: { userid: string }) => m.userid)).toEqual(['wang-wu']);
    const han = await member.get('/api/v1/portal/members/han-mei');
    expect(han.body).toMatchObject({ userid: 'han-mei', name: '韩梅梅', email: 'hanmei@example.com', telephone: '021-5678', departments: [{ id: d.finance, name: '财务部' }], hiddenFields: [], self: false });
  });

  it('honours visibility rules: only what the rule shows, hidden fields blanked and not searchable', async () => {
    const rule = await corp.client.post('/api/v1/access/visibility/rules', { name: '销售只看销售', viewerDepartmentIds: [d.sales], sees: 'own_departments', hiddenFields: ['mobile', 'email'] });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);

    const list = await member.get('/api/v1/portal/members?pageSize=50');
    expect(list.body.items.map((m: { userid: string }) => m.userid).sort()).toEqual(['east-admin', 'li-lei', 'wang-wu']);
    expect(list.body.total).toBe(3);
    const wang = list.body.items.find((m: { userid: string }) => m.userid === 'wang-wu');
    expect(wang).toMatchObject({ mobile: '', email: '', hiddenFields: ['mobile', 'email'] });
    const self = list.body.items.find((m: { userid: string }) => m.userid === 'li-lei');
    expect(self).toMatchObject({ mobile: mobiles['li-lei'], self: true, hiddenFields: [] });

    expect((await member.get('/api/v1/portal/members?q=hanmei')).body.total).toBe(0);
    expect((await member.get('/api/v1/portal/members/han-mei')).status).toBe(404);
    expect((await member.get(`/api/v1/portal/members?department=${d.finance}`)).status).toBe(404);
    expect((await member.get(`/api/v1/portal/members?q=${mobiles['wang-wu']}`)).body.total).toBe(0);
    expect((await member.get('/api/v1/portal/members?q=wangwu@example')).body.total).toBe(0);
    expect((await member.get('/api/v1/portal/members/wang-wu')).body).toMatchObject({ mobile: '', email: '' });

    const tops = await member.get('/api/v1/portal/departments');
    expect(tops.body.items).toEqual([expect.objectContaining({ id: d.sales, hasChildren: true })]);
    expect((await member.get('/api/v1/portal/departments?parentId=1')).status).toBe(404);
    await ok(corp.client.delete(`/api/v1/access/visibility/rules/${rule.body.id}`));
  });

  it('keeps a member out of every admin route', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/members'],
      ['GET', '/api/v1/corp'],
      ['POST', '/api/v1/members/han-mei/invite'],
      ['GET', '/api/v1/access/visibility/rules'],
      ['GET', '/api/v1/audit'],
    ] as const) {
      const answer = await member.request(method, path, method === 'POST' ? {} : undefined);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('auth.forbidden');
    }
    expect((await server.client().get('/api/v1/portal/me')).status).toBe(401);
  });

  it('sends members to TOTP enrolment when the corp requires two-step verification', async () => {
    const info = (await corp.client.get('/api/v1/corp')).body;
    await ok(corp.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: info.settings.calendar, memberTotpRequired: true }));
    const client = server.client();
    expect((await client.post('/api/v1/auth/sign-in', { login: mobiles['li-lei'], password })).body).toEqual({ next: 'enroll_totp' });
    await client.me();
    expect((await client.get('/api/v1/portal/me')).body.error.code).toBe('auth.totp_enrollment_required');
    const enrollment = await client.get('/api/v1/auth/totp/enrollment');
    expect(enrollment.status).toBe(200);
    expect((await client.post('/api/v1/auth/totp/enrollment', { code: totpCodeAt(enrollment.body.secret, server.clock.now()) })).status).toBe(200);
    await client.me();
    expect((await client.get('/api/v1/portal/me')).status).toBe(200);
    expect((await client.get('/api/v1/members')).status).toBe(403);

    server.clock.advance(30_000);
    const next = server.client();
    expect((await next.post('/api/v1/auth/sign-in', { login: mobiles['li-lei'], password })).body).toEqual({ next: 'totp' });
    await ok(corp.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: info.settings.calendar, memberTotpRequired: false }));
  });

  it('gives a member session no admin rights once they are appointed; they sign in again with two-step verification', async () => {
    const appointed = await corp.client.post('/api/v1/access/admins', { member: 'li-lei', roleId: 'auditor', scope: { departments: [d.sales] } });
    expect(appointed.status, JSON.stringify(appointed.body)).toBe(200);
    expect((await member.get('/api/v1/auth/me')).body.member.isAdmin).toBe(false);
    expect((await member.get('/api/v1/audit')).status).toBe(403);
    expect((await member.get('/api/v1/portal/me')).status).toBe(200);
    const client = server.client();
    expect((await client.post('/api/v1/auth/sign-in', { login: mobiles['li-lei'], password })).body.next).toBe('totp');
  });
});

describe('invitation by email', () => {
  const address = 'zhouqi@example.com';

  it('sends the link by email to a member without a mobile; the link activates them', async () => {
    await ok(corp.client.post('/api/v1/members', { userid: 'zhou-qi', name: '周七', email: address, departments: [{ id: d.finance }] }));
    const sms = await corp.client.post('/api/v1/members/zhou-qi/invite', { channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body.error).toMatchObject({ code: 'portal.channel_unavailable', fields: [{ path: 'channel' }] });
    const unknown = await corp.client.post('/api/v1/members/zhou-qi/invite', { channel: 'fax' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('channel');
    expect(server.email.sent.filter((m) => m.to === address)).toEqual([]);

    const invited = await corp.client.post('/api/v1/members/zhou-qi/invite');
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    expect(invited.body).toMatchObject({ channel: 'email', sentTo: 'z****i@example.com' });
    const mail = server.email.last(address);
    expect(mail.subject).toContain('门户测试有限公司');
    expect(mail.text).toContain('7 天');
    expect(mail.text).toContain('周七');
    const token = mail.text.match(/\/portal\/activate\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect(mail.text).toContain(`${server.url}/portal/activate?token=${token}`);
    expect((await server.client().get(`/api/v1/portal/activation?token=${token}`)).body).toMatchObject({ name: '周七', userid: 'zhou-qi' });
    expect((await server.client().post('/api/v1/portal/activation', { token, password })).status).toBe(200);
    const member = server.client();
    expect((await member.post('/api/v1/auth/sign-in', { login: 'zhou-qi', password })).body).toEqual({ next: 'done' });

    const audit = await corp.client.get('/api/v1/audit?action=portal.invite&pageSize=5');
    expect(audit.body.items[0]).toMatchObject({ targetId: 'zhou-qi', after: { channel: 'email', sentTo: 'z****i@example.com' } });
  });

  it('sends by SMS by default when the member has both, and by email when the admin asks', async () => {
    const mobile = testMobile();
    await ok(corp.client.post('/api/v1/members', { userid: 'sun-ba', name: '孙八', mobile, email: 'sunba@example.com', departments: [{ id: d.finance }] }));
    const bySms = await ok(corp.client.post('/api/v1/members/sun-ba/invite', {}));
    expect(bySms).toMatchObject({ channel: 'sms', sentTo: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` });
    expect(server.sms.sent.at(-1)?.mobile).toBe(mobile);
    const byEmail = await ok(corp.client.post('/api/v1/members/sun-ba/invite', { channel: 'email' }));
    expect(byEmail).toMatchObject({ channel: 'email', sentTo: 's****a@example.com' });
    expect(server.email.last('sunba@example.com').text).toContain('/portal/activate?token=');
    expect((await corp.client.post('/api/v1/members/sun-ba/invite', { channel: 'sms' })).body.channel).toBe('sms');
    // No body at all, as older clients send it: the default channel.
    const bare = await corp.client.request('POST', '/api/v1/members/sun-ba/invite');
    expect(bare.status, JSON.stringify(bare.body)).toBe(200);
    expect(bare.body.channel).toBe('sms');
  });
});

describe('changing one’s own password', () => {
  const newPassword = 'Changed2026pass';

  async function signInZhou(secret: string): Promise<TestClient> {
    const client = server.client();
    const answer = await client.post('/api/v1/auth/sign-in', { login: 'zhou-qi', password: secret });
    expect(answer.body, JSON.stringify(answer.body)).toEqual({ next: 'done' });
    await client.me();
    return client;
  }

  it('refuses a wrong current password and counts it like a wrong sign-in, with back-off', async () => {
    const member = await signInZhou(password);
    const weak = await member.post('/api/v1/portal/password', { currentPassword: password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('newPassword');

    for (let i = 0; i < 5; i++) {
      const wrong = await member.post('/api/v1/portal/password', { currentPassword: `Wrong${i}pass2026`, newPassword });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: 'portal.current_password_wrong', fields: [{ path: 'currentPassword' }] });
    }
    // Locked now: the portal and the sign-in page alike, even with the right password.
    expect((await member.post('/api/v1/portal/password', { currentPassword: password, newPassword })).status).toBe(429);
    expect((await server.client().post('/api/v1/auth/sign-in', { login: 'zhou-qi', password })).status).toBe(429);
    const audit = await corp.client.get('/api/v1/audit?action=auth.password_change_failed&pageSize=10');
    expect(audit.body.items.length).toBe(5);
    expect(JSON.stringify(audit.body)).not.toContain('Wrong0pass2026');
    server.clock.advance(31_000);
  });

  it('changes the password, keeps this session, ends the others; the new password signs in and the old one does not', async () => {
    const other = await signInZhou(password);
    const member = await signInZhou(password);
    const changed = await member.post('/api/v1/portal/password', { currentPassword: password, newPassword });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toEqual({ ok: true });

    expect((await member.get('/api/v1/portal/me')).status).toBe(200);
    expect((await other.get('/api/v1/portal/me')).status).toBe(401);
    expect((await server.client().post('/api/v1/auth/sign-in', { login: 'zhou-qi', password })).body.error.code).toBe('auth.invalid_credentials');
    await signInZhou(newPassword);

    const audit = await corp.client.get('/api/v1/audit?action=auth.password_change&pageSize=10');
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'auth.password_change');
    expect(entry).toMatchObject({ targetId: 'zhou-qi', actor: 'zhou-qi' });
    // `other`, and the sessions opened by the tests before: every one but this.
    expect(entry.after.otherSessionsEnded).toBe(3);
    expect(JSON.stringify(audit.body)).not.toContain(newPassword);
    expect(JSON.stringify(audit.body)).not.toContain(password);
  });

  it('is for signed-in members only', async () => {
    expect((await server.client().post('/api/v1/portal/password', { currentPassword: newPassword, newPassword: 'Another2026pass' })).status).toBe(401);
  });
});
