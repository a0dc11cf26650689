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
