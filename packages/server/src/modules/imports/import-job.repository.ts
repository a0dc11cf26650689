import type { Insertable } from 'kysely';
import type { Executor } from '../../db';
import type { ImportJobsTable } from './imports.table';

export async function insertJob(db: Executor, row: Insertable<ImportJobsTable>): Promise<string> {
  return (await db.insertInto('import_jobs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

const summaryColumns = ['id', 'corp_id', 'status', 'file_name', 'format', 'mode', 'create_departments', 'counts', 'disable_share', 'unknown_columns', 'new_departments', 'errors', 'failure_code', 'failure_detail', 'created_by', 'created_at', 'finished_at'] as const;

/** A corp's import, without its file. */
export async function findJob(db: Executor, corpId: string, id: string) {
  return db.selectFrom('import_jobs').select(summaryColumns).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

/** A corp's import with the uploaded file. */
export async function findJobWithFile(db: Executor, corpId: string, id: string) {
  return db.selectFrom('import_jobs').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

/** Moves a job from one status to another; false when it was not in `from` (someone else moved it). */
export async function transition(db: Executor, id: string, from: ImportJobsTable['status'], to: ImportJobsTable['status'], extra: { failure_code?: string | null; failure_detail?: string | null; finished_at?: Date | null; counts?: string } = {}): Promise<boolean> {
  const result = await db.updateTable('import_jobs').set({ status: to, ...extra }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Jobs left `applying`: interrupted, unless another process is still applying them. */
export async function applyingJobs(db: Executor) {
  return db.selectFrom('import_jobs').select(['id', 'corp_id']).where('status', '=', 'applying').execute();
}

/**
 * Whether the corp's directory lock is free right now. An applying import holds it for its whole transaction,
 * so a free lock means the import that was applying has died (its transaction rolled back with it).
 */
export async function directoryLockIsFree(trx: Executor, corpId: string): Promise<boolean> {
  const row = await trx.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().skipLocked().executeTakeFirst();
  return row !== undefined;
}
