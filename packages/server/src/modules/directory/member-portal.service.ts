import type { HideableField, MemberEditableField, PortalMember, PortalProfileUpdate } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as members from './member.repository';
import * as repo from './member-portal.repository';
import { memberSearchText } from './search-text';
import { visibleDepartmentsOf, visibleTops } from './viewer.repository';
import { viewerVisibility } from './visibility.evaluate';

const TOP_DEPARTMENTS = 200;

/** A member's record as activation and the portal need it. */
export interface MemberIdentity {
  memberId: string;
  corpId: string;
  userid: string;
  name: string;
  mobile: string | null;
  email: string | null;
  status: number;
}

/**
 * The directory as a member sees it (the member portal): their own record, the fields the corp lets them
 * change, and colleagues and departments through member visibility, filtered in the queries themselves.
 */
export class MemberPortalService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** A member by internal id, whatever their status; null when unknown. */
  async identity(db: Executor, memberId: string): Promise<MemberIdentity | null> {
    const row = await repo.memberById(db, memberId);
    return row ? { memberId: row.id, corpId: row.corp_id, userid: row.userid, name: row.name, mobile: row.mobile, email: row.email, status: row.status } : null;
  }

  /** Activates a member who has not activated yet (status 4 → 1); false when they are not in that state. */
  async activate(trx: Trx, corpId: string, memberId: string, ctx: ActorContext): Promise<boolean> {
    const row = await repo.memberById(trx, memberId);
    if (!row || row.corp_id !== corpId || row.status !== 4) return false;
    await members.updateMember(trx, memberId, { status: 1, activated_at: this.clock.now(), updated_at: this.clock.now() });
    await this.audit.record(trx, corpId, ctx, { action: 'directory.member_activate', targetType: 'member', targetId: row.userid, before: { status: 4 }, after: { status: 1 } });
    return true;
  }

  /** The member's own record. */
  async own(db: Executor, corpId: string, memberId: string) {
    const row = await repo.memberById(db, memberId);
    if (!row || row.corp_id !== corpId) throw new AppError('directory.member_not_found');
    return {
      userid: row.userid,
      name: row.name,
      alias: row.alias,
      mobile: row.mobile ?? '',
      email: row.email ?? '',
      position: row.position,
      telephone: row.telephone,
      address: row.address,
      departments: await repo.departmentsOfMember(db, corpId, memberId),
    };
  }

  /** Changes the member's own fields; each must be one the corp allows (`allowed`). */
  async updateOwn(trx: Trx, corpId: string, memberId: string, patch: PortalProfileUpdate, allowed: readonly MemberEditableField[], ctx: ActorContext): Promise<void> {
    const fields = (Object.keys(patch) as MemberEditableField[]).filter((k) => patch[k] !== undefined);
    const refused = fields.filter((f) => !allowed.includes(f));
    if (refused.length) throw new AppError('portal.field_not_editable', { fields: refused.map((path) => ({ path, reason: 'not editable by members in this organization' })) });
    if (fields.length === 0) return;
    const row = await repo.lockMember(trx, corpId, memberId);
    if (!row) throw new AppError('directory.member_not_found');
    const email = patch.email === undefined ? row.email : patch.email || null;
    if (patch.email !== undefined && !email && !row.mobile) throw new AppError('common.validation_failed', { fields: [{ path: 'email', reason: 'a mobile or an email is required' }] });
    if (email && patch.email !== undefined && (await members.holderOf(trx, corpId, 'email', email, memberId))) throw new AppError('directory.email_taken', { fields: [{ path: 'email', reason: 'belongs to another member' }] });
    const next = { alias: patch.alias ?? row.alias, telephone: patch.telephone ?? row.telephone, address: patch.address ?? row.address, email };
    await members.updateMember(trx, memberId, { ...next, search_text: memberSearchText({ ...row, alias: next.alias, email }), updated_at: this.clock.now() });
    const before = Object.fromEntries(fields.map((f) => [f, f === 'email' ? (row.email ?? '') : row[f]]));
    const after = Object.fromEntries(fields.map((f) => [f, f === 'email' ? (email ?? '') : next[f]]));
    await this.audit.record(trx, corpId, ctx, { action: 'directory.member_self_update', targetType: 'member', targetId: row.userid, before, after });
  }

  /** One level of the department tree as the viewer may see it; without a parent, where their tree starts. */
  async departments(db: Executor, corpId: string, viewer: { memberId: string; userid: string }, parentId?: number) {
    const v = await viewerVisibility(db, corpId, viewer.memberId);
    if (parentId === undefined) {
      const tops = await visibleTops(db, corpId, (alias) => v.departmentFilter(alias), TOP_DEPARTMENTS);
      const parents = await repo.withVisibleChildren(db, corpId, tops.map((d) => d.id), (alias) => v.departmentFilter(alias));
      return tops.map((d) => ({ id: d.id, name: d.name, parentId: d.parent_id, hasChildren: parents.has(d.id) }));
    }
    if (!(await repo.departmentVisible(db, corpId, parentId, v.departmentFilter('d')))) throw new AppError('directory.department_not_found');
    const rows = await repo.visibleChildren(db, corpId, parentId, (alias) => v.departmentFilter(alias));
    return rows.map((d) => ({ id: d.id, name: d.name, parentId: d.parent_id, hasChildren: Boolean(d.has_children) }));
  }

  /** A page of the colleagues the viewer may see, in a visible department when given, with hidden fields blanked. */
  async members(db: Executor, corpId: string, viewer: { memberId: string; userid: string }, query: { department?: number; q?: string; page: number; pageSize: number }) {
    const v = await viewerVisibility(db, corpId, viewer.memberId);
    if (query.department !== undefined && !(await repo.departmentVisible(db, corpId, query.department, v.departmentFilter('d')))) throw new AppError('directory.department_not_found');
    const { rows, total } = await repo.pagePortalMembers(
      db,
      corpId,
      { visible: v.memberFilter('m'), departmentId: query.department, search: query.q || undefined, hiddenFields: v.hiddenFields },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    const links = await visibleDepartmentsOf(db, corpId, rows.map((r) => r.id), v.departmentFilter('d'));
    return { items: rows.map((row) => present(v.mask(row), links.filter((l) => l.member_id === row.id), row.id === viewer.memberId, v.hiddenFields)), total };
  }

  /** One colleague, not found when the viewer may not see them. */
  async member(db: Executor, corpId: string, viewer: { memberId: string; userid: string }, userid: string): Promise<PortalMember> {
    const v = await viewerVisibility(db, corpId, viewer.memberId);
    const row = await repo.visibleMemberByUserid(db, corpId, userid, v.memberFilter('m', 'few'));
    if (!row) throw new AppError('directory.member_not_found');
    const links = await visibleDepartmentsOf(db, corpId, [row.id], v.departmentFilter('d'));
    return present(v.mask(row), links, row.id === viewer.memberId, v.hiddenFields);
  }
}

type PortalRow = Awaited<ReturnType<typeof repo.pagePortalMembers>>['rows'][number];

function present(row: Omit<PortalRow, 'total'>, departments: { id: number; name: string }[], self: boolean, hiddenFields: HideableField[]): PortalMember {
  return {
    userid: row.userid,
    name: row.name,
    alias: row.alias,
    position: row.position,
    gender: row.gender === '1' || row.gender === '2' ? row.gender : '0',
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    mobile: row.mobile ?? '',
    email: row.email ?? '',
    telephone: row.telephone,
    address: row.address,
    hiddenFields: self ? [] : hiddenFields,
    self,
  };
}
