import type { Executor } from '../../db';
import * as credentials from './credential.repository';
import { hashPassword } from './password';

/** Stores an already hashed password inside the caller's transaction (hash before opening it: argon2 is slow on purpose). */
export async function upsertPasswordHash(trx: Executor, memberId: string, corpId: string, passwordHash: string, at: Date): Promise<void> {
  await credentials.upsertPassword(trx, memberId, corpId, passwordHash, at);
}

/** Hashes and stores a password. */
export async function setPassword(trx: Executor, memberId: string, corpId: string, password: string, at: Date): Promise<void> {
  await upsertPasswordHash(trx, memberId, corpId, await hashPassword(password), at);
}
