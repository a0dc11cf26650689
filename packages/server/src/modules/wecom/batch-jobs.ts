import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db';

type Json<T> = ColumnType<T, string, string>;

/** What a batch job is: WeCom's `type` of getresult. */
export type BatchType = 'sync_user' | 'replace_user' | 'replace_party';

/** A row of getresult's `result`: a member's (userid) or a department's (action, partyid). */
export type BatchResultRow = { userid: string; errcode: number; errmsg: string } | { action: number; partyid: number; errcode: number; errmsg: string };

export interface BatchJobsTable {
  id: string;
  corp_id: string;
  app_id: string;
  type: BatchType;
  import_id: string | null;
  /** 1 started, 2 running, 3 finished. */
  status: number;
  total: number;
  errcode: number | null;
  errmsg: string | null;
  result: Json<BatchResultRow[] | null> | null;
  callback: Json<Record<string, string> | null> | null;
  created_at: ColumnType<Date, Date, never>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The tables the batch API owns. */
export interface BatchTables {
  batch_jobs: BatchJobsTable;
}

export type BatchJobRow = Selectable<BatchJobsTable>;
type Db = Executor;

export async function insertBatchJob(db: Db, row: Insertable<BatchJobsTable>): Promise<void> {
  await db.insertInto('batch_jobs').values(row).execute();
}

/** A corp's job: another corp's jobid does not exist. */
export async function findBatchJob(db: Db, corpId: string, id: string): Promise<BatchJobRow | undefined> {
  return db.selectFrom('batch_jobs').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export async function setRunning(db: Db, id: string): Promise<void> {
  await db.updateTable('batch_jobs').set({ status: 2 }).where('id', '=', id).where('status', '=', 1).execute();
}

/** Records the outcome once: a job already finished keeps its first result. */
/** Marks a job done, once: the job when this call finished it, undefined when it was done already. */
export async function finishBatchJob(db: Db, id: string, outcome: { errcode: number; errmsg: string; result: BatchResultRow[]; at: Date }) {
  return db
    .updateTable('batch_jobs')
    .set({ status: 3, errcode: outcome.errcode, errmsg: outcome.errmsg, result: JSON.stringify(outcome.result), finished_at: outcome.at })
    .where('id', '=', id)
    .where('status', '<>', 3)
    .returning(['corp_id', 'app_id', 'type', 'callback'])
    .executeTakeFirst();
}
