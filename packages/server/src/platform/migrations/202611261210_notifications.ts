import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
export async function up(_db: Kysely<any>): Promise<void> {}
