import type { Executor } from '../../db';

export async function insertCode(db: Executor, row: { purpose: string; target: string; code_hash: string; expires_at: Date; created_at: Date }) {
  return db.insertInto('verification_codes').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function findCode(db: Executor, id: string) {
  return db.selectFrom('verification_codes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function latestCodeFor(db: Executor, purpose: string, target: string) {
  return db.selectFrom('verification_codes').select('created_at').where('purpose', '=', purpose).where('target', '=', target).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

export async function countAttempt(db: Executor, id: string): Promise<void> {
  await db.updateTable('verification_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
}

/** Marks a code used; false when it was used already (a concurrent request won). */
export async function consumeCode(db: Executor, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('verification_codes').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
