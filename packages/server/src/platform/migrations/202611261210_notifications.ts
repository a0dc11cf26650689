import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Notifications: one outbox every module tells members through. A notice is stored once (the messages table, which
// now also holds the system's own notices: no app, a kind, an event key); the in-app copy is the inbox row, visible
// from its due time; email and webhook deliveries wait in notification_deliveries with a lease and retries.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table messages alter column app_id drop not null`.execute(db);
  await db.schema.alterTable('messages').addColumn('kind', 'text', (c) => c.notNull().defaultTo('app.message')).execute();
  await db.schema.alterTable('messages').addColumn('event_key', 'text').execute();
  await db.schema.alterTable('messages').addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // Notifying the same event twice finds the same notice.
  await sql`create unique index messages_event_key on messages (corp_id, event_key) where event_key is not null`.execute(db);

  await sql`alter table inbox_items alter column app_id drop not null`.execute(db);
  // When the member may see it: the send time, or the next working time outside their quiet hours.
  await db.schema.alterTable('inbox_items').addColumn('due_at', 'timestamptz').execute();
  await sql`update inbox_items set due_at = created_at`.execute(db);
  await sql`alter table inbox_items alter column due_at set not null`.execute(db);
  // Deferred and not yet announced on the live stream: the dispatcher releases these when they fall due.
  await db.schema.alterTable('inbox_items').addColumn('push_pending', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // The inbox lists by due time now; the index by send time would only slow every insert (the quota has its own).
  await db.schema.createIndex('inbox_items_member_due').on('inbox_items').columns(['member_id', 'due_at']).execute();
  await sql`drop index inbox_items_member_time`.execute(db);
  await sql`create index inbox_items_push_pending on inbox_items (due_at) where push_pending`.execute(db);

  await db.schema
    .createTable('notification_settings')
    .addColumn('corp_id', 'text', (c) => c.primaryKey().references('corps.id'))
    .addColumn('working_hours_only', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('email_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('webhooks_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('member_id', 'uuid', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('muted_app_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('email', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_preferences_corp').on('notification_preferences').column('corp_id').execute();

  await db.schema
    .createTable('notification_webhooks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_webhooks_corp').on('notification_webhooks').column('corp_id').execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    // The member (email) or the webhook (webhook) it goes to: one copy per (notice, channel, target).
    .addColumn('target', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('leased_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('notification_deliveries_once', ['message_id', 'channel', 'target'])
    .execute();
  await sql`create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('notification_deliveries_corp_seq').on('notification_deliveries').columns(['corp_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema.dropTable('notification_webhooks').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notification_settings').execute();
  await sql`drop index inbox_items_push_pending`.execute(db);
  await sql`drop index inbox_items_member_due`.execute(db);
  await db.schema.createIndex('inbox_items_member_time').on('inbox_items').columns(['member_id', 'created_at']).execute();
  await db.schema.alterTable('inbox_items').dropColumn('push_pending').dropColumn('due_at').execute();
  await sql`drop index messages_event_key`.execute(db);
  await db.schema.alterTable('messages').dropColumn('urgent').dropColumn('event_key').dropColumn('kind').execute();
}
