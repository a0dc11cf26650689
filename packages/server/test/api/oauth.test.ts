import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
let app: { id: string; agentId: number };
let token: string;
let otherToken: string;
let member: ActiveMember;
let memberCookie: string;

const REDIRECT = 'https://app.example.com:8443/oauth/callback';

async function cgi(path: string, body?: unknown) {
  const response = await fetch(`${server.url}/cgi-bin/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  return response.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

async function newApp(visibleRange: Record<string, unknown>, trustedDomains: string[]) {
  const created = await corp.client.post('/api/v1/apps', { name: `应用${Math.random().toString(36).slice(2, 6)}`, visibleRange });
  expect((await corp.client.patch(`/api/v1/apps/${created.body.app.id}`, { trustedDomains })).status).toBe(200);
  const answer = await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${created.body.secret}`);
  return { app: created.body.app as { id: string; agentId: number }, token: answer.access_token as string };
}

function authorizeUrl(params: Record<string, string | number>) {
  const query = new URLSearchParams({ appid: corp.corpId, redirect_uri: REDIRECT, response_type: 'code', scope: 'snsapi_base', state: 'xyz123', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  return `/connect/oauth2/authorize?${query}`;
}

/** Follows the authorize link as the member's browser would, up to the first redirect. */
async function authorize(params: Record<string, string | number>, cookie: string | null = memberCookie) {
  const response = await fetch(server.url + authorizeUrl(params), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

async function codeFor(params: Record<string, string | number> = {}): Promise<string> {
  const answer = await authorize({ agentid: app.agentId, ...params });
  expect(answer.status).toBe(302);
  return new URL(answer.location!).searchParams.get('code')!;
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  await corp.client.post('/api/v1/departments', { name: '研发部', parentId: 1 });
  member = await addActiveMember(server, corp, { userid: 'dev1', departments: [2] });
  ({ app, token } = await newApp({ departmentIds: [2] }, ['app.example.com:8443']));
  ({ token: otherToken } = await newApp({ all: true }, ['app.example.com:8443']));
  const client = server.client();
  expect((await client.post('/api/v1/auth/sign-in', { login: member.mobile, password: member.password })).body).toEqual({ next: 'done' });
  memberCookie = client.sessionCookie!;
});
afterAll(async () => server?.close());

describe('/connect/oauth2/authorize', () => {
  it('sends a signed-in member back to the app with a code and the state', async () => {
    const answer = await authorize({ agentid: app.agentId });
    expect(answer.status).toBe(302);
    const target = new URL(answer.location!);
    expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
    expect(target.searchParams.get('state')).toBe('xyz123');
    expect(target.searchParams.get('code')).toMatch(/^[\w-]{43}$/);
  });

  it('sends anyone not signed in to the sign-in page, which comes back here', async () => {
    const answer = await authorize({ agentid: app.agentId }, null);
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/sign-in?return=${encodeURIComponent(authorizeUrl({ agentid: app.agentId }))}`);
  });

  it('refuses a redirect outside the app\'s trusted domains, and a bad link, on a page of its own', async () => {
    const untrusted = await authorize({ agentid: app.agentId, redirect_uri: 'https://evil.example.net/cb' });
    expect(untrusted.status).toBe(400);
    expect(untrusted.text).toContain('可信域名');
    const portMismatch = await authorize({ agentid: app.agentId, redirect_uri: 'https://app.example.com/cb' });
    expect(portMismatch.status).toBe(400);
    const badState = await authorize({ agentid: app.agentId, state: '<script>' });
    expect(badState.status).toBe(400);
    expect(badState.text).not.toContain('<script>');
    expect((await authorize({ agentid: app.agentId, appid: 'ww0000000000000000' })).status).toBe(400);
    // Without an agentid the redirect must still be on some app's trusted domain: never an open redirect.
    const noAgent = new URLSearchParams({ appid: corp.corpId, redirect_uri: 'https://evil.example.net/cb', response_type: 'code', scope: 'snsapi_base', state: 's' });
    const open = await fetch(`${server.url}/connect/oauth2/authorize?${noAgent}`, { redirect: 'manual', headers: { cookie: memberCookie } });
    expect(open.status).toBe(400);
    const trusted = await fetch(`${server.url}/connect/oauth2/authorize?${new URLSearchParams({ ...Object.fromEntries(noAgent), redirect_uri: REDIRECT })}`, { redirect: 'manual', headers: { cookie: memberCookie } });
    expect(trusted.status).toBe(302);
  });
});

describe('exchanging the code', () => {
  it('gives the userid once; a second use is 40029, and a stale code 42003', async () => {
    const code = await codeFor();
    expect(await cgi(`auth/getuserinfo?access_token=${token}&code=${code}`)).toEqual({ errcode: 0, errmsg: 'ok', userid: 'dev1' });
    expect((await cgi(`auth/getuserinfo?access_token=${token}&code=${code}`)).errcode).toBe(40029);
    const stale = await codeFor();
    server.clock.advance(5 * 60_000 + 1000);
    expect((await cgi(`auth/getuserinfo?access_token=${token}&code=${stale}`)).errcode).toBe(42003);
  });

  it('answers the legacy user/getuserinfo with WeCom\'s old field names', async () => {
    const code = await codeFor();
    expect(await cgi(`user/getuserinfo?access_token=${token}&code=${code}`)).toEqual({ errcode: 0, errmsg: 'ok', UserId: 'dev1', DeviceId: '' });
  });

  it('keeps a code to the app it was issued for', async () => {
    const code = await codeFor();
    expect((await cgi(`auth/getuserinfo?access_token=${otherToken}&code=${code}`)).errcode).toBe(40029);
    expect((await cgi(`auth/getuserinfo?access_token=${token}&code=not-a-code`)).errcode).toBe(40029);
  });

  it('with snsapi_privateinfo, gives a user ticket that reads the member\'s sensitive fields for 30 minutes', async () => {
    const code = await codeFor({ scope: 'snsapi_privateinfo' });
    const info = await cgi(`auth/getuserinfo?access_token=${token}&code=${code}`);
    expect(info).toMatchObject({ errcode: 0, userid: 'dev1', user_ticket: expect.any(String), expires_in: 1800 });
    const detail = await cgi(`auth/getuserdetail?access_token=${token}`, { user_ticket: info.user_ticket });
    expect(detail).toMatchObject({ errcode: 0, userid: 'dev1', mobile: member.mobile, gender: '0' });
    expect((await cgi(`auth/getuserdetail?access_token=${otherToken}`, { user_ticket: info.user_ticket })).errcode).toBe(84015);
    server.clock.advance(30 * 60_000 + 1000);
    expect((await cgi(`auth/getuserdetail?access_token=${token}`, { user_ticket: info.user_ticket })).errcode).toBe(84014);
  });
});
