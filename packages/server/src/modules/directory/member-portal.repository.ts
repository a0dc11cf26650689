import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { HideableField } from '@orgdesk/contracts';
import type { Executor } from '../../db';

// SQL of the member portal: every read takes the viewer's visibility condition and applies it in the query.

const portalColumns = ['m.id', 'm.userid', 'm.name', 'm.alias', 'm.position', 'm.gender', 'm.mobile', 'm.email', 'm.telephone', 'm.address'] as const;

/** A member by internal id with what the portal and activation need (any status). */
export async function memberById(db: Executor, memberId: string) {
  return db.selectFrom('members as m').select([...portalColumns, 'm.corp_id', 'm.status', 'm.activated_at']).where('m.id', '=', memberId).executeTakeFirst();
}

/** A member's whole row, locked for a change to their own record. */
export async function lockMember(db: Executor, corpId: string, memberId: string) {
  return db.selectFrom('members').selectAll().where('corp_id', '=', corpId).where('id', '=', memberId).forUpdate().executeTakeFirst();
}

/** The departments of one member, named. */
export async function departmentsOfMember(db: Executor, corpId: string, memberId: string) {
  return db
    .selectFrom('member_departments as md')
    .innerJoin('departments as d', (join) => join.onRef('d.corp_id', '=', 'md.corp_id').onRef('d.id', '=', 'md.department_id'))
    .select(['d.id', 'd.name'])
    .where('md.corp_id', '=', corpId)
    .where('md.member_id', '=', memberId)
    .orderBy('d.id')
    .execute();
}

/** Children of a department that pass the viewer's department condition, with whether they have visible children. */
export async function visibleChildren(db: Executor, corpId: string, parentId: number, filter: (alias: string) => RawBuilder<SqlBool>) {
  return db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.parent_id'])
    // Uncorrelated, so it runs once: a per-row EXISTS around the visibility condition made PostgreSQL 15
    // recompute its recursive subtree for every child.
    .select(
      sql<boolean>`d.id in (select c.parent_id from departments c where c.corp_id = ${corpId} and c.parent_id in (select x.id from departments x where x.corp_id = ${corpId} and x.parent_id = ${parentId}) and ${filter('c')})`.as('has_children'),
    )
    .where('d.corp_id', '=', corpId)
    .where('d.parent_id', '=', parentId)
    .where(filter('d'))
    .orderBy('d.sort_order', 'desc')
    .orderBy('d.id')
    .execute();
}

/** Whether a department passes the viewer's condition. */
export async function departmentVisible(db: Executor, corpId: string, id: number, filter: RawBuilder<SqlBool>): Promise<boolean> {
  return (await db.selectFrom('departments as d').select('d.id').where('d.corp_id', '=', corpId).where('d.id', '=', id).where(filter).executeTakeFirst()) !== undefined;
}

/** Whether some visible departments have visible children. */
export async function withVisibleChildren(db: Executor, corpId: string, ids: number[], filter: (alias: string) => RawBuilder<SqlBool>): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('departments as c').select('c.parent_id').distinct().where('c.corp_id', '=', corpId).where('c.parent_id', 'in', ids).where(filter('c')).execute();
  return new Set(rows.map((r) => r.parent_id!));
}

/**
 * One page of the members the viewer may see (disabled ones are not in the directory), in a department when
 * given, searched when asked. A mobile or email hidden from the viewer is taken out of what the search
 * matches, so a search cannot reveal it.
 */
export async function pagePortalMembers(
  db: Executor,
  corpId: string,
  filter: { visible: RawBuilder<SqlBool>; departmentId?: number; search?: string; hiddenFields: readonly HideableField[] },
  offset: number,
  limit: number,
) {
  let base = db.selectFrom('members as m').where('m.corp_id', '=', corpId).where(filter.visible).where('m.status', 'in', [1, 4]);
  if (filter.departmentId !== undefined) {
    base = base.where(sql<SqlBool>`m.id = any(array(select md.member_id from member_departments md where md.corp_id = ${corpId} and md.department_id = ${filter.departmentId}))`);
  }
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let text: RawBuilder<string> = sql`m.search_text`;
    // The viewer's own row loses them too, which costs nothing: they know their own number.
    if (filter.hiddenFields.includes('mobile')) text = sql`replace(${text}, coalesce(m.mobile, ''), '')`;
    if (filter.hiddenFields.includes('email')) text = sql`replace(${text}, coalesce(lower(m.email), ''), '')`;
    base = base.where(sql<SqlBool>`${text} like ${pattern}`);
  }
  const rows = await base.select(portalColumns).select(sql<number>`count(*) over ()`.as('total')).orderBy('m.name_sort').orderBy('m.id').offset(offset).limit(limit).execute();
  if (rows.length > 0 || offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const count = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

/** A member the viewer may see, by userid (disabled and left members are not shown). */
export async function visibleMemberByUserid(db: Executor, corpId: string, userid: string, visible: RawBuilder<SqlBool>) {
  return db
    .selectFrom('members as m')
    .select(portalColumns)
    .where('m.corp_id', '=', corpId)
    .where(sql`lower(m.userid)`, '=', userid.toLowerCase())
    .where('m.status', 'in', [1, 4])
    .where(visible)
    .executeTakeFirst();
}
