import type { HiddenEntry, HiddenEntryInput, VisibilityPreview, VisibilityRule, VisibilityRuleInput } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { ROOT_DEPARTMENT_ID } from './department.service';
import { checkReferences, namesOf, type References } from './visibility-references';
import type { HiddenEntryRow, VisibilityRuleRow } from './visibility.table';
import { viewerVisibility } from './visibility.evaluate';
import * as repo from './visibility.repository';
import * as viewer from './viewer.repository';

const PREVIEW_TOP_DEPARTMENTS = 200;

/** Member visibility (通讯录权限): rules, hidden departments and members, and "what does member X see?". */
export class VisibilityService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async listRules(db: Executor, corpId: string): Promise<VisibilityRule[]> {
    const rows = await repo.listRules(db, corpId);
    const names = await namesOf(db, corpId, { departments: rows.flatMap((r) => [...r.viewer_departments, ...r.seen_departments]), tags: rows.flatMap((r) => [...r.viewer_tags, ...r.seen_tags]) });
    return rows.map((row) => presentRule(row, names));
  }

  async getRule(db: Executor, corpId: string, id: string): Promise<VisibilityRule> {
    const row = await this.findRule(db, corpId, id);
    return presentRule(row, await namesOf(db, corpId, { departments: [...row.viewer_departments, ...row.seen_departments], tags: [...row.viewer_tags, ...row.seen_tags] }));
  }

  async createRule(trx: Trx, corpId: string, input: VisibilityRuleInput, ctx: ActorContext): Promise<VisibilityRule> {
    const fields = ruleFields(input);
    await this.checkRule(trx, corpId, fields);
    const id = await repo.insertRule(trx, corpId, fields, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.rule_create', targetType: 'visibility_rule', targetId: id, after: ruleAuditView(fields) });
    return this.getRule(trx, corpId, id);
  }

  async updateRule(trx: Trx, corpId: string, id: string, input: VisibilityRuleInput, ctx: ActorContext): Promise<VisibilityRule> {
    const before = await this.findRule(trx, corpId, id, true);
    const fields = ruleFields(input);
    await this.checkRule(trx, corpId, fields, id);
    await repo.updateRule(trx, corpId, id, fields, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.rule_update', targetType: 'visibility_rule', targetId: id, before: ruleAuditView(before), after: ruleAuditView(fields) });
    return this.getRule(trx, corpId, id);
  }

  async deleteRule(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<void> {
    const before = await this.findRule(trx, corpId, id, true);
    await repo.deleteRule(trx, corpId, id);
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.rule_delete', targetType: 'visibility_rule', targetId: id, before: ruleAuditView(before) });
  }

  async listHidden(db: Executor, corpId: string): Promise<HiddenEntry[]> {
    const rows = await repo.listHidden(db, corpId);
    const names = await namesOf(db, corpId, {
      departments: rows.flatMap((r) => [...(r.department_id === null ? [] : [r.department_id]), ...r.allowed_departments]),
      tags: rows.flatMap((r) => r.allowed_tags),
      members: rows.flatMap((r) => [...(r.member_id === null ? [] : [r.member_id]), ...r.allowed_members]),
    });
    return rows.map((row) => presentHidden(row, names));
  }

  async getHidden(db: Executor, corpId: string, id: string): Promise<HiddenEntry> {
    const row = await this.findHidden(db, corpId, id);
    const names = await namesOf(db, corpId, {
      departments: [...(row.department_id === null ? [] : [row.department_id]), ...row.allowed_departments],
      tags: row.allowed_tags,
      members: [...(row.member_id === null ? [] : [row.member_id]), ...row.allowed_members],
    });
    return presentHidden(row, names);
  }

  async createHidden(trx: Trx, corpId: string, input: HiddenEntryInput, ctx: ActorContext): Promise<HiddenEntry> {
    const fields = await this.hiddenFields(trx, corpId, input);
    const id = await repo.insertHidden(trx, corpId, fields.row, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.hidden_create', targetType: 'visibility_hidden', targetId: id, after: fields.audit });
    return this.getHidden(trx, corpId, id);
  }

  async updateHidden(trx: Trx, corpId: string, id: string, input: HiddenEntryInput, ctx: ActorContext): Promise<HiddenEntry> {
    await this.findHidden(trx, corpId, id, true);
    const before = await this.getHidden(trx, corpId, id);
    const fields = await this.hiddenFields(trx, corpId, input, id);
    await repo.updateHidden(trx, corpId, id, fields.row, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.hidden_update', targetType: 'visibility_hidden', targetId: id, before: hiddenAuditView(before), after: fields.audit });
    return this.getHidden(trx, corpId, id);
  }

  async deleteHidden(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<void> {
    await this.findHidden(trx, corpId, id, true);
    const before = await this.getHidden(trx, corpId, id);
    await repo.deleteHidden(trx, corpId, id);
    await this.audit.record(trx, corpId, ctx, { action: 'visibility.hidden_delete', targetType: 'visibility_hidden', targetId: id, before: hiddenAuditView(before) });
  }

  /** "What does member X see?": the rules that apply, counts, where their tree starts, and a page as they see it. */
  async preview(db: Executor, corpId: string, userid: string, query: { page: number; pageSize: number; q?: string }): Promise<VisibilityPreview> {
    const member = await repo.memberByUserid(db, corpId, userid);
    if (!member) throw new AppError('directory.member_not_found', { fields: [{ path: 'userid', reason: 'no such member' }] });
    if (member.status === 5) throw new AppError('directory.member_left', { fields: [{ path: 'userid', reason: 'the member has left' }] });
    const v = await viewerVisibility(db, corpId, member.id);
    const counts = await viewer.visibleCounts(db, v.memberFilter('m'), v.departmentFilter('d'));
    const tops = await viewer.visibleTops(db, corpId, (alias) => v.departmentFilter(alias), PREVIEW_TOP_DEPARTMENTS);
    const { rows, total } = await viewer.pageVisibleMembers(db, v.memberFilter('m'), { text: query.q || undefined, hiddenFields: v.hiddenFields }, (query.page - 1) * query.pageSize, query.pageSize);
    const links = await viewer.visibleDepartmentsOf(db, corpId, rows.map((r) => r.id), v.departmentFilter('d'));
    const hidden = new Set<string>(v.hiddenFields);
    return {
      viewer: { userid: member.userid, name: member.name },
      rules: v.rules,
      seesWholeOrganization: v.seesAll && v.blockedDepartments.length === 0 && v.blockedMembers.length === 0,
      hiddenFields: v.hiddenFields,
      counts,
      topDepartments: tops.map((d) => ({ id: d.id, name: d.name, parentId: d.parent_id })),
      items: rows.map((row) => {
        const self = row.id === member.id;
        const shown = (field: 'mobile' | 'email' | 'telephone' | 'address', value: string | null) => (!self && hidden.has(field) ? null : (value ?? ''));
        return {
          userid: row.userid,
          name: row.name,
          alias: row.alias,
          position: row.position,
          departments: links.filter((l) => l.member_id === row.id).map((l) => ({ id: l.id, name: l.name })),
          mobile: shown('mobile', row.mobile),
          email: shown('email', row.email),
          telephone: shown('telephone', row.telephone),
          address: shown('address', row.address),
          self,
        };
      }),
      total,
    };
  }

  private async findRule(db: Executor, corpId: string, id: string, lock = false): Promise<VisibilityRuleRow> {
    const row = await repo.findRule(db, corpId, id, { lock });
    if (!row) throw new AppError('visibility.rule_not_found');
    return row;
  }

  private async findHidden(db: Executor, corpId: string, id: string, lock = false): Promise<HiddenEntryRow> {
    const row = await repo.findHidden(db, corpId, id, { lock });
    if (!row) throw new AppError('visibility.hidden_not_found');
    return row;
  }

  /** The name is free and every department and tag exists (all unknown ones are reported at once). */
  private async checkRule(trx: Trx, corpId: string, fields: RuleFields, exceptId?: string): Promise<void> {
    await checkReferences(trx, corpId, [
      { path: 'viewerDepartmentIds', departments: fields.viewer_departments },
      { path: 'viewerTagIds', tags: fields.viewer_tags },
      { path: 'seenDepartmentIds', departments: fields.seen_departments },
      { path: 'seenTagIds', tags: fields.seen_tags },
    ]);
    if (await repo.ruleNamed(trx, corpId, fields.name, exceptId)) throw new AppError('visibility.rule_name_taken', { fields: [{ path: 'name', reason: 'already used' }] });
  }

  /** Validates a hidden entry's target and lists, resolving userids to members. */
  private async hiddenFields(trx: Trx, corpId: string, input: HiddenEntryInput, exceptId?: string) {
    if (input.departmentId === ROOT_DEPARTMENT_ID) throw new AppError('common.validation_failed', { fields: [{ path: 'departmentId', reason: 'the root department cannot be hidden' }] });
    const allowedDepartments = unique(input.allowedDepartmentIds);
    const allowedTags = unique(input.allowedTagIds);
    const resolved = await checkReferences(trx, corpId, [
      ...(input.departmentId !== undefined ? [{ path: 'departmentId', departments: [input.departmentId] }] : []),
      ...(input.userid !== undefined ? [{ path: 'userid', userids: [input.userid] }] : []),
      { path: 'allowedDepartmentIds', departments: allowedDepartments },
      { path: 'allowedTagIds', tags: allowedTags },
      { path: 'allowedUserids', userids: input.allowedUserids },
    ]);
    const memberId = input.userid !== undefined ? resolved.members.get(input.userid.toLowerCase())!.id : null;
    const target = input.departmentId !== undefined ? { departmentId: input.departmentId } : { memberId: memberId! };
    if (await repo.hiddenTarget(trx, corpId, target, exceptId)) throw new AppError('visibility.already_hidden', { fields: [{ path: input.departmentId !== undefined ? 'departmentId' : 'userid', reason: 'already hidden' }] });
    const allowedMembers = unique(input.allowedUserids.map((u) => resolved.members.get(u.toLowerCase())!));
    return {
      row: { department_id: input.departmentId ?? null, member_id: memberId, allowed_departments: allowedDepartments, allowed_tags: allowedTags, allowed_members: unique(allowedMembers.map((m) => m.id)) },
      audit: { departmentId: input.departmentId ?? null, userid: input.userid ?? null, allowedDepartmentIds: allowedDepartments, allowedTagIds: allowedTags, allowedUserids: unique(allowedMembers.map((m) => m.userid)) },
    };
  }
}

type RuleFields = ReturnType<typeof ruleFields>;

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function ruleFields(input: VisibilityRuleInput) {
  return {
    name: input.name,
    viewer_departments: unique(input.viewerDepartmentIds),
    viewer_tags: unique(input.viewerTagIds),
    sees: input.sees,
    seen_departments: unique(input.seenDepartmentIds),
    seen_tags: unique(input.seenTagIds),
    hidden_fields: unique(input.hiddenFields),
  };
}

function ruleAuditView(r: Pick<VisibilityRuleRow, 'name' | 'sees' | 'viewer_departments' | 'viewer_tags' | 'seen_departments' | 'seen_tags' | 'hidden_fields'>) {
  return { name: r.name, viewerDepartmentIds: r.viewer_departments, viewerTagIds: r.viewer_tags, sees: r.sees, seenDepartmentIds: r.seen_departments, seenTagIds: r.seen_tags, hiddenFields: r.hidden_fields };
}

function hiddenAuditView(entry: HiddenEntry) {
  return {
    departmentId: entry.department?.id ?? null,
    userid: entry.member?.userid ?? null,
    allowedDepartmentIds: entry.allowedDepartments.map((d) => d.id),
    allowedTagIds: entry.allowedTags.map((t) => t.id),
    allowedUserids: entry.allowedMembers.map((m) => m.userid),
  };
}

function presentRule(row: VisibilityRuleRow, names: References): VisibilityRule {
  return {
    id: row.id,
    name: row.name,
    viewerDepartments: names.departmentList(row.viewer_departments),
    viewerTags: names.tagList(row.viewer_tags),
    sees: row.sees,
    seenDepartments: names.departmentList(row.seen_departments),
    seenTags: names.tagList(row.seen_tags),
    hiddenFields: row.hidden_fields as VisibilityRule['hiddenFields'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentHidden(row: HiddenEntryRow, names: References): HiddenEntry {
  const department = row.department_id === null ? [] : names.departmentList([row.department_id]);
  const member = row.member_id === null ? [] : names.memberList([row.member_id], { includeLeft: true });
  return {
    id: row.id,
    kind: row.department_id === null ? 'member' : 'department',
    department: department[0] ?? null,
    member: member[0] ?? null,
    allowedDepartments: names.departmentList(row.allowed_departments),
    allowedTags: names.tagList(row.allowed_tags),
    allowedMembers: names.memberList(row.allowed_members),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
