// The figures of bench/access.ts: their shape, the targets, and the tables that print them.
import { fmt, percentile, printTable } from './common';
import { engineTitle, type Engine } from './engines';

export const TARGETS = { pageP99Ms: 30, spicedbP95Ms: 5.76 };
/** Concurrent checks in the "in flight" rows. */
export const IN_FLIGHT = 8;


export interface Latency {
  count: number;
  perSec: number;
  /** CPU time of this whole process (client, server, and PGlite, which runs on its main thread) per operation. */
  cpuMsPerOp: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
export function latency(values: number[], elapsedMs: number, cpu: NodeJS.CpuUsage): Latency {
  return { count: values.length, perSec: values.length / (elapsedMs / 1000), cpuMsPerOp: (cpu.user + cpu.system) / 1000 / values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values) };
}

export interface PageCase {
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

export interface EngineResult {
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

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
export const lat = (l: Latency) => `${fmt(l.p50, 2)} / ${fmt(l.p95, 2)} / ${fmt(l.p99, 2)}`;
const scale = (l: Latency) => `p95 = ${fmt(l.p95 / TARGETS.spicedbP95Ms, 2)} × SpiceDB's ${TARGETS.spicedbP95Ms} ms (network)`;

export function printEngine(r: EngineResult): void {
  console.log(`\n=== ${engineTitle(r.engine)} ${r.version}: ${fmt(r.corp.departments)} departments, ${fmt(r.corp.members)} members, ${r.corp.assignments} assignments (${r.corp.adminMembers} admins); load average at the start ${r.loadAverage.map((l) => fmt(l, 2)).join(' ')} ===`);
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
