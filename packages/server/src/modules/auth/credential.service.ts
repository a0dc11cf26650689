import type { Executor } from '../../db';
import * as credentials from './credential.repository';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';

/** Stores an already hashed password inside the caller's transaction (hash before opening it: argon2 is slow on purpose). */
export async function upsertPasswordHash(trx: Executor, memberId: string, corpId: string, passwordHash: string, at: Date): Promise<void> {
  await credentials.upsertPassword(trx, memberId, corpId, passwordHash, at);
}

/** Hashes and stores a password. */
export async function setPassword(trx: Executor, memberId: string, corpId: string, password: string, at: Date): Promise<void> {
  await upsertPasswordHash(trx, memberId, corpId, await hashPassword(password), at);
}

/** Whether a password is the member's current one (argon2 verify); a member without a password spends the same time and fails. */
export async function checkPassword(db: Executor, memberId: string, password: string): Promise<boolean> {
  const stored = await credentials.findCredentials(db, memberId);
  return stored ? verifyPassword(stored.password_hash, password) : verifyAgainstNothing(password);
}
