import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 临时素材 (media/upload): files an app uploads for 3 days, by a random media_id shared by the corp's apps.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    // Random and URL-safe: a media_id is a bearer reference inside the corp.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('image', 'voice', 'video', 'file')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // The purge deletes by expiry.
  await db.schema.createIndex('media_expires_at').on('media').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media').execute();
}
