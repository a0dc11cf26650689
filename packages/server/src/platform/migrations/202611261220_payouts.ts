import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 企业支付: one payout per approved expense, paid in batches (an exported bank file confirmed with the bank's reference).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payout_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    // 批次号 shown to finance and printed in the file name: the date and the corp's running number.
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('exported', 'settled', 'voided')`))
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull().check(sql`total_fen >= 0`))
    .addColumn('paid_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    // The file is regenerated from the lines on each download; its hash proves it is the same file every time.
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('bank_reference', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addColumn('settled_by', 'text')
    .addColumn('voided_at', 'timestamptz')
    .addUniqueConstraint('payout_batches_corp_no', ['corp_id', 'batch_no'])
    .execute();
  // A bank reference settles one batch only: the second batch to claim it is refused by the database itself.
  await sql`create unique index payout_batches_corp_reference on payout_batches (corp_id, bank_reference) where bank_reference is not null`.execute(db);
  await db.schema.createIndex('payout_batches_corp_created').on('payout_batches').columns(['corp_id', 'created_at']).execute();

  await db.schema
    .createTable('payouts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    // The approval it pays; no foreign key, so the approvals module's tables can evolve on their own.
    .addColumn('approval_id', 'text', (c) => c.notNull())
    .addColumn('sp_no', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0 and amount_fen <= 1000000000`))
    .addColumn('payee_member_id', 'uuid', (c) => c.notNull().references('members.id'))
    // The payee's name when the payout was created: the bank file must come out the same on every download.
    .addColumn('payee_name', 'text', (c) => c.notNull())
    // { bankName, accountName, accountNumber } sealed with the server key: the number is read back for the bank file only.
    .addColumn('bank_account_sealed', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('account_name', 'text')
    .addColumn('account_last4', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'paid', 'failed', 'cancelled')`))
    .addColumn('batch_id', 'uuid', (c) => c.references('payout_batches.id'))
    .addColumn('bank_reference', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    // Exactly one payout per approval, however often (or concurrently) the final approval is retried.
    .addUniqueConstraint('payouts_corp_approval', ['corp_id', 'approval_id'])
    .execute();
  await db.schema.createIndex('payouts_corp_status_created').on('payouts').columns(['corp_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('payouts_batch').on('payouts').column('batch_id').execute();
  await db.schema.createIndex('payouts_payee').on('payouts').columns(['corp_id', 'payee_member_id']).execute();

  // The lines of a batch as exported: a payout retried later appears in a second batch, and each keeps its result.
  await db.schema
    .createTable('payout_batch_items')
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('payout_batches.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('payout_id', 'uuid', (c) => c.notNull().references('payouts.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.check(sql`result in ('paid', 'failed')`))
    .addColumn('failure_reason', 'text')
    .addPrimaryKeyConstraint('payout_batch_items_pk', ['batch_id', 'line_no'])
    .addUniqueConstraint('payout_batch_items_payout', ['batch_id', 'payout_id'])
    .execute();
  await db.schema.createIndex('payout_batch_items_payout_id').on('payout_batch_items').column('payout_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payout_batch_items').execute();
  await db.schema.dropTable('payouts').execute();
  await db.schema.dropTable('payout_batches').execute();
}
