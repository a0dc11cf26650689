import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The callback outbox: each event for each receiving app, written in the transaction of the change that caused it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('callback_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Sent in the order the changes happened (times can tie within a transaction).
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text')
    // Another receiver than the app's own callback (a batch call's `callback`): its URL, token and key (sealed).
    .addColumn('target_url', 'text')
    .addColumn('target_token_sealed', 'text')
    .addColumn('target_aes_key_sealed', 'text')
    // The plain XML event; encrypted and signed at each attempt with the app's current key.
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // A sender's claim: another process leaves the row alone until then; after a crash it is picked up again.
    .addColumn('leased_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await sql`create index callback_deliveries_due on callback_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('callback_deliveries_app_time').on('callback_deliveries').columns(['app_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callback_deliveries').execute();
}
