import type { Insertable } from 'kysely';
import type { Executor } from '../../db';
import type { SessionsTable } from './auth.table';

/** A live (not revoked) session by its token hash. */
export async function findLiveSessionByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function insertSession(db: Executor, row: Insertable<SessionsTable>) {
  return db.insertInto('sessions').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function touchSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Moves a session to a new stage under a new token (a raised session never keeps its old token). */
export async function raiseSession(db: Executor, id: string, stage: SessionsTable['stage'], tokenHash: string, at: Date): Promise<Date> {
  const row = await db.updateTable('sessions').set({ stage, token_hash: tokenHash, last_seen_at: at }).where('id', '=', id).returning('expires_at').executeTakeFirstOrThrow();
  return row.expires_at;
}

/** Revokes one of a member's sessions; false when it was not theirs or already ended. */
export async function revokeSession(db: Executor, memberId: string, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every session of a member. */
export async function revokeAllSessions(db: Executor, memberId: string, at: Date): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes every session of a member but one (the one they are using). */
export async function revokeOtherSessions(db: Executor, memberId: string, keepId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('member_id', '=', memberId)
    .where('id', '!=', keepId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A member's live, unexpired sessions, newest first. */
export async function listLiveSessions(db: Executor, memberId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}
