import { memberStatuses, type Member, type MemberCreate, type MemberListQuery, type MemberUpdate } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as departments from './department.repository';
import type { DirectoryScope } from './directory-scope';
import type { MemberRow } from './directory.table';
import { memberAuditView, presentMember } from './member.present';
import * as repo from './member.repository';
import { departmentsOutside } from './scope-sql';
import { memberSearchText, nameSortKey } from './search-text';

/** Tells whether taking a member out of service would leave the corp without an active super admin. */
export interface SuperAdminGuard {
  isLastActiveSuperAdmin(db: Executor, corpId: string, memberId: string): Promise<boolean>;
  /** Whether the member holds the super admin role (active or pending). */
  isSuperAdmin(db: Executor, corpId: string, memberId: string): Promise<boolean>;
  /** The member ids of a corp's super admins (bulk work never disables them). */
  superAdminIds(db: Executor, corpId: string): Promise<Set<string>>;
}

/** Members: one set of rules for the console, the API and the importer. */
export class MemberService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly superAdmins: SuperAdminGuard,
  ) {}

  /** The member's internal id, for modules that keep their own rows about members (credentials, admins). */
  async memberId(db: Executor, scope: DirectoryScope, userid: string): Promise<string> {
    const row = await repo.findByUserid(db, scope.corpId, userid, { reach: scope.reach });
    if (!row) throw new AppError('directory.member_not_found');
    return row.id;
  }

  /** Everyone in scope but those who left: the head count. */
  async count(db: Executor, scope: DirectoryScope): Promise<number> {
    return repo.countCurrent(db, scope.corpId, scope.reach);
  }

  async get(db: Executor, scope: DirectoryScope, userid: string): Promise<Member> {
    const found = await repo.findWithDepartments(db, scope.corpId, userid, scope.reach);
    if (!found) throw new AppError('directory.member_not_found');
    const { links, ...row } = found;
    return presentMember(row, links);
  }

  async list(db: Executor, scope: DirectoryScope, query: MemberListQuery): Promise<{ items: Member[]; total: number }> {
    if (query.department !== undefined && !(await departments.findDepartment(db, scope.corpId, query.department, scope.reach))) throw new AppError('directory.department_not_found');
    const departmentIds = query.department === undefined ? null : query.recursive ? await departments.subtreeIds(db, scope.corpId, query.department) : [query.department];
    // A scope takes whole subtrees: once the department is known to be inside it, so is everyone in it.
    const reach = query.department === undefined ? scope.reach : 'all';
    const { rows, total } = await repo.pageMembers(db, scope.corpId, { reach, departmentIds, status: query.status, search: query.q || undefined }, { field: query.sort, order: query.order }, (query.page - 1) * query.pageSize, query.pageSize);
    const links = groupBy(await repo.departmentsOf(db, scope.corpId, rows.map((r) => r.id)), (l) => l.member_id);
    return { items: rows.map((r) => presentMember(r, links.get(r.id) ?? [])), total };
  }

  /** Every (member, department) pair inside the scope, a page at a time after a keyset position. */
  async departmentPairs(db: Executor, scope: DirectoryScope, after: { memberId: string; departmentId: number } | null, limit: number) {
    return repo.departmentPairs(db, scope.corpId, scope.reach, after, limit);
  }

  /** The userid of a current member by mobile, inside the scope; not found otherwise. */
  async useridByMobile(db: Executor, scope: DirectoryScope, mobile: string): Promise<string> {
    const userid = await repo.useridByMobile(db, scope.corpId, scope.reach, mobile);
    if (!userid) throw new AppError('directory.member_not_found');
    return userid;
  }

  /**
   * Creates a member, not yet activated. A userid that belonged to someone who left brings that record back
   * (a rehire keeps its history); any other taken userid, mobile or email is refused.
   */
  async create(trx: Trx, scope: DirectoryScope, input: MemberCreate, ctx: ActorContext, options: { activated?: boolean } = {}): Promise<Member> {
    const corpId = scope.corpId;
    const existing = await repo.findByUserid(trx, corpId, input.userid, { lock: true });
    if (existing && existing.status !== memberStatuses.left) throw new AppError('directory.userid_taken', { fields: [{ path: 'userid', reason: 'already in use' }] });
    await this.assertDepartmentsWithin(trx, scope, input.departments.map((d) => d.id));
    await this.checkReferences(trx, corpId, input, existing?.id);
    const now = this.clock.now();
    const fields = {
      name: input.name,
      alias: input.alias ?? '',
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      position: input.position ?? '',
      gender: input.gender ?? '0',
      main_department: input.mainDepartment ?? input.departments[0]!.id,
      direct_leaders: input.directLeaders ?? [],
      telephone: input.telephone ?? '',
      address: input.address ?? '',
      extattr: JSON.stringify(input.extattr ?? []),
      join_date: input.joinDate ?? null,
      status: options.activated ? memberStatuses.active : memberStatuses.notActivated,
      search_text: memberSearchText(input),
      name_sort: nameSortKey(input.name),
      updated_at: now,
    };
    let memberId: string;
    if (existing) {
      memberId = existing.id;
      await repo.updateMember(trx, memberId, { ...fields, userid: input.userid, activated_at: options.activated ? now : null });
    } else {
      memberId = await repo.insertMember(trx, { ...fields, corp_id: corpId, userid: input.userid, created_at: now, activated_at: options.activated ? now : null });
    }
    await repo.replaceDepartments(trx, corpId, memberId, input.departments);
    const created = await this.get(trx, scope, input.userid);
    await this.audit.record(trx, corpId, ctx, { action: existing ? 'directory.member_rehire' : 'directory.member_create', targetType: 'member', targetId: created.userid, after: memberAuditView(created) });
    return created;
  }

  /**
   * Updates a member inside the scope. Departments added or removed must be inside the scope too: moving
   * someone out of it needs edit rights on both sides.
   */
  async update(trx: Trx, scope: DirectoryScope, userid: string, patch: MemberUpdate, ctx: ActorContext): Promise<Member> {
    const corpId = scope.corpId;
    const row = await this.current(trx, scope, userid);
    const before = await this.present(trx, row);
    if (patch.departments) {
      const was = new Set(before.departments.map((d) => d.id));
      const now = new Set(patch.departments.map((d) => d.id));
      await this.assertDepartmentsWithin(trx, scope, [...[...now].filter((id) => !was.has(id)), ...[...was].filter((id) => !now.has(id))]);
    }
    if (patch.newUserid && patch.newUserid.toLowerCase() !== row.userid.toLowerCase()) {
      if (row.activated_at) throw new AppError('directory.userid_immutable', { fields: [{ path: 'newUserid', reason: 'the member has activated' }] });
      if (await repo.findByUserid(trx, corpId, patch.newUserid)) throw new AppError('directory.userid_taken', { fields: [{ path: 'newUserid', reason: 'already in use' }] });
    }
    const merged = {
      userid: patch.newUserid ?? row.userid,
      name: patch.name ?? row.name,
      alias: patch.alias ?? row.alias,
      mobile: patch.mobile === undefined ? row.mobile : patch.mobile,
      email: patch.email === undefined ? row.email : patch.email,
    };
    if (!merged.mobile && !merged.email) throw new AppError('common.validation_failed', { fields: [{ path: 'mobile', reason: 'a mobile or an email is required' }] });
    const departmentList = patch.departments ?? before.departments;
    const mainDepartment = patch.mainDepartment ?? (departmentList.some((d) => d.id === before.mainDepartment) ? before.mainDepartment : departmentList[0]!.id);
    if (!departmentList.some((d) => d.id === mainDepartment)) throw new AppError('common.validation_failed', { fields: [{ path: 'mainDepartment', reason: "must be one of the member's departments" }] });
    await this.checkReferences(trx, corpId, { ...merged, mobile: merged.mobile ?? undefined, email: merged.email ?? undefined, departments: patch.departments ?? [], directLeaders: patch.directLeaders }, row.id);
    await repo.updateMember(trx, row.id, {
      ...merged,
      position: patch.position,
      gender: patch.gender,
      main_department: mainDepartment,
      direct_leaders: patch.directLeaders,
      telephone: patch.telephone,
      address: patch.address,
      extattr: patch.extattr ? JSON.stringify(patch.extattr) : undefined,
      join_date: patch.joinDate,
      search_text: memberSearchText(merged),
      name_sort: nameSortKey(merged.name),
      updated_at: this.clock.now(),
    });
    if (patch.departments) await repo.replaceDepartments(trx, corpId, row.id, patch.departments);
    const after = await this.get(trx, scope, merged.userid);
    await this.audit.record(trx, corpId, ctx, { action: 'directory.member_update', targetType: 'member', targetId: after.userid, ...changedFields(memberAuditView(before), memberAuditView(after)) });
    return after;
  }

  /** Disables or re-enables a member; disabling the last active super admin is refused. */
  async setEnabled(trx: Trx, scope: DirectoryScope, userid: string, enabled: boolean, ctx: ActorContext): Promise<Member> {
    const row = await this.current(trx, scope, userid);
    const status = enabled ? (row.activated_at ? memberStatuses.active : memberStatuses.notActivated) : memberStatuses.disabled;
    if (row.status === status) return this.present(trx, row);
    if (!enabled && (await this.superAdmins.isLastActiveSuperAdmin(trx, scope.corpId, row.id))) throw new AppError('directory.last_super_admin');
    await repo.updateMember(trx, row.id, { status, updated_at: this.clock.now() });
    await this.audit.record(trx, scope.corpId, ctx, { action: enabled ? 'directory.member_enable' : 'directory.member_disable', targetType: 'member', targetId: row.userid, before: { status: row.status }, after: { status } });
    return this.get(trx, scope, row.userid);
  }

  /** Marks a member as left: their record and history stay, their mobile and email are freed. */
  async delete(trx: Trx, scope: DirectoryScope, userid: string, ctx: ActorContext): Promise<void> {
    const row = await this.current(trx, scope, userid);
    if (await this.superAdmins.isLastActiveSuperAdmin(trx, scope.corpId, row.id)) throw new AppError('directory.last_super_admin');
    await repo.updateMember(trx, row.id, { status: memberStatuses.left, updated_at: this.clock.now() });
    await this.audit.record(trx, scope.corpId, ctx, { action: 'directory.member_delete', targetType: 'member', targetId: row.userid, before: { status: row.status }, after: { status: memberStatuses.left } });
  }

  /** Moves members into one department, replacing their departments. */
  async move(trx: Trx, scope: DirectoryScope, userid: string, departmentId: number, ctx: ActorContext): Promise<Member> {
    return this.update(trx, scope, userid, { departments: [{ id: departmentId, order: 0, isLeader: false }], mainDepartment: departmentId }, ctx);
  }

  /** A member about to change: inside the scope, not left, and not a super admin unless the caller is one. */
  private async current(db: Executor, scope: DirectoryScope, userid: string): Promise<MemberRow> {
    const row = await repo.findByUserid(db, scope.corpId, userid, { lock: true, reach: scope.reach });
    if (!row) throw new AppError('directory.member_not_found');
    if (row.status === memberStatuses.left) throw new AppError('directory.member_left');
    if (!scope.superAdmin && (await this.superAdmins.isSuperAdmin(db, scope.corpId, row.id))) throw new AppError('access.super_admin_protected');
    return row;
  }

  private async assertDepartmentsWithin(db: Executor, scope: DirectoryScope, ids: number[]): Promise<void> {
    if (scope.reach === 'all') return;
    const outside = await departmentsOutside(db, scope.corpId, scope.reach, ids);
    if (outside.length) throw new AppError('directory.department_not_found', { fields: [{ path: 'departments', reason: `unknown: ${outside.join(', ')}` }] });
  }

  private async present(db: Executor, row: MemberRow): Promise<Member> {
    return presentMember(row, await repo.departmentsOf(db, row.corp_id, [row.id]));
  }

  /** Departments exist, leaders are current members, and the mobile and email are nobody else's. */
  private async checkReferences(db: Executor, corpId: string, input: { mobile?: string; email?: string; departments: { id: number }[]; directLeaders?: string[] }, memberId?: string): Promise<void> {
    const ids = input.departments.map((d) => d.id);
    const found = await departments.existingIds(db, corpId, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('directory.department_not_found', { fields: [{ path: 'departments', reason: `unknown: ${missing.join(', ')}` }] });
    if (input.directLeaders?.length) {
      const leaders = await repo.currentUserids(db, corpId, input.directLeaders);
      const unknown = input.directLeaders.filter((u) => !leaders.has(u.toLowerCase()));
      if (unknown.length) throw new AppError('directory.leader_not_found', { fields: [{ path: 'directLeaders', reason: `unknown: ${unknown.join(', ')}` }] });
    }
    if (input.mobile && (await repo.holderOf(db, corpId, 'mobile', input.mobile, memberId))) throw new AppError('directory.mobile_taken', { fields: [{ path: 'mobile', reason: 'belongs to another member' }] });
    if (input.email && (await repo.holderOf(db, corpId, 'email', input.email, memberId))) throw new AppError('directory.email_taken', { fields: [{ path: 'email', reason: 'belongs to another member' }] });
  }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Before and after of only the fields that changed. */
function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<T>, after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Partial<T> };
}
