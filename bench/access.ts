// Permission management at scale: a corp of 10,111 departments, 100,000 members and 200 admin assignments, per
// engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg, a fresh database created and dropped).
//  1. Permission checks in-process, the code path of a request: loadGrants (the admin's assignments) then
//     memberIsWithin (the scope test) — "may admin A use directory.edit on member M" — and explain() for the same
//     question; random (admin, target) pairs, half inside the admin's scope; ~5 s sequential and ~5 s 8 in flight.
//  2. A scoped admin's member page over HTTP (the directory admin of one division, ≈ 10,000 members): pages 1–5 of
//     GET /api/v1/members, a region's members recursively, and two searches; 100 rows, 300 requests after 20 (a case
//     stops after 15 s once it has 50).
// Every answer is checked against the corp's model in bench/lib/access-seed.ts (and a sample against a recursive SQL
// of this script's own), so a broken check cannot pass for a fast one.
// Run: npx tsx bench/access.ts [--seconds 5] [--requests 300] [--case-seconds 15] [--pg] [--only pglite|pg]
// Targets from the issue: a scoped admin's 100-row member page p99 ≤ 30 ms. For scale, hosted SpiceDB reports p95
// 5.76 ms per check (over the network). Each engine runs in its own child process; this one writes
// bench/results/access.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createApp, createServices, creditCodeCheckChar, hashPassword, loadConfig, migrateToLatest, openDatabase, operatorContext, upsertPasswordHash, type DB } from '@orgdesk/server';
import { explain, loadGrants } from '../packages/server/src/modules/access';
import { memberIsWithin } from '../packages/server/src/modules/directory';
import type { Reach } from '../packages/server/src/platform/http/access';
import { ManualClock } from '../packages/server/src/platform/kernel/clock';
import { createMetrics } from '../packages/server/src/platform/kernel/metrics';
import { CorpModel, DEPARTMENTS, MEMBERS, PAGE_ADMIN, random, regionId, seedCorp, TAGS, type ModelMember } from './lib/access-seed';
import { signInEnrollingTotp, type Client } from './lib/client';
import { fmt, percentile, printTable, writeResult } from './lib/common';
import { QueryTimeline } from './lib/import-timeline';

type Engine = 'pglite' | 'postgres';
const TARGETS = { pageP99Ms: 30, spicedbP95Ms: 5.76 };
const PASSWORD = 'Bench-Passw0rd-2026';
const NOWHERE: Reach = { departments: [], tags: [] };
const IN_FLIGHT = 8;

// ---------------------------------------------------------------------------------------------------------------
// flags

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
function textFlag(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : (process.argv[at + 1] ?? null);
}
const SECONDS = flag('seconds', 5);
const REQUESTS = Math.round(flag('requests', 300));
/** A page case stops early after this long (at least 50 measured requests), so a slow case cannot stall the run. */
const CASE_SECONDS = flag('case-seconds', 15);

// ---------------------------------------------------------------------------------------------------------------
// figures

interface Latency {
  count: number;
  perSec: number;
  /** CPU time of this whole process (client, server, and PGlite, which runs on its main thread) per operation. */
  cpuMsPerOp: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
function latency(values: number[], elapsedMs: number, cpu: NodeJS.CpuUsage): Latency {
  return { count: values.length, perSec: values.length / (elapsedMs / 1000), cpuMsPerOp: (cpu.user + cpu.system) / 1000 / values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values) };
}

interface PageCase {
  name: string;
  path: string;
  pages: number;
  expectedTotal: number;
  latency: Latency;
  mean: number;
  /** Responses whose items and total were checked against the model. */
  verified: number;
  dbMsPerRequest: Record<string, number>;
  plans: { label: string; executionMs: number; plan: string[] }[];
}

