// Directory import at scale: an HR admin's CSV of N members (WeCom's template) previewed and applied through
// ImportService, against an in-process server, per engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg).
// It measures preview and apply time (rows/s), peak RSS, GET /healthz latency while the import applies, a raw
// multi-row INSERT of the same rows as the baseline, and the department member list afterwards.
// Run: npx tsx bench/import.ts [--members 100000] [--departments 1000] [--pg] [--only pglite|pg]
// Each engine runs in its own child process (fresh heap, its own maxRSS); this process orchestrates and writes
// bench/results/import.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryId, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createApp, createServices, creditCodeCheckChar, hashPassword, loadConfig, migrateToLatest, openDatabase, operatorContext, totpCodeAt, upsertPasswordHash, type DB } from '@orgdesk/server';
import { ManualClock } from '../packages/server/src/platform/kernel/clock';
import { createMetrics } from '../packages/server/src/platform/kernel/metrics';
import { fmt, percentile, printTable, sleep, writeResult } from './lib/common';

// ---------------------------------------------------------------------------------------------------------------
// flags and targets

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}
function textFlag(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : (process.argv[at + 1] ?? null);
}

const MEMBERS = flag('members', 100_000);
const DEPARTMENTS = flag('departments', 1_000);
const LIST_REQUESTS = flag('list-requests', 300);
const HEALTHZ_EVERY_MS = 25;
const RAW_BATCH = 1_000;
const LEAVES_PER_DIVISION = 50;
const CORP_NAME = '星河科技';
const PASSWORD = 'Bench-Passw0rd-2026';
const MB = 1024 * 1024;

type Engine = 'pglite' | 'postgres';
const TARGETS = {
  applyMs: { pglite: 10_000, postgres: 6_000 } as Record<Engine, number>,
  peakRssMb: 800,
  healthzP99Ms: 200,
  listP99Ms: 30,
};

// ---------------------------------------------------------------------------------------------------------------
// the file: deterministic members, WeCom's template columns, departments as paths

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '欧阳', '司马', '诸葛'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬鑫宇浩然子涵欣怡梓轩一诺思远晨曦雨桐嘉俊文博志建国庆春晓梅雪松'];
const POSITIONS = ['工程师', '高级工程师', '产品经理', '销售经理', '会计', '人事专员', '行政助理', '设计师', '测试工程师', '运维工程师', '客服专员', '项目经理'];
const MOBILE_PREFIXES = ['138', '139', '150', '151', '186', '187', '188', '189', '135', '136'];

/** A cheap integer hash (deterministic across runs): row i always gets the same name. */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 0x9e3779b1 + salt * 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface Layout {
  divisions: number;
  divisionWidth: number;
  leafWidth: number;
}
function layout(departments: number): Layout {
  const divisions = Math.ceil(departments / LEAVES_PER_DIVISION);
  return { divisions, divisionWidth: Math.max(2, String(divisions - 1).length), leafWidth: Math.max(4, String(departments - 1).length) };
}
const divisionName = (l: Layout, d: number) => `事业部${pad(d, l.divisionWidth)}`;
const leafName = (l: Layout, j: number) => `部门${pad(j, l.leafWidth)}`;

interface MemberFields {
  name: string;
  userid: string;
  mobile: string;
  email: string;
  leaf: number;
  position: string;
  gender: '男' | '女';
}

/** Member i: a Chinese name, unique userid/mobile/email, round-robin over the leaf departments. */
function member(i: number, departments: number): MemberFields {
  const h = mix(i, 1);
  const surname = SURNAMES[h % SURNAMES.length]!;
  const given = GIVEN[(h >>> 8) % GIVEN.length]! + ((h >>> 20) % 3 === 0 ? '' : GIVEN[mix(i, 2) % GIVEN.length]!);
  const userid = `xh${pad(i + 1, 6)}`;
  return {
    name: surname + given,
    userid,
    mobile: MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]! + pad(Math.floor(i / MOBILE_PREFIXES.length), 8),
    email: `${userid}@xinghe-tech.com`,
    leaf: i % departments,
    position: POSITIONS[mix(i, 3) % POSITIONS.length]!,
    gender: mix(i, 4) % 2 === 0 ? '男' : '女',
  };
}

