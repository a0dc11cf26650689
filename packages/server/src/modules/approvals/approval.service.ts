import { balancedLeaveTypes, type ApplyInput, type Control, type FieldError, type FlowNode, type LeaveType, type WorkCalendar } from '@orgdesk/contracts';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { RequestRow, TemplateRow } from './approvals.table';
import { EXPENSE_AMOUNT, EXPENSE_ITEMS, LEAVE_PERIOD, LEAVE_TYPE } from './builtins';
import type { ApprovalEngine } from './engine';
import { routeOf, type ConditionFacts, type StepSpec } from './flow';
import { checkForm, moneyTotal, toFen, yuan, type Form, type HalfDayRange } from './form';
import { fileRefs, unknownFiles } from './attachments';
import { corpCalendar } from './deadline';
import { claimKey } from './idempotency';
import { leaveHalfDays, leaveTypeNames } from './leave';
import { departmentPath } from './resolve';
import type { TemplateService } from './template.service';

/** The largest expense one request may claim: what one payout may carry. */
const MAX_EXPENSE_FEN = 1_000_000_000;

/** What a submission works out from a form: the route's facts, the amount, the leave, the summary line. */
interface Derived {
  amountFen: number | null;
  leave: { type: LeaveType; halfDays: number } | null;
  summary: string;
  facts: ConditionFacts;
}

/**
 * What an API submission (/cgi-bin/oa/applyevent) may set instead of the template: the approvers and cc the call
 * names (use_template_approver 0, built by api-route.ts), and the summary lines it gives.
 */
export interface SubmitOverrides {
  route?: StepSpec[];
  summary?: string;
}

/** 审批 requests: submitting, resubmitting after a return, and the payout's settlement. */
export class ApprovalService {
  constructor(
    private readonly engine: ApprovalEngine,
    private readonly templates: TemplateService,
  ) {}

  /**
   * Submits a request (提交审批). The form is checked against the template, the branches are decided on it, and the
   * first step's approvers are resolved and told. The same idempotency key again answers the same request. Its audit
   * entries are appended together at the end (the corp's audit chain is locked only from there to commit).
   */
  async submit(trx: Trx, corpId: string, applicant: { memberId: string; actor: string }, input: ApplyInput & { key?: string }, ctx: ActorContext, overrides: SubmitOverrides = {}): Promise<RequestRow> {
    return this.engine.audit.batched(trx, () => this.apply(trx, corpId, applicant, input, ctx, overrides));
  }

