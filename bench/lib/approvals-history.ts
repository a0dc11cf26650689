// The past requests of bench/approvals.ts, written set-based: one temp table of N rows from generate_series holds
// each request's derived facts (applicant, approvers, kind, status, times), and one INSERT … SELECT per table reads
// it. Deterministic (no random()), so both engines get the same history.
//   kinds: g % 10 → 0–4 报销 (≤ ¥2,000: the leader alone), 5–6 请假, 7–9 通用; g % 20 = 5 (long leave, 5 %) has a
//   second step, the 事业部 leader. statuses: in the last `pendingWindow` requests about half are still pending
//   (1); otherwise 10 % rejected (3), 5 % withdrawn (4), the rest approved (2) — paid (10) for 40 % of the expenses.
//   created_at evenly over the year before `now` less a day; decisions 1–47 h after submission.
// Left out, and said so in the output: payouts, notices, cc and audit entries of the past requests (none of the
// measured reads or writes look at them by request).
import { sql, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { STAFF, TEAMS_PER_DIVISION, teamId, teamOfStaff, type ApprovalCorp } from './approvals-seed';

/** What the history holds, counted back from the tables. */
export interface HistoryFigures {
  requests: number;
  byStatus: Record<string, number>;
  steps: number;
  tasks: number;
  events: number;
  pendingTasks: number;
  twoStep: number;
  oldest: string;
  newest: string;
  seconds: number;
}

const DAY_MS = 86_400_000;

/** Writes `count` past requests with their steps, tasks and events, in one transaction, then ANALYZE. */
export async function writeHistory(db: Kysely<DB>, corp: ApprovalCorp, count: number, pendingWindow: number, now: Date): Promise<HistoryFigures> {
  const started = performance.now();
  const corpId = corp.corpId;
  const staff = corp.staff;
  const teams = Array.from({ length: STAFF }, (_, s) => teamId(teamOfStaff(s)));
  const leaders = Array.from({ length: STAFF }, (_, s) => corp.leaders[teamOfStaff(s)]!);
  const divisionLeaders = Array.from({ length: STAFF }, (_, s) => corp.divisionLeaders[Math.floor(teamOfStaff(s) / TEAMS_PER_DIVISION)]!);
  const start = new Date(now.getTime() - 366 * DAY_MS);
  const latest = new Date(now.getTime() - 60_000);
  const spanSeconds = 365 * 86_400;
  const t = corp.templates;
  await db.transaction().execute(async (trx) => {
    // h: a well-mixed 0..99 per request (the high bits of Knuth's multiplicative hash), independent of g % 10.
    await sql`
      create temp table bench_history on commit drop as
      with base as (
        select g,
               g % ${STAFF} as s,
               (g::bigint * 2654435761 % 4294967296) * 100 / 4294967296 as h,
               ${start}::timestamptz + ((g - 1) * (${spanSeconds}::float8 / ${count})) * interval '1 second' as created_at
        from generate_series(1, ${count}) as g),
      facts as (
        select g, s, h, created_at,
               case when g % 10 < 5 then 'expense' when g % 10 < 7 then 'leave' else 'general' end as kind,
               g % 20 = 5 as two_steps,
               case when g > ${count - pendingWindow} and h < 50 then 1
                    when h < 10 then 3
                    when h < 15 then 4
                    when g % 10 < 5 and h >= 60 then 10
                    else 2 end as status,
               least(created_at + (1 + h % 47) * interval '1 hour', ${latest}::timestamptz) as decided_at
        from base)
      select g, kind, two_steps, status, created_at, decided_at,
             md5('bench-request-' || g)::uuid as id,
             md5('bench-step1-' || g)::uuid as step1_id,
             md5('bench-step2-' || g)::uuid as step2_id,
             (${staff}::uuid[])[s + 1] as applicant_id,
             (${teams}::int[])[s + 1] as department_id,
             (${leaders}::uuid[])[s + 1] as leader_id,
             (${divisionLeaders}::uuid[])[s + 1] as division_leader_id,
             case when kind = 'expense' then 100 + (g * 37) % 199901 end as amount_fen,
             case when kind = 'leave' then (array['personal', 'sick'])[1 + g % 2] end as leave_type,
             case when kind = 'leave' then (case when two_steps then 7 + g % 6 else 1 + g % 6 end) end as leave_half_days,
             case when status = 1 then null
                  when status = 4 then least(created_at + interval '2 hours', ${latest}::timestamptz)
                  when two_steps and status in (2, 10) then decided_at + interval '1 hour'
                  else decided_at end as finished_at
      from facts`.execute(trx);

    await sql`
      insert into approval_requests (id, corp_id, sp_no, template_id, template_version, kind, name, controls, form, settings, applicant_id, department_id,
                                     status, returned, urgent, amount_fen, leave_type, leave_half_days, summary, chosen_approvers, created_at, updated_at, finished_at)
      select h.id, ${corpId}, to_char(h.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(h.g::text, 6, '0'),
             t.id, t.version, h.kind, t.name, t.controls,
             case h.kind
               when 'expense' then jsonb_build_object('Table-items', jsonb_build_array(jsonb_build_object('Selector-category', jsonb_build_array('travel'),
                                     'Money-amount', to_char(h.amount_fen / 100.0, 'FM99999990.00'), 'Date-date', to_char(h.created_at, 'YYYY-MM-DD'))),
                                   'Textarea-reason', '客户拜访差旅')
               when 'leave' then jsonb_build_object('Selector-leave_type', jsonb_build_array(h.leave_type),
                                   'DateRange-period', jsonb_build_object('start', to_char(h.created_at + interval '7 days', 'YYYY-MM-DD'), 'startHalf', 'am',
                                                                          'end', to_char(h.created_at + interval '7 days' + (h.leave_half_days / 2) * interval '1 day', 'YYYY-MM-DD'), 'endHalf', 'pm'),
                                   'Textarea-reason', '家事')
               else jsonb_build_object('Textarea-content', '采购办公用品 #' || h.g) end,
             t.settings, h.applicant_id, h.department_id, h.status, false, h.g % 50 = 0, h.amount_fen, h.leave_type, h.leave_half_days,
             case h.kind
               when 'expense' then '报销金额：¥' || to_char(h.amount_fen / 100.0, 'FM99999990.00')
               when 'leave' then (case h.leave_type when 'sick' then '病假 ' else '事假 ' end) || to_char(h.leave_half_days / 2.0, 'FM990.0') || ' 天'
               else '采购办公用品 #' || h.g end,
             '{}'::jsonb, h.created_at, coalesce(h.finished_at, h.created_at), h.finished_at
      from bench_history h
      join (values ('expense', ${t.expense.id}, ${t.expense.version}::int, ${t.expense.name}, ${JSON.stringify(t.expense.controls)}::jsonb, ${JSON.stringify(t.expense.settings)}::jsonb),
                   ('leave', ${t.leave.id}, ${t.leave.version}::int, ${t.leave.name}, ${JSON.stringify(t.leave.controls)}::jsonb, ${JSON.stringify(t.leave.settings)}::jsonb),
                   ('general', ${t.general.id}, ${t.general.version}::int, ${t.general.name}, ${JSON.stringify(t.general.controls)}::jsonb, ${JSON.stringify(t.general.settings)}::jsonb))
           as t(kind, id, version, name, controls, settings) on t.kind = h.kind`.execute(trx);

    // The steps: the leader for every request, the 事业部 leader after them for long leave.
    await sql`
      insert into approval_steps (id, request_id, corp_id, position, node_id, name, type, mode, cc_when, spec, status, activated_at, finished_at)
      select step1_id, id, ${corpId}, 0, 'leader', '直属部门负责人', 'approver', 'any', null, '{"kind":"leader","level":1}'::jsonb,
             case status when 1 then 'active' when 4 then 'active' when 3 then 'rejected' else 'approved' end,
             created_at, case when status in (2, 3, 10) then decided_at end
      from bench_history
      union all
      select step2_id, id, ${corpId}, 1, 'leader2', '上级部门负责人', 'approver', 'any', null, '{"kind":"leader","level":2}'::jsonb,
             case when status in (2, 10) then 'approved' else 'waiting' end,
             case when status in (2, 10) then decided_at end, case when status in (2, 10) then finished_at end
      from bench_history where two_steps`.execute(trx);

    // The tasks: the team leader decides (or still has to), the 事业部 leader after them on approved long leave.
    await sql`
      insert into approval_tasks (id, request_id, step_id, corp_id, member_id, position, status, auto, comment, created_at, decided_at)
      select md5('bench-task1-' || g)::uuid, id, step1_id, ${corpId}, leader_id, 0,
             case status when 1 then 'pending' when 3 then 'rejected' when 4 then 'cancelled' else 'approved' end,
             false, case when status = 3 then '请补充发票' end, created_at, case when status in (2, 3, 10) then decided_at end
      from bench_history
      union all
      select md5('bench-task2-' || g)::uuid, id, step2_id, ${corpId}, division_leader_id, 0, 'approved', false, null, decided_at, finished_at
      from bench_history where two_steps and status in (2, 10)`.execute(trx);

    // The history of each request, in order (event ids grow statement by statement): submitted, decided, the outcome, paid.
    await sql`
      insert into approval_events (request_id, corp_id, actor_id, action, comment, detail, created_at)
      select id, ${corpId}, applicant_id, 'submit', null, jsonb_build_object('amountFen', amount_fen), created_at from bench_history`.execute(trx);
    await sql`
      insert into approval_events (request_id, corp_id, actor_id, action, comment, detail, created_at)
      select id, ${corpId}, leader_id, case when status = 3 then 'reject' else 'approve' end, case when status = 3 then '请补充发票' end,
             jsonb_build_object('step', step1_id), decided_at
      from bench_history where status in (2, 3, 10)
      union all
      select id, ${corpId}, division_leader_id, 'approve', null, jsonb_build_object('step', step2_id), finished_at
      from bench_history where two_steps and status in (2, 10)`.execute(trx);
    await sql`
      insert into approval_events (request_id, corp_id, actor_id, action, comment, detail, created_at)
      select id, ${corpId}, case when status = 4 then applicant_id end,
             case status when 3 then 'rejected' when 4 then 'withdraw' else 'approved' end, null,
             case when status = 4 then '{"afterApproval":false}'::jsonb else '{}'::jsonb end, finished_at
      from bench_history where status <> 1`.execute(trx);
    await sql`
      insert into approval_events (request_id, corp_id, actor_id, action, comment, detail, created_at)
      select id, ${corpId}, null, 'paid', null, jsonb_build_object('amountFen', amount_fen), finished_at + interval '1 day'
      from bench_history where status = 10`.execute(trx);
  });
  await sql`analyze`.execute(db);
  return { ...(await countHistory(db, corpId)), seconds: (performance.now() - started) / 1000 };
}

async function countHistory(db: Kysely<DB>, corpId: string): Promise<Omit<HistoryFigures, 'seconds'>> {
  const byStatus = await sql<{ status: number; n: number }>`select status, count(*)::int as n from approval_requests where corp_id = ${corpId} group by status order by status`.execute(db);
  const row = (
    await sql<{ steps: number; tasks: number; events: number; pending: number; two: number; oldest: Date; newest: Date }>`
      select (select count(*)::int from approval_steps where corp_id = ${corpId}) as steps,
             (select count(*)::int from approval_tasks where corp_id = ${corpId}) as tasks,
             (select count(*)::int from approval_events where corp_id = ${corpId}) as events,
             (select count(*)::int from approval_tasks where corp_id = ${corpId} and status = 'pending') as pending,
             (select count(*)::int from approval_steps where corp_id = ${corpId} and position = 1) as two,
             (select min(created_at) from approval_requests where corp_id = ${corpId}) as oldest,
             (select max(created_at) from approval_requests where corp_id = ${corpId}) as newest`.execute(db)
  ).rows[0]!;
  return {
    requests: byStatus.rows.reduce((sum, r) => sum + r.n, 0),
    byStatus: Object.fromEntries(byStatus.rows.map((r) => [String(r.status), r.n])),
    steps: row.steps,
    tasks: row.tasks,
    events: row.events,
    pendingTasks: row.pending,
    twoStep: row.two,
    oldest: new Date(row.oldest).toISOString(),
    newest: new Date(row.newest).toISOString(),
  };
}
