import type { Assignment } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import * as repo from './access.repository';
import { isBuiltin } from './roles';

type AssignmentWithMember = Awaited<ReturnType<ReturnType<typeof repo.assignmentsWithMembers>['execute']>>[number];

/** Presents assignments with their role and scope names, looked up in one query each. */
export async function presentAssignments(db: Executor, corpId: string, rows: AssignmentWithMember[]): Promise<Assignment[]> {
  const departmentNames = await repo.departmentNames(db, corpId, [...new Set(rows.flatMap((r) => r.scope_departments))]);
  const tagNames = await repo.tagNames(db, corpId, [...new Set(rows.flatMap((r) => r.scope_tags))]);
  const customRoles = new Map((await repo.listCustomRoles(db, corpId)).map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    member: { userid: r.userid, name: r.member_name, status: r.member_status },
    role: isBuiltin(r.role_id) ? { id: r.role_id, builtin: r.role_id, name: r.role_id } : { id: r.role_id, builtin: null, name: customRoles.get(r.role_id) ?? r.role_id },
    scope: {
      departments: r.scope_departments.map((id) => ({ id, name: departmentNames.get(id) ?? null })),
      tags: r.scope_tags.map((id) => ({ id, name: tagNames.get(id) ?? null })),
      ownDepartments: r.scope_own_departments,
    },
    status: r.status,
    createdAt: r.created_at.toISOString(),
    activatedAt: r.activated_at?.toISOString() ?? null,
  }));
}
