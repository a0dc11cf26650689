import { sql, type Updateable } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { memberWithin, memberWithinUpward } from './scope-sql';
import type { MembersTable, NewMember } from './directory.table';

/** The members of the given userids who have not left, as lowercased userids. */
export async function currentUserids(db: Executor, corpId: string, userids: string[]): Promise<Set<string>> {
  if (userids.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .select('userid')
    .where('corp_id', '=', corpId)
    .where('status', '!=', 5)
    .where(sql`lower(userid)`, 'in', userids.map((u) => u.toLowerCase()))
    .execute();
  return new Set(rows.map((r) => r.userid.toLowerCase()));
}

/**
 * A member by userid (case-insensitive), when inside the reach (the whole corp unless given); locked for
 * update when inside a transaction that will change it.
 */
export async function findByUserid(db: Executor, corpId: string, userid: string, options: { lock?: boolean; reach?: Reach } = {}) {
  let query = db.selectFrom('members as m').selectAll('m').where('m.corp_id', '=', corpId).where(sql`lower(m.userid)`, '=', userid.toLowerCase());
  if (options.reach) query = query.where(memberWithinUpward(corpId, options.reach, 'm.id'));
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A member by userid inside the reach, with their departments, in one statement (a single read is the hot path of user/get). */
export async function findWithDepartments(db: Executor, corpId: string, userid: string, reach: Reach) {
  return db
    .selectFrom('members as m')
    .selectAll('m')
    .select(
      sql<{ department_id: number; sort_order: number; is_leader: boolean; name: string }[]>`coalesce((
        select json_agg(json_build_object('department_id', md.department_id, 'sort_order', md.sort_order, 'is_leader', md.is_leader, 'name', d.name) order by md.department_id)
          from member_departments md join departments d on d.corp_id = md.corp_id and d.id = md.department_id
         where md.corp_id = ${corpId} and d.corp_id = ${corpId} and md.member_id = m.id), '[]'::json)`.as('links'),
    )
    .where('m.corp_id', '=', corpId)
    .where(sql`lower(m.userid)`, '=', userid.toLowerCase())
    .where(memberWithinUpward(corpId, reach, 'm.id'))
    .executeTakeFirst();
}

/** Members by userid (case-insensitive), inside the reach (the whole corp unless given). */
export async function findByUserids(db: Executor, corpId: string, userids: string[], reach: Reach = 'all') {
  if (userids.length === 0) return [];
  return db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.corp_id', '=', corpId)
    .where(sql`lower(m.userid)`, 'in', userids.map((u) => u.toLowerCase()))
    .where(memberWithinUpward(corpId, reach, 'm.id'))
    .execute();
}

/** Another current member holding this mobile or email, if any. */
export async function holderOf(db: Executor, corpId: string, field: 'mobile' | 'email', value: string, exceptMemberId?: string) {
  let query = db
    .selectFrom('members')
    .select(['id', 'userid'])
    .where('corp_id', '=', corpId)
    .where('status', '!=', 5)
    .where(field === 'email' ? sql`lower(email)` : sql`mobile`, '=', field === 'email' ? value.toLowerCase() : value);
  if (exceptMemberId) query = query.where('id', '!=', exceptMemberId);
  return query.executeTakeFirst();
}

export async function insertMember(db: Executor, row: NewMember): Promise<string> {
  return (await db.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMember(db: Executor, memberId: string, patch: Updateable<MembersTable>): Promise<void> {
  await db.updateTable('members').set(patch).where('id', '=', memberId).execute();
}

/** Replaces a member's departments. */
export async function replaceDepartments(db: Executor, corpId: string, memberId: string, departments: { id: number; order: number; isLeader: boolean }[]): Promise<void> {
  await db.deleteFrom('member_departments').where('member_id', '=', memberId).execute();
  if (departments.length === 0) return;
  await db
    .insertInto('member_departments')
    .values(departments.map((d) => ({ corp_id: corpId, member_id: memberId, department_id: d.id, sort_order: d.order, is_leader: d.isLeader })))
    .execute();
}

/** The departments of several members, in one query. */
export async function departmentsOf(db: Executor, corpId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  // The corp on both tables keeps the planner on the index join instead of scanning every department.
  return db
    .selectFrom('member_departments as md')
    .innerJoin('departments as d', (join) => join.onRef('d.corp_id', '=', 'md.corp_id').onRef('d.id', '=', 'md.department_id'))
    .select(['md.member_id', 'md.department_id', 'md.sort_order', 'md.is_leader', 'd.name'])
    .where('md.corp_id', '=', corpId)
    .where('d.corp_id', '=', corpId)
    .where('md.member_id', 'in', memberIds)
    .orderBy('md.department_id')
    .execute();
}

/** One page of members, filtered in the query; `departmentIds` null means the whole corp. */
export async function pageMembers(
  db: Executor,
  corpId: string,
  filter: { reach: Reach; departmentIds: number[] | null; status?: number; search?: string },
  sort: { field: 'name' | 'userid' | 'joinDate' | 'createdAt'; order: 'asc' | 'desc' },
  offset: number,
  limit: number,
) {
  let base = db.selectFrom('members as m').where('m.corp_id', '=', corpId).where(memberWithin(corpId, filter.reach, 'm.id'));
  if (filter.departmentIds) {
    const ids = filter.departmentIds.length ? filter.departmentIds : [0];
    // = ANY(ARRAY(subquery)) runs the subquery once and fetches those members by primary key; as a plain
    // EXISTS or IN the planner preferred scanning every member of a large corp.
    base = base.where(
      sql<boolean>`m.id = any(array(select distinct md.member_id from member_departments md where md.corp_id = ${corpId} and md.department_id in (${sql.join(ids)})))`,
    );
  }
  base = filter.status !== undefined ? base.where('m.status', '=', filter.status) : base.where('m.status', '!=', 5);
  if (filter.search) base = base.where('m.search_text', 'like', `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const column = { name: 'm.name_sort', userid: 'm.userid', joinDate: 'm.join_date', createdAt: 'm.created_at' } as const;
  // The page is chosen over narrow rows (id, sort key) with the total riding along (one pass over the filtered
  // set instead of a second query); only its 100 rows are then read whole. Sorting wide rows cost a third more.
  const page = await base.select(['m.id', sql<number>`count(*) over ()`.as('total')]).orderBy(column[sort.field], sort.order).orderBy('m.id').offset(offset).limit(limit).execute();
  const byId = new Map((page.length ? await db.selectFrom('members').selectAll().where('id', 'in', page.map((p) => p.id)).execute() : []).map((r) => [r.id, r]));
  const rows = page.flatMap((p) => byId.get(p.id) ?? []);
  if (rows.length > 0 || offset === 0) return { rows, total: page[0]?.total ?? 0 };
  // A page past the end has no row to carry the total.
  const count = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

/** Members inside the reach who have not left. */
export async function countCurrent(db: Executor, corpId: string, reach: Reach): Promise<number> {
  const row = await db
    .selectFrom('members as m')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('m.corp_id', '=', corpId)
    .where('m.status', '!=', 5)
    .where(memberWithin(corpId, reach, 'm.id'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** (member, department) pairs inside the reach after a keyset position, members who left excluded: WeCom's user/list_id. */
export async function departmentPairs(db: Executor, corpId: string, reach: Reach, after: { memberId: string; departmentId: number } | null, limit: number) {
  let query = db
    .selectFrom('member_departments as md')
    .innerJoin('members as m', 'm.id', 'md.member_id')
    .select(['md.member_id as memberId', 'md.department_id as departmentId', 'm.userid'])
    .where('md.corp_id', '=', corpId)
    .where('m.status', '!=', 5)
    .where(memberWithin(corpId, reach, 'm.id'));
  if (after) query = query.where(sql<boolean>`(md.member_id, md.department_id) > (${after.memberId}::uuid, ${after.departmentId}::int)`);
  return query.orderBy('md.member_id').orderBy('md.department_id').limit(limit).execute();
}

/** The userid of the current member with this mobile inside the reach, if any. */
export async function useridByMobile(db: Executor, corpId: string, reach: Reach, mobile: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('members as m')
    .select('m.userid')
    .where('m.corp_id', '=', corpId)
    .where('m.mobile', '=', mobile)
    .where('m.status', '!=', 5)
    .where(memberWithinUpward(corpId, reach, 'm.id'))
    .executeTakeFirst();
  return row?.userid;
}
