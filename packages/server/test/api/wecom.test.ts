import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/auth';
import { registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  // 研发部 (2) with 前端组 (3) below it, and 销售部 (4); a member in each.
  for (const [name, parentId] of [['研发部', 1], ['前端组', 2], ['销售部', 1]] as const) {
    expect((await corp.client.post('/api/v1/departments', { name, parentId })).status).toBe(200);
  }
  for (const [userid, department, mobile] of [['dev1', 3, '13700000001'], ['sales1', 4, '13700000002']] as const) {
    expect((await corp.client.post('/api/v1/members', { userid, name: userid, mobile, email: `${userid}@example.com`, departments: [{ id: department }] })).status).toBe(200);
  }
});
afterAll(async () => server?.close());

/** A fresh two-step code: each is accepted once, so the clock moves on a step first. */
function freshCode(): string {
  server.clock.advance(30_000);
  return totpCodeAt(corp.totpSecret, server.clock.now());
}

async function cgi(path: string, options: { method?: string; body?: string; headers?: Record<string, string>; ip?: string } = {}) {
  const response = await fetch(`${server.url}/cgi-bin/${path}`, {
    method: options.method ?? 'GET',
    body: options.body,
    headers: { ...(options.ip ? { 'x-forwarded-for': options.ip } : {}), ...options.headers },
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

async function createApp(visibleRange: Record<string, unknown>) {
  const created = await corp.client.post('/api/v1/apps', { name: `应用${Math.random().toString(36).slice(2, 6)}`, visibleRange });
  expect(created.status).toBe(200);
  return created.body as { app: { id: string; agentId: number; secretHint: string }; secret: string };
}

async function tokenOf(secret: string): Promise<string> {
  const answer = await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`);
  expect(answer.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: expect.any(Number) });
  return answer.body.access_token;
}

describe('apps and their secrets', () => {
  it('creates custom apps with AgentIDs from 1000002, shows the 43-character secret once and never again', async () => {
    const first = await createApp({ all: true });
    const second = await createApp({ departmentIds: [2] });
    expect(second.app.agentId).toBe(first.app.agentId + 1);
    expect(first.app.agentId).toBeGreaterThanOrEqual(1_000_002);
    expect(first.secret).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(first.app.secretHint).toBe(first.secret.slice(-4));
    const listed = await corp.client.get('/api/v1/apps');
    expect(JSON.stringify(listed.body)).not.toContain(first.secret);
    expect(listed.body.items.map((a: { agentId: number }) => a.agentId)).toEqual(expect.arrayContaining([first.app.agentId, second.app.agentId]));
    const audit = await corp.client.get('/api/v1/audit?action=apps.create');
    expect(JSON.stringify(audit.body)).not.toContain(first.secret);
  });

  it('refuses a visible range with unknown members or departments, and a trusted IP that is not one', async () => {
    const bad = await corp.client.post('/api/v1/apps', { name: '坏应用', visibleRange: { userids: ['nobody'], departmentIds: [999] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['visibleRange.userids', 'visibleRange.departmentIds']);
    const { app } = await createApp({ all: true });
    const ip = await corp.client.patch(`/api/v1/apps/${app.id}`, { trustedIps: ['10.0.0.0/8', 'not-an-ip'] });
    expect(ip.status).toBe(400);
    expect(ip.body.error.code).toBe('apps.trusted_ip_invalid');
  });

  it('resets a secret only with a fresh two-step code; the old secret and its tokens stop working', async () => {
    const { app, secret } = await createApp({ all: true });
    const token = await tokenOf(secret);
    const refused = await corp.client.post(`/api/v1/apps/${app.id}/secret`, { code: '000000' });
    expect(refused.status).toBe(401);
    expect((await cgi(`user/get?access_token=${token}&userid=dev1`)).body.errcode).toBe(0);
    const reset = await corp.client.post(`/api/v1/apps/${app.id}/secret`, { code: freshCode() });
    expect(reset.status).toBe(200);
    expect(reset.body.secret).not.toBe(secret);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`)).body.errcode).toBe(40001);
    expect((await cgi(`user/get?access_token=${token}&userid=dev1`)).body.errcode).toBe(40014);
    expect((await cgi(`user/get?access_token=${await tokenOf(reset.body.secret)}&userid=dev1`)).body.errcode).toBe(0);
    const audit = await corp.client.get('/api/v1/audit?action=apps.secret_reset');
    expect(audit.body.items[0]).toMatchObject({ targetId: String(app.agentId) });
  });
});

