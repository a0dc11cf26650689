import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 应用管理: custom apps and the directory-sync app, which call the WeCom-compatible API.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('apps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('custom', 'contacts_sync')`))
    // Custom apps only; the directory-sync app has none.
    .addColumn('agent_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('home_url', 'text')
    // HMAC-SHA-256 of the secret under the server key: high-entropy, checked on every gettoken.
    .addColumn('secret_mac', 'text', (c) => c.notNull())
    .addColumn('secret_hint', 'text', (c) => c.notNull())
    // Bumped at each reset, so tokens issued under the old secret stop working.
    .addColumn('secret_version', 'integer', (c) => c.notNull().defaultTo(1))
    // The current access token is derived from (app, secret version, generation); it lasts until token_expires_at.
    .addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_expires_at', 'timestamptz')
    .addColumn('visible_all', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('visible_members', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('visible_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('visible_tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('trusted_domains', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('trusted_ips', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('callback_url', 'text')
    // Token and EncodingAESKey must be read back to sign and encrypt callbacks: sealed with the server key.
    .addColumn('callback_token_sealed', 'text')
    .addColumn('callback_aes_key_sealed', 'text')
    .addColumn('callback_verified_at', 'timestamptz')
    // When the logo last changed (null: none); the image itself is in app_logos, so reading an app stays light.
    .addColumn('logo_updated_at', 'timestamptz')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // The directory-sync app's "API接口同步": off, the API may only read the directory.
    .addColumn('api_write', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index apps_corp_agent on apps (corp_id, agent_id) where agent_id is not null`.execute(db);
  await sql`create unique index apps_corp_contacts_sync on apps (corp_id) where kind = 'contacts_sync'`.execute(db);
  await db.schema.createIndex('apps_corp_secret').on('apps').columns(['corp_id', 'secret_mac']).execute();

  await db.schema
    .createTable('app_logos')
    .addColumn('app_id', 'uuid', (c) => c.primaryKey().references('apps.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_logos').execute();
  await db.schema.dropTable('apps').execute();
}
