import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { HideableField, VisibilityScope } from '@orgdesk/contracts';
import type { Executor } from '../../db';

// The reads of member visibility's evaluation: what applies to a viewer, and the preview's queries.

/** What the rules and hidden entries say about one viewer: the input of the evaluation. */
export interface ViewerFacts {
  userid: string;
  status: number;
  ownDepartments: number[];
  rules: { id: string; name: string; sees: VisibilityScope; seenDepartments: number[]; seenTags: number[]; hiddenFields: HideableField[] }[];
  blockedDepartments: number[];
  blockedMembers: string[];
}

/**
 * One round trip: the viewer's departments, the rules that apply to them (as a member of a viewer department
 * or its subtree, or through a tag), and the hidden entries they are not allowed past. The viewer's place is
 * found by walking up from their departments (a few rows), never by expanding subtrees down.
 */
export async function viewerFacts(db: Executor, corpId: string, memberId: string): Promise<ViewerFacts | null> {
  const result = await sql<ViewerFacts>`
    with recursive
    own as (select md.department_id as id from member_departments md where md.corp_id = ${corpId} and md.member_id = ${memberId}),
    up(id, parent_id) as (
      select d.id, d.parent_id from departments d where d.corp_id = ${corpId} and d.id in (select id from own)
      union
      select d.id, d.parent_id from departments d join up u on d.id = u.parent_id where d.corp_id = ${corpId}
    ),
    viewer as (
      select array(select id from up) as ancestors,
             array(select tm.tag_id from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${memberId}
                   union
                   select td.tag_id from tag_departments td where td.corp_id = ${corpId} and td.department_id in (select id from up)) as tags
    ),
    allowed as (
      select h.department_id, h.member_id,
             -- coalesce: a department entry's member_id (and a member entry's department_id) is null, and so would the whole test be.
             coalesce(${memberId}::uuid = any(h.allowed_members) or h.allowed_departments && v.ancestors or h.allowed_tags && v.tags
                      or h.department_id = any(v.ancestors) or h.member_id = ${memberId}::uuid, false) as allowed
        from visibility_hidden h, viewer v where h.corp_id = ${corpId}
    )
    select m.userid as "userid", m.status as "status",
           array(select id from own order by id) as "ownDepartments",
           coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name, 'sees', r.sees, 'seenDepartments', r.seen_departments,
                                                       'seenTags', r.seen_tags, 'hiddenFields', r.hidden_fields) order by r.created_at, r.id)
                       from visibility_rules r
                      where r.corp_id = ${corpId} and (r.viewer_departments && v.ancestors or r.viewer_tags && v.tags)), '[]'::json) as "rules",
           array(select a.department_id from allowed a where a.department_id is not null and not a.allowed) as "blockedDepartments",
           array(select a.member_id from allowed a where a.member_id is not null and not a.allowed) as "blockedMembers"
      from members m, viewer v
     where m.corp_id = ${corpId} and m.id = ${memberId}`.execute(db);
  return result.rows[0] ?? null;
}

/** Whether the member passes a visibility condition on `members as m`. */
export async function memberPasses(db: Executor, memberId: string, filter: RawBuilder<SqlBool>): Promise<boolean> {
  return (await db.selectFrom('members as m').select('m.id').where('m.id', '=', memberId).where(filter).executeTakeFirst()) !== undefined;
}

/** How many members and departments pass the viewer's conditions. */
export async function visibleCounts(db: Executor, memberFilter: RawBuilder<SqlBool>, departmentFilter: RawBuilder<SqlBool>) {
  const members = await db.selectFrom('members as m').select(sql<number>`count(*)::int`.as('n')).where(memberFilter).executeTakeFirstOrThrow();
  const departments = await db.selectFrom('departments as d').select(sql<number>`count(*)::int`.as('n')).where(departmentFilter).executeTakeFirstOrThrow();
  return { members: members.n, departments: departments.n };
}

/** Visible departments whose parent is not visible: where the viewer's tree starts (at most `limit`). */
export async function visibleTops(db: Executor, corpId: string, departmentFilter: (alias: string) => RawBuilder<SqlBool>, limit: number) {
  // NOT IN over an uncorrelated subquery: the visible set is computed once and probed by hash. A correlated
  // EXISTS here made PostgreSQL 15 re-run the subtree CTE for every visible department.
  return db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.parent_id'])
    .where('d.corp_id', '=', corpId)
    .where(departmentFilter('d'))
    .where((eb) => eb.or([eb('d.parent_id', 'is', null), eb('d.parent_id', 'not in', eb.selectFrom('departments as p').select('p.id').where(departmentFilter('p')))]))
    .orderBy('d.sort_order', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/**
 * One page of the members passing a condition, optionally searched, with the total. A mobile or email hidden
 * from the viewer is taken out of what the search matches, so a search cannot reveal whose it is.
 */
export async function pageVisibleMembers(db: Executor, memberFilter: RawBuilder<SqlBool>, search: { text?: string; hiddenFields: readonly HideableField[] }, offset: number, limit: number) {
  let base = db.selectFrom('members as m').where(memberFilter);
  if (search.text) {
    let text: RawBuilder<string> = sql`m.search_text`;
    if (search.hiddenFields.includes('mobile')) text = sql`replace(${text}, coalesce(m.mobile, ''), '')`;
    if (search.hiddenFields.includes('email')) text = sql`replace(${text}, coalesce(lower(m.email), ''), '')`;
    base = base.where(text, 'like', `%${search.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const rows = await base
    .select(['m.id', 'm.userid', 'm.name', 'm.alias', 'm.position', 'm.mobile', 'm.email', 'm.telephone', 'm.address'])
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('m.name_sort')
    .orderBy('m.id')
    .offset(offset)
    .limit(limit)
    .execute();
  if (rows.length > 0 || offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const count = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

/** The departments of some members that pass a department condition (a hidden department is not named). */
export async function visibleDepartmentsOf(db: Executor, corpId: string, memberIds: readonly string[], departmentFilter: RawBuilder<SqlBool>) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('member_departments as md')
    .innerJoin('departments as d', (join) => join.onRef('d.corp_id', '=', 'md.corp_id').onRef('d.id', '=', 'md.department_id'))
    .select(['md.member_id', 'd.id', 'd.name'])
    .where('md.corp_id', '=', corpId)
    .where('md.member_id', 'in', [...memberIds])
    .where(departmentFilter)
    .orderBy('md.department_id')
    .execute();
}
