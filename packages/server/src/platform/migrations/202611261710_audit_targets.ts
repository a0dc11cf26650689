import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// A payout's entries in its corp's chain (its history) are read by target, not by scanning the whole chain. Partial:
// only payout entries pay for the index, not every audited write.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_payout on audit_log (chain, target_id, seq) where target_type = 'payout'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_payout`.execute(db);
}
