import type { ApproverSpec, TemplateInput, TimeLimit } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import type { NotificationService } from '../notifications';
import type { PayoutService } from '../payouts';
import type { RequestRow, StepRow } from './approvals.table';
import { EXPENSE_PAYEE } from './builtins';
import { corpCalendar, dueAfter } from './deadline';
import type { StepSpec } from './flow';
import { approvalAdmins, departmentPath, resolveSpec } from './resolve';
import { takesPart } from './visibility';

/** WeCom's StatuChangeEvent of sys_approval_change: 1 提单, 2 同意, 3 驳回, 4 转审, 5 催办, 6 撤销, 8 通过后撤销, 10 添加备注. */
export type ChangeEvent = 1 | 2 | 3 | 4 | 5 | 6 | 8 | 10;
/** Told of every change of a request, in its transaction (sys_approval_change callbacks are queued from it). */
export type ChangeListener = (trx: Trx, request: ChangedRequest, event: ChangeEvent) => Promise<void>;
/** Which request changed (a listener reads what it needs of it as it now stands). */
export type ChangedRequest = Pick<RequestRow, 'id' | 'corp_id'>;

/** Task statuses that still wait for a decision. */
const OPEN = ['pending', 'waiting'] as const;

/**
 * The request engine: moves a request along its route. Every method runs in the caller's transaction with the
 * request row locked (FOR UPDATE), so two approvers deciding at the same instant are serialized and exactly one
 * decision counts.
 */
export class ApprovalEngine {
  private readonly listeners: ChangeListener[] = [];

  constructor(
    readonly audit: AuditLog,
    readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly payouts: PayoutService,
  ) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async changed(trx: Trx, request: ChangedRequest, event: ChangeEvent): Promise<void> {
    for (const listener of this.listeners) await listener(trx, request, event);
  }

