// The load generator of bench/wecom.ts, run as a child process by wecom-load.ts: `wecom-cannon.ts <spec.json> <out.json>`.
// Every connection cycles through the spec's requests; each answer is checked (errcode 0 and the expected text).
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon, { type Options, type Result } from 'autocannon';
import type { LoadResult, LoadSpec } from './wecom-load';

// autocannon 8 options the shared declaration (bench/autocannon.d.ts) leaves out.
interface CannonRequest {
  method: 'GET';
  path: string;
  onResponse: (status: number, body: string) => void;
}
type CannonOptions = Options & { requests: CannonRequest[] };

const [specFile, outFile] = process.argv.slice(2);
if (!specFile || !outFile) throw new Error('usage: wecom-cannon.ts <spec.json> <out.json>');
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as LoadSpec;

let wrong = 0;
let sample: string | null = null;
const answerOk = spec.verify === 'ping' ? (body: string) => body === '{"pong":true}' : (body: string) => body.startsWith('{"errcode":0,');
const requests: CannonRequest[] = spec.requests.map((r) => ({
  method: 'GET',
  path: r.path,
  onResponse: (status, body) => {
    if (status === 200 && answerOk(body) && body.includes(r.expect)) return;
    wrong++;
    sample ??= `${r.path} → ${status} ${body.slice(0, 300)}`;
  },
}));

const run = (connections: number, duration: number) => {
  // A slow answer is measured, not abandoned: autocannon's default 10 s timeout would drop the tail of a queue.
  const options: CannonOptions = { url: spec.url, connections, duration, requests, timeout: spec.timeoutSeconds };
  return autocannon(options);
};

const warm = await run(10, spec.warmupSeconds);
const warmup = { wrongAnswers: wrong, non2xx: warm.non2xx, errors: warm.errors + warm.timeouts };
wrong = 0;
const result: Result = await run(spec.connections, spec.durationSeconds);
const out: LoadResult = {
  requestsPerSec: result.requests.average,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  total: result.latency.totalCount,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  wrongAnswers: wrong,
  warmup,
  sample,
};
writeFileSync(outFile, JSON.stringify(out));
