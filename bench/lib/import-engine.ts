// One engine's run of bench/import.ts, in its own child process: the set-up, the file, preview, apply with /healthz
// probed, the member list, the raw baseline; it prints the engine's tables and returns its figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { createApp, createServices, creditCodeCheckChar, hashPassword, loadConfig, migrateToLatest, openDatabase, operatorContext, upsertPasswordHash, wholeCorp, type DB } from '@orgdesk/server';
import { ManualClock } from '../../packages/server/src/platform/kernel/clock';
import { createMetrics } from '../../packages/server/src/platform/kernel/metrics';
import { fmt, initDataDir } from './common';
import { scratchDatabase } from './engines';
import { insertRawBaseline, rawBaselineRows } from './import-baseline';
import { signInEnrollingTotp } from './client';
import { CORP_NAME, divisionName, generateCsv, layout, LEAVES_PER_DIVISION, leafName, pad } from './import-data';
import { gc, latencyFigures, MB, memoryBreakdown, phase, probeHealthz, recordStalls, RssSampler, stalledMs, type PhaseFigure } from './import-measure';
import { measureMemberList } from './import-member-list';
import { printEngine, TARGETS, type Engine, type EngineResult } from './import-report';
import { attributeStalls, QueryTimeline, splitImportTime, wrapImportSpans } from './import-timeline';

const PASSWORD = 'Bench-Passw0rd-2026';

/** The size of a run, from the command line (--members, --departments, --list-requests). */
export interface ImportBenchSize {
  members: number;
  departments: number;
  /** Measured member-list requests per case. */
  listRequests: number;
}

