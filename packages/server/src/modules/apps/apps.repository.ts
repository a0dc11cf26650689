import type { Insertable, Updateable } from 'kysely';
import type { Executor, Trx } from '../../db';
import type { AppRow, AppsTable } from './apps.table';

export async function listApps(db: Executor, corpId: string): Promise<AppRow[]> {
  // The directory-sync app first, then custom apps by AgentID.
  return db.selectFrom('apps').selectAll().where('corp_id', '=', corpId).orderBy('agent_id', (o) => o.nullsFirst()).execute();
}

export async function findApp(db: Executor, corpId: string, id: string): Promise<AppRow | undefined> {
  return db.selectFrom('apps').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export async function findAppById(db: Executor, id: string): Promise<AppRow | undefined> {
  return db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContactsSyncApp(db: Executor, corpId: string): Promise<AppRow | undefined> {
  return db.selectFrom('apps').selectAll().where('corp_id', '=', corpId).where('kind', '=', 'contacts_sync').executeTakeFirst();
}

export async function findAppBySecret(db: Executor, corpId: string, mac: string): Promise<AppRow | undefined> {
  return db.selectFrom('apps').selectAll().where('corp_id', '=', corpId).where('secret_mac', '=', mac).executeTakeFirst();
}

/** Locks the corp's row: AgentIDs are handed out one at a time. */
export async function nextAgentId(trx: Trx, corpId: string): Promise<{ agentId: number; count: number }> {
  await trx.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
  const row = await trx
    .selectFrom('apps')
    .select((eb) => [eb.fn.max('agent_id').as('max'), eb.fn.countAll<string>().as('count')])
    .where('corp_id', '=', corpId)
    .where('kind', '=', 'custom')
    .executeTakeFirstOrThrow();
  return { agentId: Math.max(1_000_001, Number(row.max ?? 0)) + 1, count: Number(row.count) };
}

export async function insertApp(trx: Trx, row: Insertable<AppsTable>): Promise<AppRow> {
  return trx.insertInto('apps').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateApp(trx: Trx, id: string, patch: Updateable<AppsTable>): Promise<AppRow> {
  return trx.updateTable('apps').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Moves an app's token on: extends the current one (same generation) or starts the next generation. Conditional
 * on the generation read, so two processes racing on an expired token agree on one new generation.
 */
export async function advanceToken(db: Executor, id: string, fromGeneration: number, next: { generation: number; expiresAt: Date }): Promise<boolean> {
  const result = await db
    .updateTable('apps')
    .set({ token_generation: next.generation, token_expires_at: next.expiresAt })
    .where('id', '=', id)
    .where('token_generation', '=', fromGeneration)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Members' ids by userid (case-insensitive), for a visible range; unknown userids are left out. */
export async function memberIdsByUserid(db: Executor, corpId: string, userids: readonly string[]): Promise<Map<string, string>> {
  if (userids.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .select(['id', 'userid'])
    .where('corp_id', '=', corpId)
    .where('status', '!=', 5)
    .where((eb) => eb(eb.fn('lower', ['userid']), 'in', userids.map((u) => u.toLowerCase())))
    .execute();
  return new Map(rows.map((r) => [r.userid.toLowerCase(), r.id]));
}

/** Members' userids by member id, for visible ranges (one query for a whole list of apps). */
export async function useridsByMemberIds(db: Executor, corpId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'userid']).where('corp_id', '=', corpId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.userid]));
}