interface EngineResult {
  engine: Engine;
  version: string;
  loadAverage: number[];
  seedMs: number;
  corp: { departments: number; members: number; memberLinks: number; tagLinks: number; assignments: number; adminMembers: number; checkPool: number };
  checks: { sequential: Latency; concurrent: Latency; mismatches: number };
  explains: { sequential: Latency; concurrent: Latency; mismatches: number };
  /** Diagnostic: loadGrants + the ancestor-walk scope test of this script (a proposal, not the shipped code). */
  proposal: { sequential: Latency; concurrent: Latency; mismatches: number };
  correctness: { checksVerified: number; explainsVerified: number; proposalVerified: number; oraclePairs: number; oracleDisagreements: number };
  pages: PageCase[];
  pass: { pages: boolean };
}

// ---------------------------------------------------------------------------------------------------------------
// the database of one run

async function openEngine(engine: Engine) {
  if (engine === 'pglite') {
    const database = await openDatabase<DB>({ databaseUrl: null, pglite: await PGlite.create() });
    return { database, drop: async () => undefined };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('--pg needs DATABASE_URL (e.g. export "$(bash scripts/pg-throwaway.sh start | tail -n1)")');
  const name = `orgdesk_bench_access_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase<DB>({ databaseUrl: url.toString() });
  return {
    database,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. permission checks

interface Pair {
  admin: ModelMember;
  target: ModelMember;
  expected: boolean;
}

/**
 * Random (admin, target) pairs for directory.edit: admins with a scoped edit grant, targets alternately inside and
 * outside their scope (by the model). Deterministic, so both engines answer the same questions.
 */
function makePairs(model: CorpModel, count: number): { pairs: Pair[]; pool: number } {
  const next = random(20261126);
  const pool: { admin: ModelMember; reach: Exclude<ReturnType<CorpModel['reach']>, 'all'>; inside: ModelMember[] }[] = [];
  for (const index of model.adminMembers()) {
    const reach = model.reach(index, 'directory.edit');
    if (reach === 'all' || (reach.departments.size === 0 && reach.tags.size === 0)) continue;
    pool.push({ admin: model.members[index]!, reach, inside: model.members.filter((m) => CorpModel.within(reach, m)) });
  }
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const p = pool[Math.floor(next() * pool.length)]!;
    if (i % 2 === 0) {
      pairs.push({ admin: p.admin, target: p.inside[Math.floor(next() * p.inside.length)]!, expected: true });
    } else {
      let target: ModelMember;
      do target = model.members[Math.floor(next() * model.members.length)]!;
      while (CorpModel.within(p.reach, target));
      pairs.push({ admin: p.admin, target, expected: false });
    }
  }
  return { pairs, pool: pool.length };
}

/** The request's path: the admin's grants, then the scope test for the target. */
async function check(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  const { grants } = await loadGrants(db, corpId, pair.admin.id);
  return memberIsWithin(db, corpId, grants.get('directory.edit') ?? NOWHERE, pair.target.id);
}

/**
 * Diagnostic, not the shipped code: the same scope test walking up from the target's departments towards the root
 * (a handful of primary-key lookups) instead of expanding the reach down into all of its members, as
 * memberIsWithin's `m.id = any(array(…))` does. Timed and verified like the real check, to size the gain.
 */
async function memberIsWithinByAncestors(db: Kysely<DB>, corpId: string, reach: Reach, memberId: string): Promise<boolean> {
  if (reach === 'all') return true;
  const tags = sql`${sql.val([...reach.tags])}::int[]`;
  const { rows } = await sql<{ inside: boolean }>`
    select exists (
        with recursive up(id) as (
          select md.department_id from member_departments md where md.corp_id = ${corpId} and md.member_id = ${memberId}
          union
          select d.parent_id from up join departments d on d.corp_id = ${corpId} and d.id = up.id where d.parent_id is not null)
        select 1 from up
         where up.id = any(${sql.val([...reach.departments])}::int[])
            or up.id in (select td.department_id from tag_departments td where td.corp_id = ${corpId} and td.tag_id = any(${tags})))
      or exists (select 1 from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${memberId} and tm.tag_id = any(${tags})) as inside`.execute(db);
  return rows[0]!.inside;
}

async function proposedCheck(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  const { grants } = await loadGrants(db, corpId, pair.admin.id);
  return memberIsWithinByAncestors(db, corpId, grants.get('directory.edit') ?? NOWHERE, pair.target.id);
}

async function explainCheck(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  return (await explain(db, corpId, pair.admin.userid, 'directory.edit', { type: 'member', userid: pair.target.userid })).allowed;
}

/** Runs `run` over the pairs for `seconds`, `inFlight` at a time, after an unmeasured half second; counts wrong answers. */
async function timeChecks(pairs: Pair[], start: number, seconds: number, inFlight: number, run: (pair: Pair) => Promise<boolean>) {
  let next = start;
  let mismatches = 0;
  const latencies: number[] = [];
  const loop = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const pair = pairs[next++ % pairs.length]!;
      const started = performance.now();
      const answer = await run(pair);
      if (record) latencies.push(performance.now() - started);
      if (answer !== pair.expected) mismatches++;
    }
  };
  const warm = performance.now() + 500;
  await Promise.all(Array.from({ length: inFlight }, () => loop(warm, false)));
  const from = performance.now();
  const cpu = process.cpuUsage();
  const until = from + seconds * 1_000;
  await Promise.all(Array.from({ length: inFlight }, () => loop(until, true)));
  return { latency: latency(latencies, performance.now() - from, process.cpuUsage(cpu)), mismatches, checked: next - start, next };
}

/**
 * This script's own answer, from the tables alone: the admin's active assignments whose role carries the
 * permission (built-in by key, custom by its stored permissions), their departments, own departments and tags'
 * departments expanded downwards by a recursive query, and the target's department links and tags.
 */
async function oracle(db: Kysely<DB>, corpId: string, adminId: string, targetId: string, permission: 'directory.edit' | 'directory.view'): Promise<boolean> {
  const builtins = [...CorpModel.ROLES_WITH[permission]].filter((r) => r !== 'custom');
  const { rows } = await sql<{ allowed: boolean }>`
    with recursive
      a as (select role_id, scope_departments, scope_tags, scope_own_departments from admin_assignments
             where corp_id = ${corpId} and member_id = ${adminId} and status = 'active'
               and (role_id = any(${sql.val(builtins)}::text[])
                    or role_id in (select id::text from admin_roles where corp_id = ${corpId} and ${permission} = any(permissions)))),
      roots(id) as (
        select unnest(scope_departments) from a
        union select md.department_id from a join member_departments md on md.corp_id = ${corpId} and md.member_id = ${adminId} where a.scope_own_departments
        union select td.department_id from a cross join lateral unnest(a.scope_tags) as t(tag) join tag_departments td on td.corp_id = ${corpId} and td.tag_id = t.tag),
      below(id) as (select id from roots union select d.id from departments d join below b on d.parent_id = b.id where d.corp_id = ${corpId})
    select exists (select 1 from a where role_id = 'super_admin')
        or exists (select 1 from member_departments md where md.corp_id = ${corpId} and md.member_id = ${targetId} and md.department_id in (select id from below))
        or exists (select 1 from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${targetId} and tm.tag_id in (select unnest(scope_tags) from a)) as allowed`.execute(db);
  return rows[0]!.allowed;
}

/**
 * The correctness sample: for every admin member (all roles, pending assignments too) a target inside and one
 * outside their directory.edit scope, the same for directory.view where their roles differ in it, and 50 of the
 * timed pairs. The model, this script's recursive SQL and the request's path (loadGrants + memberIsWithin) must
 * agree, and explain() too on the directory.view questions (the timed explains cover directory.edit).
 */
async function verifySample(db: Kysely<DB>, corpId: string, model: CorpModel, pairs: Pair[]): Promise<{ pairs: number; disagreements: string[] }> {
  const next = random(7);
  const questions: { admin: number; target: ModelMember; permission: 'directory.edit' | 'directory.view' }[] = [];
  for (const admin of model.adminMembers()) {
    const edit = model.reach(admin, 'directory.edit');
    const view = model.reach(admin, 'directory.view');
    const same = edit === 'all' ? view === 'all' : view !== 'all' && edit.departments.size === view.departments.size && edit.tags.size === view.tags.size;
    const asked: { permission: 'directory.edit' | 'directory.view'; reach: typeof edit }[] = [{ permission: 'directory.edit', reach: edit }];
    if (!same) asked.push({ permission: 'directory.view', reach: view });
    for (const { permission, reach } of asked) {
      const inside = reach === 'all' ? model.members : model.members.filter((m) => CorpModel.within(reach, m));
      if (inside.length > 0) questions.push({ admin, target: inside[Math.floor(next() * inside.length)]!, permission });
      if (reach !== 'all') {
        let outside: ModelMember;
        do outside = model.members[Math.floor(next() * model.members.length)]!;
        while (CorpModel.within(reach, outside));
        questions.push({ admin, target: outside, permission });
      }
    }
  }
  const indexOf = new Map(model.members.map((m, i) => [m.id, i]));
  for (const p of pairs.slice(0, 50)) questions.push({ admin: indexOf.get(p.admin.id)!, target: p.target, permission: 'directory.edit' });
  const disagreements: string[] = [];
  for (const q of questions) {
    const admin = model.members[q.admin]!;
    const expected = CorpModel.within(model.reach(q.admin, q.permission), q.target);
    const bySql = await oracle(db, corpId, admin.id, q.target.id, q.permission);
    const { grants } = await loadGrants(db, corpId, admin.id);
    const byCode = await memberIsWithin(db, corpId, grants.get(q.permission) ?? NOWHERE, q.target.id);
    const byExplain = q.permission === 'directory.view' ? (await explain(db, corpId, admin.userid, q.permission, { type: 'member', userid: q.target.userid })).allowed : expected;
    if (bySql !== expected || byCode !== expected || byExplain !== expected) {
      disagreements.push(`${admin.userid} ${q.permission} ${q.target.userid}: model ${expected}, sql ${bySql}, loadGrants+memberIsWithin ${byCode}, explain ${byExplain}`);
    }
  }
  return { pairs: questions.length, disagreements };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. the scoped admin's member page

interface PageSpec {
  name: string;
  /** The path without page (pages cycle 1..pages). */
  path: string;
  pages: number;
  /** The members the page may show (inside the scope, matching the filter, not left). */
  expected: Set<string>;
}

async function measurePages(ctx: { db: Kysely<DB>; client: Client; timeline: QueryTimeline }, spec: PageSpec): Promise<PageCase> {
  const { client, timeline, db } = ctx;
  const path = (i: number) => `${spec.path}${spec.path.includes('?') ? '&' : '?'}page=${(i % spec.pages) + 1}`;
  let verified = 0;
  const seenOnPage = new Map<number, string[]>();
  const verify = (i: number, status: number, body: Record<string, unknown>) => {
    const page = (i % spec.pages) + 1;
    if (status !== 200) throw new Error(`GET ${path(i)}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    const items = body.items as { userid: string }[];
    const total = body.total as number;
    if (total !== spec.expected.size) throw new Error(`${spec.name}: total ${total}, expected ${spec.expected.size}`);
    const want = Math.max(0, Math.min(100, total - (page - 1) * 100));
    if (items.length !== want) throw new Error(`${spec.name} page ${page}: ${items.length} items, expected ${want}`);
    const outside = items.filter((m) => !spec.expected.has(m.userid));
    if (outside.length > 0) throw new Error(`${spec.name} page ${page}: ${outside.length} members outside the scope or filter, e.g. ${outside[0]!.userid}`);
    const userids = items.map((m) => m.userid);
    const before = seenOnPage.get(page);
    if (before && before.join() !== userids.join()) throw new Error(`${spec.name} page ${page}: a different page on a repeat request`);
    seenOnPage.set(page, userids);
    verified++;
  };
  for (let i = 0; i < 20; i++) {
    const r = await client.request('GET', path(i)); // warm-up, unmeasured
    verify(i, r.status, r.body);
  }
  const latencies: number[] = [];
  const from = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < REQUESTS && (i < 50 || performance.now() - from < CASE_SECONDS * 1_000); i++) {
    const started = performance.now();
    const r = await client.request('GET', path(i));
    latencies.push(performance.now() - started);
    verify(i, r.status, r.body);
  }
  const to = performance.now();
  const cpuUsed = process.cpuUsage(cpu);
  // Pages 1..n hold distinct members.
  const all = [...seenOnPage.values()].flat();
  if (new Set(all).size !== all.length) throw new Error(`${spec.name}: a member appears on two pages`);
  const dbMsPerRequest: Record<string, number> = {};
  for (const e of timeline.between(from, to)) dbMsPerRequest[e.label] = (dbMsPerRequest[e.label] ?? 0) + (e.end - e.start) / latencies.length;
  // One more request of page 1 with its statements kept, then EXPLAIN ANALYZE of its member and link selects.
  timeline.captured = [];
  await client.request('GET', path(0));
  const captured = timeline.captured.filter((c) => /members|member_departments|departments|recursive/.test(c.label));
  timeline.captured = null;
  const plans: PageCase['plans'] = [];
  for (const c of captured) {
    const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
    const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
    const lines = explained.rows.map((row) => row['QUERY PLAN']);
    plans.push({ label: c.label, executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN), plan: lines });
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return { name: spec.name, path: spec.path, pages: spec.pages, expectedTotal: spec.expected.size, latency: latency(latencies, to - from, cpuUsed), mean, verified, dbMsPerRequest, plans };
}

