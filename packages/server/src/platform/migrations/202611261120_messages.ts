import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// App messages (message/send): each message stored once, one inbox row per recipient.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id'))
    .addColumn('msgtype', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('inbox_items')
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    // The sending app, again here: a member's quota per app (30 a minute, 1,000 an hour) is counted from this table.
    .addColumn('app_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addPrimaryKeyConstraint('inbox_items_pk', ['member_id', 'message_id'])
    .execute();
  await db.schema.createIndex('inbox_items_member_time').on('inbox_items').columns(['member_id', 'created_at']).execute();
  await db.schema.createIndex('inbox_items_member_app_time').on('inbox_items').columns(['member_id', 'app_id', 'created_at']).execute();
  await sql`create index inbox_items_unread on inbox_items (member_id) where read_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_items').execute();
  await db.schema.dropTable('messages').execute();
}
