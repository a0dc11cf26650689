// Shared helpers for the benchmarks: statistics, tables, result files, and spawning the real `orgdesk serve`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI entry point every benchmark spawns, as a user would run it. */
export const cliBin = join(repoRoot, 'packages', 'cli', 'bin', 'orgdesk.mjs');

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** A number with thousands separators and a fixed number of decimals. */
export function fmt(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Prints a plain-text table with right-aligned columns after the first. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Writes a benchmark's figures to bench/results/<name>.json (git-ignored) and says where. */
export function writeResult(name: string, data: unknown): void {
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const machine = { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: availableParallelism(), loadAverageAtEnd: loadavg() };
  writeFileSync(file, JSON.stringify({ benchmark: name, measuredAt: new Date().toISOString(), machine, ...(data as object) }, null, 2) + '\n');
  console.log(`\nresults written to ${file}`);
}

/** A TCP port nobody listens on right now (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** The environment for a spawned CLI: the embedded database always, whatever the caller's shell says. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'ORGDESK_DATA_DIR']) delete env[name];
  return env;
}

/**
 * Runs the CLI once so tsx's on-disk transform cache is warm: every benchmark then measures what a
 * second and later `orgdesk` invocation costs, not the one-off compile of a fresh checkout.
 */
export function warmCli(): void {
  const result = spawnSync(process.execPath, [cliBin, '--help'], { cwd: repoRoot, env: cliEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`orgdesk --help failed (${result.status}): ${result.stderr}`);
}

/**
 * Creates and migrates an embedded database with `orgdesk db migrate` in its own process, so the caller opens an
 * existing data directory as a restarted server does (initdb in WebAssembly leaves ≈ 300 MB more RSS behind).
 */
export function initDataDir(dataDir: string): void {
  const result = spawnSync(process.execPath, [cliBin, 'db', 'migrate', '--data-dir', dataDir], { cwd: repoRoot, env: cliEnv({ LOG_LEVEL: 'warn' }), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`orgdesk db migrate failed (${result.status}): ${result.stderr}`);
}

/** Runs `orgdesk demo --data-dir <dir> --json` and returns what it printed. */
export function seedDemo(dataDir: string): { corpId: string; mobile: string; password: string } {
  const result = spawnSync(process.execPath, [cliBin, 'demo', '--data-dir', dataDir, '--json'], { cwd: repoRoot, env: cliEnv({ LOG_LEVEL: 'warn' }), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`orgdesk demo failed (${result.status}): ${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { corpId: string; mobile: string; password: string };
}

/** A spawned `orgdesk serve`. */
export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until GET /healthz first answered 200. */
  healthyMs: number;
  /** The server's own readyMs from its "Orgdesk is ready" log line (in-process: database, migrations, HTTP). */
  readyMs: number | null;
  logFile: string;
  /** SIGTERM, then waits for the exit; returns how long that took. */
  stop(): Promise<number>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Spawns `node packages/cli/bin/orgdesk.mjs serve --port <free> --data-dir <dir> --host 127.0.0.1` and polls
 * GET /healthz every `pollMs` until it answers 200. The server's JSON log goes to `logFile` (a file, so a busy
 * server never blocks on a pipe this process is too busy to drain).
 */
export async function spawnServer(options: { dataDir: string; logFile: string; pollMs?: number; timeoutMs?: number; env?: Record<string, string> }): Promise<SpawnedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const pollMs = options.pollMs ?? 20;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const out = openSync(options.logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [cliBin, 'serve', '--port', String(port), '--data-dir', options.dataDir, '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: cliEnv(options.env),
    stdio: ['ignore', out, 'pipe'],
  });
  closeSync(out);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let healthyMs: number | null = null;
  while (healthyMs === null) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`orgdesk serve exited early (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) healthyMs = performance.now() - started;
    } catch {
      // not listening yet
    }
    if (healthyMs === null) {
      if (performance.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`orgdesk serve was not healthy after ${timeoutMs} ms:\n${stderr}`);
      }
      await sleep(pollMs);
    }
  }
  const stop = async () => {
    const stopping = performance.now();
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
      throw new Error('orgdesk serve did not exit within 15 s of SIGTERM');
    }
    return performance.now() - stopping;
  };
  return { child, url, healthyMs, readyMs: readReadyMs(options.logFile), logFile: options.logFile, stop };
}

/** readyMs from the "Orgdesk is ready" line of a server log, or null if it is not there (yet). */
export function readReadyMs(logFile: string): number | null {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('Orgdesk is ready')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; readyMs?: number };
      if (entry.msg?.includes('Orgdesk is ready') && typeof entry.readyMs === 'number') return entry.readyMs;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/** A small deterministic PRNG (mulberry32): the same choices on every run and engine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
