import type { Department } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as repo from './department.repository';
import type { DepartmentWithCounts } from './department.repository';
import type { DirectoryScope } from './directory-scope';
import * as members from './member.repository';
import { departmentsOutside, reachTops } from './scope-sql';

export const ROOT_DEPARTMENT_ID = 1;

/** A department without its counts, as lists for the API need it. */
export type DepartmentSummary = Pick<Department, 'id' | 'name' | 'parentId' | 'order' | 'leaders'>;

/** What creating a department takes. */
export interface NewDepartment {
  name: string;
  parentId: number;
  order?: number;
  id?: number;
  leaders?: string[];
}

/** The department tree of a corp: create, rename, move, reorder, delete when empty. */
export class DepartmentService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** A department inside the scope; outside it, the department does not exist for this caller. */
  async get(db: Executor, scope: DirectoryScope, id: number): Promise<Department> {
    const row = await repo.findDepartment(db, scope.corpId, id, scope.reach);
    if (!row) throw new AppError('directory.department_not_found');
    return present(row);
  }

  /**
   * The tops of the caller's tree when no parent is given (the root for the whole corp, the scope's top
   * departments for a scoped admin), otherwise the parent's children: what a lazily opened tree asks for.
   * The children of a department inside the scope are inside it too (scopes take whole subtrees).
   */
  async children(db: Executor, scope: DirectoryScope, parentId?: number): Promise<Department[]> {
    if (parentId === undefined) {
      if (scope.reach === 'all') return [await this.get(db, scope, ROOT_DEPARTMENT_ID)];
      return (await repo.findDepartments(db, scope.corpId, await reachTops(db, scope.corpId, scope.reach), scope.reach)).map(present);
    }
    await this.get(db, scope, parentId);
    return (await repo.findChildren(db, scope.corpId, parentId)).map(present);
  }

  /** Every department inside the scope, or a department with everything below it (WeCom's department/list), without counts. */
  async subtree(db: Executor, scope: DirectoryScope, rootId?: number): Promise<DepartmentSummary[]> {
    if (rootId !== undefined && !(await repo.findDepartment(db, scope.corpId, rootId, scope.reach))) throw new AppError('directory.department_not_found');
    return (await repo.departmentsWithin(db, scope.corpId, scope.reach, rootId)).map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, order: r.sort_order, leaders: r.leaders }));
  }

  /** Refuses departments outside the caller's scope (unknown ones read as not found, to reveal nothing). */
  async assertWithin(db: Executor, scope: DirectoryScope, ids: number[], path: string): Promise<void> {
    const outside = await departmentsOutside(db, scope.corpId, scope.reach, ids);
    if (outside.length) throw new AppError('directory.department_not_found', { fields: [{ path, reason: `unknown: ${outside.join(', ')}` }] });
  }

  /** Creates a corp's root department (id 1), named after the corp. */
  async createRoot(trx: Trx, corpId: string, name: string): Promise<void> {
    await repo.insertDepartment(trx, { corp_id: corpId, id: ROOT_DEPARTMENT_ID, parent_id: null, name });
  }

  async create(trx: Trx, scope: DirectoryScope, input: NewDepartment, ctx: ActorContext): Promise<Department> {
    const corpId = scope.corpId;
    await repo.lockCorpDirectory(trx, corpId);
    if (!(await repo.findDepartment(trx, corpId, input.parentId, scope.reach))) throw new AppError('directory.department_not_found', { fields: [{ path: 'parentId', reason: 'no such department' }] });
    if (await repo.siblingNamed(trx, corpId, input.parentId, input.name)) throw new AppError('directory.department_name_taken', { fields: [{ path: 'name', reason: 'already used under this parent' }] });
    if (input.id !== undefined && (await repo.findDepartment(trx, corpId, input.id))) throw new AppError('directory.department_id_taken', { fields: [{ path: 'id', reason: 'already used' }] });
    await this.checkLeaders(trx, corpId, input.leaders);
    const id = input.id ?? (await repo.nextDepartmentId(trx, corpId));
    await repo.insertDepartment(trx, { corp_id: corpId, id, parent_id: input.parentId, name: input.name, sort_order: input.order ?? 0, leaders: input.leaders ?? [] });
    const created = await this.get(trx, scope, id);
    await this.audit.record(trx, corpId, ctx, { action: 'directory.department_create', targetType: 'department', targetId: String(id), after: auditView(created) });
    return created;
  }

  async update(trx: Trx, scope: DirectoryScope, id: number, patch: { name?: string; parentId?: number; order?: number; leaders?: string[] }, ctx: ActorContext): Promise<Department> {
    const corpId = scope.corpId;
    await repo.lockCorpDirectory(trx, corpId);
    const before = await this.get(trx, scope, id);
    const parentId = patch.parentId ?? before.parentId;
    if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
      if (id === ROOT_DEPARTMENT_ID) throw new AppError('directory.root_department');
      if (!(await repo.findDepartment(trx, corpId, patch.parentId, scope.reach))) throw new AppError('directory.department_not_found', { fields: [{ path: 'parentId', reason: 'no such department' }] });
      if ((await repo.subtreeIds(trx, corpId, id)).includes(patch.parentId)) throw new AppError('directory.department_cycle', { fields: [{ path: 'parentId', reason: 'is the department itself or below it' }] });
    }
    const name = patch.name ?? before.name;
    if (parentId !== null && (patch.name !== undefined || patch.parentId !== undefined) && (await repo.siblingNamed(trx, corpId, parentId, name, id))) {
      throw new AppError('directory.department_name_taken', { fields: [{ path: 'name', reason: 'already used under this parent' }] });
    }
    await this.checkLeaders(trx, corpId, patch.leaders);
    await repo.updateDepartment(trx, corpId, id, { name: patch.name, parent_id: patch.parentId, sort_order: patch.order, leaders: patch.leaders, updated_at: this.clock.now() });
    const after = await this.get(trx, scope, id);
    await this.audit.record(trx, corpId, ctx, { action: 'directory.department_update', targetType: 'department', targetId: String(id), before: auditView(before), after: auditView(after) });
    return after;
  }

  /** Deletes a department that has no sub-departments and no current members. */
  async delete(trx: Trx, scope: DirectoryScope, id: number, ctx: ActorContext): Promise<void> {
    const corpId = scope.corpId;
    if (id === ROOT_DEPARTMENT_ID) throw new AppError('directory.root_department');
    await repo.lockCorpDirectory(trx, corpId);
    const before = await this.get(trx, scope, id);
    if (before.hasChildren || (await repo.hasCurrentMembers(trx, corpId, id))) throw new AppError('directory.department_not_empty');
    await repo.releaseLeftMembers(trx, corpId, id, ROOT_DEPARTMENT_ID);
    await repo.deleteDepartment(trx, corpId, id);
    await this.audit.record(trx, corpId, ctx, { action: 'directory.department_delete', targetType: 'department', targetId: String(id), before: auditView(before) });
  }

  private async checkLeaders(db: Executor, corpId: string, leaders: string[] | undefined): Promise<void> {
    if (!leaders?.length) return;
    const found = await members.currentUserids(db, corpId, leaders);
    const missing = leaders.filter((u) => !found.has(u.toLowerCase()));
    if (missing.length) throw new AppError('directory.leader_not_found', { fields: [{ path: 'leaders', reason: `unknown: ${missing.join(', ')}` }] });
  }
}

function present(row: DepartmentWithCounts): Department {
  return { id: row.id, name: row.name, parentId: row.parent_id, order: row.sort_order, leaders: row.leaders, hasChildren: Boolean(row.has_children), memberCount: row.member_count ?? 0 };
}

function auditView(d: Department) {
  return { name: d.name, parentId: d.parentId, order: d.order, leaders: d.leaders };
}
