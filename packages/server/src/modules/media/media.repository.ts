import type { Insertable } from 'kysely';
import type { Executor } from '../../db';
import type { MediaTables } from './media.table';

export async function insertMedia(db: Executor, row: Insertable<MediaTables['media']>): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

/** A corp's media that has not expired at `now`. */
export async function findMedia(db: Executor, corpId: string, id: string, now: Date) {
  return db.selectFrom('media').selectAll().where('corp_id', '=', corpId).where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

/** Deletes every media expired at `now`; how many. */
export async function deleteExpired(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('media').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
