import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// OAuth sign-in of members into apps: one-time codes (5 minutes) and the user tickets they may yield (30 minutes).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_codes')
    // Only SHA-256 of the code and of the ticket are kept: both are bearer secrets.
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('app_id', 'uuid', (c) => c.references('apps.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('snsapi_base', 'snsapi_privateinfo')`))
    .addColumn('redirect_host', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('ticket_hash', 'text', (c) => c.unique())
    .addColumn('ticket_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('oauth_codes_expires').on('oauth_codes').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oauth_codes').execute();
}
