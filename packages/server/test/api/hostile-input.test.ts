import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '@orgdesk/contracts';
import { publicAccess } from '../../src/platform/http/access';
import { API_PREFIX, createHttpServer } from '../../src/platform/http/server';
import { createMetrics } from '../../src/platform/kernel/metrics';
import { registerCorp, signIn, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

/**
 * Walks every registered route with a bounded, deterministic barrage of hostile requests from three kinds
 * of caller, and holds the server to two promises: nothing a client sends makes it answer 500, and every
 * refusal is the one error body (`error.code` + `error.message`).
 */

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32, seeded per route and caller so a failure replays on its own.

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

/** Walks each list from a random start, so one route and caller gets many different entries rather than repeats. */
function cycler(rng: Rng): <T>(items: readonly T[]) => T {
  const positions = new Map<readonly unknown[], number>();
  return <T>(items: readonly T[]): T => {
    const at = positions.get(items) ?? int(rng, items.length);
    positions.set(items, at + 1);
    return items[at % items.length]!;
  };
}

let serial = 0;
/** A fresh mainland mobile per call, so per-login back-off and the SMS resend wait do not answer every case. */
const freshMobile = () => `137${String(++serial).padStart(8, '0')}`;

// ---------------------------------------------------------------------------------------------------------
// Hostile material.

const BASE_SEED = 20261126;
const CASES_PER_ROUTE_AND_CALLER = 40;

const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  'a'.repeat(100_000),
  '测'.repeat(30_000),
  '🙂'.repeat(2_000),
  'x'.repeat(65),
  'x'.repeat(129),
  '\u202Eevil\u202C', // RTL override
  '\u200B\u200C\u200D\uFEFF', // zero-width characters and a BOM
  '👩‍👩‍👧‍👦🇨🇳',
  'e\u0301\u0301\u0301', // stacked combining marks
  'Ａｄｍｉｎ', // full-width
  'İıßſ',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'ok\ud83d', // a pair cut in half
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m\u007f',
  "'; drop table corps; --",
  '" or 1=1 --',
  '%00',
  '%',
  '%E0%A4%A',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'null',
  'true',
  '[object Object]',
  '13800138000',
  '+86 13800138000',
  'admin',
  'ww0123456789abcdef',
  '00000000-0000-0000-0000-000000000000',
  '123456',
  'abcde-fghjk',
  '9144030071526726XG',
  '9144030071526726XA',
  'Asia/Shanghai',
  '../Asia/Shanghai',
  '9999-12-31',
  '0000-01-01T00:00:00Z',
  'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  'data:image/png;base64,' + 'A'.repeat(360_000),
];

const HOSTILE_NUMBERS: readonly number[] = [0, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1, -(2 ** 63), 123456, 100_001, 201, 7, 8];

const HOSTILE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', '', ' ', 'a.b', '$where', 'toString', 'hasOwnProperty', '\u0000', '\ud800', '🙂', 'x'.repeat(1000), 'login', 'code', 'name', 'calendar', 'page'];

