import type { Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { RequestRow } from './approvals.table';
import type { ApprovalService } from './approval.service';
import type { ApprovalEngine } from './engine';
import { claimKey } from './idempotency';
import { DELETABLE_STATUSES, DELETED } from './status';

/** Who acts: a member (in the portal, or an app acting for them through /cgi-bin). */
export interface Actor {
  memberId: string;
  ctx: ActorContext;
}

/** The minimum wait between two reminders (催办) of one request. */
const URGE_INTERVAL_MS = 10 * 60_000;
/**
 * The actions on a request. Each locks the request, claims its idempotency key (a repeat answers without changing
 * anything), checks the actor may act, changes the request and records the history, an audit entry and notices.
 */
export class ApprovalActions {
  constructor(
    private readonly engine: ApprovalEngine,
    private readonly approvals: ApprovalService,
  ) {}

  /** 同意 / 驳回. Of two any-of approvers deciding at once, the second finds the step decided (already_decided). */
  async decide(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { decision: 'approve' | 'reject'; comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, input.decision, async (request) => {
      const now = this.engine.clock.now();
      const approve = input.decision === 'approve';
      const task = await this.closeMyTask(trx, request, actor.memberId, { status: approve ? 'approved' : 'rejected', comment: input.comment || null, decided_at: now });
      await this.engine.event(trx, request, actor.memberId, input.decision, input.comment, { step: task.step_id });
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: `approvals.${input.decision}`, targetType: 'approval', targetId: request.sp_no });
      if (approve) {
        if (await this.engine.settle(trx, request, task.step_id)) await this.engine.advance(trx, request, actor.ctx);
        return this.engine.changed(trx, request, 2);
      }
      await trx.updateTable('approval_tasks').set({ status: 'cancelled' }).where('request_id', '=', request.id).where('status', 'in', ['pending', 'waiting']).execute();
      await trx.updateTable('approval_steps').set({ status: 'rejected', finished_at: now }).where('id', '=', task.step_id).execute();
      await trx.updateTable('approval_requests').set({ status: 3, finished_at: now, updated_at: now }).where('id', '=', request.id).execute();
      const eventId = await this.engine.event(trx, request, null, 'rejected', null);
      await this.engine.notify(trx, request, [request.applicant_id], 'approval.rejected', `event:${eventId}`, `审批被驳回：${request.name}（${request.sp_no}）`, input.comment || request.summary);
      await this.engine.changed(trx, request, 3);
    });
  }

  /** 退回: to the applicant (who resubmits or withdraws) or to an earlier approver step, which decides again. */
  async returnTo(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { to: string; comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'return', async (request) => {
      const task = await this.myPendingTask(trx, request, actor.memberId);
      const current = await trx.selectFrom('approval_steps').select(['id', 'position']).where('id', '=', task.step_id).executeTakeFirstOrThrow();
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: 'approvals.return', targetType: 'approval', targetId: request.sp_no, after: { to: input.to } });
      if (input.to === 'applicant') {
        await trx.updateTable('approval_tasks').set({ status: 'returned', comment: input.comment || null, decided_at: this.engine.clock.now() }).where('id', '=', task.id).execute();
        await trx.updateTable('approval_tasks').set({ status: 'cancelled' }).where('request_id', '=', request.id).where('status', 'in', ['pending', 'waiting']).execute();
        await trx.updateTable('approval_requests').set({ returned: true, updated_at: this.engine.clock.now() }).where('id', '=', request.id).execute();
        const eventId = await this.engine.event(trx, request, actor.memberId, 'return', input.comment, { to: 'applicant' });
        return this.engine.notify(trx, request, [request.applicant_id], 'approval.returned', `event:${eventId}`, `审批被退回：${request.name}（${request.sp_no}）`, input.comment || '请修改后重新提交');
      }
      const target = await trx.selectFrom('approval_steps').select(['id', 'position', 'name', 'type', 'status']).where('request_id', '=', request.id).where('id', '=', input.to).executeTakeFirst();
      if (!target || target.type !== 'approver' || target.position >= current.position || target.status !== 'approved') {
        throw new AppError('common.validation_failed', { fields: [{ path: 'to', reason: 'must be an earlier step that approved' }] });
      }
      // The steps from the target on start over: their people decide again (history keeps what they decided before).
      const reset = await trx.selectFrom('approval_steps').select('id').where('request_id', '=', request.id).where('position', '>=', target.position).execute();
      await trx.deleteFrom('approval_tasks').where('step_id', 'in', reset.map((s) => s.id)).execute();
      await trx.updateTable('approval_steps').set({ status: 'waiting', activated_at: null, finished_at: null }).where('id', 'in', reset.map((s) => s.id)).execute();
      await this.engine.event(trx, request, actor.memberId, 'return', input.comment, { to: target.name });
      await this.engine.advance(trx, request, actor.ctx);
    });
  }

  /** 转审: the task passes to another active member, in the same place of the step. */
  async transfer(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { to: string; comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'transfer', async (request) => {
      const task = await this.myPendingTask(trx, request, actor.memberId);
      const target = await this.activeMember(trx, corpId, input.to, 'to');
      const busy = await trx.selectFrom('approval_tasks').select('id').where('step_id', '=', task.step_id).where('member_id', '=', target.id).where('status', 'in', ['pending', 'waiting']).executeTakeFirst();
      if (busy || target.id === actor.memberId) throw new AppError('common.validation_failed', { fields: [{ path: 'to', reason: 'already approves at this step' }] });
      const now = this.engine.clock.now();
      // The new approver's time limit starts afresh, as if the step had just reached them.
      const step = await trx.selectFrom('approval_steps').select('time_limit').where('id', '=', task.step_id).executeTakeFirstOrThrow();
      const dueAt = await this.engine.dueAt(trx, request, step.time_limit);
      await trx.updateTable('approval_tasks').set({ status: 'transferred', comment: input.comment || null, decided_at: now }).where('id', '=', task.id).execute();
      const created = await trx
        .insertInto('approval_tasks')
        .values({ request_id: request.id, step_id: task.step_id, corp_id: corpId, member_id: target.id, position: task.position, status: 'pending', created_at: now, due_at: dueAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.engine.event(trx, request, actor.memberId, 'transfer', input.comment, { to: target.userid });
      await this.engine.notify(trx, request, [target.id], 'approval.pending', `task:${created.id}`, `待审批（转审）：${request.name}（${request.sp_no}）`, request.summary);
      await this.engine.changed(trx, request, 4);
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: 'approvals.transfer', targetType: 'approval', targetId: request.sp_no, after: { to: target.userid } });
    });
  }

  /** 加签: a step of the named approvers right after the current one; the actor still decides their own task. */
  async addApprovers(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { userids: string[]; mode: 'any' | 'all' | 'sequential'; comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'add_approver', async (request) => {
      const task = await this.myPendingTask(trx, request, actor.memberId);
      for (const [i, userid] of input.userids.entries()) await this.activeMember(trx, corpId, userid, `userids.${i}`);
      const current = await trx.selectFrom('approval_steps').select('position').where('id', '=', task.step_id).executeTakeFirstOrThrow();
      await trx.updateTable('approval_steps').set((eb) => ({ position: eb('position', '+', 1) })).where('request_id', '=', request.id).where('position', '>', current.position).execute();
      await this.engine.insertSteps(trx, request, [{ nodeId: `added-${task.id.slice(0, 8)}`, name: '加签', type: 'approver', mode: input.mode, spec: { kind: 'members', userids: input.userids }, ccWhen: null }], current.position + 1);
      await this.engine.event(trx, request, actor.memberId, 'add_approver', input.comment, { userids: input.userids, mode: input.mode });
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: 'approvals.add_approver', targetType: 'approval', targetId: request.sp_no, after: { userids: input.userids } });
    });
  }

  /** 撤销 by the applicant: while in progress (4), or after approval (6) as long as the payout is not paid. */
  async withdraw(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'withdraw', async (request) => {
      if (request.applicant_id !== actor.memberId) throw new AppError('approvals.not_applicant');
      if (request.status === 10) throw new AppError('approvals.already_paid');
      if (request.status !== 1 && request.status !== 2) throw new AppError('approvals.not_withdrawable');
      const now = this.engine.clock.now();
      const afterApproval = request.status === 2;
      if (afterApproval) {
        await this.engine.payoutsCancel(trx, corpId, actor.ctx, request.id);
        if (request.leave_type && request.leave_half_days) await this.engine.useLeave(trx, request, -request.leave_half_days);
      }
      await trx.updateTable('approval_tasks').set({ status: 'cancelled' }).where('request_id', '=', request.id).where('status', 'in', ['pending', 'waiting']).execute();
      await trx.updateTable('approval_requests').set({ status: afterApproval ? 6 : 4, returned: false, finished_at: now, updated_at: now }).where('id', '=', request.id).execute();
      await this.engine.event(trx, request, actor.memberId, 'withdraw', input.comment, { afterApproval });
      await this.engine.changed(trx, request, afterApproval ? 8 : 6);
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: 'approvals.withdraw', targetType: 'approval', targetId: request.sp_no, before: { status: request.status }, after: { status: afterApproval ? 6 : 4 } });
    });
  }

  /**
   * 删除 by the applicant, of a request that ended without effect (3, 4 or 6): it becomes 7 and leaves their 我发起的
   * box; admins still see it. WeCom sends no StatuChangeEvent for this, so no change is announced.
   */
  async remove(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'delete', async (request) => {
      if (request.applicant_id !== actor.memberId) throw new AppError('approvals.not_applicant');
      if (!DELETABLE_STATUSES.includes(request.status)) throw new AppError('approvals.not_deletable');
      await trx.updateTable('approval_requests').set({ status: DELETED, updated_at: this.engine.clock.now() }).where('id', '=', request.id).execute();
      await this.engine.event(trx, request, actor.memberId, 'delete', input.comment);
      await this.engine.audit.record(trx, corpId, actor.ctx, { action: 'approvals.delete', targetType: 'approval', targetId: request.sp_no, before: { status: request.status }, after: { status: DELETED } });
    });
  }

  /** 评论: anyone who sees the request; the applicant and the approvers waiting are told. */
  async comment(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'comment', async (request) => {
      const eventId = await this.engine.event(trx, request, actor.memberId, 'comment', input.comment);
      const waiting = await trx.selectFrom('approval_tasks').select('member_id').where('request_id', '=', request.id).where('status', '=', 'pending').execute();
      const told = [request.applicant_id, ...waiting.map((t) => t.member_id)].filter((id) => id !== actor.memberId);
      await this.engine.notify(trx, request, told, 'approval.comment', `event:${eventId}`, `审批有新评论：${request.name}（${request.sp_no}）`, input.comment.slice(0, 200));
      await this.engine.changed(trx, request, 10);
    });
  }

  /** 催办 by the applicant: reminds the approvers waiting, at most once every ten minutes. */
  async urge(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'urge', async (request) => {
      if (request.applicant_id !== actor.memberId) throw new AppError('approvals.not_applicant');
      if (request.status !== 1 || request.returned) throw new AppError('approvals.not_pending');
      const now = this.engine.clock.now();
      const since = request.last_urged_at ? now.getTime() - request.last_urged_at.getTime() : Infinity;
      if (since < URGE_INTERVAL_MS) throw new AppError('approvals.urge_too_soon', { retryAfterSeconds: Math.ceil((URGE_INTERVAL_MS - since) / 1000) });
      await trx.updateTable('approval_requests').set({ last_urged_at: now }).where('id', '=', request.id).execute();
      const eventId = await this.engine.event(trx, request, actor.memberId, 'urge', input.comment);
      const waiting = await trx.selectFrom('approval_tasks').select('member_id').where('request_id', '=', request.id).where('status', '=', 'pending').execute();
      await this.engine.notify(trx, request, waiting.map((t) => t.member_id), 'approval.urge', `event:${eventId}`, `催办：${request.name}（${request.sp_no}）`, input.comment || '申请人提醒你尽快处理');
      await this.engine.changed(trx, request, 5);
    });
  }

  async resubmit(trx: Trx, corpId: string, requestId: string, actor: Actor, input: { form?: Record<string, unknown>; comment: string; key: string }): Promise<void> {
    await this.act(trx, corpId, requestId, actor, input.key, 'resubmit', async (request) => {
      await this.approvals.resubmit(trx, request, actor.memberId, input.form, input.comment, actor.ctx);
    });
  }

  /**
   * Runs an action: locks the request (not found unless the actor takes part in it) and claims the key — a repeat of
   * this action with it answers without changing anything. The action's audit entries are appended together at its
   * end, so the corp's audit chain is locked only for the last statements before commit.
   */
  private async act(trx: Trx, corpId: string, requestId: string, actor: Actor, key: string, action: string, work: (request: RequestRow) => Promise<void>): Promise<void> {
    await this.engine.audit.batched(trx, async () => {
      const request = await this.engine.lockFor(trx, corpId, requestId, actor.memberId);
      if (await claimKey(trx, corpId, actor.memberId, key, action, request.id, this.engine.clock.now())) return;
      await work(request);
    });
  }

  /** Closes the actor's pending task with a decision and answers it; or says why they have none. */
  private async closeMyTask(trx: Trx, request: RequestRow, memberId: string, decision: { status: 'approved' | 'rejected'; comment: string | null; decided_at: Date }) {
    if (request.status !== 1 || request.returned) throw new AppError('approvals.not_pending');
    const closed = await trx
      .updateTable('approval_tasks')
      .set(decision)
      .where('request_id', '=', request.id)
      .where('member_id', '=', memberId)
      .where('status', '=', 'pending')
      .returning(['id', 'step_id'])
      .executeTakeFirst();
    return closed ?? noPendingTask(await this.tasksOf(trx, request, memberId));
  }

  /** The actor's task waiting on them, or why there is none. */
  private async myPendingTask(trx: Trx, request: RequestRow, memberId: string) {
    if (request.status !== 1 || request.returned) throw new AppError('approvals.not_pending');
    const tasks = await this.tasksOf(trx, request, memberId);
    return tasks.find((t) => t.status === 'pending') ?? noPendingTask(tasks);
  }

  private tasksOf(trx: Trx, request: RequestRow, memberId: string) {
    return trx.selectFrom('approval_tasks').selectAll().where('request_id', '=', request.id).where('member_id', '=', memberId).execute();
  }

  private async activeMember(trx: Trx, corpId: string, userid: string, path: string): Promise<{ id: string; userid: string }> {
    const member = await trx.selectFrom('members').select(['id', 'userid']).where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), '=', userid.toLowerCase())).where('status', '=', 1).executeTakeFirst();
    if (!member) throw new AppError('common.validation_failed', { fields: [{ path, reason: 'no active member with this userid' }] });
    return member;
  }
}

/** Why a member has no pending task on a request in progress. */
function noPendingTask(tasks: readonly { status: string }[]): never {
  if (tasks.some((t) => t.status === 'cancelled' || t.status === 'approved' || t.status === 'rejected')) throw new AppError('approvals.already_decided');
  throw new AppError('approvals.not_your_turn');
}