/** The CSV as Excel saves "CSV UTF-8": a BOM, CRLF line ends. */
function generateCsv(members: number, departments: number): Buffer {
  const l = layout(departments);
  const lines = ['姓名,帐号,手机号,邮箱,所在部门,职位,性别'];
  for (let i = 0; i < members; i++) {
    const m = member(i, departments);
    const path = `${CORP_NAME}/${divisionName(l, Math.floor(m.leaf / LEAVES_PER_DIVISION))}/${leafName(l, m.leaf)}`;
    lines.push(`${m.name},${m.userid},${m.mobile},${m.email},${path},${m.position},${m.gender}`);
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// measuring helpers

/**
 * Peak RSS sampler on a worker thread: process.memoryUsage.rss() every 50 ms into a shared cell, so the samples keep
 * coming while the main thread is busy parsing or planning (a main-thread timer would stall exactly then).
 */
class RssSampler {
  private readonly cell = new BigInt64Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;
  constructor(intervalMs = 50) {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const cell = new BigInt64Array(workerData);
       setInterval(() => {
         const rss = BigInt(process.memoryUsage.rss());
         if (rss > Atomics.load(cell, 0)) Atomics.store(cell, 0, rss);
         Atomics.add(cell, 1, 1n);
       }, ${intervalMs});`,
      { eval: true, workerData: this.cell.buffer },
    );
    this.worker.unref();
  }
  reset(): void {
    Atomics.store(this.cell, 0, BigInt(process.memoryUsage.rss()));
    Atomics.store(this.cell, 1, 0n);
  }
  /** The highest sample since reset (and the current RSS, in case it is higher). */
  peak(): { peakBytes: number; samples: number } {
    return { peakBytes: Math.max(Number(Atomics.load(this.cell, 0)), process.memoryUsage.rss()), samples: Number(Atomics.load(this.cell, 1)) };
  }
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * What the RSS is made of, from the main thread every 50 ms (when its event loop is free) and at each progress
 * callback: the JS heap (rows, plan, audit entries) vs `external`, where PGlite's WebAssembly memory is counted.
 */
function memoryBreakdown() {
  const max = { heapUsedMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    max.heapUsedMb = Math.max(max.heapUsedMb, m.heapUsed / MB);
    max.externalMb = Math.max(max.externalMb, m.external / MB);
    max.arrayBuffersMb = Math.max(max.arrayBuffersMb, m.arrayBuffers / MB);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

interface QueryEvent {
  label: string;
  start: number;
  end: number;
}

/** A Kysely plugin that records each query's label (kind + table), start and end: the bench's view of where time goes. */
class QueryTimeline implements KyselyPlugin {
  readonly events: QueryEvent[] = [];
  /** When set, every query's operation node is kept here too (to EXPLAIN exactly what a route ran). */
  captured: { label: string; node: RootOperationNode; queryId: QueryId }[] | null = null;
  private readonly pending = new WeakMap<object, { label: string; start: number }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const label = queryLabel(args.node);
    this.captured?.push({ label, node: args.node, queryId: args.queryId });
    this.pending.set(args.queryId, { label, start: performance.now() });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const pending = this.pending.get(args.queryId);
    if (pending) {
      this.events.push({ ...pending, end: performance.now() });
      this.pending.delete(args.queryId);
    }
    return args.result;
  }
  between(from: number, to: number): QueryEvent[] {
    return this.events.filter((e) => e.start >= from && e.end <= to).sort((a, b) => a.start - b.start);
  }
}

function field(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}
function tableOf(node: unknown): string {
  switch (field(node, 'kind')) {
    case 'TableNode':
      return String(field(field(field(node, 'table'), 'identifier'), 'name'));
    case 'AliasNode':
      return tableOf(field(node, 'node'));
    case 'FromNode':
      return tableOf((field(node, 'froms') as unknown[] | undefined)?.[0]);
    default:
      return '?';
  }
}
function queryLabel(node: RootOperationNode): string {
  switch (node.kind) {
    case 'SelectQueryNode': {
      const what = field(node, 'limit') ? ' (page)' : JSON.stringify(field(node, 'selections') ?? []).includes('count(') ? ' (count)' : '';
      return `select ${tableOf(field(node, 'from'))}${what}`;
    }
    case 'InsertQueryNode':
      return `insert ${tableOf(field(node, 'into'))}`;
    case 'UpdateQueryNode':
      return `update ${tableOf(field(node, 'table'))}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf(field(node, 'from'))}`;
    case 'RawNode': {
      const text = ((field(node, 'sqlFragments') as string[] | undefined) ?? []).join('?').replace(/\s+/g, ' ').trim().toLowerCase();
      const match = /^(insert into|update|delete from)\s+(\w+)/.exec(text) ?? /^(with recursive|select)\b/.exec(text);
      return `raw ${match ? match.slice(1).join(' ') : text.slice(0, 24)}`;
    }
    default:
      return node.kind;
  }
}

interface Span {
  label: string;
  start: number;
  end: number;
}

interface PhaseFigure {
  ms: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssSamples: number;
  /** process.resourceUsage().maxRSS right after the phase: the process's high-water mark so far. */
  maxRssSoFarMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function phase<T>(sampler: RssSampler, figures: Record<string, PhaseFigure>, name: string, work: () => Promise<T>): Promise<T> {
  gc?.();
  const rssStart = process.memoryUsage.rss();
  sampler.reset();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { peakBytes, samples } = sampler.peak();
  figures[name] = { ms, rssStartMb: rssStart / MB, rssPeakMb: peakBytes / MB, rssSamples: samples, maxRssSoFarMb: (process.resourceUsage().maxRSS * 1024) / MB };
  return result;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A browser-like client: one session cookie, and the CSRF token on writes once it knows it (as in bench/sign-in.ts). */
class Client {
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

function expect(reply: Reply, what: string, ok: (r: Reply) => boolean): void {
  if (!ok(reply)) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
}

/** GET /healthz every 25 ms, sequentially (the next one starts 25 ms after the previous one started, or at once if that was slower). */
function probeHealthz(url: string) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let stopped = false;
  const running = (async () => {
    let next = performance.now();
    while (!stopped) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      const started = performance.now();
      next = started + HEALTHZ_EVERY_MS;
      let status = 'error';
      try {
        const response = await fetch(`${url}/healthz`);
        await response.arrayBuffer();
        status = String(response.status);
      } catch {
        // counted as 'error'
      }
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await running;
      return { latencies, statuses };
    },
  };
}

function latencyFigures(values: number[]) {
  return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}
/** Time a health check spent waiting beyond the target: a count-based p99 under-weights a few long stalls. */
const stalledMs = (values: number[], limit: number) => values.reduce((sum, v) => sum + Math.max(0, v - limit), 0);

// ---------------------------------------------------------------------------------------------------------------
// one engine, in a child process

interface PlanSummary {
  label: string;
  executionMs: number;
  /** The plan's scan nodes, e.g. "Seq Scan on member_departments md". */
  scans: string[];
}
type ListFigures = ReturnType<typeof latencyFigures> & { department: string; id: number; total: number; pages: number; mean: number; dbMsPerRequest: Record<string, number>; plans: PlanSummary[] };

interface EngineResult {
  engine: Engine;
  members: number;
  departments: number;
  divisions: number;
  fileBytes: number;
  fileName: string;
  phases: Record<string, PhaseFigure>;
  previewMs: number;
  applyMs: number;
  previewRowsPerSec: number;
  applyRowsPerSec: number;
  counts: unknown;
  peakRssMb: number;
  maxRssMb: number;
  memory: Record<'preview' | 'apply', ReturnType<ReturnType<typeof memoryBreakdown>['stop']>>;
  healthz: ReturnType<typeof latencyFigures> & { statuses: Record<string, number>; over200Ms: number; stalledMs: number };
  applyEventLoop: { delayMaxMs: number; delayP99Ms: number; utilization: number };
  rawMs: number;
  rawRowsPerSec: number;
  ratioImportToRaw: number;
  list: Record<'recursive' | 'leaf', ListFigures>;
  listAfterAnalyze: Record<'recursive' | 'leaf', ListFigures>;
  previewSplit: Record<'parseMs' | 'snapshotMs' | 'planMs' | 'storeJobMs' | 'otherMs', number>;
  applySplit: Record<'loadJobMs' | 'parseMs' | 'markApplyingBeginLockMs' | 'snapshotMs' | 'planMs' | 'writeMs' | 'auditMs' | 'auditInsertDbMs' | 'auditBuildAndHashMs' | 'commitAndFinishMs', number>;
  applyWrites: { label: string; count: number; dbMs: number; jsBeforeMs: number }[];
  pass: { apply: boolean; peakRss: boolean; healthz: boolean; list: boolean };
}

async function runEngine(engine: Engine): Promise<EngineResult> {
  const sampler = new RssSampler(50);
  const phases: Record<string, PhaseFigure> = {};
  const l = layout(DEPARTMENTS);
  console.log(`[${engine}] ${fmt(MEMBERS)} members in ${fmt(DEPARTMENTS)} departments (${l.divisions} 事业部 × ≤${LEAVES_PER_DIVISION}), gc between phases: ${gc ? 'yes' : 'no'}`);

  // --- the database: in-memory PGlite, or a fresh database on the PostgreSQL server of DATABASE_URL ---
  let adminUrl: string | null = null;
  let benchDb: string | null = null;
  let databaseUrl: string | null = null;
  if (engine === 'postgres') {
    adminUrl = process.env.DATABASE_URL ?? null;
    if (!adminUrl) throw new Error('--pg needs DATABASE_URL (e.g. export "$(bash scripts/pg-throwaway.sh start | tail -n1)")');
    benchDb = `orgdesk_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${benchDb}`);
    const version = await admin.query<{ server_version: string }>('show server_version');
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${benchDb}`;
    databaseUrl = url.toString();
    console.log(`[${engine}] PostgreSQL ${version.rows[0]?.server_version} at ${url.host}, database ${benchDb}`);
  }
  const setupStarted = performance.now();
  const timeline = new QueryTimeline();
  const database = await openDatabase<DB>(engine === 'pglite' ? { databaseUrl: null, pglite: await PGlite.create() } : { databaseUrl });
  const tmp = mkdtempSync(join(tmpdir(), 'orgdesk-import-bench-'));
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    await migrateToLatest(database.db as never);
    const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
    const clock = new ManualClock(new Date());
    const logger = pino({ level: 'silent' });
    // The services see the database through the timeline plugin; /healthz (database.db) does not.
    const services = createServices(database.db.withPlugin(timeline), { config, sms: { send: async () => undefined }, clock, logger });
    app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // ImportService's private read (parse) and snapshot, timed from outside by wrapping them on this instance only.
    const spans: Span[] = [];
    const target = services.imports as unknown as Record<'read' | 'snapshot', (...args: unknown[]) => Promise<unknown>>;
    for (const name of ['read', 'snapshot'] as const) {
      const original = target[name].bind(services.imports);
      target[name] = async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await original(...args);
        } finally {
          spans.push({ label: name, start, end: performance.now() });
        }
      };
    }

    // --- the corp, its super admin with a password, signed in over HTTP with TOTP enrolled ---
    const passwordHash = await hashPassword(PASSWORD);
    const createCorp = async (name: string, serial: number, mobile: string) => {
      const first17 = `91110108${pad(serial, 9)}`;
      return services.db.transaction().execute(async (trx) => {
        const corp = await services.corps.create(trx, { name, creditCode: first17 + creditCodeCheckChar(first17), industry: 'it', size: '5000+', adminName: '系统管理员', adminMobile: mobile }, operatorContext('bench'));
        await upsertPasswordHash(trx, corp.memberId, corp.corpId, passwordHash, clock.now());
        return corp;
      });
    };
    const corp = await createCorp(CORP_NAME, 1, '19912345678');
    const client = new Client(url);
    const first = await client.request('POST', '/api/v1/auth/sign-in', { login: '19912345678', password: PASSWORD });
    expect(first, 'sign-in', (r) => r.status === 200 && r.body.next === 'enroll_totp');
    await client.me();
    const enrollment = await client.request('GET', '/api/v1/auth/totp/enrollment');
    expect(enrollment, 'GET totp/enrollment', (r) => r.status === 200);
    expect(await client.request('POST', '/api/v1/auth/totp/enrollment', { code: totpCodeAt(enrollment.body.secret as string, clock.now()) }), 'POST totp/enrollment', (r) => r.status === 200);
    const me = await client.me();
    if (me.stage !== 'full') throw new Error(`expected a full session after enrolment, got ${String(me.stage)}`);
    gc?.();
    const setupRss = process.memoryUsage.rss() / MB;
    phases.setup = { ms: performance.now() - setupStarted, rssStartMb: setupRss, rssPeakMb: setupRss, rssSamples: 0, maxRssSoFarMb: (process.resourceUsage().maxRSS * 1024) / MB };

    // --- 1. the file ---
    const fileName = join(tmp, 'members.csv');
    let bytes = await phase(sampler, phases, 'generate', async () => {
      const csv = generateCsv(MEMBERS, DEPARTMENTS);
      writeFileSync(fileName, csv);
      return csv;
    });
    const fileBytes = bytes.length;
    console.log(`[${engine}] file: ${fmt(fileBytes / MB, 1)} MB, ${fileName}`);

    // --- 2a. preview: parse + validate + plan, the file kept with the job; nothing in the directory written ---
    const ctx = { ...operatorContext('bench import'), actorId: 'admin', actorName: '系统管理员' };
    let memory = memoryBreakdown();
    const previewFrom = performance.now();
    const job = await phase(sampler, phases, 'preview', () => services.imports.preview(corp.corpId, { bytes, name: 'members.csv' }, { mode: 'sync', createDepartments: true }, ctx));
    const previewTo = performance.now();
    const previewMemory = memory.stop();
    bytes = Buffer.alloc(0); // the service keeps its own copy (in the job row); drop ours as an upload handler would
    const expectedDepartments = DEPARTMENTS + l.divisions;
    if (job.counts.rowsInError !== 0 || job.counts.created !== MEMBERS || job.counts.departmentsCreated !== expectedDepartments) {
      throw new Error(`unexpected preview counts: ${JSON.stringify(job.counts)} (expected ${MEMBERS} created, ${expectedDepartments} departments, no errors)`);
    }
    console.log(`[${engine}] preview: ${fmt(phases.preview!.ms)} ms, counts ${JSON.stringify(job.counts)}`);

    // --- 2b/3. apply, with /healthz probed every 25 ms from this process meanwhile ---
    let planDoneAt = 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const probe = probeHealthz(url);
    loopDelay.enable();
    memory = memoryBreakdown();
    const elu0 = performance.eventLoopUtilization();
    const applyFrom = performance.now();
    const applied = await phase(sampler, phases, 'apply', () =>
      services.imports.apply(corp.corpId, job.id, { skipBadRows: false, confirmDisable: false }, ctx, (done) => {
        if (done === 0 && planDoneAt === 0) planDoneAt = performance.now();
        memory.sample();
      }),
    );
    const applyTo = performance.now();
    const applyMemory = memory.stop();
    const elu = performance.eventLoopUtilization(elu0).utilization;
    loopDelay.disable();
    const health = await probe.stop();
    if (applied.status !== 'succeeded') throw new Error(`apply ended ${applied.status}: ${JSON.stringify(applied.failure)}`);
    const stored = await database.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corp.corpId).executeTakeFirstOrThrow();
    if (Number(stored.n) !== MEMBERS + 1) throw new Error(`expected ${MEMBERS + 1} members after the import, found ${stored.n}`);
    console.log(`[${engine}] apply: ${fmt(phases.apply!.ms)} ms, ${health.latencies.length} healthz answers`);

    // --- where the time went (from the spans and the query timeline) ---
    const spanIn = (label: string, from: number, to: number) => spans.find((s) => s.label === label && s.start >= from && s.end <= to);
    const previewRead = spanIn('read', previewFrom, previewTo)!;
    const previewSnap = spanIn('snapshot', previewFrom, previewTo)!;
    const jobInsert = timeline.between(previewSnap.end, previewTo).find((e) => e.label === 'insert import_jobs')!;
    const previewSplit = {
      parseMs: previewRead.end - previewRead.start,
      snapshotMs: previewSnap.end - previewSnap.start,
      planMs: jobInsert.start - previewSnap.end,
      storeJobMs: jobInsert.end - jobInsert.start,
      otherMs: previewTo - previewFrom - (previewRead.end - previewRead.start) - (previewSnap.end - previewSnap.start) - (jobInsert.end - previewSnap.end),
    };
    const applyRead = spanIn('read', applyFrom, applyTo)!;
    const applySnap = spanIn('snapshot', applyFrom, applyTo)!;
    const applyEvents = timeline.between(applyFrom, applyTo);
    const auditStartEvent = applyEvents.find((e) => e.start >= planDoneAt && e.label === 'update audit_heads')!;
    const lastAuditInsert = applyEvents.map((e) => e.label).lastIndexOf('insert audit_log');
    const auditEnd = (applyEvents[lastAuditInsert + 1] ?? applyEvents[lastAuditInsert]!).end;
    const auditInserts = applyEvents.filter((e) => e.label === 'insert audit_log');
    const auditDbMs = auditInserts.reduce((sum, e) => sum + e.end - e.start, 0);
    const applySplit = {
      loadJobMs: applyRead.start - applyFrom,
      parseMs: applyRead.end - applyRead.start,
      markApplyingBeginLockMs: applySnap.start - applyRead.end,
      snapshotMs: applySnap.end - applySnap.start,
      planMs: planDoneAt - applySnap.end,
      writeMs: auditStartEvent.start - planDoneAt,
      auditMs: auditEnd - auditStartEvent.start,
      auditInsertDbMs: auditDbMs,
      auditBuildAndHashMs: auditEnd - auditStartEvent.start - auditDbMs,
      commitAndFinishMs: applyTo - auditEnd,
    };
    // The writes, per statement kind: time in the database and JS time just before (building rows, pinyin, compiling).
    const writes = new Map<string, { label: string; count: number; dbMs: number; jsBeforeMs: number }>();
    let previousEnd = planDoneAt;
    for (const e of applyEvents.filter((x) => x.start >= planDoneAt && x.end <= auditStartEvent.start)) {
      const entry = writes.get(e.label) ?? { label: e.label, count: 0, dbMs: 0, jsBeforeMs: 0 };
      entry.count++;
      entry.dbMs += e.end - e.start;
      entry.jsBeforeMs += Math.max(0, e.start - previousEnd);
      previousEnd = e.end;
      writes.set(e.label, entry);
    }
    const applyWrites = [...writes.values()];

    // --- 5. the department member list after the import, over HTTP as the super admin ---
    const departmentId = async (name: string) =>
      (await database.db.selectFrom('departments').select('id').where('corp_id', '=', corp.corpId).where('name', '=', name).executeTakeFirstOrThrow()).id;
    const divisionPick = divisionName(l, Math.min(7, l.divisions - 1));
    const leafPick = leafName(l, Math.min(123, DEPARTMENTS - 1));
    const listCase = async (department: string, recursive: boolean) => {
      const id = await departmentId(department);
      const first = await client.request('GET', `/api/v1/members?department=${id}&recursive=${recursive}&pageSize=100&page=1`);
      expect(first, `GET members of ${department}`, (x) => x.status === 200);
      let total = first.body.total as number;
      // Pages 1–5 of a 事业部 (fewer if it has fewer than 500 members), page 1 of a leaf.
      const pages = recursive ? Math.max(1, Math.min(5, Math.ceil(total / 100))) : 1;
      const path = (i: number) => `/api/v1/members?department=${id}&recursive=${recursive}&pageSize=100&page=${(i % pages) + 1}`;
      for (let i = 0; i < 20; i++) {
        const r = await client.request('GET', path(i)); // warm-up, unmeasured
        expect(r, `GET ${path(i)}`, (x) => x.status === 200 && (x.body.items as unknown[]).length > 0);
        total = r.body.total as number;
      }
      const latencies: number[] = [];
      const from = performance.now();
      for (let i = 0; i < LIST_REQUESTS; i++) {
        const started = performance.now();
        const r = await client.request('GET', path(i));
        latencies.push(performance.now() - started);
        if (r.status !== 200) throw new Error(`GET ${path(i)}: ${r.status}`);
      }
      // Database time per request by statement (the session lookup, the subtree, the page, the count, the links).
      const perStatement: Record<string, number> = {};
      for (const e of timeline.between(from, performance.now())) perStatement[e.label] = (perStatement[e.label] ?? 0) + (e.end - e.start) / LIST_REQUESTS;
      // One more request with its statements kept, then EXPLAIN ANALYZE of each of its member/link selects.
      timeline.captured = [];
      await client.request('GET', path(0));
      const captured = timeline.captured.filter((c) => /members|member_departments|recursive/.test(c.label));
      timeline.captured = null;
      const plans: PlanSummary[] = [];
      for (const c of captured) {
        const compiled = database.db.getExecutor().compileQuery(c.node, c.queryId);
        const explained = await database.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
        const lines = explained.rows.map((row) => row['QUERY PLAN']);
        const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN);
        const scans = lines.map((line) => /((?:Parallel )?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|CTE Scan|WorkTable Scan)(?: using \S+)? on \S+(?: [a-z_]\w*)?)/.exec(line)?.[1]).filter((x): x is string => Boolean(x));
        plans.push({ label: c.label, executionMs, scans: [...new Set(scans)] });
      }
      return { department, id, total, pages, ...latencyFigures(latencies), mean: latencies.reduce((a, b) => a + b, 0) / latencies.length, dbMsPerRequest: perStatement, plans };
    };
    const list = await phase(sampler, phases, 'memberList', async () => ({ recursive: await listCase(divisionPick, true), leaf: await listCase(leafPick, false) }));
    // Diagnostic: the same list after ANALYZE (the bulk load leaves the planner's statistics stale until the next
    // ANALYZE; on PostgreSQL autovacuum runs one within about a minute, PGlite has no autovacuum).
    await phase(sampler, phases, 'analyze', () => sql`analyze`.execute(database.db));
    const listAnalyzed = await phase(sampler, phases, 'memberListAnalyzed', async () => ({ recursive: await listCase(divisionPick, true), leaf: await listCase(leafPick, false) }));

    // --- 4. the baseline: a raw multi-row INSERT of the same rows for a second corp, one transaction ---
    const corp2 = await createCorp(`${CORP_NAME}（基线）`, 2, '19912345679');
    const c2 = corp2.corpId;
    const departmentRows = [
      ...Array.from({ length: l.divisions }, (_, d) => ({ corp_id: c2, id: 2 + d, parent_id: 1, name: divisionName(l, d) })),
      ...Array.from({ length: DEPARTMENTS }, (_, j) => ({ corp_id: c2, id: 2 + l.divisions + j, parent_id: 2 + Math.floor(j / LEAVES_PER_DIVISION), name: leafName(l, j) })),
    ];
    const memberRows = Array.from({ length: MEMBERS }, (_, i) => {
      const m = member(i, DEPARTMENTS);
      return { corp_id: c2, userid: m.userid, name: m.name, mobile: m.mobile, email: m.email, position: m.position, gender: m.gender === '男' ? '1' : '2', main_department: 2 + l.divisions + m.leaf };
    });
    await phase(sampler, phases, 'raw', () =>
      database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < departmentRows.length; i += RAW_BATCH) await trx.insertInto('departments').values(departmentRows.slice(i, i + RAW_BATCH)).execute();
        for (let i = 0; i < memberRows.length; i += RAW_BATCH) {
          const batch = memberRows.slice(i, i + RAW_BATCH);
          const ids = await trx.insertInto('members').values(batch).returning('id').execute();
          await trx
            .insertInto('member_departments')
            .values(ids.map((r, k) => ({ corp_id: c2, member_id: r.id, department_id: batch[k]!.main_department })))
            .execute();
        }
      }),
    );

    const previewMs = phases.preview!.ms;
    const applyMs = phases.apply!.ms;
    const rawMs = phases.raw!.ms;
    const peakRssMb = Math.max(phases.preview!.rssPeakMb, phases.apply!.rssPeakMb);
    const healthz = { ...latencyFigures(health.latencies), statuses: health.statuses, over200Ms: health.latencies.filter((v) => v > TARGETS.healthzP99Ms).length, stalledMs: stalledMs(health.latencies, TARGETS.healthzP99Ms) };
    const result: EngineResult = {
      engine,
      members: MEMBERS,
      departments: DEPARTMENTS,
      divisions: l.divisions,
      fileBytes,
      fileName,
      phases,
      previewMs,
      applyMs,
      previewRowsPerSec: MEMBERS / (previewMs / 1000),
      applyRowsPerSec: MEMBERS / (applyMs / 1000),
      counts: applied.counts,
      peakRssMb,
      maxRssMb: phases.apply!.maxRssSoFarMb,
      memory: { preview: previewMemory, apply: applyMemory },
      healthz,
      applyEventLoop: { delayMaxMs: loopDelay.max / 1e6, delayP99Ms: loopDelay.percentile(99) / 1e6, utilization: elu },
      rawMs,
      rawRowsPerSec: MEMBERS / (rawMs / 1000),
      ratioImportToRaw: applyMs / rawMs,
      list,
      listAfterAnalyze: listAnalyzed,
      previewSplit,
      applySplit,
      applyWrites,
      pass: {
        apply: applyMs <= TARGETS.applyMs[engine],
        peakRss: peakRssMb <= TARGETS.peakRssMb,
        healthz: healthz.p99 <= TARGETS.healthzP99Ms,
        list: list.recursive.p99 <= TARGETS.listP99Ms && list.leaf.p99 <= TARGETS.listP99Ms,
      },
    };
    printEngine(result);
    return result;
  } finally {
    await app?.close();
    await database.close();
    await sampler.stop();
    rmSync(tmp, { recursive: true, force: true });
    if (adminUrl && benchDb) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${benchDb} with (force)`);
      await admin.end();
    }
  }
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const ms = (v: number) => fmt(v, 0);
const engineTitle = (e: Engine) => (e === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL');

const latencyCell = (f: ListFigures) => `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)} / ${fmt(f.max, 1)}`;
function listRows(list: EngineResult['list'], when: string, diagnostic = false): string[][] {
  const judge = (f: ListFigures) => (diagnostic ? `(${verdict(f.p99 <= TARGETS.listP99Ms)})` : verdict(f.p99 <= TARGETS.listP99Ms));
  return [
    [`member list ${list.recursive.department} recursive (${fmt(list.recursive.total)} members), pages 1–${list.recursive.pages} × 100${when}: p50 / p99 / max (ms)`, latencyCell(list.recursive), `p99 ≤ ${TARGETS.listP99Ms}`, judge(list.recursive)],
    [`member list ${list.leaf.department} (${fmt(list.leaf.total)} members), page 1 × 100${when}: p50 / p99 / max (ms)`, latencyCell(list.leaf), `p99 ≤ ${TARGETS.listP99Ms}`, judge(list.leaf)],
  ];
}

function printEngine(r: EngineResult): void {
  const p = r.phases;
  console.log(`\n=== ${engineTitle(r.engine)}: ${fmt(r.members)} members, ${fmt(r.departments)} + ${r.divisions} departments, ${fmt(r.fileBytes / MB, 1)} MB CSV ===`);
  printTable(
    ['figure', 'value', 'target', 'result'],
    [
      ['set-up: database, migrations, corp, admin signed in (ms)', ms(p.setup!.ms), '', ''],
      ['  RSS after set-up (after gc) / process maxRSS so far (MB)', `${fmt(p.setup!.rssStartMb)} / ${fmt(p.setup!.maxRssSoFarMb)}`, '', ''],
      ['generate CSV in memory + write temp file (ms)', ms(p.generate!.ms), '', ''],
      ['preview: parse + validate + plan + keep file (ms)', ms(r.previewMs), '', ''],
      ['  preview rows/s', fmt(r.previewRowsPerSec), '', ''],
      ['apply: re-parse + snapshot + plan + write (ms)', ms(r.applyMs), `≤ ${fmt(TARGETS.applyMs[r.engine])}`, verdict(r.pass.apply)],
      ['  apply rows/s', fmt(r.applyRowsPerSec), '', ''],
      ['  preview + apply (ms)', ms(r.previewMs + r.applyMs), `(≤ ${fmt(TARGETS.applyMs[r.engine])})`, r.previewMs + r.applyMs <= TARGETS.applyMs[r.engine] ? '(within)' : '(over)'],
      ['peak RSS, sampled every 50 ms: preview / apply (MB)', `${fmt(p.preview!.rssPeakMb)} / ${fmt(p.apply!.rssPeakMb)}`, `≤ ${TARGETS.peakRssMb}`, verdict(r.pass.peakRss)],
      ['  RSS at the start of preview / apply (MB)', `${fmt(p.preview!.rssStartMb)} / ${fmt(p.apply!.rssStartMb)}`, '', ''],
      ['  growth over the RSS at the start of preview (MB)', fmt(r.peakRssMb - p.preview!.rssStartMb), '', ''],
      ['  process maxRSS after apply (resourceUsage, MB)', fmt(r.maxRssMb), '', ''],
      ['  max JS heap used / external (PGlite WASM is here) in preview (MB)', `${fmt(r.memory.preview.heapUsedMb)} / ${fmt(r.memory.preview.externalMb)}`, '', ''],
      ['  max JS heap used / external in apply (MB)', `${fmt(r.memory.apply.heapUsedMb)} / ${fmt(r.memory.apply.externalMb)}`, '', ''],
      [`GET /healthz every ${HEALTHZ_EVERY_MS} ms during apply: count`, fmt(r.healthz.count), '', ''],
      ['  healthz p50 / p99 / max (ms)', `${fmt(r.healthz.p50, 1)} / ${fmt(r.healthz.p99, 1)} / ${fmt(r.healthz.max, 1)}`, `p99 ≤ ${TARGETS.healthzP99Ms}`, verdict(r.pass.healthz)],
      ['  healthz statuses', JSON.stringify(r.healthz.statuses), '', ''],
      [`  answers slower than ${TARGETS.healthzP99Ms} ms; time waited beyond ${TARGETS.healthzP99Ms} ms (ms)`, `${fmt(r.healthz.over200Ms)}; ${ms(r.healthz.stalledMs)}`, '', ''],
      ['  event-loop delay during apply p99 / max (ms)', `${fmt(r.applyEventLoop.delayP99Ms, 0)} / ${fmt(r.applyEventLoop.delayMaxMs, 0)}`, '', ''],
      ['  event-loop utilisation during apply', fmt(r.applyEventLoop.utilization, 2), '', ''],
      [`raw baseline: multi-row INSERT (${RAW_BATCH}/statement, 1 tx) (ms)`, ms(r.rawMs), '', ''],
      ['  raw rows/s', fmt(r.rawRowsPerSec), '', ''],
      ['  ratio apply / raw', `${fmt(r.ratioImportToRaw, 1)} ×`, '', ''],
      ...listRows(r.list, ''),
      ['ANALYZE after the import (diagnostic) (ms)', ms(r.phases.analyze!.ms), '', ''],
      ...listRows(r.listAfterAnalyze, ' after ANALYZE', true),
    ],
  );
  if (r.engine === 'pglite') {
    console.log('note: on PGlite every query shares one session (a pool of one), so /healthz waits for the import transaction to commit; that is what its figure measures.');
  }
  const share = (v: number, total: number) => `${fmt((100 * v) / total, 0)} %`;
  console.log('\nwhere the time goes (spans of ImportService.read/snapshot wrapped in this script, and a Kysely plugin timing each query):');
  const ps = r.previewSplit;
  const as = r.applySplit;
  printTable(
    ['step', 'preview ms', 'share', 'apply ms', 'share'],
    [
      ['load job row (apply)', '', '', ms(as.loadJobMs), share(as.loadJobMs, r.applyMs)],
      ['parse CSV (readSpreadsheet)', ms(ps.parseMs), share(ps.parseMs, r.previewMs), ms(as.parseMs), share(as.parseMs, r.applyMs)],
      ['mark applying, BEGIN, lock corp (apply)', '', '', ms(as.markApplyingBeginLockMs), share(as.markApplyingBeginLockMs, r.applyMs)],
      ['snapshot (members, links, departments)', ms(ps.snapshotMs), share(ps.snapshotMs, r.previewMs), ms(as.snapshotMs), share(as.snapshotMs, r.applyMs)],
      ['plan (validate rows, resolve departments)', ms(ps.planMs), share(ps.planMs, r.previewMs), ms(as.planMs), share(as.planMs, r.applyMs)],
      ['store job with file (preview)', ms(ps.storeJobMs), share(ps.storeJobMs, r.previewMs), '', ''],
      ['write departments, members, links', '', '', ms(as.writeMs), share(as.writeMs, r.applyMs)],
      ['audit: one entry per member (build + hash + insert)', '', '', ms(as.auditMs), share(as.auditMs, r.applyMs)],
      ['  of which audit_log INSERTs in the database', '', '', ms(as.auditInsertDbMs), share(as.auditInsertDbMs, r.applyMs)],
      ['  of which building the entries + hashing (JS)', '', '', ms(as.auditBuildAndHashMs), share(as.auditBuildAndHashMs, r.applyMs)],
      ['summary entry, job row, COMMIT, read back', ms(ps.otherMs), share(ps.otherMs, r.previewMs), ms(as.commitAndFinishMs), share(as.commitAndFinishMs, r.applyMs)],
    ],
  );
  console.log('\nmember list: mean database time per request by statement (the two `select members` of a page run concurrently; the rest of the mean is HTTP, auth hooks, zod, JSON):');
  const cases = [r.list.recursive, r.list.leaf, r.listAfterAnalyze.recursive, r.listAfterAnalyze.leaf];
  const labels = [...new Set(cases.flatMap((c) => Object.keys(c.dbMsPerRequest)))];
  printTable(
    ['statement', `${r.list.recursive.department} recursive`, r.list.leaf.department, 'recursive, after ANALYZE', 'leaf, after ANALYZE'],
    [...labels.map((label) => [label, ...cases.map((c) => fmt(c.dbMsPerRequest[label] ?? 0, 2))]), ['mean request latency', ...cases.map((c) => fmt(c.mean, 2))]],
  );
  console.log('\nmember list: EXPLAIN ANALYZE of the statements of one request (execution ms; scans):');
  const planRows: string[][] = [];
  for (const [name, c] of [
    ['recursive', r.list.recursive],
    ['leaf', r.list.leaf],
    ['recursive, after ANALYZE', r.listAfterAnalyze.recursive],
    ['leaf, after ANALYZE', r.listAfterAnalyze.leaf],
  ] as const) {
    for (const plan of c.plans) planRows.push([name, plan.label, fmt(plan.executionMs, 2), plan.scans.join('; ')]);
  }
  printTable(['case', 'statement', 'exec ms', 'scans'], planRows);
  console.log('\nthe write step by statement (database time, and JS time just before each: building rows incl. pinyin, compiling, yielding):');
  printTable(
    ['statement', 'count', 'db ms', 'js before ms'],
    r.applyWrites.map((w) => [w.label, fmt(w.count), ms(w.dbMs), ms(w.jsBeforeMs)]),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// orchestration: one child process per engine, then the summary and bench/results/import.json

const childEngine = textFlag('engine') as Engine | null;
if (childEngine) {
  const out = textFlag('out');
  const result = await runEngine(childEngine);
  if (out) writeFileSync(out, JSON.stringify(result));
} else {
  const only = textFlag('only');
  const engines: Engine[] = only === 'pg' || only === 'postgres' ? ['postgres'] : only === 'pglite' ? ['pglite'] : process.argv.includes('--pg') ? ['pglite', 'postgres'] : ['pglite'];
  if (engines.includes('postgres') && !process.env.DATABASE_URL) throw new Error('--pg needs DATABASE_URL (e.g. export "$(bash scripts/pg-throwaway.sh start | tail -n1)")');
  const script = fileURLToPath(import.meta.url);
  const passThrough = process.argv.slice(2).filter((a, i, all) => a !== '--pg' && a !== '--only' && all[i - 1] !== '--only');
  const scratch = mkdtempSync(join(tmpdir(), 'orgdesk-import-results-'));
  const results: EngineResult[] = [];
  try {
    for (const engine of engines) {
      const out = join(scratch, `${engine}.json`);
      const started = performance.now();
      const code = await new Promise<number | null>((done) => {
        const child = spawn(process.execPath, ['--expose-gc', ...process.execArgv, script, ...passThrough, '--engine', engine, '--out', out], { stdio: 'inherit' });
        child.on('exit', (status) => done(status));
      });
      if (code !== 0) throw new Error(`the ${engine} run failed (exit ${code})`);
      console.log(`[${engine}] run took ${fmt((performance.now() - started) / 1000, 1)} s`);
      results.push(JSON.parse(readFileSync(out, 'utf8')) as EngineResult);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (results.length > 1) {
    console.log('\n=== summary ===');
    const row = (name: string, pick: (r: EngineResult) => string) => [name, ...results.map(pick)];
    printTable(
      ['figure', ...results.map((r) => engineTitle(r.engine))],
      [
        row('preview ms (rows/s)', (r) => `${ms(r.previewMs)} (${fmt(r.previewRowsPerSec)})`),
        row('apply ms (rows/s)', (r) => `${ms(r.applyMs)} (${fmt(r.applyRowsPerSec)}) ${verdict(r.pass.apply)} ≤ ${fmt(TARGETS.applyMs[r.engine])}`),
        row('peak RSS MB', (r) => `${fmt(r.peakRssMb)} ${verdict(r.pass.peakRss)}`),
        row('healthz p99 ms during apply', (r) => `${fmt(r.healthz.p99, 1)} ${verdict(r.pass.healthz)}`),
        row('raw INSERT ms; apply/raw', (r) => `${ms(r.rawMs)}; ${fmt(r.ratioImportToRaw, 1)} ×`),
        row('member list p99 ms (recursive / leaf)', (r) => `${fmt(r.list.recursive.p99, 1)} / ${fmt(r.list.leaf.p99, 1)} ${verdict(r.pass.list)}`),
        row('  after ANALYZE (diagnostic)', (r) => `${fmt(r.listAfterAnalyze.recursive.p99, 1)} / ${fmt(r.listAfterAnalyze.leaf.p99, 1)}`),
      ],
    );
  }
  writeResult('import', { members: MEMBERS, departments: DEPARTMENTS, targets: TARGETS, engines: Object.fromEntries(results.map((r) => [r.engine, r])) });
}
