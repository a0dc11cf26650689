import type { Insertable, Updateable } from 'kysely';
import type { WorkCalendar } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { CorpsTable } from './corp.table';

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

export async function insertSuperAdmin(db: Executor, corpId: string, memberId: string): Promise<void> {
  await db.insertInto('corp_admins').values({ corp_id: corpId, member_id: memberId, role: 'super_admin' }).execute();
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

/** How many of the corp's super admins are active members, leaving one member out. */
export async function activeSuperAdminsBesides(db: Executor, corpId: string, memberId: string): Promise<number> {
  const rows = await adminAccounts(db).where('m.corp_id', '=', corpId).where('a.role', '=', 'super_admin').where('m.id', '!=', memberId).execute();
  return rows.length;
}

export async function isSuperAdmin(db: Executor, corpId: string, memberId: string): Promise<boolean> {
  return (await db.selectFrom('corp_admins').select('member_id').where('corp_id', '=', corpId).where('member_id', '=', memberId).where('role', '=', 'super_admin').executeTakeFirst()) !== undefined;
}

export async function superAdminMemberIds(db: Executor, corpId: string): Promise<string[]> {
  return (await db.selectFrom('corp_admins').select('member_id').where('corp_id', '=', corpId).where('role', '=', 'super_admin').execute()).map((r) => r.member_id);
}
