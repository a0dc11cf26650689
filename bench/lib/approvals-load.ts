// A fixed number of operations at a fixed concurrency, from this process (fetch), with each one's latency: how
// bench/approvals.ts drives decisions and list reads. The server runs in the same process, so the client's share
// of the 2 cores is part of every figure (as with an in-process autocannon it would be); CPU per operation says
// how much of the process each one took.
import { performance } from 'node:perf_hooks';
import type { Client, Reply } from './client';
import { percentile } from './common';

/** Throughput and latency of one run. */
export interface RunFigures {
  operations: number;
  concurrency: number;
  wallMs: number;
  perSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Process CPU (user + system) per operation, ms: server, client and PGlite together. */
  cpuMsPerOp: number;
}

/** Summarises latencies measured over `wallMs` with `concurrency` in flight. */
export function summarise(latencies: number[], wallMs: number, concurrency: number, cpuMicros: number): RunFigures {
  return {
    operations: latencies.length,
    concurrency,
    wallMs,
    perSec: latencies.length / (wallMs / 1000),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    },
    cpuMsPerOp: cpuMicros / 1000 / latencies.length,
  };
}

/**
 * Runs `run(i)` for i = 0..count-1 with `concurrency` in flight (each worker takes the next index), timing each.
 * `run` throws on a wrong answer; the first failure stops the run and is rethrown.
 */
export async function runConcurrent(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<RunFigures> {
  const latencies: number[] = new Array<number>(count);
  let next = 0;
  let failure: unknown = null;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (failure === null && next < count) {
      const i = next++;
      const from = performance.now();
      try {
        await run(i);
      } catch (error) {
        failure ??= error;
        return;
      }
      latencies[i] = performance.now() - from;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (failure !== null) throw failure;
  return summarise(latencies, wallMs, concurrency, used.user + used.system);
}

/** Transport errors retried so far (a reused keep-alive socket the server had just closed: ECONNRESET). */
export const transportRetries = { count: 0 };

/**
 * One request, sent again once if the connection failed before an answer came. Safe for the reads, and for the
 * decisions because a retry carries the same idempotency key (answered once, as a real client's retry would be).
 */
export async function requestWithRetry(client: Client, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  try {
    return await client.request(method, path, body);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    transportRetries.count++;
    return client.request(method, path, body);
  }
}
