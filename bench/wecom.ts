// The WeCom-compatible API under load, per engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg, a fresh
// database created and dropped), each beside the no-op JSON route GET /api/v1/ping in the same run:
//   gettoken/s, user/get/s, department/list/s — autocannon, 50 connections, 10 s each after a 2 s warm-up at 10,
//   from a child process (bench/lib/wecom-cannon.ts) against an in-process server (createApp, pino silent,
//   127.0.0.1:0); ping is measured first and last, and the routes are compared with the mean of the two;
//   message/send to a department of exactly 10,000 active members: time from the POST until
//   `select count(*) from inbox_items where message_id = …` says 10,000 (the send is synchronous: the POST's time
//   plus one count), 5 runs after one unmeasured, median.
// Before the load, as a diagnostic, 100 sequential requests of each /cgi-bin route count the statements and the
// database time per request (a Kysely plugin on the services' handle).
// The corp (bench/lib/wecom-seed.ts): 20,000 members in 302 departments, 10,000 of them in 万人部 only.
// The /cgi-bin frequency limits (10,000 calls per corp and API a minute, 20,000 per IP; errcode 45009) are lifted
// for this benchmark: the server's services get an ApiRateLimiter with no limits. Every answer is checked (HTTP
// 200, errcode 0, the expected userid / token / department), and the run fails (exit 1, after writing its figures)
// on a single non-2xx, transport error, timeout (30 s) or wrong answer, warm-ups included.
// Run: npx tsx bench/wecom.ts [--duration 10] [--connections 50] [--sends 5] [--pg] [--only pglite|pg]
// Targets from the issue: user/get ≥ 0.25 × ping's req/s with p99 ≤ 20 ms at 50 connections; gettoken ≥ 2,000/s.
// Writes bench/results/wecom.json.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { createApp, createServices, creditCodeCheckChar, loadConfig, migrateToLatest, operatorContext } from '@orgdesk/server';
import { systemClock } from '../packages/server/src/platform/kernel/clock';
import { createMetrics } from '../packages/server/src/platform/kernel/metrics';
import { ApiRateLimiter } from '../packages/server/src/modules/wecom/rate-limit';
import { fmt, median, random, writeResult } from './lib/common';
import { openEngine, runPerEngine, type Engine } from './lib/engines';
import { numberFlag } from './lib/flags';
import { QueryTimeline } from './lib/import-timeline';
import { diagnose, type Diagnosis } from './lib/wecom-diagnose';
import { failures, runLoad, type LoadRequest, type LoadResult } from './lib/wecom-load';
import { printEngine, printSummary, TARGETS, type EngineResult, type RouteFigures, type SendRun } from './lib/wecom-report';
import { BROADCAST_ID, BROADCAST_MEMBERS, DEPARTMENTS, MEMBERS, seedWecomCorp, useridOf } from './lib/wecom-seed';

const DURATION_S = numberFlag('duration', 10);
const CONNECTIONS = numberFlag('connections', 50, { integer: true });
const SENDS = numberFlag('sends', 5, { integer: true });
const WARMUP_S = 2;
/** autocannon's request timeout (its default is 10 s); an answer slower than this fails the run. */
const TIMEOUT_S = 30;
/** user/get cycles through this many distinct userids, drawn at random (fixed seed) from the whole corp. */
const USER_GET_PATHS = 200;
/** Sequential requests per route for the statement count and database time (diagnostic). */
const DIAGNOSE_REQUESTS = 100;

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200 || body.errcode !== 0) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** A msgid as message/send answers it (the uuid without dashes) back to the uuid of messages.id. */
const uuidOf = (msgid: string) => `${msgid.slice(0, 8)}-${msgid.slice(8, 12)}-${msgid.slice(12, 16)}-${msgid.slice(16, 20)}-${msgid.slice(20)}`;

