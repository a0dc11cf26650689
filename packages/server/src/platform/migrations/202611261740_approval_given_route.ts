import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// A request whose route an app gave through oa/applyevent keeps it: returned and resubmitted, it goes the same way.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approval_requests').addColumn('given_route', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approval_requests').dropColumn('given_route').execute();
}
