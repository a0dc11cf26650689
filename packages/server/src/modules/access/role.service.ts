import { builtinRoleKeys, builtinRoles, type Permission, type Role } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Principal } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as repo from './access.repository';
import { isGrantable } from './escalation';
import { isBuiltin, knownPermissions } from './roles';

/** Roles: the built-in ones and a corp's custom roles (a name and a set of permissions). */
export class RoleService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(db: Executor, corpId: string): Promise<Role[]> {
    const counts = await repo.assignmentCounts(db, corpId);
    const builtin = builtinRoleKeys.map((key) => ({ id: key, builtin: key, name: key, permissions: [...builtinRoles[key].permissions], assignments: counts.get(key) ?? 0 }));
    const custom = (await repo.listCustomRoles(db, corpId)).map((r) => ({ id: r.id, builtin: null, name: r.name, permissions: knownPermissions(r.permissions), assignments: counts.get(r.id) ?? 0 }));
    return [...builtin, ...custom];
  }

  /** Creates a custom role; its permissions must be ones the creator holds. */
  async create(trx: Trx, actor: Principal, input: { name: string; permissions: Permission[] }, ctx: ActorContext): Promise<Role> {
    await repo.lockCorpAdmins(trx, actor.corpId);
    this.assertHeld(actor, input.permissions);
    if (await repo.customRoleNamed(trx, actor.corpId, input.name)) throw new AppError('access.role_name_taken', { fields: [{ path: 'name', reason: 'already used' }] });
    const id = await repo.insertCustomRole(trx, actor.corpId, input.name, input.permissions);
    await this.audit.record(trx, actor.corpId, ctx, { action: 'access.role_create', targetType: 'role', targetId: id, after: { name: input.name, permissions: input.permissions } });
    return { id, builtin: null, name: input.name, permissions: input.permissions, assignments: 0 };
  }

  /**
   * Renames a custom role or changes its permissions. Changing what a role grants changes every assignment
   * of it, so the editor must be able to make each of those assignments themself.
   */
  async update(trx: Trx, actor: Principal, id: string, patch: { name?: string; permissions?: Permission[] }, ctx: ActorContext): Promise<Role> {
    await repo.lockCorpAdmins(trx, actor.corpId);
    const before = await this.find(trx, actor.corpId, id);
    if (patch.name !== undefined && (await repo.customRoleNamed(trx, actor.corpId, patch.name, id))) throw new AppError('access.role_name_taken', { fields: [{ path: 'name', reason: 'already used' }] });
    const permissions = patch.permissions ?? knownPermissions(before.permissions);
    if (patch.permissions) {
      this.assertHeld(actor, patch.permissions);
      this.assertHeld(actor, knownPermissions(before.permissions));
      const assignments = await repo.assignmentsWithMembers(trx, actor.corpId).where('a.role_id', '=', id).execute();
      for (const a of assignments) {
        const scope = { departments: a.scope_departments, tags: a.scope_tags, ownDepartments: a.scope_own_departments };
        if (!(await isGrantable(trx, actor, { id, builtin: null, name: before.name, permissions }, scope))) throw new AppError('access.escalation', { fields: [{ path: 'permissions', reason: 'the role is assigned beyond your scope' }] });
      }
    }
    await repo.updateCustomRole(trx, actor.corpId, id, { name: patch.name, permissions: patch.permissions, updated_at: this.clock.now() });
    await this.audit.record(trx, actor.corpId, ctx, {
      action: 'access.role_update',
      targetType: 'role',
      targetId: id,
      before: { name: before.name, permissions: before.permissions },
      after: { name: patch.name ?? before.name, permissions },
    });
    return { id, builtin: null, name: patch.name ?? before.name, permissions, assignments: (await repo.assignmentCounts(trx, actor.corpId)).get(id) ?? 0 };
  }

  /** Deletes a custom role nobody holds any more. */
  async delete(trx: Trx, actor: Principal, id: string, ctx: ActorContext): Promise<void> {
    await repo.lockCorpAdmins(trx, actor.corpId);
    const before = await this.find(trx, actor.corpId, id);
    this.assertHeld(actor, knownPermissions(before.permissions));
    if ((await repo.assignmentCounts(trx, actor.corpId)).get(id)) throw new AppError('access.role_in_use');
    await repo.deleteCustomRole(trx, actor.corpId, id);
    await this.audit.record(trx, actor.corpId, ctx, { action: 'access.role_delete', targetType: 'role', targetId: id, before: { name: before.name, permissions: before.permissions } });
  }

  private async find(db: Executor, corpId: string, id: string) {
    if (isBuiltin(id)) throw new AppError('access.role_builtin');
    const row = await repo.findCustomRole(db, corpId, id);
    if (!row) throw new AppError('access.role_not_found');
    return row;
  }

  private assertHeld(actor: Principal, permissions: readonly Permission[]): void {
    const missing = permissions.filter((p) => !actor.grants.has(p));
    if (missing.length) throw new AppError('access.escalation', { fields: [{ path: 'permissions', reason: `grants ${missing.join(', ')}, which you do not hold` }] });
  }
}
