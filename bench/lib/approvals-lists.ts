// The member's boxes of bench/approvals.ts over HTTP: GET /api/v1/portal/approvals?box=todo|done|mine&pageSize=20,
// each answer checked against counts taken from the tables, then one request's statements EXPLAIN ANALYZEd.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import type { Client } from './client';
import type { QueryTimeline } from './import-timeline';
import { requestWithRetry, runConcurrent, type RunFigures } from './approvals-load';

/** The boxes measured (抄送我的 is left out: nobody is cc'd in this corp). */
export type Box = 'todo' | 'done' | 'mine';

/** Who reads a box: their session and the total the box must show them. */
export interface Reader {
  userid: string;
  client: Client;
  expectedTotal: number;
  /** The request ids of page 1, newest first by the member's own time (todo: task given; done: decided), from the tables. */
  expectedFirstPage: string[];
}

/** A box's figures: the timed run, what the readers' boxes hold, and the plans of one request. */
export interface BoxFigures {
  box: Box;
  readers: number;
  totals: { min: number; max: number };
  run: RunFigures;
  /** Statements of one request and EXPLAIN ANALYZE of each (execution ms and the plan). */
  plans: { label: string; executionMs: number; plan: string[] }[];
}

/** What each box must count for a member, straight from the tables (the definitions of approval.queries.ts box()). */
export async function expectedTotals(db: Kysely<DB>, corpId: string, box: Box, memberIds: string[]): Promise<Map<string, number>> {
  const rows =
    box === 'mine'
      ? await sql<{ id: string; n: number }>`select applicant_id as id, count(*)::int as n from approval_requests where corp_id = ${corpId} and applicant_id = any(${memberIds}::uuid[]) group by applicant_id`.execute(db)
      : box === 'todo'
        ? await sql<{ id: string; n: number }>`select member_id as id, count(distinct request_id)::int as n from approval_tasks where corp_id = ${corpId} and status = 'pending' and member_id = any(${memberIds}::uuid[]) group by member_id`.execute(db)
        : await sql<{ id: string; n: number }>`select member_id as id, count(distinct request_id)::int as n from approval_tasks
             where corp_id = ${corpId} and status in ('approved', 'rejected', 'transferred', 'returned') and not auto and member_id = any(${memberIds}::uuid[]) group by member_id`.execute(db);
  return new Map(memberIds.map((id) => [id, rows.rows.find((r) => r.id === id)?.n ?? 0]));
}

const PAGE_SIZE = 20;

/** Page 1 of each member's box, straight from the tables: the order approval.queries.ts box() promises. */
export async function expectedFirstPages(db: Kysely<DB>, corpId: string, box: Box, memberIds: string[]): Promise<Map<string, string[]>> {
  const pages = new Map<string, string[]>();
  for (const memberId of memberIds) {
    const rows =
      box === 'mine'
        ? await sql<{ id: string }>`select id from approval_requests where corp_id = ${corpId} and applicant_id = ${memberId} order by created_at desc, id limit ${PAGE_SIZE}`.execute(db)
        : box === 'todo'
          ? await sql<{ id: string }>`select request_id as id from approval_tasks where corp_id = ${corpId} and member_id = ${memberId} and status = 'pending' group by request_id order by max(created_at) desc, request_id limit ${PAGE_SIZE}`.execute(db)
          : await sql<{ id: string }>`select request_id as id from approval_tasks where corp_id = ${corpId} and member_id = ${memberId} and status in ('approved', 'rejected', 'transferred', 'returned') and not auto
               group by request_id order by max(decided_at) desc, request_id limit ${PAGE_SIZE}`.execute(db);
    pages.set(memberId, rows.rows.map((r) => r.id));
  }
  return pages;
}

function check(box: Box, reader: Reader, status: number, body: Record<string, unknown>): void {
  const items = (body.items ?? []) as { id: string; status: number }[];
  const sorted = items.map((item) => item.id).join() === reader.expectedFirstPage.join();
  const ok = status === 200 && body.total === reader.expectedTotal && items.length === Math.min(PAGE_SIZE, reader.expectedTotal) && sorted && (box !== 'todo' || items.every((item) => item.status === 1));
  if (!ok) throw new Error(`box=${box} for ${reader.userid}: ${status}, total ${String(body.total)} (expected ${reader.expectedTotal}), ${items.length} items, sorted ${sorted}`);
}

/** `count` reads of page 1 (cycling over the readers) at `concurrency`, after 20 unmeasured; every answer checked. */
export async function timeBox(db: Kysely<DB>, timeline: QueryTimeline, box: Box, readers: Reader[], count: number, concurrency: number): Promise<BoxFigures> {
  const path = `/api/v1/portal/approvals?box=${box}&pageSize=${PAGE_SIZE}`;
  const read = async (i: number) => {
    const reader = readers[i % readers.length]!;
    const answer = await requestWithRetry(reader.client, 'GET', path);
    check(box, reader, answer.status, answer.body);
  };
  for (let i = 0; i < 20; i++) await read(i);
  const run = await runConcurrent(count, concurrency, read);
  timeline.events.length = 0;
  // One more read with its statements kept, each then explained (the busiest reader: the largest box).
  const busiest = [...readers].sort((a, b) => b.expectedTotal - a.expectedTotal)[0]!;
  timeline.captured = [];
  check(box, busiest, ...(await busiest.client.request('GET', path).then((r) => [r.status, r.body] as const)));
  const captured = timeline.captured.filter((c) => c.label.startsWith('select approval_requests'));
  timeline.captured = null;
  const plans: BoxFigures['plans'] = [];
  for (const c of captured) {
    const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
    const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
    const lines = explained.rows.map((row) => row['QUERY PLAN']);
    plans.push({ label: c.label, executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN), plan: lines });
  }
  timeline.events.length = 0;
  const totals = readers.map((r) => r.expectedTotal);
  return { box, readers: readers.length, totals: { min: Math.min(...totals), max: Math.max(...totals) }, run, plans };
}

const DONE_STATUSES = sql`('approved', 'rejected', 'transferred', 'returned')`;

/**
 * A proposed form of the "done" box (not the module's), explained on the same data: start from the member's decided
 * tasks (the partial index approval_tasks_done, already ordered by decided_at), newest decision first, and read only
 * the page's 20 requests; the total counts the member's tasks alone. The module's form joins every request first.
 */
export async function explainProposedDone(db: Kysely<DB>, memberId: string): Promise<BoxFigures['plans']> {
  const page = sql`
    select r.id, r.sp_no, r.template_id, r.kind, r.name, r.status, r.returned, r.urgent, r.department_id, r.amount_fen, r.summary, r.created_at, r.updated_at, m.userid, m.name as applicant_name
    from (select request_id, max(decided_at) as decided_at from approval_tasks
          where member_id = ${memberId} and status in ${DONE_STATUSES} and not auto
          group by request_id order by decided_at desc limit 20 offset 0) d
    join approval_requests r on r.id = d.request_id
    join members m on m.id = r.applicant_id
    order by d.decided_at desc, r.id`;
  const count = sql`select count(distinct request_id) as n from approval_tasks where member_id = ${memberId} and status in ${DONE_STATUSES} and not auto`;
  const plans: BoxFigures['plans'] = [];
  for (const [label, query] of [['proposed done page', page], ['proposed done count', count]] as const) {
    const lines = (await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off) ${query}`.execute(db)).rows.map((row) => row['QUERY PLAN']);
    plans.push({ label, executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN), plan: lines });
  }
  return plans;
}