async function runEngine(engine: Engine): Promise<EngineResult> {
  const loadAverage = loadavg();
  const { database, drop } = await openEngine(engine, 'orgdesk_bench_wecom');
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    const db = database.db;
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;
    console.log(`[${engine}] ${engine === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'} ${version}`);
    await migrateToLatest(db as never);
    const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
    const clock = systemClock;
    const logger = pino({ level: 'silent' });
    // The server's services, with the /cgi-bin frequency limits lifted: a throughput run makes far more than
    // 10,000 calls of one API a minute from one corp and one IP, and would otherwise measure 45009 answers.
    // The routes see the database through a timing plugin (statements and database time per request, below).
    const timeline = new QueryTimeline();
    const services = { ...createServices(db.withPlugin(timeline), { config, sms: { send: async () => undefined }, email: { delivers: true, send: async () => undefined }, clock, logger }), apiLimits: new ApiRateLimiter(db as never, clock, { limits: [] }) };
    app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // --- the corp, its directory and one app that sees everyone ---
    const first17 = '91110108000000002';
    const corp = await db.transaction().execute((trx) =>
      services.corps.create(trx, { name: '星河科技', creditCode: first17 + creditCodeCheckChar(first17), industry: 'it', size: '5000+', adminName: '系统管理员', adminMobile: '19912345678' }, operatorContext('bench')),
    );
    const corpId = corp.corpId;
    const seedStarted = performance.now();
    await seedWecomCorp(db, corpId, clock.now());
    const seedMs = performance.now() - seedStarted;
    const counts = (await sql<{ d: number; m: number; b: number }>`
      select (select count(*)::int from departments where corp_id = ${corpId}) as d,
             (select count(*)::int from members where corp_id = ${corpId}) as m,
             (select count(*)::int from member_departments md join members m on m.id = md.member_id
               where md.corp_id = ${corpId} and md.department_id = ${BROADCAST_ID} and m.status = 1) as b`.execute(db)).rows[0]!;
    if (counts.d !== DEPARTMENTS || counts.m !== MEMBERS + 1 || counts.b !== BROADCAST_MEMBERS) throw new Error(`unexpected seed: ${JSON.stringify(counts)}`);
    console.log(`[${engine}] seeded ${fmt(counts.d)} departments, ${fmt(counts.m)} members (${fmt(counts.b)} active in 万人部) in ${fmt(seedMs / 1000, 1)} s (incl. ANALYZE)`);
    const created = await db.transaction().execute((trx) =>
      services.apps.create(trx, corpId, { name: '通知助手', description: '', visibleRange: { all: true, userids: [], departmentIds: [], tagIds: [] }, homeUrl: null }, operatorContext('bench')),
    );
    const agentId = created.app.agentId!;
    const secret = created.secret;

    // --- one of each, checked in full, before any load ---
    const tokenPath = `/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`;
    const token = (await getJson(url + tokenPath)).access_token as string;
    const again = (await getJson(url + tokenPath)).access_token as string;
    if (again !== token) throw new Error('gettoken answered a different token the second time');
    const tree = (await getJson(`${url}/cgi-bin/department/list?access_token=${token}`)).department as { id: number }[];
    if (tree.length !== DEPARTMENTS || !tree.some((d) => d.id === BROADCAST_ID)) throw new Error(`department/list: ${tree.length} departments, expected ${DEPARTMENTS}`);
    const departmentListBytes = Buffer.byteLength(JSON.stringify({ errcode: 0, errmsg: 'ok', department: tree }));
    const pick = random(20261126);
    const userids = Array.from({ length: USER_GET_PATHS }, () => useridOf(Math.floor(pick() * MEMBERS)));
    const someone = await getJson(`${url}/cgi-bin/user/get?access_token=${token}&userid=${userids[0]}`);
    if (someone.userid !== userids[0]) throw new Error(`user/get answered ${String(someone.userid)} for ${userids[0]}`);

    // --- without load: statements and database time of one request (sequential, diagnostic) ---
    const userGetPaths = userids.map((u) => `/cgi-bin/user/get?access_token=${token}&userid=${u}`);
    const departmentListPath = `/cgi-bin/department/list?access_token=${token}`;
    const diagnosis: Record<string, Diagnosis> = {};
    for (const [name, paths] of [['gettoken', [tokenPath]], ['user/get', userGetPaths], ['department/list', [departmentListPath]]] as const) {
      diagnosis[name] = await diagnose(url, timeline, [...paths], DIAGNOSE_REQUESTS);
      const d = diagnosis[name]!;
      console.log(`[${engine}] sequential ${name}: p50 ${fmt(d.latencyP50Ms, 2)} ms, ${fmt(d.statementsPerRequest, 1)} statements (${fmt(d.databaseMsPerRequest, 2)} ms) per request: ${d.statements.join(', ')}`);
    }

    // --- throughput, each route beside ping ---
    const load = async (name: string, requests: LoadRequest[], verify: 'ping' | 'wecom'): Promise<LoadResult> => {
      const result = await runLoad({ url, connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S, timeoutSeconds: TIMEOUT_S, requests, verify });
      timeline.events.length = 0; // the plugin's record of the load, not needed
      console.log(`[${engine}] ${name}: ${fmt(result.requestsPerSec)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors + result.timeouts}, wrong answers ${result.wrongAnswers} (warm-up: ${result.warmup.wrongAnswers + result.warmup.non2xx + result.warmup.errors} failures)`);
      if (result.sample) console.log(`[${engine}]   first wrong answer: ${result.sample}`);
      return result;
    };
    const ping: LoadRequest[] = [{ path: '/api/v1/ping', expect: '' }];
    const pingBefore = await load('GET /api/v1/ping', ping, 'ping');
    const gettoken = await load('GET /cgi-bin/gettoken', [{ path: tokenPath, expect: `"access_token":"${token}"` }], 'wecom');
    const userGet = await load(
      `GET /cgi-bin/user/get (${USER_GET_PATHS} userids)`,
      userids.map((u, i) => ({ path: userGetPaths[i]!, expect: `"userid":"${u}"` })),
      'wecom',
    );
    const departmentList = await load(`GET /cgi-bin/department/list (${DEPARTMENTS} departments)`, [{ path: departmentListPath, expect: `"id":${BROADCAST_ID},` }], 'wecom');
    const pingAfter = await load('GET /api/v1/ping (again)', ping, 'ping');
    const pingPerSec = (pingBefore.requestsPerSec + pingAfter.requestsPerSec) / 2;
    const ratio = (l: LoadResult) => l.requestsPerSec / pingPerSec;
    const routes: RouteFigures[] = [
      { name: 'GET /cgi-bin/gettoken', load: gettoken, ratioToPing: ratio(gettoken), target: `≥ ${fmt(TARGETS.gettokenPerSec)}/s`, pass: gettoken.requestsPerSec >= TARGETS.gettokenPerSec },
      {
        name: 'GET /cgi-bin/user/get',
        load: userGet,
        ratioToPing: ratio(userGet),
        target: `≥ ${TARGETS.userGetRatioToPing} × ping, p99 ≤ ${TARGETS.userGetP99Ms} ms`,
        pass: ratio(userGet) >= TARGETS.userGetRatioToPing && userGet.latencyMs.p99 <= TARGETS.userGetP99Ms,
      },
      { name: `GET /cgi-bin/department/list (${DEPARTMENTS})`, load: departmentList, ratioToPing: ratio(departmentList), target: '—', pass: null },
    ];

    // --- message/send to 万人部 ---
    const sendOnce = async (n: number): Promise<SendRun> => {
      const body = JSON.stringify({ touser: '', toparty: String(BROADCAST_ID), msgtype: 'text', agentid: agentId, text: { content: `基准测试通知 #${n}：今晚 22:00 系统维护。` } });
      const started = performance.now();
      const response = await fetch(`${url}/cgi-bin/message/send?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as Record<string, unknown>;
      const postMs = performance.now() - started;
      if (response.status !== 200 || answer.errcode !== 0 || answer.invalidparty !== '') throw new Error(`message/send: ${response.status} ${JSON.stringify(answer)}`);
      const messageId = uuidOf(answer.msgid as string);
      const inboxRows = (await sql<{ n: number }>`select count(*)::int as n from inbox_items where message_id = ${messageId}::uuid`.execute(db)).rows[0]!.n;
      const confirmedMs = performance.now() - started;
      if (inboxRows !== BROADCAST_MEMBERS) throw new Error(`message/send: ${inboxRows} inbox items for message ${messageId}, expected ${BROADCAST_MEMBERS}`);
      return { postMs, confirmedMs, inboxRows };
    };
    const warmupMs = (await sendOnce(0)).postMs;
    const runs: SendRun[] = [];
    for (let n = 1; n <= SENDS; n++) runs.push(await sendOnce(n));
    const send = { warmupMs, runs, medianPostMs: median(runs.map((r) => r.postMs)), medianConfirmedMs: median(runs.map((r) => r.confirmedMs)) };
    console.log(`[${engine}] message/send to ${fmt(BROADCAST_MEMBERS)}: ${runs.map((r) => `${fmt(r.postMs)} ms`).join(', ')} (median ${fmt(send.medianPostMs)} ms)`);

    const result: EngineResult = {
      engine,
      version,
      loadAverage,
      seedMs,
      corp: { departments: counts.d, members: counts.m, broadcastMembers: counts.b, departmentListBytes, userGetPaths: USER_GET_PATHS },
      pingBefore,
      pingAfter,
      pingPerSec,
      routes,
      send,
      diagnosis,
      failed: [['GET /api/v1/ping (before)', pingBefore] as const, ['GET /api/v1/ping (after)', pingAfter] as const, ...routes.map((r) => [r.name, r.load] as const)]
        .filter(([, l]) => failures(l) > 0)
        .map(([name, l]) => `${name}: ${failures(l)} non-2xx, transport errors, timeouts or wrong answers`),
    };
    printEngine(result, CONNECTIONS, DURATION_S);
    return result;
  } finally {
    await app?.close();
    await database.close();
    await drop();
  }
}

const results = await runPerEngine(import.meta.url, runEngine);
if (results) {
  if (results.length > 1) printSummary(results);
  const failed = results.flatMap((r) => r.failed.map((f) => `${r.engine}: ${f}`));
  writeResult('wecom', {
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    warmupSeconds: WARMUP_S,
    timeoutSeconds: TIMEOUT_S,
    sends: SENDS,
    targets: TARGETS,
    rateLimits: 'lifted (ApiRateLimiter with no limits)',
    failed,
    engines: Object.fromEntries(results.map((r) => [r.engine, r])),
  });
  // The figures are written either way (to see what went wrong); a run with failed requests does not count.
  if (failed.length > 0) {
    console.log(`\nRUN FAILED: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}
