// Directory import at scale: an HR admin's CSV of N members (WeCom's template) previewed and applied through
// ImportService, against an in-process server, per engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg).
// It measures preview and apply time (rows/s), peak RSS, GET /healthz latency while the import applies, a raw
// multi-row INSERT of the same rows as the baseline, and the department member list afterwards.
// Run: npx tsx bench/import.ts [--members 100000] [--departments 1000] [--pg] [--only pglite|pg]
// Each engine runs in its own child process (fresh heap, its own maxRSS); this process orchestrates and writes
// bench/results/import.json.
// The parts live in bench/lib/: import-engine.ts runs one engine; import-data.ts generates the file; import-measure.ts,
// import-timeline.ts and import-member-list.ts measure; client.ts signs in over HTTP; import-baseline.ts is the
// raw INSERT; import-report.ts holds the targets, the shape of the results and the tables.
import { fmt, printTable, writeResult } from './lib/common';
import { runPerEngine } from './lib/engines';
import { numberFlag } from './lib/flags';
import { runEngine, type ImportBenchSize } from './lib/import-engine';
import { engineTitle, ms, TARGETS, verdict, type EngineResult } from './lib/import-report';

const size: ImportBenchSize = {
  members: numberFlag('members', 100_000, { integer: true }),
  departments: numberFlag('departments', 1_000, { integer: true }),
  listRequests: numberFlag('list-requests', 300, { integer: true }),
};

// ---------------------------------------------------------------------------------------------------------------
// orchestration: one child process per engine (--expose-gc for the memory figures), then the summary and
// bench/results/import.json

const results = await runPerEngine<EngineResult>(import.meta.url, (engine) => runEngine(engine, size), { nodeArgs: ['--expose-gc'] });
if (results) {
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
  writeResult('import', { members: size.members, departments: size.departments, targets: TARGETS, engines: Object.fromEntries(results.map((r) => [r.engine, r])) });
}
