// The figures of bench/approvals.ts and their tables: one engine's, and the summary over engines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, printTable, repoRoot } from './common';
import { engineTitle, type Engine } from './engines';
import type { DecisionDiagnosis, ExplainedStatement } from './approvals-decide';
import type { HistoryFigures } from './approvals-history';
import type { BoxFigures } from './approvals-lists';
import type { RunFigures } from './approvals-load';

/** The issue's targets (issue 6), on 2 cores with 100,000 past requests. */
export const TARGETS = { decisionsPerSec: 200, decisionP95Ms: 50, todoP95Ms: 100 };

/** PASS or FAIL. */
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Everything one engine's run measured. */
export interface EngineResult {
  engine: Engine;
  version: string;
  loadAverage: number[];
  corp: { members: number; departments: number; signedIn: number; directorySeconds: number };
  history: HistoryFigures;
  fresh: { submitted: number; submitSeconds: number };
  decisions: RunFigures;
  /** Decisions at other concurrencies (--sweep): the latency each load gives. */
  sweep: RunFigures[];
  /** Checked after the run: requests approved, payouts created, one 'approved' event each. */
  decisionChecks: { approved: number; payouts: number; approvedEvents: number };
  /** Requests sent again after a transport error (same idempotency key): in the measured decisions, and overall. */
  transportRetries: { measuredDecisions: number; total: number };
  diagnosis: DecisionDiagnosis;
  /** Every statement of one decision explained (reads with ANALYZE), slowest read first. */
  decisionPlans: ExplainedStatement[];
  /** Database ms per decision by statement during the concurrent run (lock waits included). */
  underLoad: { label: string; msPerDecision: number; meanMs: number }[];
  boxes: BoxFigures[];
  /** EXPLAIN ANALYZE of the proposed done box (tasks first) for the busiest reader. */
  proposedDone: BoxFigures['plans'];
  /** null for the module as it is; else what this diagnostic run changed on its scratch database. */
  variant: string | null;
  pass: { decisionsPerSec: boolean; decisionP95: boolean; todoP95: boolean };
}

const ms = (v: number) => fmt(v, 1);

/** Prints one engine's table and the where-the-time-goes lines. */
export function printEngine(r: EngineResult): void {
  const d = r.decisions;
  const h = r.history;
  console.log(`\n=== ${engineTitle(r.engine)} ${r.version}${r.variant ? ` (DIAGNOSTIC: ${r.variant})` : ''}: ${fmt(h.requests)} past requests (${Object.entries(h.byStatus).map(([s, n]) => `${s}: ${fmt(n)}`).join(', ')}), ${fmt(h.pendingTasks)} pending tasks ===`);
  const todo = r.boxes.find((b) => b.box === 'todo');
  printTable(
    ['figure', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'CPU ms/op', 'target', 'result'],
    [
      [`decide (final approval), ${fmt(d.operations)} at ${d.concurrency} in flight`, fmt(d.perSec, 1), ms(d.latencyMs.p50), ms(d.latencyMs.p95), ms(d.latencyMs.p99), ms(d.latencyMs.max), ms(d.cpuMsPerOp), `≥ ${TARGETS.decisionsPerSec}/s, p95 ≤ ${TARGETS.decisionP95Ms} ms`, `${verdict(r.pass.decisionsPerSec)} / ${verdict(r.pass.decisionP95)}`],
      ...(r.sweep ?? []).map((s) => [`  the same, ${fmt(s.operations)} at ${s.concurrency} in flight`, fmt(s.perSec, 1), ms(s.latencyMs.p50), ms(s.latencyMs.p95), ms(s.latencyMs.p99), ms(s.latencyMs.max), ms(s.cpuMsPerOp), '—', '']),
      ...r.boxes.map((b) => [
        `box=${b.box} page 1 (20), ${fmt(b.run.operations)} at ${b.run.concurrency}; ${b.readers} readers, ${fmt(b.totals.min)}–${fmt(b.totals.max)} each`,
        fmt(b.run.perSec, 1),
        ms(b.run.latencyMs.p50),
        ms(b.run.latencyMs.p95),
        ms(b.run.latencyMs.p99),
        ms(b.run.latencyMs.max),
        ms(b.run.cpuMsPerOp),
        b === todo ? `p95 ≤ ${TARGETS.todoP95Ms} ms` : '—',
        b === todo ? verdict(r.pass.todoP95) : '',
      ]),
    ],
  );
  const g = r.diagnosis;
  console.log(
    `\nsequential decisions (${g.decisions}): ${ms(g.latencyMsMean)} ms each, ${fmt(g.statementsPerDecision, 1)} statements, ${ms(g.databaseMsPerDecision)} ms in the database; ` +
      `most time: ${g.byStatement.slice(0, 6).map((s) => `${s.label} ×${fmt(s.perDecision, 1)} ${fmt(s.msPerDecision, 2)} ms`).join(', ')}`,
  );
  console.log(
    `one decision's transaction: ${ms(g.transactionMs)} ms from the FOR UPDATE to its last statement, ${ms(g.auditChainHeldMs)} ms of it holding the corp's audit chain ` +
      `(update audit_heads … COMMIT): at most ≈ ${fmt(1000 / g.auditChainHeldMs)} decisions/s per corp on PostgreSQL, whatever the cores`,
  );
  console.log(`under load, database ms per decision by statement: ${r.underLoad.slice(0, 6).map((s) => `${s.label} ${fmt(s.msPerDecision, 2)} (mean ${fmt(s.meanMs, 2)} per statement)`).join(', ')}`);
  const reads = r.decisionPlans.filter((p) => p.executionMs !== null).slice(0, 4);
  console.log(`one decision's slowest reads (EXPLAIN ANALYZE): ${reads.map((p) => `${p.label} ${fmt(p.executionMs!, 2)} ms`).join(', ')}`);
  for (const p of r.decisionPlans.filter((x) => x.plan.some((line) => /Seq Scan on approval_(requests|steps|tasks|events)\b/.test(line)))) console.log(`  seq scan in a decision: ${p.sql.slice(0, 160)} → ${p.plan.find((line) => /Seq Scan/.test(line))!.trim()}`);
  for (const b of r.boxes) for (const p of b.plans) console.log(`box=${b.box} ${p.label}: EXPLAIN ANALYZE execution ${fmt(p.executionMs, 2)} ms`);
  console.log(`proposed done box (tasks first, newest decision first): ${r.proposedDone.map((p) => `${p.label} ${fmt(p.executionMs, 2)} ms`).join(', ')}`);
  console.log(
    `checked: every answer; ${fmt(r.decisionChecks.approved)} requests approved, ${fmt(r.decisionChecks.payouts)} payouts, ${fmt(r.decisionChecks.approvedEvents)} 'approved' events; ` +
      `transport errors retried: ${r.transportRetries.measuredDecisions} in the measured decisions, ${r.transportRetries.total} in all`,
  );
}

