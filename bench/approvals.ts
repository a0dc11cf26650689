// Approvals at scale, per engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg, a fresh database created
// and dropped), against an in-process server (createApp over createServices, the system clock, pino silent,
// 127.0.0.1:0):
//   the corp (bench/lib/approvals-seed.ts): 300 active members in 4 事业部 × 5 teams, every department with a leader,
//     made with the real services; the 24 leaders and 4 staff get a password and sign in over HTTP;
//   the history (bench/lib/approvals-history.ts): --history (100,000) past requests with steps, tasks and events,
//     written set-based in SQL over a year, a few thousand still pending on the leaders, then ANALYZE;
//   decisions: --decisions (2,000) fresh 报销 requests (ApprovalService.submit, unmeasured) approved by their team
//     leader through POST /api/v1/portal/approvals/:id/decide, --concurrency (16) in flight, each a final approval
//     (payout created); decisions/s and p50/p95/p99, every answer checked (200, status 2);
//   the boxes: GET /api/v1/portal/approvals?box=todo|done|mine&pageSize=20, --list-requests (500) each at
//     --list-concurrency (8), every answer checked against counts from the tables.
// Diagnostics: statements and database time of sequential decisions and per statement under load (a Kysely plugin
// on the services' handle), EXPLAIN ANALYZE of each box's page and count.
// Run: npx tsx bench/approvals.ts [--decisions 2000] [--concurrency 16] [--list-requests 500] [--list-concurrency 8]
//        [--history 100000] [--pg] [--only pglite|pg] [--cpu-profile /tmp/decisions]
// Targets (issue 6): ≥ 200 decisions/s with p95 ≤ 50 ms; the "to approve" list p95 ≤ 100 ms. Writes bench/results/approvals.json.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { createApp, createServices, loadConfig, migrateToLatest } from '@orgdesk/server';
import { systemClock } from '../packages/server/src/platform/kernel/clock';
import { createMetrics } from '../packages/server/src/platform/kernel/metrics';
import { fmt, writeResult } from './lib/common';
import { openEngine, runPerEngine, type Engine } from './lib/engines';
import { withCpuProfile } from './lib/cpu-profile';
import { numberFlag, textFlag } from './lib/flags';
import { QueryTimeline } from './lib/import-timeline';
import { decideOverHttp, diagnoseDecisions, explainDecision, statementTimeUnderLoad, submitFresh } from './lib/approvals-decide';
import { writeHistory } from './lib/approvals-history';
import { expectedFirstPages, expectedTotals, explainProposedDone, timeBox, type Box, type Reader } from './lib/approvals-lists';
import { runConcurrent, transportRetries } from './lib/approvals-load';
import { printEngine, printSummary, TARGETS, withEarlierEngines, type EngineResult } from './lib/approvals-report';
import { DIVISIONS, divisionLeaderUserid, leaderUserid, seedApprovalCorp, signInMember, SIGNED_IN_STAFF, givePasswords, staffUserid, TEAMS } from './lib/approvals-seed';
import type { Client } from './lib/client';

const DECISIONS = numberFlag('decisions', 2_000, { integer: true });
const CONCURRENCY = numberFlag('concurrency', 16, { integer: true });
const LIST_REQUESTS = numberFlag('list-requests', 500, { integer: true });
const LIST_CONCURRENCY = numberFlag('list-concurrency', 8, { integer: true });
const HISTORY = numberFlag('history', 100_000, { integer: true });
/**
 * --sweep 1,4,8: after the main run, --sweep-decisions (300) more decisions at each of these concurrencies, so the
 * table shows what latency each load gives (p95 ≤ 50 ms with 16 in flight would need 320+ decisions/s: Little's law).
 */
