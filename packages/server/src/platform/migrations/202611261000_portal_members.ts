import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The member portal: invitations to activate, the corp's portal settings, and which sessions are admin sessions.
export async function up(db: Kysely<any>): Promise<void> {
  // One live invitation per member (a new one replaces it); the token is stored as its SHA-256 only.
  await db.schema
    .createTable('member_invites')
    .addColumn('member_id', 'uuid', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('corps')
    .addColumn('member_totp_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('member_editable_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{alias,telephone,address}'`))
    .execute();

  // Sessions opened before members could sign in were all admin sessions.
  await db.schema.alterTable('sessions').addColumn('admin', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('admin').execute();
  await db.schema.alterTable('corps').dropColumn('member_totp_required').dropColumn('member_editable_fields').execute();
  await db.schema.dropTable('member_invites').execute();
}
