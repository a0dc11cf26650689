import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCorp, signIn, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { logLines });
  corp = await registerCorp(server);
});
afterAll(async () => server?.close());

describe('operations', () => {
  it('answers /healthz while the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('exposes request durations by route and database timings at /metrics', async () => {
    await corp.client.get('/api/v1/corp');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/orgdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/corp",status="200"\} [1-9]/);
    expect(text).toMatch(/orgdesk_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toContain('orgdesk_http_errors_total');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${server.url}/api/v1/ping`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.url}/api/v1/ping`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('documents the API as OpenAPI 3 and serves /docs', async () => {
    const doc = (await server.client().get('/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/sign-in', '/api/v1/corp', '/api/v1/corp/settings', '/api/v1/audit']));
    expect(doc.paths['/api/v1/auth/sign-in'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['login', 'password']));
    expect((await fetch(`${server.url}/docs`)).status).toBe(200);
  });

  it('answers an unknown API path with the JSON error body', async () => {
    const response = await corp.client.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('common.not_found');
  });

  it('logs requests as JSON with their ids and never a password, cookie or code', async () => {
    const client = await signIn(server, corp);
    await client.put('/api/v1/corp/settings', { defaultLanguage: 'zh-CN', calendar: (await client.get('/api/v1/corp')).body.settings.calendar });
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(logLines.some((l) => JSON.parse(l).reqId)).toBe(true);
    expect(log).not.toContain(corp.password);
    expect(log).not.toContain(client.sessionCookie!.split('=')[1]!);
    expect(log).not.toContain(client.csrfToken!);
  });
});
