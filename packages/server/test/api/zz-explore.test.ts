import { it } from 'vitest';
import { startTestServer } from '../harness';
it('x', async () => {
  const s = await startTestServer();
  console.log(JSON.stringify(s.app.routeList));
  for (const [m, p, h, b] of [
    ['GET', '/api/v1/%E0%A4%A', {}, undefined],
    ['GET', '/api/v1/audit?%E0%A4%A=1&page=%E0%A4%A', {}, undefined],
    ['POST', '/api/v1/auth/sign-in', { 'content-type': 'application/json; charset=utf-16' }, '{}'],
    ['POST', '/api/v1/auth/sign-in', { 'content-type': 'application/json' }, ''],
    ['POST', '/api/v1/auth/sign-in', { 'content-type': 'text/plain' }, 'x'],
    ['POST', '/api/v1/auth/sign-in', { 'content-type': 'application/json' }, '{"__proto__":{"x":1}}'],
    ['POST', '/api/v1/auth/sign-in', { 'content-type': 'application/json' }, '{"login":"\\ud800abc","password":"x"}'],
    ['GET', '/docs/static/..%2F..%2Fpackage.json', {}, undefined],
    ['GET', '/docs/static/%E0%A4%A', {}, undefined],
    ['POST', '/api/v1/auth/sessions/' + 'a'.repeat(300) + '/revoke', {'accept-language':'en'}, undefined],
    ['POST', '/api/v1/auth/sessions/%ED%A0%80/revoke', {}, undefined],
    ['GET', '/api/v1/audit?actor=%ED%A0%80', {}, undefined],
    ['GET', '/api/v1/corp?x=' + 'a'.repeat(100000), {}, undefined],
  ] as const) {
    const r = await fetch(s.url + p, { method: m, headers: h, body: b });
    console.log(m, p, r.status, r.headers.get('content-type'), (await r.text()).slice(0, 300));
  }
  console.log(await s.services.audit.verify(s.database.db, 'platform'));
  await s.close();
});
