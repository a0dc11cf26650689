import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 频率限制: the WeCom-compatible API's call counters, per corp or IP, per API, per clock-aligned minute or hour.
// Processes count in memory and add their increments here about once a second, so the limits hold across them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('corp', 'ip')`))
    // The corp id or the caller's IP.
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_seconds', 'integer', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_rate_counters_pkey', ['scope', 'key', 'api', 'window_start', 'window_seconds'])
    .execute();
  // Cleanup deletes by age, and every flush reads the current windows.
  await db.schema.createIndex('api_rate_counters_window_start').on('api_rate_counters').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_rate_counters').execute();
}
