// The HTTP side of the benchmarks: a browser-like client, and a super admin signing in with TOTP enrolled.
import { totpCodeAt } from '@orgdesk/server';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A browser-like client: one session cookie, and the CSRF token on writes once it knows it. */
export class Client {
  private cookie: string | null = null;
  csrfToken: string | null = null;
  constructor(private readonly baseUrl: string) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('orgdesk_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async me(): Promise<Record<string, unknown>> {
    const me = await this.request('GET', '/api/v1/auth/me');
    if (me.status !== 200) throw new Error(`GET /auth/me: ${me.status} ${JSON.stringify(me.body)}`);
    this.csrfToken = me.body.csrfToken as string;
    return me.body;
  }
}

/** Throws with the reply when it is not what the step needed. */
export function expect(reply: Reply, what: string, ok: (r: Reply) => boolean): void {
  if (!ok(reply)) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
}

/** Signs the super admin in over HTTP (password, then TOTP enrolment) and returns the client with its full session. */
export async function signInEnrollingTotp(url: string, login: string, password: string, clock: { now(): Date }): Promise<Client> {
  const client = new Client(url);
  const first = await client.request('POST', '/api/v1/auth/sign-in', { login, password });
  expect(first, 'sign-in', (r) => r.status === 200 && r.body.next === 'enroll_totp');
  await client.me();
  const enrollment = await client.request('GET', '/api/v1/auth/totp/enrollment');
  expect(enrollment, 'GET totp/enrollment', (r) => r.status === 200);
  expect(await client.request('POST', '/api/v1/auth/totp/enrollment', { code: totpCodeAt(enrollment.body.secret as string, clock.now()) }), 'POST totp/enrollment', (r) => r.status === 200);
  const me = await client.me();
  if (me.stage !== 'full') throw new Error(`expected a full session after enrolment, got ${String(me.stage)}`);
  return client;
}