/** Raw request bodies sent as application/json: broken, odd or merely unusual JSON text. */
const RAW_JSON_TEXTS: readonly (string | Buffer)[] = [
  '{',
  '}',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  'NaN',
  'undefined',
  '-0',
  '1e309',
  '{"page":1e309}',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"\\u005f_proto__":{"polluted":true}}',
  '"\\ud800"',
  '{"login":"\\ud800","password":"\\udfff1a"}',
  '{"name":"\\ud83d","code":"\\u0000"}',
  '"just a string"',
  '12345',
  'null',
  'true',
  '[]',
  '[' .repeat(10_000) + ']'.repeat(10_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  '{"constructor":'.repeat(2_000) + '{"prototype":{}}' + '}'.repeat(2_000),
  '{"a":"' + 'x'.repeat(1_100_000) + '"}', // over the 1 MiB body limit
  Buffer.from([0x7b, 0x22, 0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), // invalid UTF-8
  Buffer.from('\ufeff{"login":"a","password":"b"}', 'utf16le'),
];

/** Bodies with the wrong (or a strange) content type. */
const WRONG_CONTENT_TYPES: readonly { type: string | null; body: string }[] = [
  { type: 'text/plain', body: '{"login":"a","password":"b"}' },
  { type: 'text/plain', body: 'junk junk junk' },
  { type: 'multipart/form-data; boundary=----x', body: '------x\r\nContent-Disposition: form-data; name="login"\r\n\r\njunk\r\n------x--\r\n' },
  { type: 'multipart/form-data', body: '\u0000\u0001\u0002 not multipart at all' },
  { type: 'application/x-www-form-urlencoded', body: 'login=a&password=b&__proto__[x]=1' },
  { type: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { type: 'application/json; charset=utf-16', body: '{}' },
  { type: 'application/json; charset=latin1', body: '{"login":"\u00e9"}' },
  { type: 'application/json-patch+json', body: '[{"op":"remove","path":"/"}]' },
  { type: 'Application/JSON', body: '{}' },
  { type: 'application/jsonx', body: '{}' },
  { type: ';;;', body: '{}' },
  { type: '*/*', body: '{}' },
  { type: null, body: '{"login":"a","password":"b"}' },
];

const HOSTILE_QUERIES: readonly string[] = [
  'page=1&page=2',
  'page[]=1',
  'a[]=1&a[]=2&a[x]=3',
  'page=' + '9'.repeat(1_000),
  'actor=' + 'x'.repeat(8_000),
  'actor=' + 'x'.repeat(100_000), // longer than the header limit
  '%E0%A4%A',
  'page=%E0%A4%A',
  'actor=%E0%A4%A&action=%',
  'actor=%ED%A0%80', // UTF-8 of a lone surrogate
  'actor=%00',
  'actor=a%00b',
  'action=auth.%25',
  'action=__proto__',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'toString=1&hasOwnProperty=1',
  'page=0',
  'page=-1',
  'page=1.5',
  'page=-0',
  'page=0x10',
  'page=1e308',
  'page=Infinity',
  'page=NaN',
  'page=%201',
  'pageSize=0',
  'pageSize=201',
  'pageSize=1e308',
  'page=100000&pageSize=200',
  'from=0000-01-01T00:00:00Z',
  'from=9999-12-31T23:59:59.999Z',
  'to=2024-02-30T00:00:00Z',
  'from=2024-13-45T25:61:61Z',
  'from=2024-01-01T00:00:00%2B14:00&to=2023-01-01T00:00:00-12:00',
  "actor=' or 1=1 --",
  'actor=%25%5F%5C',
  ';;;&&&===',
  '=',
  '&',
  'a=1;b=2',
];

const HOSTILE_PATH_PARAMS = (otherSession: string, ownSession: string): string[] => [
  'not-a-uuid',
  otherSession,
  otherSession.toUpperCase(),
  `{${otherSession}}`,
  ownSession,
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '..%2F..',
  '..%2F..%2F..%2Fhealthz',
  '%2e%2e',
  '%00',
  '%ED%A0%80',
  '%E0%A4%A',
  '%20',
  '%F0%9F%99%82',
  "'%3B%20drop%20table%20sessions%3B--",
  'a'.repeat(250), // past the router's max parameter length
  '1',
  '-1',
];

const PATH_SUFFIXES: readonly string[] = ['/', '//', '/..%2F..%2Fhealthz', '%00', '%2F', '/%E0%A4%A', ';jsessionid=1', '/x'.repeat(500), '%20', '.json', '?'];

function hostileHeaders(rng: Rng, realCookie: string | null, realCsrf: string | null): Record<string, string> {
  const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  const options: (() => Record<string, string>)[] = [
    () => ({ 'accept-language': pick(rng, ['', '*', ',,,,', 'en-US;q=abc', 'zz-ZZ', 'x'.repeat(4_000), utf8AsLatin1('中文,英语;q=0.5'), 'en\u00ff']) }),
    () => ({ 'x-csrf-token': pick(rng, ['', 'forged', 'a'.repeat(5_000), utf8AsLatin1('🙂'), `${realCsrf ?? ''} `, (realCsrf ?? '').toUpperCase(), '\u00ff']) }),
    () => ({
      cookie: pick(rng, [
        'orgdesk_session=%%%',
        'orgdesk_session=',
        'orgdesk_session="quoted"',
        'orgdesk_session=' + 'a'.repeat(4_000),
        'orgdesk_session=%E0%A4%A',
        '; ; ;=;',
        '__proto__=x; constructor=y',
        `orgdesk_session=garbage; ${realCookie ?? 'orgdesk_session=x'}`,
        `${realCookie ?? 'orgdesk_session=x'}; orgdesk_session=garbage`,
        utf8AsLatin1('orgdesk_session=测试🙂'),
      ]),
    }),
    () => ({ 'x-forwarded-for': pick(rng, ['garbage', '::::', '999.999.999.999', '1.2.3.4, 5.6.7.8, nonsense', "'; drop table sessions; --", 'x'.repeat(2_000), '%00', utf8AsLatin1('测试'), '', ',,,']) }),
    () => ({ 'x-request-id': pick(rng, ['', '../../', 'x'.repeat(1_000), utf8AsLatin1('🙂')]) }),
    () => ({ 'user-agent': pick(rng, ['', 'x'.repeat(6_000), utf8AsLatin1('浏览器🙂')]) }),
    () => ({ accept: pick(rng, ['application/xml', '*/*;q=0', 'text/csv', '']) }),
  ];
  return pick(rng, options)();
}

// ---------------------------------------------------------------------------------------------------------
// Hostile JSON values.

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype; an own property is what a client's JSON holds.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomJson(rng: Rng, depth = 0): unknown {
  const kinds = depth >= 4 ? ['null', 'bool', 'number', 'string'] : ['null', 'bool', 'number', 'string', 'string', 'array', 'object', 'object'];
  switch (pick(rng, kinds)) {
    case 'null':
      return null;
    case 'bool':
      return rng() < 0.5;
    case 'number':
      return rng() < 0.7 ? pick(rng, HOSTILE_NUMBERS) : (rng() - 0.5) * 10 ** int(rng, 20);
    case 'string':
      return pick(rng, HOSTILE_STRINGS);
    case 'array':
      return Array.from({ length: int(rng, 5) }, () => randomJson(rng, depth + 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let i = int(rng, 5); i > 0; i--) defineKey(value, pick(rng, HOSTILE_KEYS), randomJson(rng, depth + 1));
      return value;
    }
  }
}

function deepNest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A body close to valid for the route, so the hostile part reaches past schema validation where it can. */
const BODY_TEMPLATES: Record<string, () => Record<string, unknown>> = {
  'POST /api/v1/auth/sign-in': () => ({ login: freshMobile(), password: 'Passw0rd1', corpId: 'ww0123456789abcdef' }),
  'POST /api/v1/auth/second-factor': () => ({ code: '123456' }),
  'POST /api/v1/auth/totp/enrollment': () => ({ code: '123456' }),
  'POST /api/v1/registration/sms-code': () => ({ mobile: freshMobile() }),
  'POST /api/v1/registration': () => ({
    verificationId: '6f1c2a4e-8b1d-4c47-9a57-2f3b9e0d4c11',
    code: '123456',
    name: '测试企业',
    creditCode: '9144030071526726XG',
    industry: 'it',
    size: '1-50',
    adminName: '张三',
    password: 'Passw0rd1',
  }),
  'POST /api/v1/portal/activation': () => ({ token: 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA', password: 'Passw0rd1' }),
  'PATCH /api/v1/portal/me': () => ({ alias: '小王', telephone: '010-1234', address: '北京' }),
  'POST /api/v1/portal/password': () => ({ currentPassword: 'Passw0rd1', newPassword: 'Passw0rd2' }),
  'POST /api/v1/members/:userid/invite': () => ({ channel: 'email' }),
  'PATCH /api/v1/corp': () => ({ name: '测试科技有限公司', industry: 'it', size: '51-200', logo: null }),
  'PUT /api/v1/corp/settings': () => ({ defaultLanguage: 'zh-CN', calendar: structuredClone(defaultWorkCalendar) }),
  'POST /api/v1/access/roles': () => ({ name: '部门负责人', permissions: ['directory.view', 'directory.edit'] }),
  'PATCH /api/v1/access/roles/:id': () => ({ name: '部门负责人', permissions: ['directory.view'] }),
  'POST /api/v1/access/admins': () => ({ member: freshMobile(), roleId: 'directory_admin', scope: { departments: [1], tags: [], ownDepartments: false } }),
  'PATCH /api/v1/access/admins/:id': () => ({ roleId: 'auditor', scope: { departments: [1], tags: [1], ownDepartments: true } }),
  'PUT /api/v1/access/settings': () => ({ maxSuperAdmins: 3 }),
  'POST /api/v1/access/visibility/rules': () => ({ name: `规则${++serial}`, viewerDepartmentIds: [1], viewerTagIds: [], sees: 'listed', seenDepartmentIds: [1], seenTagIds: [], hiddenFields: ['mobile'] }),
  'PUT /api/v1/access/visibility/rules/:id': () => ({ name: `规则${++serial}`, viewerDepartmentIds: [1], sees: 'own_departments', hiddenFields: ['email'] }),
  'POST /api/v1/access/visibility/hidden': () => ({ userid: 'admin', allowedDepartmentIds: [1], allowedTagIds: [], allowedUserids: ['admin'] }),
  'PUT /api/v1/access/visibility/hidden/:id': () => ({ userid: 'admin', allowedDepartmentIds: [1], allowedUserids: [] }),
  'PUT /api/v1/access/external-contacts': () => ({ mode: 'listed', departmentIds: [1], tagIds: [], userids: ['admin'] }),
  'PUT /api/v1/portal/notifications/preferences': () => ({ quietHours: { start: '22:00', end: '08:00' }, timeZone: 'Asia/Shanghai', mutedAppIds: [], emailMode: 'daily', email: true }),
  'PUT /api/v1/notifications/settings': () => ({ workingHoursOnly: true, emailEnabled: true, webhooksEnabled: true }),
  'POST /api/v1/notifications/webhooks': () => ({ name: '机器人', url: 'http://127.0.0.1:1/hook', enabled: true }),
  'PATCH /api/v1/notifications/webhooks/:id': () => ({ name: '机器人', enabled: false }),
  'POST /api/v1/payouts/:id/cancel': () => ({ reason: '重复报销' }),
  'POST /api/v1/payouts/:id/fail': () => ({ reason: '账号不存在' }),
  'POST /api/v1/payouts/batches': () => ({ payoutIds: ['6f1c2a4e-8b1d-4c47-9a57-2f3b9e0d4c11'] }),
  'POST /api/v1/payouts/batches/:id/confirm': () => ({ bankReference: 'CMB20261126-0001', failures: [{ payoutId: '6f1c2a4e-8b1d-4c47-9a57-2f3b9e0d4c11', reason: '户名不符' }] }),
  'PUT /api/v1/approvals/settings': () => ({ apiAgentIds: [1000002, 1000003] }),
};

function mutateTemplate(rng: Rng, template: Record<string, unknown>): unknown {
  const body: Record<string, unknown> = { ...template };
  const keys = Object.keys(body);
  const hostile = () => (rng() < 0.6 ? pick(rng, HOSTILE_STRINGS) : randomJson(rng));
  switch (int(rng, 6)) {
    case 0:
    case 1:
    case 2: {
      if (keys.length === 0) return { [pick(rng, HOSTILE_KEYS)]: hostile() };
      const key = pick(rng, keys);
      if (key === 'calendar' && rng() < 0.7) {
        const calendar = { ...(body.calendar as Record<string, unknown>) };
        const field = pick(rng, [...Object.keys(calendar), '__proto__']);
        defineKey(calendar, field, field === 'workingHours' && rng() < 0.5 ? [{ start: pick(rng, HOSTILE_STRINGS), end: '18:00' }] : hostile());
        body.calendar = calendar;
      } else {
        body[key] = hostile();
      }
      return body;
    }
    case 3:
      if (keys.length > 0) delete body[pick(rng, keys)];
      return body;
    case 4:
      defineKey(body, pick(rng, HOSTILE_KEYS), hostile());
      return body;
    default:
      return deepNest(1 + int(rng, 200), body);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Callers.

interface Caller {
  name: 'anonymous' | 'super admin' | 'at the TOTP step';
  cookie: string | null;
  csrf: string | null;
  sessionId: string | null;
  /** Opens a fresh session when the barrage ended the last one (sign-out, revoke). */
  refresh(): Promise<void>;
}

interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

interface Failure {
  route: string;
  caller: string;
  request: HostileRequest;
  problem: string;
  status?: number;
  response?: string;
}

function clip(text: string, max = 240): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function describeRequest(request: HostileRequest): string {
  const headers = Object.entries(request.headers)
    .map(([k, v]) => `${k}: ${clip(JSON.stringify(v), 120)}`)
    .join(', ');
  const body = request.body === undefined ? '(none)' : Buffer.isBuffer(request.body) ? `<bytes ${request.body.toString('hex').slice(0, 80)}>` : clip(JSON.stringify(request.body));
  return `${request.method} ${clip(request.path, 300)}\n      headers: {${headers}}\n      body: ${body}`;
}

const ERROR_CODE = /^[a-z_]+\.[a-z_]+$/;

let server: TestServer;
let corpA: RegisteredCorp;
let corpB: RegisteredCorp;
let corpBSessionId: string;
let ipCounter = 0;

/** A distinct client address per request, so per-IP back-off does not turn the rest of the barrage into 429s. */
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

async function currentSessionId(cookie: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/sessions`, { headers: { cookie } });
  const body = (await response.json()) as { items: { id: string; current: boolean }[] };
  return body.items.find((s) => s.current)!.id;
}

function anonymousCaller(): Caller {
  return { name: 'anonymous', cookie: null, csrf: null, sessionId: null, refresh: async () => undefined };
}

async function adminCaller(): Promise<Caller> {
  const caller: Caller = {
    name: 'super admin',
    cookie: null,
    csrf: null,
    sessionId: null,
    refresh: async () => {
      const client = await signIn(server, corpA, { ip: nextIp() });
      caller.cookie = client.sessionCookie;
      caller.csrf = client.csrfToken;
      caller.sessionId = await currentSessionId(caller.cookie!);
    },
  };
  caller.cookie = corpA.client.sessionCookie;
  caller.csrf = corpA.client.csrfToken;
  caller.sessionId = await currentSessionId(caller.cookie!);
  return caller;
}

async function totpStepCaller(): Promise<Caller> {
  const caller: Caller = {
    name: 'at the TOTP step',
    cookie: null,
    csrf: null,
    sessionId: null,
    refresh: async () => {
      const client = server.client({ ip: nextIp() });
      const first = await client.post('/api/v1/auth/sign-in', { login: corpB.mobile, password: corpB.password });
      if (first.body.next !== 'totp') throw new Error(`sign-in of the TOTP-step caller: ${JSON.stringify(first.body)}`);
      const me = await client.me();
      if (me.body.stage !== 'second_factor') throw new Error(`unexpected stage ${me.body.stage}`);
      caller.cookie = client.sessionCookie;
      caller.csrf = client.csrfToken;
    },
  };
  await caller.refresh();
  return caller;
}

/** Whether the caller's session still answers at the stage it should be at. */
async function stillSignedIn(caller: Caller): Promise<boolean> {
  if (!caller.cookie) return true;
  const response = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: caller.cookie } });
  if (response.status !== 200) return false;
  const body = (await response.json()) as { stage: string };
  return body.stage === (caller.name === 'super admin' ? 'full' : 'second_factor');
}

// ---------------------------------------------------------------------------------------------------------
// Building and checking one request.

function buildRequest(rng: Rng, next: ReturnType<typeof cycler>, caseIndex: number, route: { method: string; url: string }, caller: Caller): HostileRequest {
  const method = route.method;
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  const headers: Record<string, string> = { 'x-forwarded-for': nextIp(), 'accept-language': rng() < 0.5 ? 'zh-CN' : 'en' };
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.csrf && hasBody) headers['x-csrf-token'] = caller.csrf;

  const paramValues = HOSTILE_PATH_PARAMS(corpBSessionId, caller.sessionId ?? corpBSessionId);
  let path = route.url.replace(/:(\w+)/g, () => (rng() < 0.9 ? next(paramValues) : corpBSessionId));
  const template = BODY_TEMPLATES[`${method} ${route.url}`];

  const kinds = hasBody ? ['json', 'template', 'template', 'raw', 'content-type', 'empty', 'query', 'path', 'headers'] : ['query', 'query', 'path', 'headers', 'headers'];
  const kind = kinds[caseIndex % kinds.length]!;
  let body: string | Buffer | undefined;
  if (hasBody) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(template ? template() : {});
  }
  switch (kind) {
    case 'json':
      body = JSON.stringify(rng() < 0.15 ? deepNest(50 + int(rng, 3_000), randomJson(rng)) : randomJson(rng));
      break;
    case 'template':
      body = JSON.stringify(mutateTemplate(rng, template ? template() : {}));
      break;
    case 'raw':
      body = next(RAW_JSON_TEXTS);
      break;
    case 'content-type': {
      const choice = next(WRONG_CONTENT_TYPES);
      if (choice.type === null) delete headers['content-type'];
      else headers['content-type'] = choice.type;
      body = choice.body;
      break;
    }
    case 'empty':
      body = rng() < 0.5 ? '' : undefined; // an empty body, or none at all, under a JSON content type
      break;
    case 'query':
      path += `?${next(HOSTILE_QUERIES)}`;
      break;
    case 'path':
      if (!route.url.includes(':')) path += next(PATH_SUFFIXES);
      break;
    default:
      break;
  }
  // Hostile headers on their own, and now and then on top of any other case.
  if (kind === 'headers' || rng() < 0.2) Object.assign(headers, hostileHeaders(rng, caller.cookie, caller.csrf));
  return { method, path, headers, body };
}

async function send(request: HostileRequest): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(server.url + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** What is wrong with an answer, or null when it keeps the promises. */
function problemWith(answer: { status: number; type: string; text: string }): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  // 431 comes from Node's HTTP parser (request line and headers over 16 KiB) before Fastify sees a request:
  // there is no route and no error handler yet, so its body is Fastify's client-error shape, not ours.
  if (answer.status === 431) return null;
  if (answer.status < 400 || !answer.type.includes('json')) return null;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return `answered ${answer.status} with a JSON content type but a body that is not JSON`;
  }
  if (typeof body.error?.code !== 'string' || !ERROR_CODE.test(body.error.code)) return `answered ${answer.status} without a module.reason error.code`;
  if (typeof body.error.message !== 'string' || body.error.message.trim() === '') return `answered ${answer.status} without an error.message`;
  return null;
}

function routesUnderTest(): { method: string; url: string }[] {
  return server.app.routeList.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs/static/'));
}

/** The /api routes anyone may call; a route answering an anonymous caller without being listed here fails the test. */
const PUBLIC_API_ROUTES = new Set([
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/registration',
  'POST /api/v1/registration/sms-code',
  'GET /api/v1/ping', // the no-op baseline route of the benchmarks
  'GET /api/v1/portal/activation', // whom an invitation link is for
  'POST /api/v1/portal/activation', // a member activating with the link's token
  'GET /api/v1/apps/:id/logo', // app logos are public, as WeCom's square_logo_url is
]);

// ---------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer();
  corpA = await registerCorp(server, { name: '甲方科技有限公司' });
  corpB = await registerCorp(server, { name: '乙方科技有限公司' });
  corpBSessionId = await currentSessionId(corpB.client.sessionCookie!);
});
afterAll(async () => server?.close());

describe('no input makes the server answer 500', () => {
  it('survives a hostile barrage on every route from every kind of caller', { timeout: 400_000 }, async () => {
    const routes = routesUnderTest();
    expect(routes.length).toBeGreaterThan(15);
    const callers = [anonymousCaller(), await adminCaller(), await totpStepCaller()];
    const failures: Failure[] = [];
    let sent = 0;
    for (const route of routes) {
      const routeName = `${route.method} ${route.url}`;
      for (const caller of callers) {
        if (!(await stillSignedIn(caller))) await caller.refresh();
        const rng = mulberry32(BASE_SEED ^ seedOf(`${routeName}|${caller.name}`));
        const next = cycler(rng);
        for (let i = 0; i < CASES_PER_ROUTE_AND_CALLER; i++) {
          const request = buildRequest(rng, next, i, route, caller);
          sent++;
          let answer: { status: number; type: string; text: string };
          try {
            answer = await send(request);
          } catch (error) {
            failures.push({ route: routeName, caller: caller.name, request, problem: `no answer: ${(error as Error).message} (${String((error as Error).cause ?? '')})` });
            continue;
          }
          const problem = problemWith(answer);
          if (problem) failures.push({ route: routeName, caller: caller.name, request, problem, status: answer.status, response: clip(answer.text, 400) });
          // A write that succeeded may have ended the caller's session (sign-out, revoking it); open another.
          if (answer.status < 300 && request.method !== 'GET' && !(await stillSignedIn(caller))) await caller.refresh();
        }
      }
    }
    const kinds = new Map<string, number>();
    for (const f of failures) kinds.set(`${f.route} as ${f.caller}: ${f.problem}`, (kinds.get(`${f.route} as ${f.caller}: ${f.problem}`) ?? 0) + 1);
    const summary = [...kinds].map(([kind, n]) => `  ${n} × ${kind}`).join('\n');
    const details = failures
      .slice(0, 20)
      .map((f, n) => `#${n + 1} ${f.route} as ${f.caller}: ${f.problem}\n    request: ${describeRequest(f.request)}\n    answer: ${f.status ?? '-'} ${f.response ?? ''}`)
      .join('\n');
    expect(failures.length, `${failures.length} of ${sent} hostile requests broke a promise:\n${summary}\nThe first 20:\n${details}\n`).toBe(0);
    expect(sent).toBeGreaterThan(routes.length * 3 * CASES_PER_ROUTE_AND_CALLER - 1);
  });

  it('is intact after the barrage', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The barrage's wrong current passwords (POST /api/v1/portal/password as the super admin) count against
    // their sign-in, as wrong sign-ins do: wait out the longest lock (accountPolicy.maxLockSeconds).
    server.clock.advance(900_000);
    const admin = await signIn(server, corpA, { ip: nextIp() });
    const corp = await admin.get('/api/v1/corp');
    expect(corp.status).toBe(200);
    expect(corp.body.corpId).toBe(corpA.corpId);
    const verify = await admin.get('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, firstBadSeq: null });
    expect(verify.body.checked).toBeGreaterThan(3);
    // The other corp's chain and the platform chain (failed sign-ins to unknown accounts) hold as well.
    for (const chain of [corpB.corpId, 'platform']) expect(await server.services.audit.verify(server.database.db, chain)).toMatchObject({ ok: true });
    // Corp B's own session survived the attempts to revoke it from corp A.
    expect((await corpB.client.get('/api/v1/corp')).status).toBe(200);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('every /api route declares its access', () => {
  it('answers an anonymous caller 401 on every /api route except the public ones', async () => {
    const apiRoutes = routesUnderTest().filter((r) => r.url.startsWith(API_PREFIX));
    expect(apiRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining([...PUBLIC_API_ROUTES, 'GET /api/v1/corp', 'GET /api/v1/audit/verify']));
    const answers: string[] = [];
    for (const route of apiRoutes) {
      const name = `${route.method} ${route.url}`;
      const path = route.url.replace(/:\w+/g, corpBSessionId);
      const hasBody = route.method !== 'GET';
      const response = await fetch(server.url + path, { method: route.method, headers: { 'x-forwarded-for': nextIp(), ...(hasBody ? { 'content-type': 'application/json' } : {}) }, body: hasBody ? '{}' : undefined });
      const body = (await response.json()) as { error?: { code: string } };
      answers.push(`${name} -> ${response.status} ${body.error?.code ?? 'ok'}`);
      if (PUBLIC_API_ROUTES.has(name)) {
        expect(response.status, name).not.toBe(401); // public: the request gets past the door
        if (hasBody) expect(response.status, name).toBe(400); // …and `{}` is not a valid registration or sign-in
      } else {
        expect({ name, status: response.status, code: body.error?.code }, answers.join('\n')).toEqual({ name, status: 401, code: 'auth.unauthenticated' });
      }
    }
  });

  it('refuses at registration an /api route that declares no access', async () => {
    const app = await createHttpServer({
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      authenticator: { cookieName: 'orgdesk_session', resolve: async () => null },
      trustProxy: false,
      healthCheck: async () => ({ database: 'ok' as const }),
    });
    try {
      expect(() => app.get('/api/v1/undeclared', async () => ({ ok: true }))).toThrow(/GET \/api\/v1\/undeclared declares no access/);
      expect(() => app.post('/api/v1/undeclared-too', { config: {} }, async () => ({ ok: true }))).toThrow(/declares no access/);
      // Infrastructure outside /api needs no declaration, and a declared API route is accepted.
      expect(() => app.get('/infrastructure', async () => ({ ok: true }))).not.toThrow();
      expect(() => app.get('/api/v1/declared', { config: { access: publicAccess } }, async () => ({ ok: true }))).not.toThrow();
      expect(app.routeList.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /infrastructure', 'GET /api/v1/declared']));
      expect(app.routeList.map((r) => r.url)).not.toContain('/api/v1/undeclared');
    } finally {
      await app.close();
    }
  });
});