  /** The request, locked for the rest of the transaction; not found when it is another corp's. */
  async lock(trx: Trx, corpId: string, id: string): Promise<RequestRow> {
    const row = await trx.selectFrom('approval_requests').selectAll().where('corp_id', '=', corpId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('approvals.not_found');
    return row;
  }

  /** The request locked for a member who acts on it; not found unless they take part in it (in the same statement). */
  async lockFor(trx: Trx, corpId: string, id: string, memberId: string): Promise<RequestRow> {
    const row = await trx
      .selectFrom('approval_requests as r')
      .selectAll('r')
      .select(takesPart(sql.ref('r.id'), sql.ref('r.applicant_id'), memberId).as('visible'))
      .where('r.corp_id', '=', corpId)
      .where('r.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row?.visible) throw new AppError('approvals.not_found');
    const { visible: _, ...request } = row;
    return request;
  }

  async reload(trx: Trx, id: string): Promise<RequestRow> {
    return trx.selectFrom('approval_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** Appends to the request's history; returns the event id (notices are keyed by it). */
  async event(trx: Trx, request: RequestRow, actorId: string | null, action: string, comment: string | null, detail: Record<string, unknown> = {}): Promise<string> {
    const row = await trx
      .insertInto('approval_events')
      .values({ request_id: request.id, corp_id: request.corp_id, actor_id: actorId, action, comment: comment || null, detail: JSON.stringify(detail), created_at: this.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  /** Tells members about the request; urgent (never held for working or quiet hours) when the request is, or when asked. */
  async notify(trx: Trx, request: RequestRow, memberIds: readonly string[], kind: string, eventKey: string, title: string, body: string, urgent = request.urgent): Promise<void> {
    if (memberIds.length === 0) return;
    await this.notifications.notify(trx, request.corp_id, [...new Set(memberIds)], { kind, eventKey: `approval:${request.id}:${eventKey}`, title, body, url: `/portal/approvals/${request.id}`, urgent });
  }

  /**
   * When a task turning pending now falls overdue under its step's time limit (限时处理): the limit's working hours
   * on the corp's calendar from now. Null when the step has no limit (the calendar is then not even read).
   */
  async dueAt(trx: Trx, request: RequestRow, limit: unknown): Promise<Date | null> {
    const timeLimit = limit as TimeLimit | null;
    if (!timeLimit) return null;
    return dueAfter(await corpCalendar(trx, request.corp_id), timeLimit, this.clock.now());
  }

  /** Writes a route's steps from `position` on. */
  async insertSteps(trx: Trx, request: RequestRow, steps: readonly StepSpec[], position = 0): Promise<void> {
    if (steps.length === 0) return;
    await trx
      .insertInto('approval_steps')
      .values(
        steps.map((s, i) => ({
          request_id: request.id,
          corp_id: request.corp_id,
          position: position + i,
          node_id: s.nodeId,
          name: s.name,
          type: s.type,
          mode: s.mode,
          cc_when: s.ccWhen,
          spec: JSON.stringify(s.spec),
          time_limit: s.timeLimit ? JSON.stringify(s.timeLimit) : null,
        })),
      )
      .execute();
  }

  /** Adds the cc recipients of the request's cc steps for a moment ('submit' or 'finish') and tells them. */
  async copy(trx: Trx, request: RequestRow, moment: 'submit' | 'finish'): Promise<void> {
    const steps = await trx.selectFrom('approval_steps').selectAll().where('request_id', '=', request.id).where('type', '=', 'cc').where('cc_when', 'in', [moment, 'both']).execute();
    if (steps.length === 0) return;
    const context = await this.context(trx, request);
    const members = new Set<string>();
    for (const step of steps) for (const id of await resolveSpec(trx, request.corp_id, step.spec as ApproverSpec, context)) members.add(id);
    members.delete(request.applicant_id);
    if (members.size === 0) return;
    await trx
      .insertInto('approval_cc')
      .values([...members].map((member_id) => ({ request_id: request.id, member_id, corp_id: request.corp_id, created_at: this.clock.now() })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await this.notify(trx, request, [...members], 'approval.cc', `cc:${moment}`, `抄送：${request.name}（${request.sp_no}）`, moment === 'submit' ? '有一条审批抄送给你' : '一条抄送给你的审批已通过');
  }

  /**
   * Activates the next waiting approver steps until one waits on someone, or the route ends (approved). Steps whose
   * approvers all approve automatically (the applicant under auto_approve, an approver who already approved) complete
   * at once and the route goes on. The request's status is still `request.status` unless it ended (then 2).
   */
  async advance(trx: Trx, request: RequestRow, ctx: ActorContext): Promise<void> {
    for (;;) {
      const step = await trx.selectFrom('approval_steps').selectAll().where('request_id', '=', request.id).where('type', '=', 'approver').where('status', '=', 'waiting').orderBy('position').limit(1).executeTakeFirst();
      if (!step) return this.finish(trx, request, ctx);
      const waits = await this.activate(trx, request, step);
      if (waits) return;
    }
  }

  /** Resolves a step's approvers now, stores them as tasks; true when it waits on someone. */
  private async activate(trx: Trx, request: RequestRow, step: StepRow): Promise<boolean> {
    const now = this.clock.now();
    const settings = request.settings as TemplateInput['settings'];
    const spec = step.spec as ApproverSpec;
    const context = await this.context(trx, request, step.node_id);
    let approvers = [...new Set(await resolveSpec(trx, request.corp_id, spec, context))];
    let fallback = false;
    if (approvers.length === 0 && step.node_id.includes('#')) return this.skip(trx, request, step, 'no leader at this level');
    if (approvers.length === 0) {
      approvers = await approvalAdmins(trx, request.corp_id, context.departmentPath);
      fallback = true;
    }
    const self = approvers.includes(request.applicant_id);
    if (self && settings.selfApproval !== 'auto_approve') {
      approvers = approvers.filter((id) => id !== request.applicant_id);
      if (approvers.length === 0 && settings.selfApproval === 'skip') return this.skip(trx, request, step, 'the approver is the applicant');
      // forbid: the applicant never approves their own request; the approval admins do.
      if (approvers.length === 0) {
        approvers = (await approvalAdmins(trx, request.corp_id, context.departmentPath)).filter((id) => id !== request.applicant_id);
        fallback = true;
      }
      if (approvers.length === 0) approvers = [request.applicant_id];
    }
    // A task that approved itself on timeout was nobody's decision, so it approves nothing later on their behalf.
    const approvedBefore = settings.dedupeApprovers
      ? new Set((await trx.selectFrom('approval_tasks').select('member_id').where('request_id', '=', request.id).where('status', '=', 'approved').where('timed_out_at', 'is', null).execute()).map((t) => t.member_id))
      : new Set<string>();
    const auto = (id: string) => approvedBefore.has(id) || (id === request.applicant_id && settings.selfApproval === 'auto_approve');
    const dueAt = await this.dueAt(trx, request, step.time_limit);
    let firstOpen = true;
    const tasks = approvers.map((member_id, position) => {
      const isAuto = auto(member_id);
      const status = isAuto ? 'approved' : step.mode !== 'sequential' || firstOpen ? 'pending' : 'waiting';
      if (!isAuto) firstOpen = false;
      const due_at = status === 'pending' ? dueAt : null;
      return { request_id: request.id, step_id: step.id, corp_id: request.corp_id, member_id, position, status: status as 'approved' | 'pending' | 'waiting', auto: isAuto, created_at: now, decided_at: isAuto ? now : null, due_at };
    });
    await trx.insertInto('approval_tasks').values(tasks).execute();
    await trx.updateTable('approval_steps').set({ status: 'active', activated_at: now }).where('id', '=', step.id).execute();
    if (fallback) await this.event(trx, request, null, 'fallback_to_admins', null, { step: step.name });
    if (tasks.some((t) => t.auto)) await this.event(trx, request, null, 'auto_approve', null, { step: step.name, approvers: tasks.filter((t) => t.auto).map((t) => t.member_id) });
    if (await this.settle(trx, request, step.id)) return false;
    const pending = tasks.filter((t) => t.status === 'pending').map((t) => t.member_id);
    await this.notify(trx, request, pending, 'approval.pending', `step:${step.id}`, `待审批：${request.name}（${request.sp_no}）`, request.summary || '有一条审批等待你处理');
    return true;
  }

  private async skip(trx: Trx, request: RequestRow, step: StepRow, why: string): Promise<boolean> {
    await trx.updateTable('approval_steps').set({ status: 'skipped', activated_at: this.clock.now(), finished_at: this.clock.now() }).where('id', '=', step.id).execute();
    await this.event(trx, request, null, 'skip', null, { step: step.name, why });
    return false;
  }

  /**
   * Settles a step after a change to its tasks: complete (any-of: one approval; all-of and sequential: every
   * approver) closes it and cancels what is left; in a sequential step the next approver's turn begins.
   * Returns true when the step is complete.
   */
  async settle(trx: Trx, request: RequestRow, stepId: string): Promise<boolean> {
    // The step's mode with each of its tasks, in one read.
    const rows = await trx
      .selectFrom('approval_steps as s')
      .innerJoin('approval_tasks as t', 't.step_id', 's.id')
      .select(['s.mode', 's.time_limit', 't.id', 't.member_id', 't.status'])
      .where('s.id', '=', stepId)
      .orderBy('t.position')
      .execute();
    const mode = rows[0]?.mode;
    const timeLimit = rows[0]?.time_limit ?? null;
    const approved = rows.some((t) => t.status === 'approved');
    const open = rows.filter((t) => (OPEN as readonly string[]).includes(t.status));
    const complete = mode === 'any' ? approved : open.length === 0 && approved;
    if (complete) {
      if (open.length) await trx.updateTable('approval_tasks').set({ status: 'cancelled' }).where('step_id', '=', stepId).where('status', 'in', [...OPEN]).execute();
      await trx.updateTable('approval_steps').set({ status: 'approved', finished_at: this.clock.now() }).where('id', '=', stepId).execute();
      return true;
    }
    if (mode === 'sequential' && !open.some((t) => t.status === 'pending') && open.length) {
      const next = open[0]!;
      await trx.updateTable('approval_tasks').set({ status: 'pending', created_at: this.clock.now(), due_at: await this.dueAt(trx, request, timeLimit) }).where('id', '=', next.id).execute();
      await this.notify(trx, request, [next.member_id], 'approval.pending', `task:${next.id}`, `待审批：${request.name}（${request.sp_no}）`, request.summary || '有一条审批等待你处理');
    }
    return false;
  }

  /** The route is done: approved, cc'd on finish, the applicant told; an expense becomes a payout, leave is used. */
  private async finish(trx: Trx, request: RequestRow, ctx: ActorContext): Promise<void> {
    const now = this.clock.now();
    const finished = await trx.updateTable('approval_requests').set({ status: 2, returned: false, finished_at: now, updated_at: now }).where('id', '=', request.id).returningAll().executeTakeFirstOrThrow();
    const eventId = await this.event(trx, finished, null, 'approved', null);
    await this.copy(trx, finished, 'finish');
    await this.notify(trx, finished, [finished.applicant_id], 'approval.approved', `event:${eventId}`, `审批已通过：${finished.name}（${finished.sp_no}）`, finished.summary);
    if (finished.leave_type && finished.leave_half_days) await this.useLeave(trx, finished, finished.leave_half_days);
    if (finished.kind === 'expense' && finished.amount_fen !== null && Number(finished.amount_fen) > 0) {
      const payee = (finished.form as Record<string, unknown>)[EXPENSE_PAYEE] as { bankName: string; accountName: string; accountNumber: string } | undefined;
      await this.payouts.createForApproval(trx, finished.corp_id, ctx, { approvalId: finished.id, spNo: finished.sp_no, amountFen: Number(finished.amount_fen), payeeMemberId: finished.applicant_id, bankAccount: payee ?? null });
    }
    await this.audit.record(trx, finished.corp_id, ctx, { action: 'approvals.approved', targetType: 'approval', targetId: finished.sp_no, after: { status: 2, amountFen: finished.amount_fen === null ? null : Number(finished.amount_fen) } });
  }

  /** Cancels the payout of an approval withdrawn after approval; refuses when it is paid or being paid. */
  async payoutsCancel(trx: Trx, corpId: string, ctx: ActorContext, approvalId: string): Promise<void> {
    await this.payouts.cancelForApproval(trx, corpId, ctx, approvalId);
  }

  /** Adds (or, negative, gives back) used leave of a balanced type. */
  async useLeave(trx: Trx, request: RequestRow, halfDays: number): Promise<void> {
    await sql`
      insert into leave_balances (corp_id, member_id, leave_type, total_half_days, used_half_days, updated_at)
      values (${request.corp_id}, ${request.applicant_id}, ${request.leave_type}, 0, ${halfDays}, ${this.clock.now()})
      on conflict (corp_id, member_id, leave_type) do update set used_half_days = leave_balances.used_half_days + excluded.used_half_days, updated_at = excluded.updated_at`.execute(trx);
  }

  /** What resolving a spec needs: the department chain of the request, and the applicant's choice for a node. */
  async context(trx: Trx, request: RequestRow, nodeId?: string): Promise<{ departmentPath: number[]; chosen: string[] }> {
    const chosen = nodeId ? ((request.chosen_approvers as Record<string, string[]>)[nodeId] ?? []) : [];
    return { departmentPath: await departmentPath(trx, request.corp_id, request.department_id), chosen };
  }
}
