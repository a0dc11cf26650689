import type { Control, FieldError, Template, TemplateInput, TemplateKind } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { randomToken } from '../../platform/kernel/crypto';
import type { AuditLog } from '../audit';
import { departmentsOutside } from '../directory';
import type { TemplateRow } from './approvals.table';
import { builtinTemplates, EXPENSE_AMOUNT, EXPENSE_ITEMS, LEAVE_PERIOD, LEAVE_TYPE } from './builtins';
import { flowErrors, specsOf } from './flow';
import { specProblem } from './resolve';

/** Over `t`: the template is enabled and applies to everyone, or to a department the member is in (or one above it). */
function usableBy(corpId: string, memberId: string) {
  return sql<boolean>`t.enabled and (cardinality(t.range_departments) = 0 or exists (
    with recursive up(id, parent_id) as (
      select d.id, d.parent_id from departments d join member_departments md on md.department_id = d.id and md.corp_id = d.corp_id
       where md.corp_id = ${corpId} and md.member_id = ${memberId}
      union
      select d.id, d.parent_id from departments d join up on d.id = up.parent_id where d.corp_id = ${corpId})
    select 1 from up where up.id = any(t.range_departments)))`;
}

/** A template as the service hands it around (the stored JSON typed again). */
export function presentTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    kind: row.kind as TemplateKind,
    name: row.name,
    description: row.description,
    controls: row.controls as Template['controls'],
    flow: row.flow as Template['flow'],
    settings: row.settings as Template['settings'],
    rangeDepartments: row.range_departments,
    enabled: row.enabled,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Control ids, table columns included, that appear more than once. */
