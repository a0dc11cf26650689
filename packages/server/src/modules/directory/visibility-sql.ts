import { sql, type RawBuilder, type SqlBool } from 'kysely';

// Member visibility as SQL fragments: a viewer's visible members and departments are a condition the member
// portal's own queries embed (browse, search, counts, single reads), so a page is filtered in the query and
// never after it. What a viewer may see is first resolved into a few small id lists (visibility.evaluate.ts);
// the fragments below expand those lists into department subtrees inside the query that uses them.

/** A viewer's visibility, resolved to ids: what the fragments below need. */
export interface ResolvedVisibility {
  corpId: string;
  viewerId: string;
  /** The viewer is a current member of the corp; otherwise they see nobody. */
  exists: boolean;
  /** No rule restricts the viewer (or one lets them see everything). */
  seesAll: boolean;
  /** Without seesAll: these departments with their subtrees … */
  seenDepartments: readonly number[];
  /** … and these tags (their members, and their departments with subtrees). */
  seenTags: readonly number[];
  /** Hidden departments (with subtrees) the viewer is not allowed to see. */
  blockedDepartments: readonly number[];
  /** Hidden members the viewer is not allowed to see (never the viewer themself). */
  blockedMembers: readonly string[];
}

const ints = (ids: readonly number[]) => sql`${sql.val([...ids])}::int[]`;
const uuids = (ids: readonly string[]) => sql`${sql.val([...ids])}::uuid[]`;

/** The ids of the given departments and every department below them, as a subquery. */
function subtreeOf(corpId: string, roots: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    with recursive sub(id) as (
      select d.id from departments d where d.corp_id = ${corpId} and d.id = any(${roots})
      union
      select d.id from departments d join sub s on d.parent_id = s.id where d.corp_id = ${corpId}
    )
    select id from sub)`;
}

/** The departments a restricted viewer sees: the listed ones and the listed tags' departments, with their subtrees. */
function seenDepartmentIds(v: ResolvedVisibility): RawBuilder<unknown> {
  const roots = v.seenTags.length
    ? sql`array(select unnest(${ints(v.seenDepartments)}) union select td.department_id from tag_departments td where td.corp_id = ${v.corpId} and td.tag_id = any(${ints(v.seenTags)}))`
    : ints(v.seenDepartments);
  return subtreeOf(v.corpId, roots);
}

/** Members of the departments hidden from the viewer (never the viewer: a member inside a hidden department is allowed past it). */
function blockedByDepartment(v: ResolvedVisibility): RawBuilder<unknown> {
  return sql`(select md.member_id from member_departments md where md.corp_id = ${v.corpId} and md.department_id in ${subtreeOf(v.corpId, ints(v.blockedDepartments))})`;
}

/**
 * A condition on `members` (under `alias`): the member is visible to the viewer. Members who left never are;
 * the viewer always sees themself; a hidden department or member wins over any rule that would show it.
 */
export function memberVisibleSql(v: ResolvedVisibility, alias = 'm'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  if (!v.exists) return sql<SqlBool>`false`;
  const parts: RawBuilder<unknown>[] = [sql`${sql.ref(`${alias}.corp_id`)} = ${v.corpId}`, sql`${sql.ref(`${alias}.status`)} <> 5`];
  if (!v.seesAll) {
    // = ANY(ARRAY(subquery)) evaluates the visible set once and fetches those members by primary key (UNION ALL:
    // a member listed twice costs nothing there, where de-duplicating a large set first did).
    parts.push(sql`${id} = any(array(
      select md.member_id from member_departments md where md.corp_id = ${v.corpId} and md.department_id in ${seenDepartmentIds(v)}
      union all
      select tm.member_id from tag_members tm where tm.corp_id = ${v.corpId} and tm.tag_id = any(${ints(v.seenTags)})
      union all
      select ${v.viewerId}::uuid))`);
  }
  // NOT IN over an uncorrelated subquery is a hashed lookup per row, whatever the size of the hidden set.
  if (v.blockedDepartments.length) parts.push(sql`${id} not in ${blockedByDepartment(v)}`);
  if (v.blockedMembers.length) parts.push(sql`${id} <> all(${uuids(v.blockedMembers)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Whether one of the member's departments lies in the subtree of one of `roots`, found by walking up from them. */
function inSubtreeOf(corpId: string, memberId: RawBuilder<unknown>, roots: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`exists (
    with recursive up(id, parent_id) as (
      select d.id, d.parent_id from member_departments md join departments d on d.corp_id = md.corp_id and d.id = md.department_id
       where md.corp_id = ${corpId} and md.member_id = ${memberId}
      union
      select d.id, d.parent_id from departments d join up u on d.id = u.parent_id where d.corp_id = ${corpId}
    )
    select 1 from up where up.id = any(${roots}))`;
}

/**
 * The same condition as `memberVisibleSql`, written for a query that reads one member or a handful (a member
 * detail page): each row walks up its own departments (a few index probes) instead of the visible set being
 * built for the statement, which costs in proportion to what the viewer sees. Slow over thousands of rows.
 */
export function memberVisibleRowSql(v: ResolvedVisibility, alias = 'm'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  if (!v.exists) return sql<SqlBool>`false`;
  const parts: RawBuilder<unknown>[] = [sql`${sql.ref(`${alias}.corp_id`)} = ${v.corpId}`, sql`${sql.ref(`${alias}.status`)} <> 5`];
  if (!v.seesAll) {
    const roots = sql`array(select unnest(${ints(v.seenDepartments)}) union select td.department_id from tag_departments td where td.corp_id = ${v.corpId} and td.tag_id = any(${ints(v.seenTags)}))`;
    parts.push(sql`(${id} = ${v.viewerId}::uuid
      or ${inSubtreeOf(v.corpId, id, roots)}
      or exists (select 1 from tag_members tm where tm.corp_id = ${v.corpId} and tm.member_id = ${id} and tm.tag_id = any(${ints(v.seenTags)})))`);
  }
  if (v.blockedDepartments.length) parts.push(sql`not ${inSubtreeOf(v.corpId, id, ints(v.blockedDepartments))}`);
  if (v.blockedMembers.length) parts.push(sql`${id} <> all(${uuids(v.blockedMembers)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** A condition on `departments` (under `alias`): the department is visible to the viewer. */
export function departmentVisibleSql(v: ResolvedVisibility, alias = 'd'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  if (!v.exists) return sql<SqlBool>`false`;
  const parts: RawBuilder<unknown>[] = [sql`${sql.ref(`${alias}.corp_id`)} = ${v.corpId}`];
  if (!v.seesAll) parts.push(sql`${id} in ${seenDepartmentIds(v)}`);
  if (v.blockedDepartments.length) parts.push(sql`${id} not in ${subtreeOf(v.corpId, ints(v.blockedDepartments))}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
