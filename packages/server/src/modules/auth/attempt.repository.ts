import type { Executor } from '../../db';

/** The counters for some keys, where they exist. */
export async function findCounters(db: Executor, keys: string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('attempt_counters').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one failure atomically (parallel attempts cannot overwrite each other's count); a count last
 * touched before `staleBefore` starts again from one. Returns the new count.
 */
export async function incrementFailures(db: Executor, key: string, now: Date, staleBefore: Date): Promise<number> {
  const row = await db
    .insertInto('attempt_counters')
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.case().when('attempt_counters.updated_at', '<', staleBefore).then(1).else(eb('attempt_counters.failures', '+', 1)).end(),
        updated_at: now,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Locks a key until the given time, never shortening a longer lock set meanwhile. */
export async function extendLock(db: Executor, key: string, until: Date): Promise<void> {
  await db
    .updateTable('attempt_counters')
    .set((eb) => ({ locked_until: eb.fn('greatest', [eb.fn.coalesce('locked_until', eb.val(until)), eb.val(until)]) }))
    .where('key', '=', key)
    .execute();
}

/** Forgets a key's failures. */
export async function deleteCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
}