describe('app logos', () => {
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==', 'base64');
  const putLogo = async (appId: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('logo', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${server.url}/api/v1/apps/${appId}/logo`, { method: 'PUT', body: form, headers: { cookie: corp.client.sessionCookie!, 'x-csrf-token': corp.client.csrfToken! } });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  };

  it('takes a PNG or JPEG by its bytes, serves it publicly, and shows it to the app as square_logo_url', async () => {
    const { app, secret } = await createApp({ all: true });
    const refused = await putLogo(app.id, Buffer.from('<svg onload="alert(1)"/>'), 'logo.png');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'apps.logo_invalid' } } });
    const saved = await putLogo(app.id, png, 'logo.png');
    expect(saved.status).toBe(200);
    expect(saved.body.logoUrl).toMatch(new RegExp(`^/api/v1/apps/${app.id}/logo\\?v=\\d+$`));
    const served = await fetch(`${server.url}${saved.body.logoUrl}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const agent = await cgi(`agent/get?access_token=${await tokenOf(secret)}&agentid=${app.agentId}`);
    expect(agent.body.square_logo_url).toBe(`${server.url}${saved.body.logoUrl}`);
  });

  it('sets the logo from an image uploaded with media/upload (agent/set logo_mediaid)', async () => {
    const { app, secret } = await createApp({ all: true });
    const token = await tokenOf(secret);
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'logo.png');
    const media = (await (await fetch(`${server.url}/cgi-bin/media/upload?access_token=${token}&type=image`, { method: 'POST', body: form })).json()) as { media_id: string };
    expect((await cgi(`agent/set?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: app.agentId, logo_mediaid: media.media_id }) })).body.errcode).toBe(0);
    expect((await corp.client.get(`/api/v1/apps/${app.id}`)).body.logoUrl).toMatch(/\/logo\?v=/);
    expect((await cgi(`agent/set?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: app.agentId, logo_mediaid: 'no-such-media' }) })).body.errcode).toBe(40058);
  });
});

describe('gettoken', () => {
  it('answers WeCom\'s errcodes with HTTP 200', async () => {
    const { secret } = await createApp({ all: true });
    const cases: [string, number][] = [
      ['gettoken', 41004],
      [`gettoken?corpsecret=${secret}`, 41002],
      [`gettoken?corpid=ww0000000000000000&corpsecret=${secret}`, 40013],
      [`gettoken?corpid=${corp.corpId}&corpsecret=wrong`, 40001],
      ['department/list', 41001],
      ['department/list?access_token=forged', 40014],
      [`department/list?access_token=${'0'.repeat(32)}.1.${'A'.repeat(43)}`, 40014],
    ];
    for (const [path, errcode] of cases) {
      const answer = await cgi(path);
      expect({ path, status: answer.status, errcode: answer.body.errcode }).toEqual({ path, status: 200, errcode });
      expect(answer.body.errmsg).toMatch(/hint: \[/);
    }
  });

  it('locks out an IP that keeps trying wrong secrets for an hour (45009)', async () => {
    const { secret } = await createApp({ all: true });
    const ip = '198.51.100.77';
    for (let i = 0; i < 20; i++) expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=wrong${i}`, { ip })).body.errcode).toBe(40001);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=wrong`, { ip })).body.errcode).toBe(45009);
    server.clock.advance(3_600_000 + 1000);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=wrong`, { ip })).body.errcode).toBe(40001);
    // Another address is not affected.
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`, { ip: '198.51.100.78' })).body.errcode).toBe(0);
  });

  it('takes the token from the query string only', async () => {
    const { secret } = await createApp({ all: true });
    const token = await tokenOf(secret);
    expect((await cgi('department/list', { headers: { authorization: `Bearer ${token}` } })).body.errcode).toBe(41001);
  });

  it('refuses calls from outside the trusted IPs (60020), and a disabled app (40001, 40014)', async () => {
    const { app, secret } = await createApp({ all: true });
    const token = await tokenOf(secret);
    expect((await corp.client.patch(`/api/v1/apps/${app.id}`, { trustedIps: ['203.0.113.0/24'] })).status).toBe(200);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`, { ip: '198.51.100.7' })).body.errcode).toBe(60020);
    expect((await cgi(`department/list?access_token=${token}`, { ip: '198.51.100.7' })).body.errcode).toBe(60020);
    expect((await cgi(`department/list?access_token=${token}`, { ip: '203.0.113.9' })).body.errcode).toBe(0);
    expect((await corp.client.patch(`/api/v1/apps/${app.id}`, { enabled: false })).status).toBe(200);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`, { ip: '203.0.113.9' })).body.errcode).toBe(40001);
    expect((await cgi(`department/list?access_token=${token}`, { ip: '203.0.113.9' })).body.errcode).toBe(40014);
  });

  it('answers 45009 once a corp has called one API 10,000 times within the minute, until the next minute', async () => {
    const { secret } = await createApp({ all: true });
    const token = await tokenOf(secret);
    // The calls counted as if other servers had made them: the HTTP path consults the same counters.
    for (let i = 0; i < 10_000; i++) server.services.apiLimits.hit({ corpId: corp.corpId, ip: '198.51.100.1', api: '/cgi-bin/department/list' });
    expect((await cgi(`department/list?access_token=${token}`)).body.errcode).toBe(45009);
    expect((await cgi(`user/get?access_token=${token}&userid=dev1`)).body.errcode).toBe(0);
    server.clock.advance(60_000);
    expect((await cgi(`department/list?access_token=${token}`)).body.errcode).toBe(0);
  });

  it('counts API calls by route in /metrics', async () => {
    const { secret } = await createApp({ all: true });
    await tokenOf(secret);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/orgdesk_http_request_duration_seconds_count\{method="GET",route="\/cgi-bin\/gettoken",status="200"\} [1-9]/);
  });

  it('answers an unknown /cgi-bin path with an empty 404, as WeCom does', async () => {
    const answer = await cgi('no/such/api');
    expect(answer).toMatchObject({ status: 404, text: '' });
  });
});

