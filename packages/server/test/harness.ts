import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../src/app';
import type { DB } from '../src/db';
import { hashPassword, totpCodeAt, upsertPasswordHash } from '../src/modules/auth';
import { creditCodeCheckChar } from '../src/modules/corp/credit-code';
import type { DatabaseHandle } from '../src/platform/db/connect';
import type { HttpApp } from '../src/platform/http/server';
import { ManualClock } from '../src/platform/kernel/clock';
import { loadConfig, type Config } from '../src/platform/kernel/config';
import { createMetrics, observeQueries } from '../src/platform/kernel/metrics';
import type { EmailGateway, EmailMessage } from '../src/platform/kernel/email';
import type { SmsGateway } from '../src/platform/kernel/sms';
import { createServices, type Services } from '../src/services';
import { openTestDatabase } from './test-db';

/** An SMS gateway that keeps what it sends, as a real gateway's recipient would see it. */
export class CapturingSms implements SmsGateway {
  readonly sent: { mobile: string; text: string }[] = [];
  async send(mobile: string, text: string): Promise<void> {
    this.sent.push({ mobile, text });
  }
  /** The last six-digit code sent to a mobile. */
  lastCode(mobile: string): string {
    const message = [...this.sent].reverse().find((m) => m.mobile === mobile);
    const code = message?.text.match(/\d{6}/)?.[0];
    if (!code) throw new Error(`no code was sent to ${mobile}`);
    return code;
  }
}

/** An email gateway that keeps what it sends, as the recipient's mailbox would. */
export class CapturingEmail implements EmailGateway {
  readonly delivers = true;
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage): Promise<void> {
    this.sent.push({ ...message });
  }
  /** The last email sent to an address. */
  last(to: string): EmailMessage {
    const message = [...this.sent].reverse().find((m) => m.to === to);
    if (!message) throw new Error(`no email was sent to ${to}`);
    return message;
  }
}

/** A running server on a fresh database, listening on a real port. */
export interface TestServer {
  url: string;
  app: HttpApp;
  services: Services;
  database: DatabaseHandle<DB>;
  clock: ManualClock;
  sms: CapturingSms;
  email: CapturingEmail;
  config: Config;
  client(options?: { ip?: string; language?: string }): TestClient;
  close(): Promise<void>;
}

