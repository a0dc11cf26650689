import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/auth';
import { registerCorp, signIn, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server);
});
afterAll(async () => server?.close());

describe('registration and first sign-in', () => {
  it('gives the new corp a CorpID, a root department named after it and the creator as super admin', async () => {
    expect(corp.corpId).toMatch(/^ww[0-9a-f]{16}$/);
    const info = await corp.client.get('/api/v1/corp');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ corpId: corp.corpId, name: '测试科技有限公司', memberCount: 1, settings: { defaultLanguage: 'zh-CN', calendar: { timezone: 'Asia/Shanghai' } } });
    const root = await server.database.db.selectFrom('departments').selectAll().where('corp_id', '=', corp.corpId).execute();
    expect(root).toEqual([expect.objectContaining({ id: 1, parent_id: null, name: '测试科技有限公司' })]);
    const me = await corp.client.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ stage: 'full', member: { isSuperAdmin: true }, recoveryCodesLeft: 10 });
    expect(corp.recoveryCodes).toHaveLength(10);
  });

  it('lets a registering admin do nothing but enrol until TOTP is set up', async () => {
    const client = server.client();
    const mobile = '13700001111';
    const code = await client.post('/api/v1/registration/sms-code', { mobile });
    const { creditCode } = { creditCode: (await import('../harness')).testCreditCode() };
    await client.post('/api/v1/registration', { verificationId: code.body.verificationId, code: server.sms.lastCode(mobile), name: '半途企业', creditCode, industry: 'retail', size: '1-50', adminName: '李四', password: 'Passw0rd99' });
    await client.me();
    const info = await client.get('/api/v1/corp');
    expect(info.status).toBe(403);
    expect(info.body.error.code).toBe('auth.totp_enrollment_required');
  });

  it('refuses a wrong SMS code and locks the code after five attempts', async () => {
    const client = server.client();
    const mobile = '13700002222';
    const sent = await client.post('/api/v1/registration/sms-code', { mobile });
    const right = server.sms.lastCode(mobile);
    const wrong = right === '000000' ? '111111' : '000000';
    const body = { verificationId: sent.body.verificationId, name: '试试', creditCode: (await import('../harness')).testCreditCode(), industry: 'it', size: '1-50', adminName: '赵六', password: 'Passw0rd99' };
    for (let i = 0; i < 5; i++) expect((await client.post('/api/v1/registration', { ...body, code: wrong })).body.error.code).toBe('corp.verification_failed');
    const late = await client.post('/api/v1/registration', { ...body, code: right });
    expect(late.body.error.code).toBe('corp.verification_failed');
  });

  it('expires SMS codes after five minutes', async () => {
    const client = server.client();
    const mobile = '13700003333';
    const sent = await client.post('/api/v1/registration/sms-code', { mobile });
    server.clock.advance(5 * 60_000 + 1000);
    const late = await client.post('/api/v1/registration', { verificationId: sent.body.verificationId, code: server.sms.lastCode(mobile), name: '迟到', creditCode: (await import('../harness')).testCreditCode(), industry: 'it', size: '1-50', adminName: '钱七', password: 'Passw0rd99' });
    expect(late.body.error.code).toBe('corp.verification_failed');
  });

  it('refuses an invalid credit code with the field named', async () => {
    const client = server.client();
    const mobile = '13700004444';
    const sent = await client.post('/api/v1/registration/sms-code', { mobile });
    const response = await client.post('/api/v1/registration', { verificationId: sent.body.verificationId, code: server.sms.lastCode(mobile), name: '假公司', creditCode: '9144030071526726XA', industry: 'it', size: '1-50', adminName: '孙八', password: 'Passw0rd99' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'corp.credit_code_invalid', fields: [{ path: 'creditCode' }] });
  });
});

