import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    // previewed → applying → succeeded | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('create_departments', 'boolean', (c) => c.notNull())
    // Kept so the import applies exactly the file that was previewed, and for the error report.
    .addColumn('file', 'bytea', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('disable_share', 'double precision', (c) => c.notNull())
    .addColumn('unknown_columns', 'jsonb', (c) => c.notNull())
    .addColumn('new_departments', 'jsonb', (c) => c.notNull())
    // Row errors of the preview (capped); reasons in English, presented in the reader's language.
    .addColumn('errors', 'jsonb', (c) => c.notNull())
    .addColumn('failure_code', 'text')
    .addColumn('failure_detail', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('import_jobs_corp_created').on('import_jobs').columns(['corp_id', 'created_at']).execute();
  // One import applies per corp at a time.
  await sql`create unique index import_jobs_one_applying on import_jobs (corp_id) where status = 'applying'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_jobs').execute();
}
