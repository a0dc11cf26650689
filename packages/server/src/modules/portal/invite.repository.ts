import type { Executor } from '../../db';

// SQL only.

/** Creates a member's invitation, replacing any earlier one (used or not). */
export async function replaceInvite(db: Executor, row: { member_id: string; corp_id: string; token_hash: string; expires_at: Date; created_at: Date }): Promise<void> {
  await db
    .insertInto('member_invites')
    .values({ ...row, used_at: null })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ corp_id: row.corp_id, token_hash: row.token_hash, expires_at: row.expires_at, created_at: row.created_at, used_at: null }))
    .execute();
}

/** An invitation by its token's hash, locked when asked (activation uses it up). */
export async function findByTokenHash(db: Executor, tokenHash: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('member_invites').selectAll().where('token_hash', '=', tokenHash);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function markUsed(db: Executor, memberId: string, at: Date): Promise<void> {
  await db.updateTable('member_invites').set({ used_at: at }).where('member_id', '=', memberId).execute();
}
