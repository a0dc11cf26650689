import type { TimeLimit } from '@orgdesk/contracts';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, Trx } from '../../db';
import { systemContext } from '../../platform/kernel/context';
import type { Logger } from '../../platform/kernel/logger';
import { Poller } from '../../platform/kernel/poller';
import type { RequestRow } from './approvals.table';
import type { ApprovalEngine } from './engine';

/** How often the sweeper looks for overdue tasks: a time limit counts in hours, so half a minute late is on time. */
const POLL_MS = 30_000;
/** Overdue tasks read per round; each is then dealt with in its own transaction. */
const BATCH_SIZE = 50;
/** Full rounds one run works through before leaving the rest to the next run. */
const MAX_ROUNDS_PER_RUN = 20;

const SYSTEM = systemContext('approval time limits');

/** An overdue task as the sweeper handles it. */
interface OverdueTask {
  id: string;
  request_id: string;
  corp_id: string;
  step_id: string;
  member_id: string;
}

/** Pending tasks past their due time that the sweeper has not yet dealt with (the approval_tasks_overdue index). */
const overdue = (now: Date) => (eb: ExpressionBuilder<DB, 'approval_tasks'>) =>
  eb.and([eb('status', '=', 'pending'), eb('timed_out_at', 'is', null), eb('due_at', '<=', now)]);

/**
 * 限时处理: deals with approver tasks past their time limit — the approver is reminded once (remind), or the task
 * approves itself and the route goes on as if they had approved (approve, WeCom's 超时自动通过). One transaction per
 * task, holding the request's lock as every action does, so a crash leaves each task either dealt with or not, and
 * two servers sweeping at once deal with each task once.
 */
export class ApprovalTimeouts {
  private readonly poller: Poller;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: ApprovalEngine,
    private readonly logger: Logger,
  ) {
    this.poller = new Poller(() => this.runOnce(), POLL_MS, logger, 'approval time limits not swept; will retry');
  }

  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }

  /**
   * Deals with the tasks overdue now, a batch at a time; returns how many it dealt with. A task that fails is logged
   * and left for the next run, so it cannot hold up the others.
   */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (let round = 0; round < MAX_ROUNDS_PER_RUN; round++) {
      const now = this.engine.clock.now();
      // Read without locks: each task is locked (after its request) in its own transaction below.
      const batch = await this.db.selectFrom('approval_tasks').select(['id', 'request_id', 'corp_id', 'step_id', 'member_id']).where(overdue(now)).orderBy('due_at').limit(BATCH_SIZE).execute();
      let failed = 0;
      for (const task of batch) {
        try {
          if (await this.db.transaction().execute((trx) => this.engine.audit.batched(trx, () => this.handle(trx, task, now)))) handled++;
        } catch (error) {
          failed++;
          this.logger.warn({ err: error, taskId: task.id, requestId: task.request_id }, 'approval time limit not applied; will retry');
        }
      }
      // A short batch was the last; a full one of failures would come back the same.
      if (batch.length < BATCH_SIZE || failed === batch.length) break;
    }
    return handled;
  }

  /**
   * One overdue task: the request is locked first (the order every action locks in, so the sweeper never deadlocks
   * with an approver deciding), then the task is taken again only if still overdue — decided, transferred or dealt
   * with by another server meanwhile, it is left alone. False when there was nothing to do.
   */
  private async handle(trx: Trx, candidate: OverdueTask, asOf: Date): Promise<boolean> {
    const request = await this.engine.lock(trx, candidate.corp_id, candidate.request_id);
    const task = await trx.selectFrom('approval_tasks').select('id').where('id', '=', candidate.id).where(overdue(asOf)).forUpdate().skipLocked().executeTakeFirst();
    if (!task) return false;
    const now = this.engine.clock.now();
    await trx.updateTable('approval_tasks').set({ timed_out_at: now }).where('id', '=', task.id).execute();
    const step = await trx.selectFrom('approval_steps').select(['name', 'time_limit']).where('id', '=', candidate.step_id).executeTakeFirstOrThrow();
    const limit = step.time_limit as TimeLimit | null;
    // A pending task outside a running request, or without a limit, is only marked: there is nobody to hurry.
    if (!limit || request.status !== 1 || request.returned) return false;
    const approver = await trx.selectFrom('members').select('userid').where('id', '=', candidate.member_id).executeTakeFirstOrThrow();
    const detail = { step: step.name, approver: approver.userid, hours: limit.hours };
    await this.engine.audit.record(trx, request.corp_id, SYSTEM, { action: 'approvals.timeout', targetType: 'approval', targetId: request.sp_no, after: { onTimeout: limit.onTimeout, ...detail } });
    if (limit.onTimeout === 'approve') await this.approve(trx, request, candidate, detail, now);
    else await this.remind(trx, request, candidate, detail);
    return true;
  }

  /** 超时提醒: the approver is told, urgently (it is working time by construction), once. */
  private async remind(trx: Trx, request: RequestRow, task: OverdueTask, detail: Record<string, unknown>): Promise<void> {
    await this.engine.event(trx, request, null, 'timeout_remind', null, detail);
    await this.engine.notify(trx, request, [task.member_id], 'approval.timeout', `timeout:${task.id}`, `审批已超时：${request.name}（${request.sp_no}）`, '这条审批已超过处理时限，请尽快处理', true);
  }

  /** 超时自动通过: the task approves itself and the route goes on exactly as after the approver's own approval. */
  private async approve(trx: Trx, request: RequestRow, task: OverdueTask, detail: Record<string, unknown>, now: Date): Promise<void> {
    await trx.updateTable('approval_tasks').set({ status: 'approved', auto: true, decided_at: now }).where('id', '=', task.id).execute();
    await this.engine.event(trx, request, null, 'timeout_approve', null, detail);
    if (await this.engine.settle(trx, request, task.step_id)) await this.engine.advance(trx, request, SYSTEM);
    await this.engine.changed(trx, request, 2);
  }
}
