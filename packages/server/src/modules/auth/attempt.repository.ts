import type { Executor } from '../../db';

/** The counters for some keys, where they exist. */
export async function findCounters(db: Executor, keys: string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('attempt_counters').selectAll().where('key', 'in', keys).execute();
}

/** Saves a counter's new state. */
export async function saveCounter(db: Executor, key: string, failures: number, lockedUntil: Date | null, now: Date): Promise<void> {
  await db
    .insertInto('attempt_counters')
    .values({ key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
}

/** Forgets a key's failures. */
export async function deleteCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
}
