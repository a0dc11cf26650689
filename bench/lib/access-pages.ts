// The scoped admin's member pages of bench/access.ts: timed over HTTP, every answer checked against the model,
// with the database time per statement and the plans of one request.
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import type { Client } from './client';
import { latency, type PageCase } from './access-report';
import type { QueryTimeline } from './import-timeline';


export interface PageSpec {
  name: string;
  /** The path without page (pages cycle 1..pages). */
  path: string;
  pages: number;
  /** The members the page may show (inside the scope, matching the filter, not left). */
  expected: Set<string>;
}

export async function measurePages(ctx: { db: Kysely<DB>; client: Client; timeline: QueryTimeline; requests: number; caseSeconds: number }, spec: PageSpec): Promise<PageCase> {
  const { client, timeline, db } = ctx;
  const path = (i: number) => `${spec.path}${spec.path.includes('?') ? '&' : '?'}page=${(i % spec.pages) + 1}`;
  let verified = 0;
  const seenOnPage = new Map<number, string[]>();
  const verify = (i: number, status: number, body: Record<string, unknown>) => {
    const page = (i % spec.pages) + 1;
    if (status !== 200) throw new Error(`GET ${path(i)}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    const items = body.items as { userid: string }[];
    const total = body.total as number;
    if (total !== spec.expected.size) throw new Error(`${spec.name}: total ${total}, expected ${spec.expected.size}`);
    const want = Math.max(0, Math.min(100, total - (page - 1) * 100));
    if (items.length !== want) throw new Error(`${spec.name} page ${page}: ${items.length} items, expected ${want}`);
    const outside = items.filter((m) => !spec.expected.has(m.userid));
    if (outside.length > 0) throw new Error(`${spec.name} page ${page}: ${outside.length} members outside the scope or filter, e.g. ${outside[0]!.userid}`);
    const userids = items.map((m) => m.userid);
    const before = seenOnPage.get(page);
    if (before && before.join() !== userids.join()) throw new Error(`${spec.name} page ${page}: a different page on a repeat request`);
    seenOnPage.set(page, userids);
    verified++;
  };
  for (let i = 0; i < 20; i++) {
    const r = await client.request('GET', path(i)); // warm-up, unmeasured
    verify(i, r.status, r.body);
  }
  const latencies: number[] = [];
  const from = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < ctx.requests && (i < 50 || performance.now() - from < ctx.caseSeconds * 1_000); i++) {
    const started = performance.now();
    const r = await client.request('GET', path(i));
    latencies.push(performance.now() - started);
    verify(i, r.status, r.body);
  }
  const to = performance.now();
  const cpuUsed = process.cpuUsage(cpu);
  // Pages 1..n hold distinct members.
  const all = [...seenOnPage.values()].flat();
  if (new Set(all).size !== all.length) throw new Error(`${spec.name}: a member appears on two pages`);
  const dbMsPerRequest: Record<string, number> = {};
  for (const e of timeline.between(from, to)) dbMsPerRequest[e.label] = (dbMsPerRequest[e.label] ?? 0) + (e.end - e.start) / latencies.length;
  // One more request of page 1 with its statements kept, then EXPLAIN ANALYZE of its member and link selects.
  timeline.captured = [];
  await client.request('GET', path(0));
  const captured = timeline.captured.filter((c) => /members|member_departments|departments|recursive/.test(c.label));
  timeline.captured = null;
  const plans: PageCase['plans'] = [];
  for (const c of captured) {
    const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
    const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
    const lines = explained.rows.map((row) => row['QUERY PLAN']);
    plans.push({ label: c.label, executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN), plan: lines });
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return { name: spec.name, path: spec.path, pages: spec.pages, expectedTotal: spec.expected.size, latency: latency(latencies, to - from, cpuUsed), mean, verified, dbMsPerRequest, plans };
}
