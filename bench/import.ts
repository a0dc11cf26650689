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
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fmt, printTable, writeResult } from './lib/common';
import { runEngine, type ImportBenchSize } from './lib/import-engine';
import { engineTitle, ms, TARGETS, verdict, type Engine, type EngineResult } from './lib/import-report';

// ---------------------------------------------------------------------------------------------------------------
// flags

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

const size: ImportBenchSize = {
  members: flag('members', 100_000),
  departments: flag('departments', 1_000),
  listRequests: flag('list-requests', 300),
};

// ---------------------------------------------------------------------------------------------------------------
// orchestration: one child process per engine, then the summary and bench/results/import.json

const childEngine = textFlag('engine') as Engine | null;
if (childEngine) {
  const out = textFlag('out');
  const result = await runEngine(childEngine, size);
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
  writeResult('import', { members: size.members, departments: size.departments, targets: TARGETS, engines: Object.fromEntries(results.map((r) => [r.engine, r])) });
}
