// Where a /cgi-bin request's time goes, without load: sequential requests while a Kysely plugin (QueryTimeline of
// bench/lib/import-timeline.ts) times every statement on the services' database handle.
import { performance } from 'node:perf_hooks';
import { median } from './common';
import type { QueryTimeline } from './import-timeline';

export interface Diagnosis {
  requests: number;
  latencyP50Ms: number;
  statementsPerRequest: number;
  /** Summed statement time per request (from the query's start to its result). */
  databaseMsPerRequest: number;
  /** Statement kinds of one request, in order. */
  statements: string[];
}

/** `requests` sequential GETs cycling through `paths` (after 10 unmeasured); every answer must have errcode 0. */
export async function diagnose(url: string, timeline: QueryTimeline, paths: string[], requests: number): Promise<Diagnosis> {
  const get = async (path: string) => {
    const response = await fetch(url + path);
    const body = (await response.json()) as { errcode?: number };
    if (response.status !== 200 || body.errcode !== 0) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  };
  for (let i = 0; i < 10; i++) await get(paths[i % paths.length]!);
  const latencies: number[] = [];
  let statements = 0;
  let databaseMs = 0;
  let one: string[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await get(paths[i % paths.length]!);
    const ended = performance.now();
    latencies.push(ended - started);
    const events = timeline.between(started, ended);
    statements += events.length;
    databaseMs += events.reduce((sum, e) => sum + (e.end - e.start), 0);
    if (i === 0) one = events.map((e) => e.label);
  }
  timeline.events.length = 0;
  return { requests, latencyP50Ms: median(latencies), statementsPerRequest: statements / requests, databaseMsPerRequest: databaseMs / requests, statements: one };
}
