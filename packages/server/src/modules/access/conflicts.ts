import type { Conflict } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { departmentsOutside } from '../directory';
import * as repo from './access.repository';
import { isBuiltin, knownPermissions, permissionsOf } from './roles';

type Row = Awaited<ReturnType<ReturnType<typeof repo.assignmentsWithMembers>['execute']>>[number];

/**
 * What to tidy up in a corp's admin assignments, each with its fix: redundant assignments (another of the
 * same member's covers it), overlapping ones (same member, intersecting departments), roles that grant nothing
 * or that nobody holds, pending admins, and admins who are no longer active members.
 */
export async function findConflicts(db: Executor, corpId: string): Promise<Conflict[]> {
  const rows = await repo.assignmentsWithMembers(db, corpId).execute();
  const roles = await repo.listCustomRoles(db, corpId);
  const customPermissions = new Map(roles.map((r) => [r.id, r.permissions]));
  const roleName = (id: string) => (isBuiltin(id) ? id : (roles.find((r) => r.id === id)?.name ?? id));
  const permsOf = (row: Row) => permissionsOf(row.role_id, customPermissions.get(row.role_id) ?? null);
  const person = (row: Row) => ({ userid: row.userid, name: row.member_name });
  const conflicts: Conflict[] = [];

  for (const row of rows) {
    if (row.member_status !== 1) conflicts.push({ kind: 'inactive_member', assignmentIds: [row.id], member: person(row), role: { id: row.role_id, name: roleName(row.role_id) }, fix: 'remove_or_reactivate' });
    else if (row.status === 'pending') conflicts.push({ kind: 'pending', assignmentIds: [row.id], member: person(row), role: { id: row.role_id, name: roleName(row.role_id) }, fix: 'remind_member' });
  }
  for (const role of roles) {
    const holders = rows.filter((r) => r.role_id === role.id).map((r) => r.id);
    if (knownPermissions(role.permissions).length === 0) conflicts.push({ kind: 'empty_role', assignmentIds: holders, member: null, role: { id: role.id, name: role.name }, fix: holders.length ? 'add_permissions' : 'delete_role' });
    else if (holders.length === 0) conflicts.push({ kind: 'unused_role', assignmentIds: [], member: null, role: { id: role.id, name: role.name }, fix: 'delete_role' });
  }

  const byMember = new Map<string, Row[]>();
  for (const row of rows) byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), row]);
  for (const mine of byMember.values()) {
    const redundant = new Set<string>();
    for (const a of mine) {
      for (const b of mine) {
        if (a === b || redundant.has(b.id)) continue;
        if (await covers(db, corpId, b, permsOf(b), a, permsOf(a))) {
          redundant.add(a.id);
          conflicts.push({ kind: 'redundant', assignmentIds: [a.id, b.id], member: person(a), role: { id: a.role_id, name: roleName(a.role_id) }, fix: 'remove_assignment' });
          break;
        }
      }
    }
    const rest = mine.filter((r) => !redundant.has(r.id) && r.role_id !== 'super_admin');
    for (const [i, a] of rest.entries()) {
      for (const b of rest.slice(i + 1)) {
        if (await overlap(db, corpId, a, b)) conflicts.push({ kind: 'overlapping', assignmentIds: [a.id, b.id], member: person(a), role: { id: a.role_id, name: roleName(a.role_id) }, fix: 'merge_assignments' });
      }
    }
  }
  return conflicts;
}

/** Whether assignment `b` grants everything `a` does, as far as `a` reaches. */
async function covers(db: Executor, corpId: string, b: Row, bPerms: readonly string[], a: Row, aPerms: readonly string[]): Promise<boolean> {
  if (b.status !== 'active' && a.status === 'active') return false;
  if (b.role_id === 'super_admin') return true;
  if (a.role_id === 'super_admin' || !aPerms.every((p) => bPerms.includes(p))) return false;
  if (a.scope_own_departments && !b.scope_own_departments) return false;
  if (!a.scope_tags.every((t) => b.scope_tags.includes(t))) return false;
  return (await departmentsOutside(db, corpId, { departments: b.scope_departments, tags: b.scope_tags }, a.scope_departments)).length === 0;
}

/** Whether two assignments' department scopes intersect (one's department lies in the other's subtrees). */
async function overlap(db: Executor, corpId: string, a: Row, b: Row): Promise<boolean> {
  if (a.scope_tags.some((t) => b.scope_tags.includes(t))) return true;
  if (a.scope_departments.length === 0 || b.scope_departments.length === 0) return false;
  const aOutsideB = await departmentsOutside(db, corpId, { departments: b.scope_departments, tags: [] }, a.scope_departments);
  if (aOutsideB.length < a.scope_departments.length) return true;
  const bOutsideA = await departmentsOutside(db, corpId, { departments: a.scope_departments, tags: [] }, b.scope_departments);
  return bOutsideA.length < b.scope_departments.length;
}
