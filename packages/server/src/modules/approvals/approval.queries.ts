import type { ApprovalDetail, ApprovalSummary, Control, LeaveType, SpStatus, TemplateKind } from '@orgdesk/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import { departmentWithin } from '../directory';
import type { RequestRow, StepRow, TaskStatus } from './approvals.table';
import { DELETABLE_STATUSES, DELETED } from './status';
import { attachmentsOf, fileRefs, namesOf } from './attachments';
import { takesPart } from './visibility';

type Box = 'mine' | 'todo' | 'done' | 'cc';
/** A member's own rows of one box: the request and the member's time for it. */
interface OwnRow {
  request_id: string;
  at: Date;
}
interface Filters {
  status?: number;
  templateId?: string;
  applicant?: string;
  from?: string;
  to?: string;
}

type SummaryRow = Pick<RequestRow, 'id' | 'sp_no' | 'template_id' | 'kind' | 'name' | 'status' | 'returned' | 'urgent' | 'department_id' | 'amount_fen' | 'summary' | 'created_at' | 'updated_at'> & { userid: string; applicant_name: string };

function present(row: SummaryRow): ApprovalSummary {
  return {
    id: row.id,
    spNo: row.sp_no,
    templateId: row.template_id,
    kind: row.kind as TemplateKind,
    name: row.name,
    status: row.status as SpStatus,
    returned: row.returned,
    urgent: row.urgent,
    applicant: { userid: row.userid, name: row.applicant_name },
    departmentId: row.department_id,
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    summary: row.summary,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const summaryColumns = ['r.id', 'r.sp_no', 'r.template_id', 'r.kind', 'r.name', 'r.status', 'r.returned', 'r.urgent', 'r.department_id', 'r.amount_fen', 'r.summary', 'r.created_at', 'r.updated_at', 'm.userid', 'm.name as applicant_name'] as const;

/** Requests joined with their applicant. */
const joined = (db: Executor) => db.selectFrom('approval_requests as r').innerJoin('members as m', 'm.id', 'r.applicant_id');

function filtered(query: ReturnType<typeof joined>, filters: Filters) {
  let q = query;
  if (filters.status !== undefined) q = q.where('r.status', '=', filters.status);
  if (filters.templateId) q = q.where('r.template_id', '=', filters.templateId);
  if (filters.applicant) q = q.where((eb) => eb(eb.fn('lower', ['m.userid']), '=', filters.applicant!.toLowerCase()));
  if (filters.from) q = q.where('r.created_at', '>=', new Date(`${filters.from}T00:00:00Z`));
  if (filters.to) q = q.where('r.created_at', '<', new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000));
  return q;
}

/** Reads of requests: a member's four boxes, an approval admin's list within scope, and one request in full. */
export const approvalQueries = {
  /**
   * 我发起的 / 待我审批 / 我已审批 / 抄送我的. Each starts from the member's own rows (their requests, their pending or
   * decided tasks, their copies) through an index, and only then joins the requests: with 100,000 requests in the
   * corp a member's box stays a read of their own few thousand rows. The last three are newest first by the
   * member's own time (task given, decided, copied), as WeCom sorts them.
   */
  async box(db: Executor, memberId: string, box: Box, page: { page: number; pageSize: number }, filters: Filters): Promise<{ items: ApprovalSummary[]; total: number }> {
    if (box === 'mine') {
      // A deleted request (7) leaves 我发起的, unless asked for by its status.
      const own = joined(db).where('r.applicant_id', '=', memberId);
      const query = filtered(filters.status === undefined ? own.where('r.status', '<>', DELETED) : own, filters);
      const [rows, total] = await Promise.all([
        query.select([...summaryColumns]).orderBy('r.created_at', 'desc').orderBy('r.id').offset((page.page - 1) * page.pageSize).limit(page.pageSize).execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(present), total: Number(total.n) };
    }
    const decided = sql.join(['approved', 'rejected', 'transferred', 'returned'].map((status) => sql`${status}`));
    const own =
      box === 'todo'
        ? sql<OwnRow>`(select request_id, max(created_at) as at from approval_tasks where member_id = ${memberId} and status = 'pending' group by request_id)`
        : box === 'done'
          ? sql<OwnRow>`(select request_id, max(decided_at) as at from approval_tasks where member_id = ${memberId} and status in (${decided}) and not auto group by request_id)`
          : sql<OwnRow>`(select request_id, max(created_at) as at from approval_cc where member_id = ${memberId} group by request_id)`;
    const unfiltered = Object.values(filters).every((v) => v === undefined || v === '');
    if (unfiltered) {
      // The usual case: page and count the member's own rows alone, and join only the page's requests.
      const [rows, total] = await Promise.all([
        db
          .selectFrom(
            db
              .selectFrom(own.as('own'))
              .selectAll()
              .orderBy('own.at', 'desc')
              .orderBy('own.request_id')
              .offset((page.page - 1) * page.pageSize)
              .limit(page.pageSize)
              .as('own'),
          )
          .innerJoin('approval_requests as r', 'r.id', 'own.request_id')
          .innerJoin('members as m', 'm.id', 'r.applicant_id')
          .select([...summaryColumns])
          .orderBy('own.at', 'desc')
          .orderBy('r.id')
          .execute(),
        db.selectFrom(own.as('own')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(present), total: Number(total.n) };
    }
    const base = db.selectFrom(own.as('own')).innerJoin('approval_requests as r', 'r.id', 'own.request_id').innerJoin('members as m', 'm.id', 'r.applicant_id');
    // The same filters as every list; the query has the request and applicant columns `filtered` names.
    const query = filtered(base as unknown as ReturnType<typeof joined>, filters) as unknown as typeof base;
    const [rows, total] = await Promise.all([
      query.select([...summaryColumns]).orderBy('own.at', 'desc').orderBy('r.id').offset((page.page - 1) * page.pageSize).limit(page.pageSize).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(present), total: Number(total.n) };
  },

  /** Every request whose department lies in the admin's scope (filtered in SQL), newest first. */
  async adminList(db: Executor, corpId: string, reach: Reach, page: { page: number; pageSize: number }, filters: Filters): Promise<{ items: ApprovalSummary[]; total: number }> {
    const query = filtered(joined(db).where('r.corp_id', '=', corpId).where(departmentWithin(corpId, reach, 'r.department_id')), filters);
    const [rows, total] = await Promise.all([
      query.select([...summaryColumns]).orderBy('r.created_at', 'desc').orderBy('r.id').offset((page.page - 1) * page.pageSize).limit(page.pageSize).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(present), total: Number(total.n) };
  },

  /** Whether a request lies in an admin's scope. */
  async inScope(db: Executor, corpId: string, reach: Reach, id: string): Promise<boolean> {
    const row = await db.selectFrom('approval_requests as r').select('r.id').where('r.corp_id', '=', corpId).where('r.id', '=', id).where(departmentWithin(corpId, reach, 'r.department_id')).executeTakeFirst();
    return row !== undefined;
  },

  /** One request in full, for a member who takes part in it (or an admin: `viewer` null skips the check). One read. */
  async detail(db: Executor, corpId: string, id: string, viewer: string | null): Promise<ApprovalDetail> {
    const found = await joined(db)
      .selectAll('r')
      .select(['m.userid', 'm.name as applicant_name'])
      .select(viewer === null ? sql<boolean>`true`.as('visible') : takesPart(sql.ref('r.id'), sql.ref('r.applicant_id'), viewer).as('visible'))
      .select(routeAndHistory)
      .where('r.corp_id', '=', corpId)
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!found?.visible) throw new AppError('approvals.not_found');
    const { visible: _, steps, tasks, cc, events, ...request } = found;
    const attachments = await attachmentsOf(db, corpId, fileRefs(request.controls as Control[], request.form).map((r) => r.id));
    const names = await namesOf(db, corpId, request.controls as Control[], request.form);
    const active = steps.find((s) => s.status === 'active');
    const mine = tasks.find((t) => t.member_id === viewer && t.status === 'pending');
    const inProgress = request.status === 1 && !request.returned;
    const isApplicant = viewer === request.applicant_id;
    const summary = present(request);
    return {
      ...summary,
      controls: request.controls as Control[],
      form: request.form,
      attachments,
      names,
      steps: steps
        .filter((s) => s.type === 'approver')
        .map((s) => ({
          id: s.id,
          nodeId: s.node_id,
          name: s.name,
          type: s.type,
          mode: s.mode,
          status: s.status,
          tasks: tasks.filter((t) => t.step_id === s.id).map((t) => ({ id: t.id, approver: { userid: t.userid, name: t.name }, status: t.status, comment: t.comment, decidedAt: t.decided_at && new Date(t.decided_at).toISOString(), auto: t.auto, dueAt: t.status === 'pending' && t.due_at ? new Date(t.due_at).toISOString() : null })),
        })),
      cc: cc.map((c) => ({ userid: c.userid, name: c.name })),
      events: events.map((e) => ({ id: e.id, action: e.action, actor: e.userid ? { userid: e.userid, name: e.name ?? '' } : null, comment: e.comment, detail: e.detail, at: new Date(e.created_at).toISOString() })),
      leave: request.leave_type && request.leave_half_days !== null ? { type: request.leave_type as LeaveType, days: request.leave_half_days / 2 } : null,
      can: {
        decide: inProgress && mine !== undefined,
        withdraw: isApplicant && (request.status === 1 || request.status === 2),
        delete: isApplicant && DELETABLE_STATUSES.includes(request.status),
        resubmit: isApplicant && request.status === 1 && request.returned,
        urge: isApplicant && inProgress,
        comment: viewer !== null,
        returnTo: inProgress && mine && active ? steps.filter((s) => s.type === 'approver' && s.status === 'approved' && s.position < active.position).map((s) => ({ stepId: s.id, name: s.name })) : [],
      },
    };
  },
};

/** JSON rows the detail reads with its request; times are JSON text here. */
type StepJson = Pick<StepRow, 'id' | 'node_id' | 'name' | 'type' | 'mode' | 'status' | 'position'>;
type TaskJson = { id: string; step_id: string; status: TaskStatus; comment: string | null; decided_at: string | null; due_at: string | null; auto: boolean; member_id: string; userid: string; name: string };
type EventJson = { id: string; action: string; comment: string | null; detail: Record<string, unknown>; created_at: string; userid: string | null; name: string | null };

/** A request's route (steps and tasks), cc and history, as JSON aggregates over the outer query's `r`. */
function routeAndHistory() {
  const json = <T>(rows: RawBuilder<unknown>, order: string) => sql<T[]>`(select coalesce(json_agg(x order by ${sql.raw(order)}), '[]') from (${rows}) x)`;
  return [
    json<StepJson>(sql`select id, node_id, name, type, mode, status, position from approval_steps where request_id = r.id`, 'x.position').as('steps'),
    json<TaskJson>(sql`select t.id, t.step_id, t.status, t.comment, t.decided_at, t.due_at, t.auto, t.position, t.created_at, t.member_id, m.userid, m.name from approval_tasks t join members m on m.id = t.member_id where t.request_id = r.id`, 'x.position, x.created_at').as('tasks'),
    json<{ userid: string; name: string }>(sql`select m.userid, m.name, c.created_at from approval_cc c join members m on m.id = c.member_id where c.request_id = r.id`, 'x.created_at').as('cc'),
    json<EventJson>(sql`select e.id::text as id, e.id as seq, e.action, e.comment, e.detail, e.created_at, m.userid, m.name from approval_events e left join members m on m.id = e.actor_id where e.request_id = r.id`, 'x.seq').as('events'),
  ];
}

/** Rows for the CSV export of an admin's list. */
export async function exportRows(db: Executor, corpId: string, reach: Reach, filters: Filters): Promise<ApprovalSummary[]> {
  const rows = await filtered(joined(db).where('r.corp_id', '=', corpId).where(departmentWithin(corpId, reach, 'r.department_id')), filters)
    .select([...summaryColumns])
    .orderBy('r.created_at', 'desc')
    .limit(100_000)
    .execute();
  return rows.map(present);
}

