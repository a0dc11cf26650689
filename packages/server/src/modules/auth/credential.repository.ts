import type { Executor } from '../../db';

export async function findCredentials(db: Executor, memberId: string) {
  return db.selectFrom('member_credentials').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

export async function findCredentialsOf(db: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db.selectFrom('member_credentials').selectAll().where('member_id', 'in', memberIds).execute();
}

export async function upsertPassword(db: Executor, memberId: string, corpId: string, passwordHash: string, at: Date): Promise<void> {
  await db
    .insertInto('member_credentials')
    .values({ member_id: memberId, corp_id: corpId, password_hash: passwordHash, password_changed_at: at })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ password_hash: passwordHash, password_changed_at: at }))
    .execute();
}

export async function setPendingTotp(db: Executor, memberId: string, sealedSecret: string): Promise<void> {
  await db.updateTable('member_credentials').set({ totp_pending_secret: sealedSecret }).where('member_id', '=', memberId).execute();
}

/** Makes the pending secret the enrolled one, recording the step of the code that proved it. */
export async function confirmTotp(db: Executor, memberId: string, sealedSecret: string, step: number, at: Date): Promise<void> {
  await db
    .updateTable('member_credentials')
    .set({ totp_secret: sealedSecret, totp_pending_secret: null, totp_enrolled_at: at, totp_last_step: step })
    .where('member_id', '=', memberId)
    .execute();
}

/**
 * Claims a TOTP step: succeeds only when the step is later than the last one used, atomically, so two
 * requests racing with the same code cannot both pass.
 */
export async function claimTotpStep(db: Executor, memberId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('member_credentials')
    .set({ totp_last_step: step })
    .where('member_id', '=', memberId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function clearTotp(db: Executor, memberId: string): Promise<void> {
  await db
    .updateTable('member_credentials')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enrolled_at: null, totp_last_step: null })
    .where('member_id', '=', memberId)
    .execute();
}

export async function replaceRecoveryCodes(db: Executor, memberId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('member_id', '=', memberId).execute();
  if (codeHashes.length > 0) {
    await db.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ member_id: memberId, code_hash }))).execute();
  }
}

/** Uses up a recovery code; false when it does not exist or was used already. */
export async function useRecoveryCode(db: Executor, memberId: string, codeHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('member_id', '=', memberId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countUnusedRecoveryCodes(db: Executor, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
