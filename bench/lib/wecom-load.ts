// autocannon against the in-process server of bench/wecom.ts, from a child process (bench/lib/wecom-cannon.ts):
// the load generator gets its own event loop instead of sharing the server's, as with a spawned server in
// bench/http-baseline.ts. Client and server still share the machine's cores.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One request of the cycle every connection goes through; `expect` must appear in its answer. */
export interface LoadRequest {
  path: string;
  expect: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** An unreported run at 10 connections first (JIT, caches). */
  warmupSeconds: number;
  requests: LoadRequest[];
  /** autocannon's per-request timeout (a timed-out request counts as a failure). */
  timeoutSeconds: number;
  /** ping: the body must be {"pong":true}; wecom: it must start with {"errcode":0, (and hold `expect`). */
  verify: 'ping' | 'wecom';
}

export interface LoadResult {
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Answers with a non-zero errcode or without what the request expected (measured run). */
  wrongAnswers: number;
  /** The same during the warm-up, and in total non-2xx + errors there. */
  warmup: { wrongAnswers: number; non2xx: number; errors: number };
  /** The first wrong answer seen, for the error message. */
  sample: string | null;
}

/** Failures of a run: every non-2xx, transport error, timeout and wrong answer, warm-up included. */
export const failures = (r: LoadResult) => r.non2xx + r.errors + r.timeouts + r.wrongAnswers + r.warmup.wrongAnswers + r.warmup.non2xx + r.warmup.errors;

const cannonScript = fileURLToPath(new URL('./wecom-cannon.ts', import.meta.url));

/** Runs the spec in a child process (the same node flags, so tsx too) and returns its figures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'orgdesk-bench-wecom-load-'));
  try {
    const specFile = join(scratch, 'spec.json');
    const outFile = join(scratch, 'result.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [...process.execArgv, cannonScript, specFile, outFile], { stdio: 'inherit' });
      child.on('error', fail);
      child.on('exit', (status) => done(status));
    });
    if (code !== 0) throw new Error(`the load generator failed (exit ${code})`);
    return JSON.parse(readFileSync(outFile, 'utf8')) as LoadResult;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
