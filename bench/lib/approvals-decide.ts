// The decisions of bench/approvals.ts: fresh 报销 requests submitted through ApprovalService.submit (unmeasured),
// each waiting on the applicant's team leader, then approved through POST /api/v1/portal/approvals/:id/decide by
// that leader's signed-in session, each with its own idempotency key. Amounts stay ≤ ¥2,000, so the leader's step
// is the whole route: every decision is a final approval (request approved, events, audit entry, the applicant's
// notice, sys_approval_change for API apps, and the expense's payout, without a bank account: paid to the payroll
// card, which the payout rules allow).
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB, Services } from '@orgdesk/server';
import type { ActorContext } from '../../packages/server/src/platform/kernel/context';
import type { Client } from './client';
import type { QueryTimeline } from './import-timeline';
import { requestWithRetry, runConcurrent } from './approvals-load';
import { STAFF, staffUserid, teamOfStaff, type ApprovalCorp } from './approvals-seed';

/** A fresh request and the team leader (index) it waits on. */
export interface FreshRequest {
  id: string;
  leader: number;
}

/** Submits `count` expenses from staff (cycling, so consecutive requests wait on different leaders). */
export async function submitFresh(db: Kysely<DB>, services: Services, corp: ApprovalCorp, from: number, count: number): Promise<FreshRequest[]> {
  const fresh: FreshRequest[] = new Array<FreshRequest>(count);
  // In parallel only to save set-up time on PostgreSQL (PGlite runs the transactions one at a time anyway).
  await runConcurrent(count, 4, async (k) => {
    const i = from + k;
    const s = i % STAFF;
    const userid = staffUserid(s);
    const ctx: ActorContext = { actorId: userid, actorName: `员工${s}`, ip: '127.0.0.1', userAgent: 'bench/approvals', requestId: null, language: 'zh-CN' };
    const amount = `${50 + (i % 1900)}.${String(i % 100).padStart(2, '0')}`;
    const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': amount, 'Date-date': '2026-11-20' }], 'Textarea-reason': `基准测试报销 #${i}` };
    const row = await db.transaction().execute((trx) =>
      services.approvals.submit(trx, corp.corpId, { memberId: corp.staff[s]!, actor: corp.staff[s]! }, { templateId: corp.templates.expense.id, form, chosenApprovers: {}, urgent: false }, ctx),
    );
    if (row.status !== 1) throw new Error(`submitted request ${row.id} has status ${row.status}`);
    fresh[k] = { id: row.id, leader: teamOfStaff(s) };
  });
  // Each must wait on exactly its leader, or a decision would measure something else.
  const pending = await db.selectFrom('approval_tasks').select(['request_id', 'member_id']).where('request_id', 'in', fresh.map((f) => f.id)).where('status', '=', 'pending').execute();
  const waitsOn = new Map<string, string[]>();
  for (const p of pending) waitsOn.set(p.request_id, [...(waitsOn.get(p.request_id) ?? []), p.member_id]);
  for (const f of fresh) {
    const on = waitsOn.get(f.id) ?? [];
    if (on.length !== 1 || on[0] !== corp.leaders[f.leader]) throw new Error(`request ${f.id} does not wait on its leader alone`);
  }
  return fresh;
}

let keySerial = 0;