describe('contacts through an app\'s visible range', () => {
  it('shows an app only its visible range: departments and members; 60011 beyond it', async () => {
    const { secret } = await createApp({ departmentIds: [2], userids: ['sales1'] });
    const token = await tokenOf(secret);
    const list = await cgi(`department/list?access_token=${token}`);
    expect(list.body.department.map((d: { id: number }) => d.id)).toEqual([2, 3]);
    expect(list.body.department[1]).toEqual({ id: 3, name: '前端组', name_en: '', department_leader: [], parentid: 2, order: 0 });
    expect((await cgi(`department/simplelist?access_token=${token}&id=2`)).body.department_id).toEqual([
      { id: 2, parentid: 1, order: 0 },
      { id: 3, parentid: 2, order: 0 },
    ]);
    // Beyond the range: 60011 for what exists, not found for what does not.
    const outside = await cgi(`department/list?access_token=${token}&id=4`);
    expect(outside.body).toMatchObject({ errcode: 60011, department: [] });
    expect((await cgi(`department/get?access_token=${token}&id=1`)).body.errcode).toBe(60011);
    expect((await cgi(`department/get?access_token=${token}&id=999`)).body.errcode).toBe(60003);

    const dev = await cgi(`user/get?access_token=${token}&userid=dev1`);
    expect(dev.body).toMatchObject({ errcode: 0, userid: 'dev1', department: [3], order: [0], is_leader_in_dept: [0], main_department: 3, status: 4 });
    // A custom app does not get the sensitive fields.
    expect(dev.body).not.toHaveProperty('mobile');
    expect(dev.body).not.toHaveProperty('email');
    // Listed by name, outside the departments: visible.
    expect((await cgi(`user/get?access_token=${token}&userid=sales1`)).body.errcode).toBe(0);
    const hidden = await cgi(`user/get?access_token=${token}&userid=${corp.userid}`);
    expect(hidden.body).toMatchObject({ errcode: 60011, department: [], order: [] });
    expect((await cgi(`user/get?access_token=${token}&userid=nobody`)).body.errcode).toBe(60111);
    const members = await cgi(`user/simplelist?access_token=${token}&department_id=2&fetch_child=1`);
    expect(members.body.userlist).toEqual([{ userid: 'dev1', name: 'dev1', department: [3] }]);
    expect((await cgi(`user/simplelist?access_token=${token}&department_id=2`)).body.userlist).toEqual([]);
    expect((await cgi(`user/list?access_token=${token}&department_id=4`)).body).toMatchObject({ errcode: 60011, userlist: [] });
  });

  it('gives the directory-sync app everything, sensitive fields included; only a super admin gets its secret', async () => {
    const sync = await corp.client.post('/api/v1/apps/contacts-sync/secret', { code: freshCode(), apiWrite: false });
    expect(sync.status).toBe(200);
    expect(sync.body.app).toMatchObject({ kind: 'contacts_sync', agentId: null, apiWrite: false });
    const token = await tokenOf(sync.body.secret);
    expect((await cgi(`department/list?access_token=${token}`)).body.department.map((d: { id: number }) => d.id)).toEqual([1, 2, 3, 4]);
    expect((await cgi(`user/get?access_token=${token}&userid=sales1`)).body).toMatchObject({ mobile: '13700000002', email: 'sales1@example.com', gender: '0' });
    const again = await corp.client.post('/api/v1/apps/contacts-sync/secret', { code: freshCode() });
    expect(again.body.app.id).toBe(sync.body.app.id);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${sync.body.secret}`)).body.errcode).toBe(40001);
  });

  it('answers agent/get and agent/set for the token\'s own app only (301002 for another)', async () => {
    const { app, secret } = await createApp({ departmentIds: [4] });
    const token = await tokenOf(secret);
    const own = await cgi(`agent/get?access_token=${token}&agentid=${app.agentId}`);
    expect(own.body).toMatchObject({ errcode: 0, agentid: app.agentId, allow_partys: { partyid: [4] }, allow_userinfos: { user: [] }, close: 0 });
    expect((await cgi(`agent/get?access_token=${token}&agentid=${app.agentId - 1}`)).body.errcode).toBe(301002);
    expect((await cgi(`agent/list?access_token=${token}`)).body.agentlist).toEqual([{ agentid: app.agentId, name: own.body.name, square_logo_url: '' }]);
    const set = await cgi(`agent/set?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: app.agentId, name: '财经助手', description: '内部财经服务平台', redirect_domain: 'fin.example.com', home_url: 'https://fin.example.com' }) });
    expect(set.body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await cgi(`agent/get?access_token=${token}&agentid=${app.agentId}`)).body).toMatchObject({ name: '财经助手', description: '内部财经服务平台', redirect_domain: 'fin.example.com', home_url: 'https://fin.example.com' });
    expect((await cgi(`agent/set?access_token=${token}`, { method: 'POST', body: JSON.stringify({ agentid: app.agentId, description: '短' }) })).body.errcode).toBe(40058);
  });
});