// ---------------------------------------------------------------------------------------------------------------
// one engine

async function runEngine(engine: Engine): Promise<EngineResult> {
  const loadAverage = loadavg();
  const { database, drop } = await openEngine(engine);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]!.v;
    console.log(`[${engine}] ${engine === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'} ${version}`);
    await migrateToLatest(database.db as never);
    const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
    const clock = new ManualClock(new Date());
    const logger = pino({ level: 'silent' });
    // The HTTP routes see the database through the timeline plugin (database time per statement); the in-process
    // checks use the plain handle.
    const timeline = new QueryTimeline();
    const services = createServices(database.db.withPlugin(timeline), { config, sms: { send: async () => undefined }, email: { send: async () => undefined }, clock, logger });
    app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const db = database.db;

    // --- the corp (root department and founder super admin), then the directory and the assignments ---
    const first17 = '91110108000000001';
    const corp = await db.transaction().execute((trx) =>
      services.corps.create(trx, { name: '星河科技', creditCode: first17 + creditCodeCheckChar(first17), industry: 'it', size: '5000+', adminName: '系统管理员', adminMobile: '19912345678' }, operatorContext('bench')),
    );
    const corpId = corp.corpId;
    const seedStarted = performance.now();
    const model = await seedCorp(db, corpId, corp.memberId, clock.now());
    const seedMs = performance.now() - seedStarted;
    const counts = (await sql<{ d: number; m: number; md: number; tm: number; a: number; am: number }>`
      select (select count(*)::int from departments where corp_id = ${corpId}) as d, (select count(*)::int from members where corp_id = ${corpId}) as m,
             (select count(*)::int from member_departments where corp_id = ${corpId}) as md, (select count(*)::int from tag_members where corp_id = ${corpId}) as tm,
             (select count(*)::int from admin_assignments where corp_id = ${corpId}) as a, (select count(distinct member_id)::int from admin_assignments where corp_id = ${corpId}) as am`.execute(db)).rows[0]!;
    if (counts.d !== DEPARTMENTS || counts.m !== MEMBERS + 1 || counts.a !== 200) throw new Error(`unexpected seed: ${JSON.stringify(counts)}`);
    console.log(`[${engine}] seeded ${fmt(counts.d)} departments, ${fmt(counts.m)} members, ${fmt(counts.md)} department links, ${TAGS} tags (${fmt(counts.tm)} links), ${counts.a} assignments of ${counts.am} admins in ${fmt(seedMs / 1000, 1)} s (incl. ANALYZE)`);

    // --- 1. permission checks ---
    const { pairs, pool } = makePairs(model, 50_000);
    const verifyStarted = performance.now();
    const sample = await verifySample(db, corpId, model, pairs);
    console.log(`[${engine}] correctness sample: ${sample.pairs} questions (model = own recursive SQL = loadGrants+memberIsWithin = explain), ${sample.disagreements.length} disagreements, ${fmt((performance.now() - verifyStarted) / 1000, 1)} s`);
    if (sample.disagreements.length > 0) throw new Error(`the permission check disagrees with the model:\n${sample.disagreements.slice(0, 10).join('\n')}`);
    const runCheck = (p: Pair) => check(db, corpId, p);
    const runExplain = (p: Pair) => explainCheck(db, corpId, p);
    const checkSeq = await timeChecks(pairs, 0, SECONDS, 1, runCheck);
    const checkPar = await timeChecks(pairs, checkSeq.next, SECONDS, IN_FLIGHT, runCheck);
    console.log(`[${engine}] checks: ${fmt(checkSeq.latency.perSec)}/s sequential, ${fmt(checkPar.latency.perSec)}/s ${IN_FLIGHT} in flight`);
    const explainSeq = await timeChecks(pairs, 0, SECONDS, 1, runExplain);
    const explainPar = await timeChecks(pairs, explainSeq.next, SECONDS, IN_FLIGHT, runExplain);
    console.log(`[${engine}] explain: ${fmt(explainSeq.latency.perSec)}/s sequential, ${fmt(explainPar.latency.perSec)}/s ${IN_FLIGHT} in flight`);
    const proposalSeq = await timeChecks(pairs, 0, SECONDS, 1, (p) => proposedCheck(db, corpId, p));
    const proposalPar = await timeChecks(pairs, proposalSeq.next, SECONDS, IN_FLIGHT, (p) => proposedCheck(db, corpId, p));
    console.log(`[${engine}] diagnostic, ancestor-walk scope test: ${fmt(proposalSeq.latency.perSec)}/s sequential, ${fmt(proposalPar.latency.perSec)}/s ${IN_FLIGHT} in flight`);
    const checkMismatches = checkSeq.mismatches + checkPar.mismatches;
    const explainMismatches = explainSeq.mismatches + explainPar.mismatches;
    const proposalMismatches = proposalSeq.mismatches + proposalPar.mismatches;
    if (checkMismatches + explainMismatches + proposalMismatches > 0) throw new Error(`wrong answers while timing: ${checkMismatches} checks, ${explainMismatches} explains, ${proposalMismatches} ancestor-walk checks`);

    // --- 2. the scoped admin's member page, over HTTP ---
    const pageAdmin = model.members[PAGE_ADMIN]!;
    const passwordHash = await hashPassword(PASSWORD);
    await db.transaction().execute((trx) => upsertPasswordHash(trx, pageAdmin.id, corpId, passwordHash, clock.now()));
    const client = await signInEnrollingTotp(url, pageAdmin.mobile, PASSWORD, clock);
    const viewReach = model.reach(PAGE_ADMIN, 'directory.view');
    const visible = model.members.filter((m) => m.status !== 5 && CorpModel.within(viewReach, m));
    const region = regionId(3); // 大区0-3, inside division 0
    const regionTree = model.subtree([region]);
    const expectedOf = (members: ModelMember[]) => new Set(members.map((m) => m.userid));
    const searches = ['zw', '欣怡'];
    const specs: PageSpec[] = [
      { name: 'all members in scope, pages 1–5', path: '/api/v1/members?pageSize=100', pages: 5, expected: expectedOf(visible) },
      { name: `region ${region} recursive, pages 1–5`, path: `/api/v1/members?department=${region}&recursive=true&pageSize=100`, pages: 5, expected: expectedOf(visible.filter((m) => m.departments.some((d) => regionTree.has(d)))) },
      ...searches.map((q) => ({ name: `search q=${q}, page 1`, path: `/api/v1/members?q=${encodeURIComponent(q)}&pageSize=100`, pages: 1, expected: expectedOf(visible.filter((m) => m.searchText.includes(q))) })),
    ];
    const pages: PageCase[] = [];
    for (const spec of specs) {
      pages.push(await measurePages({ db, client, timeline }, spec));
      console.log(`[${engine}] ${spec.name}: p99 ${fmt(pages.at(-1)!.latency.p99, 1)} ms (${fmt(spec.expected.size)} members)`);
    }

    const result: EngineResult = {
      engine,
      version,
      loadAverage,
      seedMs,
      corp: { departments: counts.d, members: counts.m, memberLinks: counts.md, tagLinks: counts.tm, assignments: counts.a, adminMembers: counts.am, checkPool: pool },
      checks: { sequential: checkSeq.latency, concurrent: checkPar.latency, mismatches: checkMismatches },
      explains: { sequential: explainSeq.latency, concurrent: explainPar.latency, mismatches: explainMismatches },
      proposal: { sequential: proposalSeq.latency, concurrent: proposalPar.latency, mismatches: proposalMismatches },
      correctness: { checksVerified: checkSeq.checked + checkPar.checked, explainsVerified: explainSeq.checked + explainPar.checked, proposalVerified: proposalSeq.checked + proposalPar.checked, oraclePairs: sample.pairs, oracleDisagreements: sample.disagreements.length },
      pages,
      pass: { pages: pages.every((p) => p.latency.p99 <= TARGETS.pageP99Ms) },
    };
    printEngine(result);
    return result;
  } finally {
    await app?.close();
    await database.close();
    await drop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// printing

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const title = (e: Engine) => (e === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL');
const lat = (l: Latency) => `${fmt(l.p50, 2)} / ${fmt(l.p95, 2)} / ${fmt(l.p99, 2)}`;
const scale = (l: Latency) => `p95 = ${fmt(l.p95 / TARGETS.spicedbP95Ms, 2)} × SpiceDB's ${TARGETS.spicedbP95Ms} ms (network)`;

function printEngine(r: EngineResult): void {
  console.log(`\n=== ${title(r.engine)} ${r.version}: ${fmt(r.corp.departments)} departments, ${fmt(r.corp.members)} members, ${r.corp.assignments} assignments (${r.corp.adminMembers} admins); load average at the start ${r.loadAverage.map((l) => fmt(l, 2)).join(' ')} ===`);
  const checkRow = (name: string, l: Latency, inFlight: number) => [`${name}, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}`, fmt(l.perSec), lat(l), fmt(l.cpuMsPerOp, 2), scale(l), ''];
  printTable(
    ['figure', 'per s', 'p50 / p95 / p99 ms', 'CPU ms/op', 'target / for scale', 'result'],
    [
      checkRow('check: loadGrants + memberIsWithin (directory.edit)', r.checks.sequential, 1),
      checkRow('check: loadGrants + memberIsWithin (directory.edit)', r.checks.concurrent, IN_FLIGHT),
      checkRow('explain(admin, directory.edit, member)', r.explains.sequential, 1),
      checkRow('explain(admin, directory.edit, member)', r.explains.concurrent, IN_FLIGHT),
      checkRow('(cross-check) loadGrants + an ancestor walk written here', r.proposal.sequential, 1),
      checkRow('(cross-check) loadGrants + an ancestor walk written here', r.proposal.concurrent, IN_FLIGHT),
      ...r.pages.map((p) => [
        `member page as division admin: ${p.name} (${fmt(p.expectedTotal)} members; ${p.latency.count} requests)`,
        fmt(p.latency.perSec),
        `${fmt(p.latency.p50, 1)} / ${fmt(p.latency.p95, 1)} / ${fmt(p.latency.p99, 1)}`,
        fmt(p.latency.cpuMsPerOp, 2),
        `p99 ≤ ${TARGETS.pageP99Ms}`,
        verdict(p.latency.p99 <= TARGETS.pageP99Ms),
      ]),
    ],
  );
  if (r.engine === 'postgres') console.log('CPU ms/op is this process only (client, HTTP server, driver); PostgreSQL\'s own CPU is in its server processes.');
  else console.log(`PGlite runs on this process's main thread with one session: ${IN_FLIGHT} in flight queue behind each other, so the latency grows and the rate does not.`);
  const c = r.correctness;
  console.log(
    `correctness: every timed answer matched the model (${fmt(c.checksVerified)} checks, ${fmt(c.explainsVerified)} explains, ${fmt(c.proposalVerified)} ancestor-walk checks; half allowed, half not; ${r.corp.checkPool} scoped admins); ` +
      `${c.oraclePairs} sampled questions agreed across the model, this script's recursive SQL and loadGrants + memberIsWithin (and explain on directory.view); ` +
      `${r.pages.reduce((n, p) => n + p.verified, 0)} member pages held only in-scope members, the expected totals and row counts.`,
  );
  console.log('\nmember page: mean database time per request by statement (ms), and the EXPLAIN ANALYZE execution time of one page-1 request:');
  const labels = [...new Set(r.pages.flatMap((p) => Object.keys(p.dbMsPerRequest)))];
  printTable(
    ['statement', ...r.pages.map((p) => p.name)],
    [
      ...labels.map((label) => [label, ...r.pages.map((p) => fmt(p.dbMsPerRequest[label] ?? 0, 2))]),
      ['mean request latency', ...r.pages.map((p) => fmt(p.mean, 2))],
      ...[...new Set(r.pages.flatMap((p) => p.plans.map((x) => x.label)))].map((label) => [`EXPLAIN ANALYZE exec: ${label}`, ...r.pages.map((p) => p.plans.filter((x) => x.label === label).map((x) => fmt(x.executionMs, 2)).join(' + ') || '—')]),
    ],
  );
  const slowest = [...r.pages].sort((a, b) => b.latency.p99 - a.latency.p99)[0];
  const plan = [...(slowest?.plans ?? [])].sort((a, b) => b.executionMs - a.executionMs)[0];
  if (slowest && plan) {
    console.log(`\nplan of the slowest statement of the slowest case (${slowest.name}: ${plan.label}, ${fmt(plan.executionMs, 2)} ms):`);
    for (const line of plan.plan.filter((l) => !/^\s*(Buffers|Storage|Batches|Memory Usage|Index Searches|Heap Fetches):?/.test(l))) console.log(`  ${line}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// orchestration: one child process per engine, then the summary and bench/results/access.json

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
  const scratch = mkdtempSync(join(tmpdir(), 'orgdesk-access-results-'));
  const results: EngineResult[] = [];
  try {
    for (const engine of engines) {
      const out = join(scratch, `${engine}.json`);
      const started = performance.now();
      const code = await new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [...process.execArgv, script, ...passThrough, '--engine', engine, '--out', out], { stdio: 'inherit' });
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
      ['figure', ...results.map((r) => title(r.engine))],
      [
        row('checks/s sequential; p50 / p95 / p99 ms', (r) => `${fmt(r.checks.sequential.perSec)}; ${lat(r.checks.sequential)}`),
        row(`checks/s ${IN_FLIGHT} in flight; p50 / p95 / p99 ms`, (r) => `${fmt(r.checks.concurrent.perSec)}; ${lat(r.checks.concurrent)}`),
        row('explain/s sequential; p50 / p95 / p99 ms', (r) => `${fmt(r.explains.sequential.perSec)}; ${lat(r.explains.sequential)}`),
        row(`explain/s ${IN_FLIGHT} in flight; p50 / p95 / p99 ms`, (r) => `${fmt(r.explains.concurrent.perSec)}; ${lat(r.explains.concurrent)}`),
        ...results[0]!.pages.map((p, i) => row(`page p99 ms: ${p.name}`, (r) => `${fmt(r.pages[i]!.latency.p99, 1)} ${verdict(r.pages[i]!.latency.p99 <= TARGETS.pageP99Ms)}`)),
      ],
    );
  }
  writeResult('access', { seconds: SECONDS, requests: REQUESTS, caseSeconds: CASE_SECONDS, inFlight: IN_FLIGHT, targets: TARGETS, engines: Object.fromEntries(results.map((r) => [r.engine, r])) });
}