/** Approves one request as its leader over HTTP; throws unless the answer is 200 with the request approved. */
export async function decideOverHttp(client: Client, request: FreshRequest, keyPrefix: string): Promise<void> {
  const key = `${keyPrefix}-${++keySerial}-${request.id.slice(0, 8)}`;
  const answer = await requestWithRetry(client, 'POST', `/api/v1/portal/approvals/${request.id}/decide`, { decision: 'approve', comment: '同意', key });
  const body = answer.body as { id?: string; status?: number; can?: { decide?: boolean }; events?: { action: string }[] };
  const ok = answer.status === 200 && body.id === request.id && body.status === 2 && body.can?.decide === false && body.events?.at(-1)?.action === 'approved';
  if (!ok) throw new Error(`decide ${request.id}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
}

/** Statements and database time of sequential decisions (nothing else running), from the timing plugin. */
export interface DecisionDiagnosis {
  decisions: number;
  latencyMsMean: number;
  statementsPerDecision: number;
  databaseMsPerDecision: number;
  /** Per statement label: count and database ms per decision, most time first. */
  byStatement: { label: string; perDecision: number; msPerDecision: number }[];
  /** The statements of one decision, in order. */
  one: string[];
  /**
   * Mean ms from the request's FOR UPDATE to the last statement of the transaction (the COMMIT not included), and
   * from the first claim of the corp's audit chain (update audit_heads, which holds that row until the COMMIT) to
   * the same point: how long one decision keeps every other decision of the corp waiting on PostgreSQL.
   */
  transactionMs: number;
  auditChainHeldMs: number;
}

/** The transaction's window within one decision's statements: the FOR UPDATE, the first audit claim, the last. */
function windows(events: { label: string; start: number; end: number }[]): { transactionMs: number; auditChainHeldMs: number } | null {
  const labels = events.map((e) => e.label);
  // The answer's read (approvalQueries.detail, one select of the request) is the last statement, after the COMMIT.
  const detailAt = labels[labels.length - 1] === 'select approval_requests' ? labels.length - 1 : -1;
  const lockAt = labels.indexOf('select approval_requests');
  const auditAt = labels.indexOf('update audit_heads');
  if (detailAt <= lockAt || auditAt < 0 || auditAt >= detailAt) return null;
  const last = events[detailAt - 1]!.end;
  return { transactionMs: last - events[lockAt]!.start, auditChainHeldMs: last - events[auditAt]!.start };
}

/** Decides `requests` one at a time and says what each cost in statements and database time. */
export async function diagnoseDecisions(clients: Client[], requests: FreshRequest[], timeline: QueryTimeline): Promise<DecisionDiagnosis> {
  let statements = 0;
  let databaseMs = 0;
  let wall = 0;
  let one: string[] = [];
  let transactionMs = 0;
  let auditChainHeldMs = 0;
  let windowed = 0;
  const byLabel = new Map<string, { count: number; ms: number }>();
  for (const [i, request] of requests.entries()) {
    const started = performance.now();
    await decideOverHttp(clients[request.leader]!, request, 'diag');
    const ended = performance.now();
    wall += ended - started;
    const events = timeline.between(started, ended);
    statements += events.length;
    for (const e of events) {
      databaseMs += e.end - e.start;
      const entry = byLabel.get(e.label) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += e.end - e.start;
      byLabel.set(e.label, entry);
    }
    if (i === 0) one = events.map((e) => e.label);
    const w = windows(events);
    if (w) {
      windowed++;
      transactionMs += w.transactionMs;
      auditChainHeldMs += w.auditChainHeldMs;
    }
  }
  if (windowed === 0) throw new Error('could not find the transaction in the statements of a decision');
  timeline.events.length = 0;
  const n = requests.length;
  return {
    decisions: n,
    latencyMsMean: wall / n,
    statementsPerDecision: statements / n,
    databaseMsPerDecision: databaseMs / n,
    byStatement: [...byLabel.entries()].map(([label, v]) => ({ label, perDecision: v.count / n, msPerDecision: v.ms / n })).sort((a, b) => b.msPerDecision - a.msPerDecision),
    one,
    transactionMs: transactionMs / windowed,
    auditChainHeldMs: auditChainHeldMs / windowed,
  };
}

/** Database ms per decision by statement label over a window of the concurrent run (where lock waits show). */
export function statementTimeUnderLoad(timeline: QueryTimeline, from: number, to: number, decisions: number): { label: string; msPerDecision: number; meanMs: number }[] {
  const byLabel = new Map<string, { count: number; ms: number }>();
  for (const e of timeline.between(from, to)) {
    const entry = byLabel.get(e.label) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += e.end - e.start;
    byLabel.set(e.label, entry);
  }
  return [...byLabel.entries()].map(([label, v]) => ({ label, msPerDecision: v.ms / decisions, meanMs: v.ms / v.count })).sort((a, b) => b.msPerDecision - a.msPerDecision);
}

/** A statement of one decision with its plan: EXPLAIN ANALYZE for reads, EXPLAIN for writes (not run twice). */
export interface ExplainedStatement {
  label: string;
  sql: string;
  executionMs: number | null;
  plan: string[];
}

/** Decides one more request with its statements kept, then explains each; the slowest reads first. */
export async function explainDecision(db: Kysely<DB>, timeline: QueryTimeline, client: Client, request: FreshRequest): Promise<ExplainedStatement[]> {
  timeline.captured = [];
  await decideOverHttp(client, request, 'explain');
  const captured = timeline.captured;
  timeline.captured = null;
  const explained: ExplainedStatement[] = [];
  for (const c of captured) {
    const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
    const read = /^select/i.test(compiled.sql.trim()) || /^with recursive/i.test(compiled.sql.trim());
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (${read ? 'analyze, ' : ''}costs off) ${compiled.sql}`, [...compiled.parameters]));
    const plan = result.rows.map((row) => row['QUERY PLAN']);
    const executionMs = read ? Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? Number.NaN) : null;
    explained.push({ label: c.label, sql: compiled.sql.replace(/\s+/g, ' ').slice(0, 300), executionMs, plan });
  }
  timeline.events.length = 0;
  return explained.sort((a, b) => (b.executionMs ?? -1) - (a.executionMs ?? -1));
}
