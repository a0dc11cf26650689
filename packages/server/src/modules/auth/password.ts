import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { Semaphore } from '../../platform/kernel/semaphore';

// RFC 9106's second recommended argon2id setting (64 MiB, 3 passes, 4 lanes); see ADR 0007.
// `algorithm: 2` is Algorithm.Argon2id; the library's const enum cannot be imported under isolatedModules.
const options = { algorithm: 2, memoryCost: 65_536, timeCost: 3, parallelism: 1 };

// One hash per core at a time: a burst of sign-ins queues here instead of oversubscribing the CPUs, which
// would slow every hash and starve the event loop that serves everything else.
const hashing = new Semaphore(availableParallelism());

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => hash(password, options));
}

/** Checks a password against its argon2id hash; false for a malformed hash rather than an error. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await hashing.run(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown account answers as slowly as a known one. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('orgdesk-timing-equalizer');
  await verifyPassword(await dummyHash, password);
  return false;
}