/** Prints the engines side by side. */
export function printSummary(results: EngineResult[]): void {
  console.log('\n=== summary ===');
  const line = (name: string, pick: (r: EngineResult) => string) => [name, ...results.map(pick)];
  const box = (r: EngineResult, name: string) => r.boxes.find((b) => b.box === name)!;
  printTable(
    ['figure', ...results.map((r) => engineTitle(r.engine))],
    [
      line('decisions/s (target ≥ 200)', (r) => `${fmt(r.decisions.perSec, 1)} ${verdict(r.pass.decisionsPerSec)}`),
      line('decision p50 / p95 / p99 ms (p95 ≤ 50)', (r) => `${ms(r.decisions.latencyMs.p50)} / ${ms(r.decisions.latencyMs.p95)} / ${ms(r.decisions.latencyMs.p99)} ${verdict(r.pass.decisionP95)}`),
      line('statements; database ms per decision (sequential)', (r) => `${fmt(r.diagnosis.statementsPerDecision, 1)}; ${ms(r.diagnosis.databaseMsPerDecision)}`),
      ...(['todo', 'done', 'mine'] as const).map((name) =>
        line(`box=${name} p50 / p95 / p99 ms${name === 'todo' ? ' (p95 ≤ 100)' : ''}`, (r) => `${ms(box(r, name).run.latencyMs.p50)} / ${ms(box(r, name).run.latencyMs.p95)} / ${ms(box(r, name).run.latencyMs.p99)}${name === 'todo' ? ` ${verdict(r.pass.todoP95)}` : ''}`),
      ),
    ],
  );
}

/**
 * This run's engines over those of the last written bench/results/approvals.json (each keeps its own measuredAt),
 * so `--only pg` after a PGlite run leaves both in the file.
 */
export function withEarlierEngines(results: EngineResult[]): Record<string, EngineResult & { measuredAt: string }> {
  const file = join(repoRoot, 'bench', 'results', 'approvals.json');
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { engines?: Record<string, EngineResult & { measuredAt: string }> }).engines ?? {} : {};
  const now = new Date().toISOString();
  return { ...earlier, ...Object.fromEntries(results.map((r) => [r.variant ? `${r.engine} (${r.variant})` : r.engine, { ...r, measuredAt: now }])) };
}
