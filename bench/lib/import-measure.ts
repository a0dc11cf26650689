// Measuring helpers of bench/import.ts: peak RSS, the memory breakdown, timed phases, /healthz probing, latency figures.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { percentile, sleep } from './common';

export const MB = 1024 * 1024;
export const HEALTHZ_EVERY_MS = 25;

/**
 * Peak RSS sampler on a worker thread: process.memoryUsage.rss() every 50 ms into a shared cell, so the samples keep
 * coming while the main thread is busy parsing or planning (a main-thread timer would stall exactly then).
 */
export class RssSampler {
  private readonly cell = new BigInt64Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;
  constructor(intervalMs = 50) {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const cell = new BigInt64Array(workerData);
       setInterval(() => {
         const rss = BigInt(process.memoryUsage.rss());
         if (rss > Atomics.load(cell, 0)) Atomics.store(cell, 0, rss);
         Atomics.add(cell, 1, 1n);
       }, ${intervalMs});`,
      { eval: true, workerData: this.cell.buffer },
    );
    this.worker.unref();
  }
  reset(): void {
    Atomics.store(this.cell, 0, BigInt(process.memoryUsage.rss()));
    Atomics.store(this.cell, 1, 0n);
  }
  /** The highest sample since reset (and the current RSS, in case it is higher). */
  peak(): { peakBytes: number; samples: number } {
    return { peakBytes: Math.max(Number(Atomics.load(this.cell, 0)), process.memoryUsage.rss()), samples: Number(Atomics.load(this.cell, 1)) };
  }
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * What the RSS is made of, from the main thread every 50 ms (when its event loop is free) and at each progress
 * callback: the JS heap (rows, plan, audit entries) vs `external`, where PGlite's WebAssembly memory is counted.
 */
export function memoryBreakdown() {
  const max = { heapUsedMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    max.heapUsedMb = Math.max(max.heapUsedMb, m.heapUsed / MB);
    max.externalMb = Math.max(max.externalMb, m.external / MB);
    max.arrayBuffersMb = Math.max(max.arrayBuffersMb, m.arrayBuffers / MB);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

export interface PhaseFigure {
  ms: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssSamples: number;
  /** process.resourceUsage().maxRSS right after the phase: the process's high-water mark so far. */
  maxRssSoFarMb: number;
}

export const gc = (globalThis as { gc?: () => void }).gc;

export async function phase<T>(sampler: RssSampler, figures: Record<string, PhaseFigure>, name: string, work: () => Promise<T>): Promise<T> {
  gc?.();
  const rssStart = process.memoryUsage.rss();
  sampler.reset();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { peakBytes, samples } = sampler.peak();
  figures[name] = { ms, rssStartMb: rssStart / MB, rssPeakMb: peakBytes / MB, rssSamples: samples, maxRssSoFarMb: (process.resourceUsage().maxRSS * 1024) / MB };
  return result;
}

/**
 * GET /healthz every 25 ms, sequentially (the next one starts 25 ms after the previous one started, or at once if that
 * was slower); answers are counted by status and the database state they report (`200 ok`, `200 busy`).
 */
export function probeHealthz(url: string) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let stopped = false;
  const running = (async () => {
    let next = performance.now();
    while (!stopped) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      const started = performance.now();
      next = started + HEALTHZ_EVERY_MS;
      let status = 'error';
      try {
        const response = await fetch(`${url}/healthz`);
        const body = (await response.json().catch(() => ({}))) as { database?: string };
        status = `${response.status} ${body.database ?? '?'}`;
      } catch {
        // counted as 'error'
      }
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await running;
      return { latencies, statuses };
    },
  };
}

export function latencyFigures(values: number[]) {
  return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}
/** Time a health check spent waiting beyond the target: a count-based p99 under-weights a few long stalls. */
export const stalledMs = (values: number[], limit: number) => values.reduce((sum, v) => sum + Math.max(0, v - limit), 0);

/** Event-loop stalls longer than `limitMs`, timed with a 10 ms interval: when each ended (performance.now()) and how long it was. */
export function recordStalls(limitMs: number) {
  const stalls: { end: number; ms: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last - 10 > limitMs) stalls.push({ end: now, ms: now - last - 10 });
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
}