describe('an existing WeCom client library, pointed at this server', () => {
  it('wechat-enterprise-api gets a token, the departments and a member, unchanged but for its base URL', async () => {
    const { app, secret } = await createApp({ all: true });
    const require = createRequire(import.meta.url);
    const API = require('wechat-enterprise-api');
    const api = new API(corp.corpId, secret, app.agentId);
    api.prefix = `${server.url}/cgi-bin/`;
    const call = <T>(method: string, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) => api[method](...args, (error: Error | null, result: T) => (error ? reject(error) : resolve(result))));
    const departments = await call<{ department: { id: number; name: string }[] }>('getDepartments');
    expect(departments.department.map((d) => d.name)).toEqual(['星河科技', '研发部', '前端组', '销售部']);
    const user = await call<{ userid: string; department: number[] }>('getUser', 'dev1');
    expect(user).toMatchObject({ userid: 'dev1', department: [3] });
    const users = await call<{ userlist: { userid: string }[] }>('getDepartmentUsers', 2, 1, 0);
    expect(users.userlist.map((u) => u.userid)).toEqual(['dev1']);
    await expect(call('getUser', 'nobody')).rejects.toMatchObject({ code: 60111 });
  });
});

describe('token lifetime', () => {
  // Last: moving the clock past two hours ends the admin's console session too.
  it('returns the same token within its validity, valid for 7200 s, and a new one after it expires', async () => {
    const { secret } = await createApp({ all: true });
    const first = await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ errcode: 0, errmsg: 'ok', access_token: expect.any(String), expires_in: 7200 });
    expect(first.body.access_token.length).toBeLessThanOrEqual(512);
    server.clock.advance(10_000);
    expect((await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`)).body.access_token).toBe(first.body.access_token);
    // An hour later the same token comes back, extended to a full 7200 s again.
    server.clock.advance(3_600_000);
    const later = await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`);
    expect(later.body).toMatchObject({ access_token: first.body.access_token, expires_in: 7200 });
    server.clock.advance(7_200_000 + 301_000);
    expect((await cgi(`department/list?access_token=${first.body.access_token}`)).body.errcode).toBe(42001);
    const renewed = await tokenOf(secret);
    expect(renewed).not.toBe(first.body.access_token);
    expect((await cgi(`department/list?access_token=${renewed}`)).body.errcode).toBe(0);
  });
});
