// The department member list of bench/import.ts: GET /api/v1/members as the super admin, timed, with the database
// time per statement and EXPLAIN ANALYZE of one request's statements.
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { expect, type Client } from './client';
import { latencyFigures } from './import-measure';
import type { QueryTimeline } from './import-timeline';

export interface PlanSummary {
  label: string;
  executionMs: number;
  /** The plan's scan nodes, e.g. "Seq Scan on member_departments md". */
  scans: string[];
}
export type ListFigures = ReturnType<typeof latencyFigures> & { department: string; id: number; total: number; pages: number; mean: number; dbMsPerRequest: Record<string, number>; plans: PlanSummary[] };

/** What measuring the member list needs: the database (for ids and EXPLAIN), the signed-in client, the query timeline. */
export interface MemberListContext {
  db: Kysely<DB>;
  corpId: string;
  client: Client;
  timeline: QueryTimeline;
  /** Measured requests per case (after 20 unmeasured). */
  requests: number;
}

/** Requests the member list of one department (a 事业部 recursively, or a leaf) and returns its figures. */
export async function measureMemberList({ db, corpId, client, timeline, requests }: MemberListContext, department: string, recursive: boolean): Promise<ListFigures> {
  const departmentId = async (name: string) =>
    (await db.selectFrom('departments').select('id').where('corp_id', '=', corpId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const id = await departmentId(department);
  const first = await client.request('GET', `/api/v1/members?department=${id}&recursive=${recursive}&pageSize=100&page=1`);
  expect(first, `GET members of ${department}`, (x) => x.status === 200);
  let total = first.body.total as number;
  // Pages 1–5 of a 事业部 (fewer if it has fewer than 500 members), page 1 of a leaf.
  const pages = recursive ? Math.max(1, Math.min(5, Math.ceil(total / 100))) : 1;
  const path = (i: number) => `/api/v1/members?department=${id}&recursive=${recursive}&pageSize=100&page=${(i % pages) + 1}`;
  for (let i = 0; i < 20; i++) {
    const r = await client.request('GET', path(i)); // warm-up, unmeasured
    expect(r, `GET ${path(i)}`, (x) => x.status === 200 && (x.body.items as unknown[]).length > 0);
    total = r.body.total as number;
  }
  const latencies: number[] = [];
  const from = performance.now();
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const r = await client.request('GET', path(i));
    latencies.push(performance.now() - started);
    if (r.status !== 200) throw new Error(`GET ${path(i)}: ${r.status}`);
  }
  // Database time per request by statement (the session lookup, the subtree, the page, the count, the links).
  const perStatement: Record<string, number> = {};
  for (const e of timeline.between(from, performance.now())) perStatement[e.label] = (perStatement[e.label] ?? 0) + (e.end - e.start) / requests;
  // One more request with its statements kept, then EXPLAIN ANALYZE of each of its member/link selects.
  timeline.captured = [];
  await client.request('GET', path(0));
  const captured = timeline.captured.filter((c) => /members|member_departments|recursive/.test(c.label));
  timeline.captured = null;
  const plans: PlanSummary[] = [];
  for (const c of captured) {
    const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
    const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
    const lines = explained.rows.map((row) => row['QUERY PLAN']);
    const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN);
    const scans = lines.map((line) => /((?:Parallel )?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|CTE Scan|WorkTable Scan)(?: using \S+)? on \S+(?: [a-z_]\w*)?)/.exec(line)?.[1]).filter((x): x is string => Boolean(x));
    plans.push({ label: c.label, executionMs, scans: [...new Set(scans)] });
  }
  return { department, id, total, pages, ...latencyFigures(latencies), mean: latencies.reduce((a, b) => a + b, 0) / latencies.length, dbMsPerRequest: perStatement, plans };
}
