import { isScopedPermission, type ExplainResult, type Permission } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import { departmentsOutside, memberIsWithin } from '../directory';
import * as repo from './access.repository';
import { presentAssignments } from './assignment.present';
import { reachOf } from './grants';
import { permissionsOf } from './roles';

/** What an explain question is about. */
export type ExplainTarget = { type: 'corp' } | { type: 'member'; userid: string } | { type: 'department'; id: number } | { type: 'tag'; id: number };

/**
 * May this admin use this permission on that target, and which assignments decide it? The same rules as the
 * requests themselves (`loadGrants` + the directory's scope SQL), evaluated assignment by assignment.
 */
export async function explain(db: Executor, corpId: string, adminUserid: string, permission: Permission, target: ExplainTarget): Promise<ExplainResult> {
  const admin = await db.selectFrom('members').select(['id', 'status']).where('corp_id', '=', corpId).where(sql`lower(userid)`, '=', adminUserid.toLowerCase()).executeTakeFirst();
  if (!admin) throw new AppError('directory.member_not_found', { fields: [{ path: 'admin', reason: 'unknown: ' + adminUserid }] });
  const rows = await repo.assignmentsWithMembers(db, corpId).where('a.member_id', '=', admin.id).execute();
  const presented = await presentAssignments(db, corpId, rows);
  const customRoles = new Map((await repo.listCustomRoles(db, corpId)).map((r) => [r.id, r.permissions]));
  const own = await repo.departmentIdsOf(db, corpId, admin.id);
  const inside = await targetTest(db, corpId, target);

  const assignments: ExplainResult['assignments'] = [];
  for (const [i, row] of rows.entries()) {
    const scope = { departments: row.scope_departments, tags: row.scope_tags, ownDepartments: row.scope_own_departments };
    let verdict: ExplainResult['assignments'][number]['verdict'];
    if (admin.status !== 1) verdict = 'member_inactive';
    else if (row.status !== 'active') verdict = 'pending';
    else if (!permissionsOf(row.role_id, customRoles.get(row.role_id) ?? null).includes(permission)) verdict = 'role_lacks_permission';
    else verdict = inside && (await inside(reachOf(row.role_id, permission, scope, own), isScopedPermission(permission))) ? 'allows' : 'target_outside_scope';
    assignments.push({ assignment: presented[i]!, verdict });
  }
  return { allowed: assignments.some((a) => a.verdict === 'allows'), targetFound: inside !== null, assignments };
}

/** A test of whether the target lies inside a reach, or null when the target does not exist. */
async function targetTest(db: Executor, corpId: string, target: ExplainTarget): Promise<((reach: Reach, scoped: boolean) => Promise<boolean>) | null> {
  switch (target.type) {
    case 'corp':
      // The corp as a whole: a scoped permission reaches it only when it reaches everything.
      return async (reach, scoped) => !scoped || reach === 'all';
    case 'member': {
      const member = await db.selectFrom('members').select('id').where('corp_id', '=', corpId).where(sql`lower(userid)`, '=', target.userid.toLowerCase()).executeTakeFirst();
      if (!member) return null;
      return (reach) => memberIsWithin(db, corpId, reach, member.id);
    }
    case 'department': {
      if ((await departmentsOutside(db, corpId, 'all', [target.id])).length) return null;
      return async (reach) => (await departmentsOutside(db, corpId, reach, [target.id])).length === 0;
    }
    case 'tag': {
      if (!(await repo.tagNames(db, corpId, [target.id])).size) return null;
      return async (reach) => reach === 'all' || reach.tags.includes(target.id);
    }
  }
}