function repeatedControlIds(controls: readonly Control[]): string[] {
  const ids = controls.flatMap((c) => [c.id, ...(c.type === 'Table' ? c.columns.map((col) => col.id) : [])]);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** What the built-in kinds' own rules read (the expense amount, the leave type and period) must stay. */
function kindErrors(kind: TemplateKind, controls: readonly Control[]): FieldError[] {
  const has = (id: string, type: Control['type']) => controls.some((c) => c.id === id && c.type === type && c.required);
  if (kind === 'expense') {
    const items = controls.find((c) => c.id === EXPENSE_ITEMS);
    const ok = items?.type === 'Table' && items.required && items.columns.some((c) => c.id === EXPENSE_AMOUNT && c.type === 'Money' && c.required);
    return ok ? [] : [{ path: 'controls', reason: `an expense template keeps the required table ${EXPENSE_ITEMS} with its amount column ${EXPENSE_AMOUNT}` }];
  }
  if (kind === 'leave' && !(has(LEAVE_TYPE, 'Selector') && has(LEAVE_PERIOD, 'DateRange'))) {
    return [{ path: 'controls', reason: `a leave template keeps the required ${LEAVE_TYPE} and ${LEAVE_PERIOD}` }];
  }
  return [];
}

/**
 * 审批模板: the built-in 报销 / 请假 / 通用 (created for a corp on first use) and custom ones. Approval admins manage
 * them within their scope: a scoped admin only sees and saves templates whose applicant range lies in their scope.
 */
export class TemplateService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Creates the corp's built-in templates the first time anything asks for templates. */
  async ensureBuiltins(db: Executor, corpId: string): Promise<void> {
    const existing = await db.selectFrom('approval_templates').select('kind').where('corp_id', '=', corpId).where('kind', '<>', 'custom').execute();
    const missing = (Object.keys(builtinTemplates) as (keyof typeof builtinTemplates)[]).filter((k) => !existing.some((e) => e.kind === k));
    if (missing.length === 0) return;
    const now = this.clock.now();
    await db
      .insertInto('approval_templates')
      .values(missing.map((kind) => this.row(corpId, kind, builtinTemplates[kind], now)))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Templates an admin manages: all of them for a corp-wide admin, those whose range is in a scoped admin's reach. */
  async listForAdmin(db: Executor, corpId: string, reach: Reach): Promise<Template[]> {
    await this.ensureBuiltins(db, corpId);
    const rows = await db.selectFrom('approval_templates').selectAll().where('corp_id', '=', corpId).orderBy('created_at').orderBy('name').execute();
    const visible: Template[] = [];
    for (const row of rows) if (await this.inReach(db, corpId, reach, row.range_departments)) visible.push(presentTemplate(row));
    return visible;
  }

  async getForAdmin(db: Executor, corpId: string, reach: Reach, id: string): Promise<Template> {
    const row = await this.find(db, corpId, id);
    if (!row || !(await this.inReach(db, corpId, reach, row.range_departments))) throw new AppError('approvals.template_not_found');
    return presentTemplate(row);
  }

  /** Enabled templates a member may apply with: those whose range holds one of their departments. */
  async listForMember(db: Executor, corpId: string, memberId: string): Promise<Template[]> {
    await this.ensureBuiltins(db, corpId);
    const rows = await db.selectFrom('approval_templates as t').selectAll('t').where('t.corp_id', '=', corpId).where(usableBy(corpId, memberId)).orderBy('t.created_at').execute();
    return rows.map(presentTemplate);
  }

  /** One template a member may apply with (enabled, its range holding one of their departments), or undefined. */
  async findForMember(db: Executor, corpId: string, memberId: string, id: string): Promise<TemplateRow | undefined> {
    return db.selectFrom('approval_templates as t').selectAll('t').where('t.corp_id', '=', corpId).where('t.id', '=', id).where(usableBy(corpId, memberId)).executeTakeFirst();
  }

  async find(db: Executor, corpId: string, id: string): Promise<TemplateRow | undefined> {
    return db.selectFrom('approval_templates').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  }

  async create(trx: Trx, corpId: string, reach: Reach, input: TemplateInput, ctx: ActorContext): Promise<Template> {
    await this.check(trx, corpId, reach, 'custom', input);
    const row = this.row(corpId, 'custom', input, this.clock.now());
    await this.insertNamed(trx, row);
    await this.audit.record(trx, corpId, ctx, { action: 'approvals.template_create', targetType: 'approval_template', targetId: row.id, after: { name: input.name, controls: input.controls.length } });
    return presentTemplate((await this.find(trx, corpId, row.id))!);
  }

  /** Saves a new version; requests already submitted keep the controls and route they were submitted with. */
  async update(trx: Trx, corpId: string, reach: Reach, id: string, input: TemplateInput, ctx: ActorContext): Promise<Template> {
    const current = await trx.selectFrom('approval_templates').selectAll().where('corp_id', '=', corpId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || !(await this.inReach(trx, corpId, reach, current.range_departments))) throw new AppError('approvals.template_not_found');
    await this.check(trx, corpId, reach, current.kind as TemplateKind, input);
    const taken = await trx.selectFrom('approval_templates').select('id').where('corp_id', '=', corpId).where('id', '<>', id).where(sql<boolean>`lower(name) = lower(${input.name})`).executeTakeFirst();
    if (taken) throw new AppError('approvals.template_name_taken', { fields: [{ path: 'name', reason: 'already in use' }] });
    await trx
      .updateTable('approval_templates')
      .set({ name: input.name, description: input.description, controls: JSON.stringify(input.controls), flow: JSON.stringify(input.flow), settings: JSON.stringify(input.settings), range_departments: input.rangeDepartments, enabled: input.enabled, version: current.version + 1, updated_at: this.clock.now() })
      .where('id', '=', id)
      .execute();
    await this.audit.record(trx, corpId, ctx, { action: 'approvals.template_update', targetType: 'approval_template', targetId: id, before: { name: current.name, version: current.version, enabled: current.enabled }, after: { name: input.name, version: current.version + 1, enabled: input.enabled } });
    return presentTemplate((await this.find(trx, corpId, id))!);
  }

  private row(corpId: string, kind: TemplateKind, input: TemplateInput, now: Date) {
    return {
      id: randomToken(24),
      corp_id: corpId,
      kind,
      name: input.name,
      description: input.description,
      controls: JSON.stringify(input.controls),
      flow: JSON.stringify(input.flow),
      settings: JSON.stringify(input.settings),
      range_departments: input.rangeDepartments,
      enabled: input.enabled,
      created_at: now,
      updated_at: now,
    };
  }

  private async insertNamed(trx: Trx, row: ReturnType<TemplateService['row']>): Promise<void> {
    const inserted = await trx.insertInto('approval_templates').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new AppError('approvals.template_name_taken', { fields: [{ path: 'name', reason: 'already in use' }] });
  }

  /** Everything that must hold before a template is saved; all problems are reported at once. */
  private async check(db: Executor, corpId: string, reach: Reach, kind: TemplateKind, input: TemplateInput): Promise<void> {
    const errors: FieldError[] = [...kindErrors(kind, input.controls), ...flowErrors(input.controls, input.flow)];
    for (const id of new Set(repeatedControlIds(input.controls))) errors.push({ path: 'controls', reason: `repeats control id ${id}` });
    for (const { path, spec } of specsOf(input.flow)) {
      const problem = await specProblem(db, corpId, spec);
      if (problem) errors.push({ path, reason: problem });
    }
    if (input.rangeDepartments.length) {
      const outside = await departmentsOutside(db, corpId, 'all', input.rangeDepartments);
      if (outside.length) errors.push({ path: 'rangeDepartments', reason: `unknown: ${outside.join('|')}` });
    }
    if (errors.length) throw new AppError('approvals.template_invalid', { fields: errors });
    // A scoped admin saves only templates for departments in their scope, never one for everyone.
    if (reach !== 'all' && (input.rangeDepartments.length === 0 || (await departmentsOutside(db, corpId, reach, input.rangeDepartments)).length)) {
      throw new AppError('approvals.template_out_of_scope', { fields: [{ path: 'rangeDepartments', reason: 'must lie within your scope' }] });
    }
  }

  private async inReach(db: Executor, corpId: string, reach: Reach, range: number[]): Promise<boolean> {
    if (reach === 'all') return true;
    return range.length > 0 && (await departmentsOutside(db, corpId, reach, range)).length === 0;
  }
}
