import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 异步批量任务 (batch/syncuser, replaceuser, replaceparty): a job per call, read back with batch/getresult.
// Member jobs run on the import engine (import_id); the result is kept once the job has finished.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('batch_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('sync_user', 'replace_user', 'replace_party')`))
    .addColumn('import_id', 'uuid', (c) => c.references('import_jobs.id').onDelete('set null'))
    // 1 started, 2 running, 3 finished, as getresult answers.
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('errcode', 'integer')
    .addColumn('errmsg', 'text')
    .addColumn('result', 'jsonb')
    // Kept for the batch_job_result event: { url, token, encodingaeskey }.
    .addColumn('callback', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('batch_jobs_corp_created').on('batch_jobs').columns(['corp_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('batch_jobs').execute();
}