/** Starts a server on a fresh database; `logLines`, when given, receives every JSON log line. */
export async function startTestServer(overrides: Partial<Config> = {}, options: { logLines?: string[] } = {}): Promise<TestServer> {
  const metrics = createMetrics();
  const database = await openTestDatabase(observeQueries(metrics));
  const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'test-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: true, ...overrides };
  const clock = new ManualClock(new Date());
  const sms = new CapturingSms();
  const email = new CapturingEmail();
  const logger = options.logLines ? pino({ level: 'info' }, { write: (line: string) => void options.logLines!.push(line) }) : pino({ level: 'silent' });
  const services = createServices(database.db, { config, sms, email, clock, logger });
  const app = await createApp({ services, database, logger, metrics, trustProxy: config.trustProxy, consoleDir: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    services,
    database,
    clock,
    sms,
    email,
    config,
    client: (options) => new TestClient(url, options),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes once it knows it. */
export class TestClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly options: { ip?: string; language?: string } = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(this.options.ip ? { 'x-forwarded-for': this.options.ip } : {}),
        'accept-language': this.options.language ?? 'zh-CN',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('orgdesk_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'orgdesk_session=' ? null : value;
    }
    // ignoreBOM keeps a byte-order mark in the text, where response.text() would drop it silently.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') && text ? JSON.parse(text) : text, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** A multipart upload of one file with form fields, as a browser's file input sends it. */
  async upload(path: string, file: { bytes: Buffer | string; name: string }, fields: Record<string, string> = {}) {
    const form = new FormData();
    // The file first and the fields after it: the server must read both orders.
    form.append('file', new Blob([typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes]), file.name);
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), 'accept-language': this.options.language ?? 'zh-CN' },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  }

  /** The raw bytes of a download. */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, { headers: { ...(this.cookie ? { cookie: this.cookie } : {}), 'accept-language': this.options.language ?? 'zh-CN' } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body ?? {});
  }
  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }
  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }

  /** Reads /auth/me and remembers its CSRF token. */
  async me() {
    const response = await this.get('/api/v1/auth/me');
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, random unified social credit code for tests. */
export function testCreditCode(): string {
  let body = '91110108';
  for (let i = 0; i < 9; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return body + creditCodeCheckChar(body);
}

/** A random mainland mobile for tests. */
export function testMobile(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
}

/** A corp registered through the API, its super admin signed in with TOTP enrolled. */
export interface RegisteredCorp {
  client: TestClient;
  corpId: string;
  userid: string;
  mobile: string;
  password: string;
  totpSecret: string;
  recoveryCodes: string[];
}

/** Registers a corp through the public API and completes TOTP enrolment, as a new customer would. */
export async function registerCorp(server: TestServer, options: { name?: string; client?: TestClient } = {}): Promise<RegisteredCorp> {
  const client = options.client ?? server.client();
  const mobile = testMobile();
  const password = 'Str0ngPassw0rd';
  const code = await client.post('/api/v1/registration/sms-code', { mobile });
  if (code.status !== 200) throw new Error(`sms-code failed: ${JSON.stringify(code.body)}`);
  const registered = await client.post('/api/v1/registration', {
    verificationId: code.body.verificationId,
    code: server.sms.lastCode(mobile),
    name: options.name ?? '测试科技有限公司',
    creditCode: testCreditCode(),
    industry: 'it',
    size: '51-200',
    adminName: '王小明',
    password,
  });
  if (registered.status !== 200) throw new Error(`registration failed: ${JSON.stringify(registered.body)}`);
  await client.me();
  const enrollment = await client.get('/api/v1/auth/totp/enrollment');
  const confirmed = await client.post('/api/v1/auth/totp/enrollment', { code: totpCodeAt(enrollment.body.secret, server.clock.now()) });
  if (confirmed.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(confirmed.body)}`);
  await client.me();
  return { client, corpId: registered.body.corpId, userid: registered.body.userid, mobile, password, totpSecret: enrollment.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Signs in with password and TOTP on a fresh client, a step later so the code is not a replay. */
export async function signIn(server: TestServer, corp: RegisteredCorp, options: { ip?: string } = {}): Promise<TestClient> {
  const client = server.client(options);
  const first = await client.post('/api/v1/auth/sign-in', { login: corp.mobile, password: corp.password });
  if (first.body.next !== 'totp') throw new Error(`sign-in: ${JSON.stringify(first.body)}`);
  await client.me();
  server.clock.advance(30_000);
  const second = await client.post('/api/v1/auth/second-factor', { code: totpCodeAt(corp.totpSecret, server.clock.now()) });
  if (second.status !== 200) throw new Error(`second factor: ${JSON.stringify(second.body)}`);
  await client.me();
  return client;
}

/** A member who can sign in: created by the corp's super admin, then activated with a password. */
export interface ActiveMember {
  userid: string;
  mobile: string;
  password: string;
}

/**
 * Adds a member through the API and activates them with a password directly in the database — the state the
 * member portal's activation leaves them in — so tests can appoint and sign in admins.
 */
export async function addActiveMember(server: TestServer, corp: RegisteredCorp, input: { userid: string; name?: string; departments: number[] }): Promise<ActiveMember> {
  const mobile = testMobile();
  const created = await corp.client.post('/api/v1/members', { userid: input.userid, name: input.name ?? input.userid, mobile, departments: input.departments.map((id) => ({ id })) });
  if (created.status !== 200) throw new Error(`member ${input.userid}: ${JSON.stringify(created.body)}`);
  const password = 'Memb3rPassw0rd';
  const hash = await hashPassword(password);
  const db = server.database.db;
  const row = await db.selectFrom('members').select('id').where('corp_id', '=', corp.corpId).where('userid', '=', input.userid).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await upsertPasswordHash(trx, row.id, corp.corpId, hash, server.clock.now());
    await trx.updateTable('members').set({ status: 1, activated_at: server.clock.now() }).where('id', '=', row.id).execute();
  });
  return { userid: input.userid, mobile, password };
}

/** An active member with an email address `<userid>@example.com`, and their member id (notification tests mail them). */
export async function addMemberWithEmail(server: TestServer, corp: RegisteredCorp, userid: string): Promise<ActiveMember & { id: string; email: string }> {
  const member = await addActiveMember(server, corp, { userid, departments: [1] });
  const email = `${userid}@example.com`;
  const row = await server.database.db.updateTable('members').set({ email }).where('corp_id', '=', corp.corpId).where('userid', '=', userid).returning('id').executeTakeFirstOrThrow();
  return { ...member, id: row.id, email };
}

/** Signs an active member in with their password (a member needs no second factor): a client of their session. */
export async function signInMember(server: TestServer, member: ActiveMember): Promise<TestClient> {
  const client = server.client();
  const answer = await client.post('/api/v1/auth/sign-in', { login: member.mobile, password: member.password });
  if (answer.status !== 200 || answer.body.next !== 'done') throw new Error(`sign-in of ${member.userid}: ${JSON.stringify(answer.body)}`);
  await client.me();
  return client;
}

/** One signed-in client per member, made on first use: `const as = sessionsOf(server, people); await as('emp')`. */
export function sessionsOf(server: () => TestServer, people: ReadonlyMap<string, ActiveMember>): (userid: string) => Promise<TestClient> {
  const clients = new Map<string, Promise<TestClient>>();
  return (userid) => {
    const member = people.get(userid);
    if (!member) throw new Error(`no member ${userid} in this test`);
    if (!clients.has(userid)) clients.set(userid, signInMember(server(), member));
    return clients.get(userid)!;
  };
}

/** Signs a member in to the console with password and TOTP, enrolling TOTP first when they have none yet. */
export async function signInAdmin(server: TestServer, member: ActiveMember & { totpSecret?: string }, options: { ip?: string } = {}): Promise<{ client: TestClient; totpSecret: string }> {
  const client = server.client(options);
  const first = await client.post('/api/v1/auth/sign-in', { login: member.mobile, password: member.password });
  if (first.status !== 200) throw new Error(`sign-in of ${member.userid}: ${JSON.stringify(first.body)}`);
  await client.me();
  server.clock.advance(30_000);
  let totpSecret = member.totpSecret;
  if (!totpSecret) {
    const enrollment = await client.get('/api/v1/auth/totp/enrollment');
    if (enrollment.status !== 200) throw new Error(`enrolment of ${member.userid}: ${JSON.stringify(enrollment.body)}`);
    totpSecret = enrollment.body.secret as string;
    const confirmed = await client.post('/api/v1/auth/totp/enrollment', { code: totpCodeAt(totpSecret, server.clock.now()) });
    if (confirmed.status !== 200) throw new Error(`enrolment of ${member.userid}: ${JSON.stringify(confirmed.body)}`);
  } else {
    const second = await client.post('/api/v1/auth/second-factor', { code: totpCodeAt(totpSecret, server.clock.now()) });
    if (second.status !== 200) throw new Error(`second factor of ${member.userid}: ${JSON.stringify(second.body)}`);
  }
  await client.me();
  return { client, totpSecret };
}

/** An app's access token from /cgi-bin/gettoken (the caller checks errors where they matter). */
export async function accessToken(server: TestServer, corpId: string, secret: string): Promise<string> {
  const answer = (await (await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`)).json()) as { access_token: string };
  return answer.access_token;
}

/**
 * The directory-sync app's secret, as its super admin gets it: with a fresh two-step code (codes are single-use
 * per 30-second step, so the clock moves on one first).
 */
export async function contactsSyncSecret(server: TestServer, corp: RegisteredCorp, options: { apiWrite?: boolean } = {}): Promise<{ app: { id: string }; secret: string }> {
  server.clock.advance(30_000);
  const answer = await corp.client.post('/api/v1/apps/contacts-sync/secret', { code: totpCodeAt(corp.totpSecret, server.clock.now()), ...options });
  if (answer.status !== 200) throw new Error(`contacts-sync secret: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