  private async apply(trx: Trx, corpId: string, applicant: { memberId: string; actor: string }, input: ApplyInput & { key?: string }, ctx: ActorContext, overrides: SubmitOverrides): Promise<RequestRow> {
    const id = randomUUID();
    if (input.key) {
      const replay = await claimKey(trx, corpId, applicant.actor, input.key, 'submit', id, this.engine.clock.now());
      if (replay) return this.engine.reload(trx, replay);
    }
    const template = await this.templates.findForMember(trx, corpId, applicant.memberId, input.templateId);
    if (!template) throw new AppError('approvals.template_not_found', { fields: [{ path: 'templateId', reason: 'no such template you may apply with' }] });
    const member = await trx.selectFrom('members').select(['id', 'name', 'main_department', 'status']).where('corp_id', '=', corpId).where('id', '=', applicant.memberId).executeTakeFirst();
    if (!member || member.status !== 1) throw new AppError('approvals.applicant_inactive');
    const departmentId = input.departmentId ?? member.main_department;
    const mine = await trx.selectFrom('member_departments').select('department_id').where('corp_id', '=', corpId).where('member_id', '=', member.id).execute();
    if (!mine.some((d) => d.department_id === departmentId)) throw new AppError('common.validation_failed', { fields: [{ path: 'departmentId', reason: 'is not one of your departments' }] });

    const controls = template.controls as Control[];
    const { form, errors } = checkForm(controls, input.form);
    errors.push(...(errors.length ? [] : await unknownFiles(trx, corpId, member.id, fileRefs(controls, form))));
    if (errors.length) throw new AppError('approvals.form_invalid', { fields: errors });
    const calendar = await corpCalendar(trx, corpId);
    const derived = await this.derive(trx, corpId, calendar, template.kind, controls, form, departmentId);
    await this.checkDerived(trx, corpId, member.id, derived, null);
    const route = overrides.route ?? routeOf(template.flow as FlowNode[], derived.facts);
    const missingChoice = route.filter((s) => s.spec.kind === 'applicant_choice' && !(input.chosenApprovers[s.nodeId]?.length));
    if (missingChoice.length) throw new AppError('approvals.form_invalid', { fields: missingChoice.map((s) => ({ path: `chosenApprovers.${s.nodeId}`, reason: 'is required' })) });

    const now = this.engine.clock.now();
    const spNo = await this.nextSpNo(trx, corpId, calendar, now);
    await trx
      .insertInto('approval_requests')
      .values({
        id,
        corp_id: corpId,
        sp_no: spNo,
        template_id: template.id,
        template_version: template.version,
        kind: template.kind,
        name: template.name,
        controls: JSON.stringify(controls),
        form: JSON.stringify(form),
        settings: JSON.stringify(template.settings),
        applicant_id: member.id,
        department_id: departmentId,
        urgent: input.urgent,
        amount_fen: derived.amountFen,
        leave_type: derived.leave?.type ?? null,
        leave_half_days: derived.leave?.halfDays ?? null,
        summary: overrides.summary ?? derived.summary,
        chosen_approvers: JSON.stringify(input.chosenApprovers),
        given_route: overrides.route ? JSON.stringify(overrides.route) : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const request = await this.engine.reload(trx, id);
    await this.engine.insertSteps(trx, request, route);
    await this.engine.event(trx, request, member.id, 'submit', null, { amountFen: derived.amountFen });
    await this.engine.copy(trx, request, 'submit');
    await this.engine.advance(trx, request, ctx);
    await this.engine.changed(trx, request, 1);
    await this.engine.audit.record(trx, corpId, ctx, { action: 'approvals.submit', targetType: 'approval', targetId: spNo, after: { template: template.name, amountFen: derived.amountFen, urgent: input.urgent } });
    return this.engine.reload(trx, id);
  }

  /** Resubmits a request returned to its applicant, optionally with a corrected form; the route starts over. */
  async resubmit(trx: Trx, request: RequestRow, memberId: string, formInput: Record<string, unknown> | undefined, comment: string, ctx: ActorContext): Promise<void> {
    if (request.applicant_id !== memberId) throw new AppError('auth.forbidden');
    if (request.status !== 1 || !request.returned) throw new AppError('approvals.not_returned');
    const controls = request.controls as Control[];
    let form = request.form as Form;
    if (formInput) {
      const checked = checkForm(controls, formInput);
      if (!checked.errors.length) checked.errors.push(...(await unknownFiles(trx, request.corp_id, memberId, fileRefs(controls, checked.form))));
      if (checked.errors.length) throw new AppError('approvals.form_invalid', { fields: checked.errors });
      form = checked.form;
    }
    const template = (await this.templates.find(trx, request.corp_id, request.template_id)) as TemplateRow;
    const derived = await this.derive(trx, request.corp_id, await corpCalendar(trx, request.corp_id), request.kind, controls, form, request.department_id);
    await this.checkDerived(trx, request.corp_id, memberId, derived, request.id);
    await trx.deleteFrom('approval_steps').where('request_id', '=', request.id).execute();
    const now = this.engine.clock.now();
    await trx
      .updateTable('approval_requests')
      .set({ form: JSON.stringify(form), amount_fen: derived.amountFen, leave_type: derived.leave?.type ?? null, leave_half_days: derived.leave?.halfDays ?? null, summary: derived.summary, returned: false, updated_at: now })
      .where('id', '=', request.id)
      .execute();
    const updated = await this.engine.reload(trx, request.id);
    // A route an app gave stands; the template's branches are decided again on the corrected form.
    const route = (request.given_route as StepSpec[] | null) ?? routeOf(template.flow as FlowNode[], derived.facts);
    await this.engine.insertSteps(trx, updated, route);
    await this.engine.event(trx, updated, memberId, 'resubmit', comment, { amountFen: derived.amountFen });
    await this.engine.advance(trx, updated, ctx);
    await this.engine.changed(trx, request, 1);
    await this.engine.audit.record(trx, request.corp_id, ctx, { action: 'approvals.resubmit', targetType: 'approval', targetId: request.sp_no });
  }

  /** Paid payouts settle their approvals: 已通过 (2) becomes 已支付 (10). */
  async markPaid(trx: Trx, corpId: string, approvalIds: string[], ctx: ActorContext): Promise<void> {
    for (const id of approvalIds) {
      const request = await this.engine.lock(trx, corpId, id);
      if (request.status !== 2) continue;
      await trx.updateTable('approval_requests').set({ status: 10, updated_at: this.engine.clock.now() }).where('id', '=', id).execute();
      const eventId = await this.engine.event(trx, request, null, 'paid', null, { amountFen: request.amount_fen === null ? null : Number(request.amount_fen) });
      await this.engine.notify(trx, request, [request.applicant_id], 'approval.paid', `event:${eventId}`, `报销已支付：${request.name}（${request.sp_no}）`, `金额 ¥${yuan(Number(request.amount_fen ?? 0))}`);
      await this.engine.audit.record(trx, corpId, ctx, { action: 'approvals.paid', targetType: 'approval', targetId: request.sp_no, before: { status: 2 }, after: { status: 10 } });
    }
  }

  private async derive(trx: Trx, corpId: string, calendar: WorkCalendar, kind: string, controls: Control[], form: Form, departmentId: number): Promise<Derived> {
    const path = await departmentPath(trx, corpId, departmentId);
    const numberOf = (field: string): number | null => {
      const control = controls.find((c) => c.id === field);
      if (control?.type === 'DateRange') return rangeDays(calendar, control, form[field]);
      if (control?.type === 'Number') return typeof form[field] === 'number' ? form[field] : null;
      const fen = moneyTotal(controls, form, field);
      return fen === null ? null : fen / 100;
    };
    const facts: ConditionFacts = { numberOf, optionsOf: (field) => (form[field] as string[] | undefined) ?? [], departmentPath: path };
    if (kind === 'expense') {
      const fen = moneyTotal(controls, form, `${EXPENSE_ITEMS}.${EXPENSE_AMOUNT}`) ?? 0;
      return { amountFen: fen, leave: null, summary: `报销金额：¥${yuan(fen)}`, facts };
    }
    if (kind === 'leave') {
      const type = (form[LEAVE_TYPE] as LeaveType[])[0]!;
      const halfDays = leaveHalfDays(calendar, form[LEAVE_PERIOD] as HalfDayRange);
      return { amountFen: null, leave: { type, halfDays }, summary: `${leaveTypeNames[type] ?? type} ${halfDays / 2} 天`, facts };
    }
    const money = controls.find((c) => c.type === 'Money' && form[c.id] !== undefined);
    const firstText = controls.find((c) => (c.type === 'Text' || c.type === 'Textarea') && typeof form[c.id] === 'string');
    return { amountFen: money ? toFen(form[money.id]) : null, leave: null, summary: firstText ? String(form[firstText.id]).slice(0, 60) : '', facts };
  }

  /** An expense must cost something; leave must fall on working time and fit the balance (less other pending leave). */
  private async checkDerived(trx: Trx, corpId: string, memberId: string, derived: Derived, exceptRequest: string | null): Promise<void> {
    const errors: FieldError[] = [];
    if (derived.amountFen === 0) errors.push({ path: `form.${EXPENSE_ITEMS}`, reason: 'the amount must be more than zero' });
    // One payout carries an expense, and a payout is at most ¥10,000,000.00.
    if (derived.leave === null && derived.amountFen !== null && derived.amountFen > MAX_EXPENSE_FEN) errors.push({ path: `form.${EXPENSE_ITEMS}`, reason: 'is too large' });
    if (derived.leave && derived.leave.halfDays <= 0) errors.push({ path: `form.${LEAVE_PERIOD}`, reason: 'the period has no working time' });
    if (errors.length) throw new AppError('approvals.form_invalid', { fields: errors });
    if (!derived.leave || !balancedLeaveTypes.includes(derived.leave.type)) return;
    const balance = await trx.selectFrom('leave_balances').select(['total_half_days', 'used_half_days']).where('corp_id', '=', corpId).where('member_id', '=', memberId).where('leave_type', '=', derived.leave.type).executeTakeFirst();
    const pending = await trx
      .selectFrom('approval_requests')
      .select(sql<string>`coalesce(sum(leave_half_days), 0)`.as('n'))
      .where('corp_id', '=', corpId)
      .where('applicant_id', '=', memberId)
      .where('status', '=', 1)
      .where('leave_type', '=', derived.leave.type)
      .where('id', '<>', exceptRequest ?? '00000000-0000-0000-0000-000000000000')
      .executeTakeFirstOrThrow();
    const remaining = (balance?.total_half_days ?? 0) - (balance?.used_half_days ?? 0) - Number(pending.n);
    if (derived.leave.halfDays > remaining) {
      throw new AppError('approvals.leave_balance_insufficient', { fields: [{ path: `form.${LEAVE_PERIOD}`, reason: `only ${Math.max(remaining, 0) / 2} days left` }] });
    }
  }

  /** The next sp_no of the corp's local day: YYYYMMDD and a sequence of at least 4 digits. */
  private async nextSpNo(trx: Trx, corpId: string, calendar: WorkCalendar, now: Date): Promise<string> {
    const day = DateTime.fromJSDate(now, { zone: calendar.timezone }).toFormat('yyyyLLdd');
    const row = await sql<{ last: number }>`
      insert into approval_sp_counters (corp_id, day, last) values (${corpId}, ${day}, 1)
      on conflict (corp_id, day) do update set last = approval_sp_counters.last + 1
      returning last`.execute(trx);
    return `${day}${String(row.rows[0]!.last).padStart(4, '0')}`;
  }
}

/** Days of a DateRange value on the working calendar (hours count 8 to a day). */
function rangeDays(calendar: WorkCalendar, control: Extract<Control, { type: 'DateRange' }>, value: unknown): number | null {
  if (!value) return null;
  const range = value as HalfDayRange & { start: string; end: string };
  if (control.unit === 'hour') return DateTime.fromISO(range.end).diff(DateTime.fromISO(range.start), 'hours').hours / 8;
  if (control.unit === 'day') return leaveHalfDays(calendar, { start: range.start, startHalf: 'am', end: range.end, endHalf: 'pm' }) / 2;
  return leaveHalfDays(calendar, range) / 2;
}
