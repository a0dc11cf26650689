import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { departmentWithin, departmentWithinUpward } from './scope-sql';

/** Departments of a corp with whether each has children and its direct member count (left members excluded). */
function departmentsWithCounts(db: Executor, corpId: string) {
  return db
    .selectFrom('departments as d')
    .where('d.corp_id', '=', corpId)
    .select(['d.id', 'd.name', 'd.parent_id', 'd.sort_order', 'd.leaders'])
    .select((eb) => [
      eb.exists(eb.selectFrom('departments as c').select('c.id').where('c.corp_id', '=', corpId).whereRef('c.parent_id', '=', 'd.id')).as('has_children'),
      eb
        .selectFrom('member_departments as md')
        .innerJoin('members as m', 'm.id', 'md.member_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('md.corp_id', '=', corpId)
        .whereRef('md.department_id', '=', 'd.id')
        .where('m.status', '!=', 5)
        .as('member_count'),
    ]);
}

export type DepartmentWithCounts = NonNullable<Awaited<ReturnType<typeof findDepartment>>>;

/** A department, when it exists and lies inside the reach. */
export async function findDepartment(db: Executor, corpId: string, id: number, reach: Reach = 'all') {
  return departmentsWithCounts(db, corpId).where('d.id', '=', id).where(departmentWithinUpward(corpId, reach, 'd.id')).executeTakeFirst();
}

/** Several departments inside the reach, in the given order of ids. */
export async function findDepartments(db: Executor, corpId: string, ids: number[], reach: Reach) {
  if (ids.length === 0) return [];
  const rows = await departmentsWithCounts(db, corpId).where('d.id', 'in', ids).where(departmentWithinUpward(corpId, reach, 'd.id')).execute();
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

/** The children of a department, larger order first as WeCom sorts them. */
export async function findChildren(db: Executor, corpId: string, parentId: number) {
  return departmentsWithCounts(db, corpId).where('d.parent_id', '=', parentId).orderBy('d.sort_order', 'desc').orderBy('d.id').execute();
}

/** The departments inside the reach, or only those in one department's subtree: parents before children, larger order first. */
export async function departmentsWithin(db: Executor, corpId: string, reach: Reach, rootId?: number) {
  // No member counts: WeCom's department/list does not carry them, and counting every department's members costs.
  let query = db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.parent_id', 'd.sort_order', 'd.leaders'])
    .where('d.corp_id', '=', corpId)
    .where(departmentWithin(corpId, reach, 'd.id'));
  if (rootId !== undefined) query = query.where('d.id', 'in', subtreeQuery(corpId, rootId));
  const rows = await query.orderBy('d.sort_order', 'desc').orderBy('d.id').execute();
  return parentsFirst(rows);
}

function subtreeQuery(corpId: string, rootId: number) {
  return sql<number>`(
    with recursive tree(id) as (
      select id from departments where corp_id = ${corpId} and id = ${rootId}
      union all
      select d.id from departments d join tree t on d.parent_id = t.id where d.corp_id = ${corpId}
    )
    select id from tree)`;
}

/** Orders a set of departments so that each comes after its parent (when the parent is in the set). */
function parentsFirst<T extends { id: number; parent_id: number | null }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const row of rows) {
    const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const row of children.get(parent) ?? []) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}

/** Ids of a department and everything below it. */
export async function subtreeIds(db: Executor, corpId: string, rootId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    with recursive tree(id) as (
      select id from departments where corp_id = ${corpId} and id = ${rootId}
      union all
      select d.id from departments d join tree t on d.parent_id = t.id where d.corp_id = ${corpId}
    )
    select id from tree`.execute(db);
  return result.rows.map((r) => r.id);
}

/** Every department of a corp, lightly: for path resolution and tree checks. */
export async function allDepartments(db: Executor, corpId: string) {
  return db.selectFrom('departments').select(['id', 'parent_id', 'name', 'sort_order']).where('corp_id', '=', corpId).execute();
}

export async function existingIds(db: Executor, corpId: string, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('corp_id', '=', corpId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function siblingNamed(db: Executor, corpId: string, parentId: number, name: string, exceptId?: number) {
  let query = db.selectFrom('departments').select('id').where('corp_id', '=', corpId).where('parent_id', '=', parentId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** The next free id: one more than the largest (the caller holds the corp lock). */
export async function nextDepartmentId(db: Executor, corpId: string): Promise<number> {
  const row = await db.selectFrom('departments').select(sql<number>`coalesce(max(id), 0) + 1`.as('next')).where('corp_id', '=', corpId).executeTakeFirstOrThrow();
  return row.next;
}

export async function insertDepartment(db: Executor, row: { corp_id: string; id: number; parent_id: number | null; name: string; sort_order?: number; leaders?: string[] }): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(db: Executor, corpId: string, id: number, patch: { name?: string; parent_id?: number; sort_order?: number; leaders?: string[]; updated_at: Date }): Promise<void> {
  await db.updateTable('departments').set(patch).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function deleteDepartment(db: Executor, corpId: string, id: number): Promise<void> {
  await db.deleteFrom('departments').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

/** Whether anyone but members who left belongs to the department. */
export async function hasCurrentMembers(db: Executor, corpId: string, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('member_departments as md')
    .innerJoin('members as m', 'm.id', 'md.member_id')
    .select('md.member_id')
    .where('md.corp_id', '=', corpId)
    .where('md.department_id', '=', id)
    .where('m.status', '!=', 5)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Detaches members who left from a department about to be deleted; their main department becomes the root. */
export async function releaseLeftMembers(db: Executor, corpId: string, id: number, rootId: number): Promise<void> {
  await db.deleteFrom('member_departments').where('corp_id', '=', corpId).where('department_id', '=', id).execute();
  await db.updateTable('members').set({ main_department: rootId }).where('corp_id', '=', corpId).where('main_department', '=', id).execute();
}

/** Serializes writes that allocate ids or check tree shape within one corp. */
export async function lockCorpDirectory(db: Executor, corpId: string): Promise<void> {
  await db.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
}