const SWEEP = (textFlag('sweep') ?? '1,4,8').split(',').filter(Boolean).map(Number);
if (SWEEP.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--sweep needs whole numbers, e.g. 1,4,8');
const SWEEP_DECISIONS = numberFlag('sweep-decisions', 300, { integer: true });
/** --cpu-profile <file>: a CPU profile of the measured decisions only (diagnostic). */
const CPU_PROFILE = textFlag('cpu-profile');
/**
 * --proposed-index: a diagnostic run with the index this benchmark proposes (approval_tasks (step_id), which the
 * module does not have) created on the scratch database after the history; the results are kept apart.
 */
const PROPOSED_INDEX = process.argv.includes('--proposed-index');
/** The newest requests of the history among which about half are still pending. */
const PENDING_WINDOW = Math.min(6_000, HISTORY);
/** Unmeasured decisions at full concurrency first (JIT, plans, pools), then sequential ones for the diagnosis. */
const WARMUP_DECISIONS = 48;
const DIAGNOSE_DECISIONS = 40;

async function runEngine(engine: Engine): Promise<EngineResult> {
  const loadAverage = loadavg();
  const { database, drop } = await openEngine(engine, 'orgdesk_bench_approvals');
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    const db = database.db;
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;
    console.log(`[${engine}] ${engine === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'} ${version}; load average ${loadAverage.map((l) => fmt(l, 2)).join(' / ')}`);
    await migrateToLatest(db as never);
    const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
    const logger = pino({ level: 'silent' });
    // The routes see the database through a timing plugin: statements and database time per decision.
    const timeline = new QueryTimeline();
    const services = createServices(db.withPlugin(timeline), { config, sms: { send: async () => undefined }, email: { delivers: true, send: async () => undefined }, clock: systemClock, logger });
    app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // --- the corp and its past ---
    let started = performance.now();
    const corp = await seedApprovalCorp(db, services);
    const directorySeconds = (performance.now() - started) / 1000;
    const members = (await sql<{ n: number }>`select count(*)::int as n from members where corp_id = ${corp.corpId} and status = 1`.execute(db)).rows[0]!.n;
    console.log(`[${engine}] corp: ${members} active members, ${1 + DIVISIONS + TEAMS} departments with leaders, through the services in ${fmt(directorySeconds, 1)} s`);
    const history = await writeHistory(db, corp, HISTORY, PENDING_WINDOW, systemClock.now());
    if (PROPOSED_INDEX) {
      await sql`create index bench_approval_tasks_step on approval_tasks (step_id)`.execute(db);
      await sql`analyze approval_tasks`.execute(db);
      console.log(`[${engine}] DIAGNOSTIC RUN: created index approval_tasks (step_id), which the module does not have`);
    }
    timeline.events.length = 0;
    console.log(
      `[${engine}] history: ${fmt(history.requests)} requests (status ${Object.entries(history.byStatus).map(([s, n]) => `${s}: ${fmt(n)}`).join(', ')}), ${fmt(history.steps)} steps, ` +
        `${fmt(history.tasks)} tasks (${fmt(history.pendingTasks)} pending), ${fmt(history.events)} events, ${fmt(history.twoStep)} with two steps, ` +
        `${history.oldest.slice(0, 10)} to ${history.newest.slice(0, 10)}, written set-based + ANALYZE in ${fmt(history.seconds, 1)} s ` +
        `(no payouts, notices, cc or audit entries for the past requests)`,
    );

    // --- decisions ---
    started = performance.now();
    const total = WARMUP_DECISIONS + DIAGNOSE_DECISIONS + 1 + DECISIONS + SWEEP.length * SWEEP_DECISIONS;
    const fresh = await submitFresh(db, services, corp, 0, total);
    const submitSeconds = (performance.now() - started) / 1000;
    console.log(`[${engine}] ${fmt(total)} fresh 报销 requests submitted through ApprovalService.submit in ${fmt(submitSeconds, 1)} s (unmeasured), each waiting on its team leader`);
    // --- sessions: the approvers and a few applicants sign in over HTTP (after the long set-up, so no session or
    // keep-alive socket sits idle for minutes before the load) ---
    const leaderIds = Array.from({ length: TEAMS }, (_, t) => leaderUserid(t));
    const signers = [...leaderIds, ...Array.from({ length: DIVISIONS }, (_, d) => divisionLeaderUserid(d)), ...Array.from({ length: SIGNED_IN_STAFF }, (_, s) => staffUserid(s))];
    await givePasswords(db, corp, signers, systemClock.now());
    const clients = new Map<string, Client>();
    for (const userid of signers) clients.set(userid, await signInMember(url, corp, userid));
    const leaderClients = leaderIds.map((u) => clients.get(u)!);
    console.log(`[${engine}] ${signers.length} members signed in over HTTP (${TEAMS} team leaders, ${DIVISIONS} 事业部 leaders, ${SIGNED_IN_STAFF} staff)`);

    await sql`analyze`.execute(db);
    const warmup = fresh.slice(0, WARMUP_DECISIONS);
    await runConcurrent(warmup.length, CONCURRENCY, (i) => decideOverHttp(leaderClients[warmup[i]!.leader]!, warmup[i]!, `warm-${engine}`));
    timeline.events.length = 0;
    const diagnosis = await diagnoseDecisions(leaderClients, fresh.slice(WARMUP_DECISIONS, WARMUP_DECISIONS + DIAGNOSE_DECISIONS), timeline);
    console.log(`[${engine}] sequential decisions: ${fmt(diagnosis.latencyMsMean, 1)} ms, ${fmt(diagnosis.statementsPerDecision, 1)} statements, ${fmt(diagnosis.databaseMsPerDecision, 1)} ms in the database each`);
    const explained = fresh[WARMUP_DECISIONS + DIAGNOSE_DECISIONS]!;
    const measured = fresh.slice(WARMUP_DECISIONS + DIAGNOSE_DECISIONS + 1, WARMUP_DECISIONS + DIAGNOSE_DECISIONS + 1 + DECISIONS);
    const retriedBefore = transportRetries.count;
    const from = performance.now();
    const decisions = await withCpuProfile(CPU_PROFILE && `${CPU_PROFILE}.${engine}.cpuprofile`, () =>
      runConcurrent(measured.length, CONCURRENCY, (i) => decideOverHttp(leaderClients[measured[i]!.leader]!, measured[i]!, `bench-${engine}`)),
    );
    const underLoad = statementTimeUnderLoad(timeline, from, performance.now(), measured.length);
    const retriedDecisions = transportRetries.count - retriedBefore;
    timeline.events.length = 0;
    const sweep = [];
    for (const [level, concurrency] of SWEEP.entries()) {
      const batch = fresh.slice(total - (SWEEP.length - level) * SWEEP_DECISIONS).slice(0, SWEEP_DECISIONS);
      sweep.push(await runConcurrent(batch.length, concurrency, (i) => decideOverHttp(leaderClients[batch[i]!.leader]!, batch[i]!, `sweep-${engine}`)));
    }
    timeline.events.length = 0;
    // After the runs (so it disturbs nothing): one more decision with every statement explained.
    const decisionPlans = await explainDecision(db, timeline, leaderClients[explained.leader]!, explained);
    console.log(`[${engine}] decisions: ${fmt(decisions.perSec, 1)}/s, p50 ${fmt(decisions.latencyMs.p50, 1)} ms, p95 ${fmt(decisions.latencyMs.p95, 1)} ms, p99 ${fmt(decisions.latencyMs.p99, 1)} ms`);
    const ids = fresh.map((f) => f.id);
    const checks = (
      await sql<{ approved: number; payouts: number; events: number }>`
        select (select count(*)::int from approval_requests where id = any(${ids}::uuid[]) and status = 2) as approved,
               (select count(*)::int from payouts where corp_id = ${corp.corpId} and approval_id = any(${ids}::text[])) as payouts,
               (select count(*)::int from approval_events where request_id = any(${ids}::uuid[]) and action = 'approved') as events`.execute(db)
    ).rows[0]!;
    const decisionChecks = { approved: checks.approved, payouts: checks.payouts, approvedEvents: checks.events };
    if (checks.approved !== total || checks.payouts !== total || checks.events !== total) throw new Error(`after the decisions: ${JSON.stringify(decisionChecks)}, expected ${total} each`);

    // --- the boxes ---
    const memberIdOf = (userid: string) => (userid.startsWith('staff') ? corp.staff[Number(userid.slice(5))]! : corp.leaders[Number(userid.slice(4))]!); // staffNNN, leadNN
    const readersOf = async (box: Box, userids: string[]): Promise<Reader[]> => {
      const memberIds = userids.map(memberIdOf);
      const totals = await expectedTotals(db, corp.corpId, box, memberIds);
      const pages = await expectedFirstPages(db, corp.corpId, box, memberIds);
      return userids.map((userid, i) => ({ userid, client: clients.get(userid)!, expectedTotal: totals.get(memberIds[i]!)!, expectedFirstPage: pages.get(memberIds[i]!)! }));
    };
    const staffIds = Array.from({ length: SIGNED_IN_STAFF }, (_, s) => staffUserid(s));
    const boxes = [];
    for (const [box, userids] of [['todo', leaderIds], ['done', leaderIds], ['mine', staffIds]] as const) {
      const figures = await timeBox(db, timeline, box, await readersOf(box, [...userids]), LIST_REQUESTS, LIST_CONCURRENCY);
      console.log(`[${engine}] box=${box}: p50 ${fmt(figures.run.latencyMs.p50, 1)} ms, p95 ${fmt(figures.run.latencyMs.p95, 1)} ms, p99 ${fmt(figures.run.latencyMs.p99, 1)} ms (totals ${figures.totals.min}–${figures.totals.max})`);
      boxes.push(figures);
    }
    // The done box's lever, explained on the same data for its busiest reader (see the README).
    const doneBusiest = (await readersOf('done', leaderIds)).sort((a, b) => b.expectedTotal - a.expectedTotal)[0]!;
    const proposedDone = await explainProposedDone(db, memberIdOf(doneBusiest.userid));
    console.log(`[${engine}] proposed done box (tasks first, by decision time) for ${doneBusiest.userid}: ${proposedDone.map((p) => `${p.label} ${fmt(p.executionMs, 2)} ms`).join(', ')}`);

    const todo = boxes.find((b) => b.box === 'todo')!;
    const result: EngineResult = {
      engine,
      version,
      loadAverage,
      corp: { members, departments: 1 + DIVISIONS + TEAMS, signedIn: signers.length, directorySeconds },
      history,
      fresh: { submitted: total, submitSeconds },
      decisions,
      sweep,
      decisionChecks,
      transportRetries: { measuredDecisions: retriedDecisions, total: transportRetries.count },
      diagnosis,
      decisionPlans,
      underLoad,
      boxes,
      proposedDone,
      variant: PROPOSED_INDEX ? 'with approval_tasks (step_id) index' : null,
      pass: {
        decisionsPerSec: decisions.perSec >= TARGETS.decisionsPerSec,
        decisionP95: decisions.latencyMs.p95 <= TARGETS.decisionP95Ms,
        todoP95: todo.run.latencyMs.p95 <= TARGETS.todoP95Ms,
      },
    };
    printEngine(result);
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
  writeResult('approvals', {
    decisions: DECISIONS,
    concurrency: CONCURRENCY,
    listRequests: LIST_REQUESTS,
    listConcurrency: LIST_CONCURRENCY,
    history: HISTORY,
    targets: TARGETS,
    engines: withEarlierEngines(results),
  });
}
