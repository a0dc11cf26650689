import { sql } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { WorkCalendar } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { CorpsTable, NewMember } from './corp.table';

export async function insertCorp(db: Executor, row: Omit<Insertable<CorpsTable>, 'calendar'> & { calendar: WorkCalendar }): Promise<void> {
  await db.insertInto('corps').values({ ...row, calendar: JSON.stringify(row.calendar) }).execute();
}

export async function findCorp(db: Executor, corpId: string) {
  return db.selectFrom('corps').selectAll().where('id', '=', corpId).executeTakeFirst();
}

export async function creditCodeTaken(db: Executor, creditCode: string): Promise<boolean> {
  return (await db.selectFrom('corps').select('id').where('credit_code', '=', creditCode).executeTakeFirst()) !== undefined;
}

/** Locks a corp's row for a read-modify-write of its profile or settings. */
export async function lockCorp(db: Executor, corpId: string) {
  return db.selectFrom('corps').selectAll().where('id', '=', corpId).forUpdate().executeTakeFirst();
}

export async function updateCorp(db: Executor, corpId: string, patch: Omit<Updateable<CorpsTable>, 'calendar'> & { calendar?: WorkCalendar }): Promise<void> {
  const { calendar, ...rest } = patch;
  await db
    .updateTable('corps')
    .set({ ...rest, ...(calendar ? { calendar: JSON.stringify(calendar) } : {}) })
    .where('id', '=', corpId)
    .execute();
}

export async function insertDepartment(db: Executor, row: { corp_id: string; id: number; parent_id: number | null; name: string }): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function insertMember(db: Executor, row: NewMember): Promise<string> {
  return (await db.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertMemberDepartment(db: Executor, row: { corp_id: string; member_id: string; department_id: number; is_leader?: boolean }): Promise<void> {
  await db.insertInto('member_departments').values(row).execute();
}

export async function insertSuperAdmin(db: Executor, corpId: string, memberId: string): Promise<void> {
  await db.insertInto('corp_admins').values({ corp_id: corpId, member_id: memberId, role: 'super_admin' }).execute();
}

/** Members who count toward the head count: everyone but those who left. */
export async function countMembers(db: Executor, corpId: string): Promise<number> {
  const row = await db.selectFrom('members').select(sql<number>`count(*)::int`.as('n')).where('corp_id', '=', corpId).where('status', '!=', 5).executeTakeFirstOrThrow();
  return row.n;
}

/** Active admins with the corp's name, by member id or by login (mobile or case-insensitive userid). */
export function adminAccounts(db: Executor) {
  return db
    .selectFrom('members as m')
    .innerJoin('corps as c', 'c.id', 'm.corp_id')
    .innerJoin('corp_admins as a', (join) => join.onRef('a.member_id', '=', 'm.id').onRef('a.corp_id', '=', 'm.corp_id'))
    .select(['m.id as memberId', 'm.corp_id as corpId', 'c.name as corpName', 'm.userid', 'm.name', 'a.role', 'c.default_language as defaultLanguage'])
    .where('m.status', '=', 1);
}

export async function findMemberByUserid(db: Executor, corpId: string, userid: string) {
  return db.selectFrom('members').selectAll().where('corp_id', '=', corpId).where(sql`lower(userid)`, '=', userid.toLowerCase()).executeTakeFirst();
}