/** Runs the whole benchmark on one engine, prints its tables and returns its figures (bench/import.ts writes them). */
export async function runEngine(engine: Engine, size: ImportBenchSize): Promise<EngineResult> {
  const sampler = new RssSampler(50);
  const phases: Record<string, PhaseFigure> = {};
  const l = layout(size.departments);
  console.log(`[${engine}] ${fmt(size.members)} members in ${fmt(size.departments)} departments (${l.divisions} 事业部 × ≤${LEAVES_PER_DIVISION}), gc between phases: ${gc ? 'yes' : 'no'}`);

  // --- the database: PGlite in a temp data directory, or a fresh database on the PostgreSQL server of DATABASE_URL ---
  const postgres = engine === 'postgres' ? await scratchDatabase('orgdesk_bench') : null;
  const setupStarted = performance.now();
  const timeline = new QueryTimeline();
  const tmp = mkdtempSync(join(tmpdir(), 'orgdesk-import-bench-'));
  // PGlite on an existing data directory, as a restarted `npm start` opens it (an in-memory PGlite would also hold
  // the database files in the heap; initdb in this process would leave its memory behind).
  if (engine === 'pglite') initDataDir(join(tmp, 'data'));
  const database = await openDatabase<DB>(engine === 'pglite' ? { databaseUrl: null, dataDir: join(tmp, 'data') } : { databaseUrl: postgres?.url ?? null });
  if (postgres) console.log(`[${engine}] PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]?.v}, scratch database`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    await migrateToLatest(database.db as never);
    const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
    const clock = new ManualClock(new Date());
    const logger = pino({ level: 'silent' });
    // The services see the database through the timeline plugin; /healthz (database.db) does not.
    const services = createServices(database.db.withPlugin(timeline), { config, sms: { send: async () => undefined }, email: { delivers: true, send: async () => undefined }, clock, logger });
    app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // ImportService's private read (parse) and snapshot, timed from outside on this instance only.
    const spans = wrapImportSpans(services.imports);

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
    const client = await signInEnrollingTotp(url, '19912345678', PASSWORD, clock);
    gc?.();
    const setupRss = process.memoryUsage.rss() / MB;
    phases.setup = { ms: performance.now() - setupStarted, rssStartMb: setupRss, rssPeakMb: setupRss, rssSamples: 0, maxRssSoFarMb: (process.resourceUsage().maxRSS * 1024) / MB };

    // --- 1. the file ---
    const fileName = join(tmp, 'members.csv');
    let bytes = await phase(sampler, phases, 'generate', async () => {
      const csv = generateCsv(size.members, size.departments);
      writeFileSync(fileName, csv);
      return csv;
    });
    const fileBytes = bytes.length;
    console.log(`[${engine}] file: ${fmt(fileBytes / MB, 1)} MB, ${fileName}`);

    // --- 2a. preview: parse + validate + plan, the file kept with the job; nothing in the directory written ---
    const ctx = { ...operatorContext('bench import'), actorId: 'admin', actorName: '系统管理员' };
    let memory = memoryBreakdown();
    const previewFrom = performance.now();
    const job = await phase(sampler, phases, 'preview', () => services.imports.preview({ scope: wholeCorp(corp.corpId), userid: null }, { bytes, name: 'members.csv' }, { mode: 'sync', createDepartments: true }, ctx));
    const previewTo = performance.now();
    const previewMemory = memory.stop();
    bytes = Buffer.alloc(0); // the service keeps its own copy (in the job row); drop ours as an upload handler would
    const expectedDepartments = size.departments + l.divisions;
    if (job.counts.rowsInError !== 0 || job.counts.created !== size.members || job.counts.departmentsCreated !== expectedDepartments) {
      throw new Error(`unexpected preview counts: ${JSON.stringify(job.counts)} (expected ${size.members} created, ${expectedDepartments} departments, no errors)`);
    }
    console.log(`[${engine}] preview: ${fmt(phases.preview!.ms)} ms, counts ${JSON.stringify(job.counts)}`);

    // --- 2b/3. apply, with /healthz probed every 25 ms from this process meanwhile ---
    let planDoneAt = 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const probe = probeHealthz(url);
    const stallRecorder = recordStalls(TARGETS.healthzP99Ms);
    loopDelay.enable();
    memory = memoryBreakdown();
    const elu0 = performance.eventLoopUtilization();
    const applyFrom = performance.now();
    const applied = await phase(sampler, phases, 'apply', () =>
      services.imports.apply({ scope: wholeCorp(corp.corpId), userid: null }, job.id, { skipBadRows: false, confirmDisable: false }, ctx, (done) => {
        if (done === 0 && planDoneAt === 0) planDoneAt = performance.now();
        memory.sample();
      }),
    );
    const applyTo = performance.now();
    const applyMemory = memory.stop();
    const elu = performance.eventLoopUtilization(elu0).utilization;
    loopDelay.disable();
    const health = await probe.stop();
    const stalls = attributeStalls(stallRecorder.stop(), timeline);
    if (applied.status !== 'succeeded') throw new Error(`apply ended ${applied.status}: ${JSON.stringify(applied.failure)}`);
    const stored = await database.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corp.corpId).executeTakeFirstOrThrow();
    if (Number(stored.n) !== size.members + 1) throw new Error(`expected ${size.members + 1} members after the import, found ${stored.n}`);
    console.log(`[${engine}] apply: ${fmt(phases.apply!.ms)} ms, ${health.latencies.length} healthz answers`);

    // --- where the time went (from the spans and the query timeline) ---
    const { previewSplit, applySplit, applyWrites } = splitImportTime(spans, timeline, { previewFrom, previewTo, applyFrom, applyTo, planDoneAt });

    // --- 5. the department member list after the import, over HTTP as the super admin ---
    const divisionPick = divisionName(l, Math.min(7, l.divisions - 1));
    const leafPick = leafName(l, Math.min(123, size.departments - 1));
    const listContext = { db: database.db, corpId: corp.corpId, client, timeline, requests: size.listRequests };
    const listCase = (department: string, recursive: boolean) => measureMemberList(listContext, department, recursive);
    const list = await phase(sampler, phases, 'memberList', async () => ({ recursive: await listCase(divisionPick, true), leaf: await listCase(leafPick, false) }));
    // Diagnostic: the same list after ANALYZE (the bulk load leaves the planner's statistics stale until the next
    // ANALYZE; on PostgreSQL autovacuum runs one within about a minute, PGlite has no autovacuum).
    await phase(sampler, phases, 'analyze', () => sql`analyze`.execute(database.db));
    const listAnalyzed = await phase(sampler, phases, 'memberListAnalyzed', async () => ({ recursive: await listCase(divisionPick, true), leaf: await listCase(leafPick, false) }));

    // --- 4. the baseline: a raw multi-row INSERT of the same rows for a second corp, one transaction ---
    const corp2 = await createCorp(`${CORP_NAME}（基线）`, 2, '19912345679');
    const c2 = corp2.corpId;
    const baselineRows = rawBaselineRows(c2, l, size.members, size.departments);
    await phase(sampler, phases, 'raw', () => insertRawBaseline(database.db, c2, baselineRows));

    const previewMs = phases.preview!.ms;
    const applyMs = phases.apply!.ms;
    const rawMs = phases.raw!.ms;
    const peakRssMb = Math.max(phases.preview!.rssPeakMb, phases.apply!.rssPeakMb);
    const healthz = { ...latencyFigures(health.latencies), statuses: health.statuses, over200Ms: health.latencies.filter((v) => v > TARGETS.healthzP99Ms).length, stalledMs: stalledMs(health.latencies, TARGETS.healthzP99Ms) };
    const result: EngineResult = {
      engine,
      members: size.members,
      departments: size.departments,
      divisions: l.divisions,
      fileBytes,
      fileName,
      phases,
      previewMs,
      applyMs,
      previewRowsPerSec: size.members / (previewMs / 1000),
      applyRowsPerSec: size.members / (applyMs / 1000),
      counts: applied.counts,
      peakRssMb,
      maxRssMb: phases.apply!.maxRssSoFarMb,
      memory: { preview: previewMemory, apply: applyMemory },
      healthz,
      applyEventLoop: { delayMaxMs: loopDelay.max / 1e6, delayP99Ms: loopDelay.percentile(99) / 1e6, utilization: elu, stalls },
      rawMs,
      rawRowsPerSec: size.members / (rawMs / 1000),
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
    if (postgres) await postgres.drop();
  }
}
