import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// A target's entries in a corp's chain (a payout's history) are read by target, not by scanning the whole chain.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_target on audit_log (chain, target_type, target_id, seq)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_target`.execute(db);
}
