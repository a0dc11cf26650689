import { DEFAULT_MAX_SUPER_ADMINS, type AdminScope, type Assignment } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Principal } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { departmentsOutside } from '../directory';
import * as repo from './access.repository';
import { presentAssignments } from './assignment.present';
import { assertGrantable } from './escalation';
import type { StoredScope } from './grants';
import { hasScopedPermission, resolveRole, type ResolvedRole } from './roles';

type AssignmentRow = NonNullable<Awaited<ReturnType<typeof repo.findAssignment>>>;

/** Admin assignments: a member, a role and a scope. Appoint, change, remove — never beyond what the actor holds. */
export class AssignmentService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(db: Executor, corpId: string): Promise<Assignment[]> {
    return presentAssignments(db, corpId, await repo.assignmentsWithMembers(db, corpId).execute());
  }

  async maxSuperAdmins(db: Executor, corpId: string): Promise<number> {
    return (await repo.maxSuperAdmins(db, corpId)) ?? DEFAULT_MAX_SUPER_ADMINS;
  }

  /** Sets the corp's maximum of super admins (a super admin's decision, never below how many there are). */
  async setMaxSuperAdmins(trx: Trx, actor: Principal, value: number, ctx: ActorContext): Promise<void> {
    if (!actor.isSuperAdmin) throw new AppError('access.super_admin_protected');
    await repo.lockCorpAdmins(trx, actor.corpId);
    const before = await this.maxSuperAdmins(trx, actor.corpId);
    if (value < (await repo.superAdminMemberIds(trx, actor.corpId)).length) throw new AppError('common.validation_failed', { fields: [{ path: 'maxSuperAdmins', reason: 'fewer than the super admins the corp has now' }] });
    await repo.setMaxSuperAdmins(trx, actor.corpId, value);
    await this.audit.record(trx, actor.corpId, ctx, { action: 'access.settings_update', targetType: 'corp', targetId: actor.corpId, before: { maxSuperAdmins: before }, after: { maxSuperAdmins: value } });
  }

  /**
   * Appoints a member (by userid or mobile) to a role over a scope. A member who is not an admin yet stays
   * pending until they sign in and pass two-step verification.
   */
  async appoint(trx: Trx, actor: Principal, input: { member: string; roleId: string; scope: AdminScope }, ctx: ActorContext): Promise<Assignment> {
    const corpId = actor.corpId;
    await repo.lockCorpAdmins(trx, corpId);
    const member = await repo.memberByLogin(trx, corpId, input.member);
    if (!member || member.status !== 1) throw new AppError('access.member_not_eligible', { fields: [{ path: 'member', reason: 'no such member, or not active' }] });
    if (member.id === actor.memberId) throw new AppError('access.own_assignment', { fields: [{ path: 'member', reason: 'is your own account' }] });
    const role = await resolveRole(trx, corpId, input.roleId);
    const scope = await this.checkScope(trx, corpId, role, input.scope);
    await this.assertMayTouch(trx, actor, member.id);
    await assertGrantable(trx, actor, role, scope);
    if (role.builtin === 'super_admin') await this.assertSuperAdminRoom(trx, corpId, member.id);
    const states = await repo.assignmentStates(trx, corpId, member.id);
    const now = this.clock.now();
    const id = await repo.insertAssignment(trx, {
      corp_id: corpId,
      member_id: member.id,
      role_id: role.id,
      scope_departments: [...scope.departments],
      scope_tags: [...scope.tags],
      scope_own_departments: scope.ownDepartments,
      status: states.active ? 'active' : 'pending',
      created_at: now,
      activated_at: states.active ? now : null,
    });
    const [created] = await presentAssignments(trx, corpId, [await this.find(trx, corpId, id)]);
    await this.audit.record(trx, corpId, ctx, { action: 'access.admin_appoint', targetType: 'member', targetId: member.userid, after: auditView(created!) });
    return created!;
  }

  /** Changes an assignment's role or scope; the actor must be able to grant both what it was and what it becomes. */
  async update(trx: Trx, actor: Principal, id: string, patch: { roleId?: string; scope?: AdminScope }, ctx: ActorContext): Promise<Assignment> {
    const corpId = actor.corpId;
    await repo.lockCorpAdmins(trx, corpId);
    const row = await this.findTouchable(trx, actor, id);
    const role = await resolveRole(trx, corpId, patch.roleId ?? row.role_id);
    const scope = patch.scope ? await this.checkScope(trx, corpId, role, patch.scope) : storedScope(row);
    await assertGrantable(trx, actor, role, scope);
    if (row.role_id === 'super_admin' && role.id !== 'super_admin') await this.assertNotLastSuperAdmin(trx, corpId, row);
    if (row.role_id !== 'super_admin' && role.builtin === 'super_admin') await this.assertSuperAdminRoom(trx, corpId, row.member_id);
    const [before] = await presentAssignments(trx, corpId, [row]);
    await repo.updateAssignment(trx, corpId, id, { role_id: role.id, scope_departments: [...scope.departments], scope_tags: [...scope.tags], scope_own_departments: scope.ownDepartments });
    const [after] = await presentAssignments(trx, corpId, [await this.find(trx, corpId, id)]);
    await this.audit.record(trx, corpId, ctx, { action: 'access.admin_update', targetType: 'member', targetId: row.userid, before: auditView(before!), after: auditView(after!) });
    return after!;
  }

  /** Removes an assignment; the last active super admin's cannot go. */
  async remove(trx: Trx, actor: Principal, id: string, ctx: ActorContext): Promise<void> {
    const corpId = actor.corpId;
    await repo.lockCorpAdmins(trx, corpId);
    const row = await this.findTouchable(trx, actor, id);
    if (row.role_id === 'super_admin') await this.assertNotLastSuperAdmin(trx, corpId, row);
    const [before] = await presentAssignments(trx, corpId, [row]);
    await repo.deleteAssignment(trx, corpId, id);
    await this.audit.record(trx, corpId, ctx, { action: 'access.admin_remove', targetType: 'member', targetId: row.userid, before: auditView(before!) });
  }

  private async find(db: Executor, corpId: string, id: string): Promise<AssignmentRow> {
    const row = await repo.findAssignment(db, corpId, id, { lock: true });
    if (!row) throw new AppError('access.assignment_not_found');
    return row;
  }

  /** An assignment the actor may change: not their own, not a super admin's unless they are one, and one they could have granted. */
  private async findTouchable(trx: Trx, actor: Principal, id: string): Promise<AssignmentRow> {
    const row = await this.find(trx, actor.corpId, id);
    if (row.member_id === actor.memberId) throw new AppError('access.own_assignment');
    await this.assertMayTouch(trx, actor, row.member_id);
    await assertGrantable(trx, actor, await resolveRole(trx, actor.corpId, row.role_id), storedScope(row));
    return row;
  }

  /** Only a super admin may change anything of a super admin's. */
  private async assertMayTouch(db: Executor, actor: Principal, memberId: string): Promise<void> {
    if (actor.isSuperAdmin) return;
    if ((await repo.superAdminMemberIds(db, actor.corpId)).includes(memberId)) throw new AppError('access.super_admin_protected');
  }

  private async assertSuperAdminRoom(db: Executor, corpId: string, memberId: string): Promise<void> {
    const current = await repo.superAdminMemberIds(db, corpId);
    if (current.includes(memberId)) throw new AppError('access.already_super_admin', { fields: [{ path: 'member', reason: 'already a super admin' }] });
    if (current.length >= (await this.maxSuperAdmins(db, corpId))) throw new AppError('access.super_admin_limit');
  }

  private async assertNotLastSuperAdmin(db: Executor, corpId: string, row: AssignmentRow): Promise<void> {
    if ((await repo.activeSuperAdminsBesides(db, corpId, row.member_id)) === 0) throw new AppError('access.last_super_admin');
  }

  /** The scope's departments and tags exist; a role with scoped permissions needs some scope. */
  private async checkScope(db: Executor, corpId: string, role: ResolvedRole, scope: AdminScope): Promise<StoredScope> {
    if (role.builtin === 'super_admin') return { departments: [], tags: [], ownDepartments: false };
    const departments = [...new Set(scope.departments)];
    const tags = [...new Set(scope.tags)];
    const unknown = await departmentsOutside(db, corpId, 'all', departments);
    if (unknown.length) throw new AppError('directory.department_not_found', { fields: [{ path: 'scope.departments', reason: `unknown: ${unknown.join(', ')}` }] });
    const knownTags = await repo.tagNames(db, corpId, tags);
    const unknownTags = tags.filter((t) => !knownTags.has(t));
    if (unknownTags.length) throw new AppError('directory.tag_not_found', { fields: [{ path: 'scope.tags', reason: `unknown: ${unknownTags.join(', ')}` }] });
    if (hasScopedPermission(role) && departments.length === 0 && tags.length === 0 && !scope.ownDepartments) {
      throw new AppError('access.scope_required', { fields: [{ path: 'scope', reason: 'choose departments, tags or own departments' }] });
    }
    return { departments, tags, ownDepartments: scope.ownDepartments };
  }
}

function storedScope(row: AssignmentRow): StoredScope {
  return { departments: row.scope_departments, tags: row.scope_tags, ownDepartments: row.scope_own_departments };
}

function auditView(a: Assignment) {
  return { role: a.role.id, departments: a.scope.departments.map((d) => d.id), tags: a.scope.tags.map((t) => t.id), ownDepartments: a.scope.ownDepartments, status: a.status };
}
