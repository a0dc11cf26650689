// The results of bench/import.ts: the targets, the figures of one engine (as written to bench/results/import.json)
// and the tables that print them.
import { fmt, printTable } from './common';
import { RAW_BATCH } from './import-baseline';
import { HEALTHZ_EVERY_MS, MB, type latencyFigures, type memoryBreakdown, type PhaseFigure } from './import-measure';
import type { ListFigures } from './import-member-list';
import { engineTitle, type Engine } from './engines';

export { engineTitle, type Engine };
export const TARGETS = {
  applyMs: { pglite: 10_000, postgres: 6_000 } as Record<Engine, number>,
  peakRssMb: 800,
  healthzP99Ms: 200,
  listP99Ms: 30,
};

/** The figures of one engine, as bench/results/import.json holds them under `engines`. */
export interface EngineResult {
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
  applyEventLoop: { delayMaxMs: number; delayP99Ms: number; utilization: number; stalls: { ms: number; what: string }[] };
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

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
export const ms = (v: number) => fmt(v, 0);

const latencyCell = (f: ListFigures) => `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)} / ${fmt(f.max, 1)}`;
function listRows(list: EngineResult['list'], when: string, diagnostic = false): string[][] {
  const judge = (f: ListFigures) => (diagnostic ? `(${verdict(f.p99 <= TARGETS.listP99Ms)})` : verdict(f.p99 <= TARGETS.listP99Ms));
  return [
    [`member list ${list.recursive.department} recursive (${fmt(list.recursive.total)} members), pages 1–${list.recursive.pages} × 100${when}: p50 / p99 / max (ms)`, latencyCell(list.recursive), `p99 ≤ ${TARGETS.listP99Ms}`, judge(list.recursive)],
    [`member list ${list.leaf.department} (${fmt(list.leaf.total)} members), page 1 × 100${when}: p50 / p99 / max (ms)`, latencyCell(list.leaf), `p99 ≤ ${TARGETS.listP99Ms}`, judge(list.leaf)],
  ];
}

/** Prints one engine's tables: the figures against the targets, where the time goes, the member list, the writes. */
export function printEngine(r: EngineResult): void {
  const p = r.phases;
  console.log(`\n=== ${engineTitle(r.engine)}${r.engine === 'pglite' ? ' (data directory)' : ''}: ${fmt(r.members)} members, ${fmt(r.departments)} + ${r.divisions} departments, ${fmt(r.fileBytes / MB, 1)} MB CSV ===`);
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
      [`  stalls over ${TARGETS.healthzP99Ms} ms: count; the longest (ms, what held the loop)`, `${r.applyEventLoop.stalls.length}; ${r.applyEventLoop.stalls.slice(0, 3).map((s) => `${fmt(s.ms)} ${s.what}`).join(', ') || '—'}`, '', ''],
      [`raw baseline: multi-row INSERT (${RAW_BATCH}/statement, 1 tx) (ms)`, ms(r.rawMs), '', ''],
      ['  raw rows/s', fmt(r.rawRowsPerSec), '', ''],
      ['  ratio apply / raw', `${fmt(r.ratioImportToRaw, 1)} ×`, '', ''],
      ...listRows(r.list, ''),
      ['ANALYZE after the import (diagnostic) (ms)', ms(r.phases.analyze!.ms), '', ''],
      ...listRows(r.listAfterAnalyze, ' after ANALYZE', true),
    ],
  );
  if (r.engine === 'pglite') {
    console.log('note: on PGlite every query shares one session, held by the import transaction until it commits: /healthz answers `busy` without a query meanwhile, and requests that need the database wait for the commit.');
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
