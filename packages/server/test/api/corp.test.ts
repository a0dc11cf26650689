import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let a: RegisteredCorp;
let b: RegisteredCorp;

beforeAll(async () => {
  server = await startTestServer();
  a = await registerCorp(server, { name: '甲方科技' });
  b = await registerCorp(server, { name: '乙方贸易' });
});
afterAll(async () => server?.close());

const calendar = {
  timezone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5, 6],
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:30' },
  ],
  holidays: ['2026-10-01', '2026-10-02'],
  makeupWorkdays: ['2026-10-10'],
};

describe('enterprise settings', () => {
  it('saves the working calendar and language, and audits before and after', async () => {
    const response = await a.client.put('/api/v1/corp/settings', { defaultLanguage: 'en', calendar });
    expect(response.status).toBe(200);
    expect(response.body.settings).toEqual({ defaultLanguage: 'en', calendar, memberTotpRequired: false, memberEditableFields: ['alias', 'telephone', 'address'] });
    const entry = (await a.client.get('/api/v1/audit?action=corp.settings_update')).body.items[0];
    expect(entry.before.calendar.workingHours).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(entry.after.calendar.workingHours).toEqual(calendar.workingHours);
  });

  it('refuses an unknown time zone and contradictory days with the field named, changing nothing', async () => {
    const zone = await a.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: { ...calendar, timezone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.error).toMatchObject({ code: 'corp.timezone_invalid', fields: [{ path: 'calendar.timezone' }] });
    const both = await a.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: { ...calendar, makeupWorkdays: ['2026-10-01'] } });
    expect(both.status).toBe(400);
    expect(both.body.error.fields[0].path).toBe('calendar.makeupWorkdays');
    const hours = await a.client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: { ...calendar, workingHours: [{ start: '25:00', end: '18:00' }] } });
    expect(hours.body.error.fields[0].path).toBe('calendar.workingHours.0.start');
    expect((await a.client.get('/api/v1/corp')).body.settings.calendar).toEqual(calendar);
  });

  it('answers in English when asked', async () => {
    const english = server.client({ language: 'en-US,en;q=0.9' });
    const response = await english.get('/api/v1/corp');
    expect(response.body.error).toMatchObject({ code: 'auth.unauthenticated', message: 'Please sign in first' });
  });

  it('gives field reasons in the caller\'s language', async () => {
    const body = { login: '', password: 'x', corpId: 'not-a-corp' };
    const zh = await server.client().post('/api/v1/auth/sign-in', body);
    expect(zh.body.error.fields).toEqual([
      { path: 'login', reason: '必填' },
      { path: 'corpId', reason: '须为 ww 加 16 位小写十六进制字符' },
    ]);
    const en = await server.client({ language: 'en' }).post('/api/v1/auth/sign-in', { ...body, login: 42 });
    expect(en.body.error.fields).toEqual([
      { path: 'login', reason: 'Invalid input: expected string, received number' },
      { path: 'corpId', reason: 'must be ww followed by 16 lowercase hex characters' },
    ]);
  });

  it('updates the profile and logo', async () => {
    const logo = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;
    const response = await a.client.patch('/api/v1/corp', { industry: 'manufacturing', logo });
    expect(response.body).toMatchObject({ industry: 'manufacturing', logo });
    const bad = await a.client.patch('/api/v1/corp', { logo: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
  });
});

describe('corps are isolated', () => {
  it('shows each admin only their own corp, audit log and sessions', async () => {
    expect((await a.client.get('/api/v1/corp')).body.corpId).toBe(a.corpId);
    expect((await b.client.get('/api/v1/corp')).body.corpId).toBe(b.corpId);
    await b.client.patch('/api/v1/corp', { name: '乙方贸易（改）' });
    const aLog = (await a.client.get('/api/v1/audit?pageSize=200')).body;
    expect(aLog.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(aLog)).not.toContain('乙方贸易');
    expect((await a.client.get(`/api/v1/audit?actor=${encodeURIComponent('王小明')}&pageSize=200`)).body.total).toBe(aLog.total);
  });

  it('cannot revoke another corp admin\'s session', async () => {
    const bSession = (await b.client.get('/api/v1/auth/sessions')).body.items[0].id;
    const response = await a.client.post(`/api/v1/auth/sessions/${bSession}/revoke`);
    expect(response.status).toBe(404);
    expect((await b.client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('signs a userid in only to the corp named, and asks which corp when a password matches in several', async () => {
    expect((await server.client().post('/api/v1/auth/sign-in', { login: 'admin', password: a.password, corpId: b.corpId })).body.next).toBe('totp');
    const ambiguous = await server.client().post('/api/v1/auth/sign-in', { login: 'admin', password: a.password });
    expect(ambiguous.body.next).toBe('choose_corp');
    expect(ambiguous.body.corps.map((c: { corpId: string }) => c.corpId)).toEqual(expect.arrayContaining([a.corpId, b.corpId]));
  });
});
