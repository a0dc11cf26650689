// HTTP baselines of the real server: autocannon (50 connections, 10 s) against GET /api/v1/ping (no-op JSON
// route) and GET /healthz (one `select 1` on PGlite). Later benchmarks of real routes compare with these.
// Run: npx tsx bench/http-baseline.ts [--duration 10] [--connections 50] [--log-level info]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { fmt, printTable, spawnServer, warmCli, writeResult } from './lib/common';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const DURATION_S = Number(option('duration', '10'));
const CONNECTIONS = Number(option('connections', '50'));
/** The server's log level: "info" is what `orgdesk serve` runs with by default (two log lines per request). */
const LOG_LEVEL = option('log-level', 'info');
const WARMUP_S = 2;

// ../shared/STACK-NOTES.md §4 (same kind of machine, autocannon -c 50 -d 10, Fastify with logger:false):
// a bare "hello" route, and a Kysely point lookup on in-process PGlite.
const STACK_NOTES = { hello: 57_000, pgliteLookup: 2_534 };

const scratch = mkdtempSync(join(tmpdir(), 'orgdesk-bench-http-'));
const logFile = join(scratch, 'server.log');
console.log(`HTTP baselines: autocannon -c ${CONNECTIONS} -d ${DURATION_S} against "orgdesk serve" (LOG_LEVEL=${LOG_LEVEL}, log to a file)`);
warmCli();
const server = await spawnServer({ dataDir: join(scratch, 'data'), logFile, env: { LOG_LEVEL } });
console.log(`server healthy after ${fmt(server.healthyMs)} ms on ${server.url}`);

const results: Record<string, Result> = {};
try {
  for (const path of ['/api/v1/ping', '/healthz']) {
    await autocannon({ url: server.url + path, connections: 10, duration: WARMUP_S }); // JIT warm-up, not reported
    const result = await autocannon({ url: server.url + path, connections: CONNECTIONS, duration: DURATION_S });
    results[path] = result;
    console.log(`  ${path}: ${fmt(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
  }
  console.log(`server log: ${fmt(statSync(logFile).size / 1e6, 1)} MB`);
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const ping = results['/api/v1/ping']!;
const health = results['/healthz']!;
const rows = [
  { route: 'GET /api/v1/ping', result: ping, reference: STACK_NOTES.hello, referenceName: 'hello' },
  { route: 'GET /healthz (select 1)', result: health, reference: STACK_NOTES.pgliteLookup, referenceName: 'PGlite lookup' },
];
console.log('');
printTable(
  ['route', 'req/s (avg)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'STACK-NOTES §4', 'ratio to it'],
  rows.map((r) => [r.route, fmt(r.result.requests.average), fmt(r.result.latency.p50), fmt(r.result.latency.p99), fmt(r.result.non2xx), fmt(r.result.errors + r.result.timeouts), `${r.referenceName} ${fmt(r.reference)}`, fmt(r.result.requests.average / r.reference, 2)]),
);
const ratio = health.requests.average / ping.requests.average;
console.log(`\nratio healthz / ping: ${fmt(ratio, 2)}`);
if (ping.non2xx + health.non2xx + ping.errors + health.errors > 0) console.log('WARNING: non-2xx answers or errors: these figures are not a clean baseline.');

const summary = (r: Result) => ({
  requestsPerSec: r.requests.average,
  latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  total: r.latency.totalCount,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});
writeResult(LOG_LEVEL === 'info' ? 'http-baseline' : `http-baseline-log-${LOG_LEVEL}`, {
  connections: CONNECTIONS,
  durationSeconds: DURATION_S,
  logLevel: LOG_LEVEL,
  ping: summary(ping),
  healthz: summary(health),
  ratioHealthzToPing: ratio,
  stackNotes: STACK_NOTES,
});