describe('password and TOTP sign-in', () => {
  it('signs in with mobile, password and a TOTP code, and refuses the same code twice', async () => {
    const client = server.client();
    expect((await client.post('/api/v1/auth/sign-in', { login: corp.mobile, password: corp.password })).body).toEqual({ next: 'totp' });
    await client.me();
    expect((await client.get('/api/v1/corp')).body.error.code).toBe('auth.second_factor_required');
    server.clock.advance(30_000);
    const code = totpCodeAt(corp.totpSecret, server.clock.now());
    expect((await client.post('/api/v1/auth/second-factor', { code })).status).toBe(200);
    await client.me();
    expect((await client.get('/api/v1/corp')).status).toBe(200);

    const other = server.client();
    await other.post('/api/v1/auth/sign-in', { login: corp.mobile, password: corp.password });
    await other.me();
    const replay = await other.post('/api/v1/auth/second-factor', { code });
    expect(replay.body.error.code).toBe('auth.invalid_code');
  });

  it('accepts the userid with the CorpID, and each recovery code exactly once', async () => {
    const client = server.client();
    expect((await client.post('/api/v1/auth/sign-in', { login: corp.userid, password: corp.password, corpId: corp.corpId })).body.next).toBe('totp');
    await client.me();
    const recoveryCode = corp.recoveryCodes[0]!;
    expect((await client.post('/api/v1/auth/second-factor', { recoveryCode })).status).toBe(200);
    await client.me();
    expect((await client.get('/api/v1/auth/me')).body.recoveryCodesLeft).toBe(9);

    const again = server.client();
    await again.post('/api/v1/auth/sign-in', { login: corp.userid, password: corp.password, corpId: corp.corpId });
    await again.me();
    expect((await again.post('/api/v1/auth/second-factor', { recoveryCode })).body.error.code).toBe('auth.invalid_code');
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const wrong = await server.client({ ip: '10.9.0.1' }).post('/api/v1/auth/sign-in', { login: corp.mobile, password: 'not-the-password1' });
    const unknown = await server.client({ ip: '10.9.0.2' }).post('/api/v1/auth/sign-in', { login: '13999999999', password: 'not-the-password1' });
    expect(unknown.status).toBe(wrong.status);
    expect({ ...unknown.body.error, requestId: null }).toEqual({ ...wrong.body.error, requestId: null });
  });

  it('locks an account after five wrong passwords with a growing back-off, for known and unknown accounts alike', async () => {
    const target = await registerCorp(server, { name: '锁定测试' });
    for (const login of [target.mobile, '13955555555']) {
      const client = server.client({ ip: '10.8.0.1' });
      for (let i = 0; i < 5; i++) expect((await client.post('/api/v1/auth/sign-in', { login, password: 'wrong-passw0rd' })).status).toBe(401);
      const locked = await client.post('/api/v1/auth/sign-in', { login, password: target.password });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('common.rate_limited');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
      server.clock.advance(31_000);
      expect((await client.post('/api/v1/auth/sign-in', { login, password: 'wrong-passw0rd' })).status).toBe(401);
      const longer = await client.post('/api/v1/auth/sign-in', { login, password: target.password });
      expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      server.clock.advance(61_000);
    }
    expect((await server.client({ ip: '10.8.0.2' }).post('/api/v1/auth/sign-in', { login: target.mobile, password: target.password })).body.next).toBe('totp');
  });

  it('backs off wrong TOTP codes per account', async () => {
    const client = server.client({ ip: '10.7.0.1' });
    await client.post('/api/v1/auth/sign-in', { login: corp.mobile, password: corp.password });
    await client.me();
    for (let i = 0; i < 5; i++) expect((await client.post('/api/v1/auth/second-factor', { code: '000000' })).status).toBeGreaterThanOrEqual(401);
    const locked = await client.post('/api/v1/auth/second-factor', { code: totpCodeAt(corp.totpSecret, server.clock.now()) });
    expect(locked.status).toBe(429);
    server.clock.advance(120_000);
  });
});

describe('sessions', () => {
  it('lists my sessions, revokes one, and signs out', async () => {
    const a = await signIn(server, corp);
    const b = await signIn(server, corp);
    const list = await a.get('/api/v1/auth/sessions');
    expect(list.status).toBe(200);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current).toBeDefined();
    const bId = (await b.get('/api/v1/auth/sessions')).body.items.find((s: { current: boolean }) => s.current).id;
    expect((await a.post(`/api/v1/auth/sessions/${bId}/revoke`)).status).toBe(200);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    expect((await a.post('/api/v1/auth/sign-out')).status).toBe(200);
    expect((await a.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const idle = await signIn(server, corp);
    server.clock.advance(server.config.sessionIdleMinutes * 60_000 + 1000);
    expect((await idle.get('/api/v1/auth/me')).status).toBe(401);

    const busy = await signIn(server, corp);
    for (let h = 0; h < server.config.sessionAbsoluteHours; h++) {
      server.clock.advance(3_600_000);
      const status = (await busy.get('/api/v1/auth/me')).status;
      expect(status).toBe(h + 1 < server.config.sessionAbsoluteHours ? 200 : 401);
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await signIn(server, corp);
    const response = await client.request('POST', '/api/v1/auth/recovery-codes', {}, { 'x-csrf-token': 'forged' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('auth.csrf_failed');
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const client = server.client();
    const response = await client.post('/api/v1/auth/sign-in', { login: corp.mobile, password: corp.password });
    const cookie = response.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
