import type { ImportJob } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import { randomToken, type SecretBox } from '../../platform/kernel/crypto';
import type { ActorContext } from '../../platform/kernel/context';
import type { Logger } from '../../platform/kernel/logger';
import type { AppCaller } from '../apps';
import type { CallbackOutbox, SealedReceiver } from '../callbacks';
import type { DepartmentService, DirectoryScope } from '../directory';
import type { ImportService, Spreadsheet } from '../imports';
import type { MediaService } from '../media';
import { BatchError, DELETE_PROTECTION, failureErrcode, INVALID_CONTENT, rowErrcode, storedFailureErrcode } from './batch-errors';
import * as jobs from './batch-jobs';
import type { BatchJobRow, BatchResultRow, BatchType } from './batch-jobs';
import { PartyFileError, readPartyCsv, replaceParty } from './replace-party';

/** What batch/getresult answers (without errcode/errmsg when the job went well). */
export interface BatchResult {
  errcode: number;
  errmsg: string;
  status: number;
  type: BatchType;
  total: number;
  percentage: number;
  result: BatchResultRow[];
}

/** The optional `callback` of a batch call, kept for the batch_job_result event. */
export type BatchCallback = { url: string; token: string; encodingaeskey: string } | undefined;

/**
 * WeCom's asynchronous imports (batch/syncuser, replaceuser, replaceparty) over a CSV uploaded with media/upload.
 * Members go through the import engine (preview, then apply in one transaction: the same rules as the console);
 * a file with any row in error changes nothing and fails the job with its rows, as WeCom does.
 */
export class BatchService {
  private readonly progress = new Map<string, { done: number; total: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly imports: ImportService,
    private readonly media: MediaService,
    private readonly departments: DepartmentService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly callbacks: CallbackOutbox,
    private readonly box: SecretBox,
  ) {}

  /** syncuser (mode sync) or replaceuser (mode replace): answers the jobid once the file is read and checked. */
  async startMembers(app: AppCaller, type: 'sync_user' | 'replace_user', mediaId: string, callback: BatchCallback, ctx: ActorContext): Promise<string> {
    const file = await this.file(app, mediaId);
    const importer = importerOf(app);
    let preview: ImportJob;
    try {
      preview = await this.imports.preview(importer, { bytes: file.bytes, name: csvName(file.file_name) }, { mode: type === 'sync_user' ? 'sync' : 'replace', createDepartments: true }, ctx);
    } catch (error) {
      const { errcode, errmsg } = failureErrcode(error);
      throw new BatchError(errcode, errmsg);
    }
    const id = await this.insert(app, type, preview.counts.rows, callback, preview.id);
    if (preview.counts.rowsInError > 0) {
      const { row, sheet } = await this.imports.file(importer, preview.id);
      await this.finish(id, INVALID_CONTENT.errcode, INVALID_CONTENT.errmsg, firstErrorPerRow(row.errors, useridsOf(sheet)));
      return id;
    }
    // WeCom's own guard on replaceuser (45026) stands in for the console's confirmation, which an API cannot give.
    if (type === 'replace_user' && deletesTooMany(preview.counts.disabled, preview.disableShare)) {
      await this.finish(id, DELETE_PROTECTION.errcode, `${DELETE_PROTECTION.errmsg}: the file would disable ${preview.counts.disabled} members`, []);
      return id;
    }
    this.progress.set(id, { done: 0, total: preview.counts.rows });
    const onProgress = (done: number, total: number) => this.progress.set(id, { done, total });
    this.imports
      .apply(importer, preview.id, { skipBadRows: false, confirmDisable: true }, ctx, onProgress)
      .then(async () => this.finish(id, 0, 'ok', [...(await this.userids(app, preview.id)).values()].map((userid) => ({ userid, errcode: 0, errmsg: 'ok' }))))
      .catch(async (error: unknown) => {
        const { errcode, errmsg } = failureErrcode(error);
        await this.finish(id, errcode, errmsg, []);
      })
      .catch((error: unknown) => this.logger.error({ err: error, jobId: id }, 'batch job not recorded'))
      .finally(() => this.progress.delete(id));
    return id;
  }

  /** replaceparty: reads the department file, then replaces the tree in one transaction in the background. */
  async startParty(app: AppCaller, mediaId: string, callback: BatchCallback, ctx: ActorContext): Promise<string> {
    const file = await this.file(app, mediaId);
    let rows: ReturnType<typeof readPartyCsv> = [];
    let refused: PartyFileError | null = null;
    try {
      rows = readPartyCsv(file.bytes);
    } catch (error) {
      if (!(error instanceof PartyFileError)) throw error;
      if (!error.rows.length) throw new BatchError(error.errcode, error.errmsg);
      refused = error;
    }
    const id = await this.insert(app, 'replace_party', refused ? refused.rows.length : rows.length, callback, null);
    if (refused) {
      await this.finish(id, refused.errcode, refused.errmsg, refused.rows);
      return id;
    }
    this.progress.set(id, { done: 0, total: rows.length });
    void this.runParty(id, importerOf(app).scope, rows, ctx);
    return id;
  }

  /** batch/getresult: a job of the caller's corp only. */
  async result(app: AppCaller, jobId: string): Promise<BatchResult> {
    let job = await jobs.findBatchJob(this.db, app.corpId, jobId);
    if (!job) throw new BatchError(40088, 'jobid not found');
    if (job.status !== 3 && job.import_id && !this.progress.has(job.id)) job = await this.settle(app, job);
    const running = this.progress.get(job.id);
    const percentage = job.status === 3 ? 100 : running && running.total > 0 ? Math.min(99, Math.floor((running.done / running.total) * 100)) : 0;
    return {
      errcode: job.errcode ?? 0,
      errmsg: job.errmsg ?? 'ok',
      status: job.status === 3 ? 3 : running && running.done > 0 ? 2 : job.status,
      type: job.type,
      total: job.total,
      percentage,
      result: job.status === 3 ? (job.result ?? []) : [],
    };
  }

  private async runParty(id: string, scope: DirectoryScope, rows: ReturnType<typeof readPartyCsv>, ctx: ActorContext): Promise<void> {
    try {
      await jobs.setRunning(this.db, id);
      const results = await this.db.transaction().execute((trx) => replaceParty(trx, this.departments, scope, rows, ctx, (done) => this.progress.set(id, { done, total: rows.length })));
      await this.finish(id, 0, 'ok', results);
    } catch (error) {
      try {
        const rowsAtFault = error instanceof PartyFileError ? error.rows : [];
        const { errcode, errmsg } = failureErrcode(error);
        if (errcode === -1) this.logger.error({ err: error, jobId: id }, 'replaceparty failed');
        await this.finish(id, errcode, errmsg, rowsAtFault);
      } catch (recording) {
        this.logger.error({ err: recording, jobId: id }, 'batch job not recorded');
      }
    } finally {
      this.progress.delete(id);
    }
  }

  /** A job this process is not running: its import ended (here before a restart, or in another process), or waits. */
  private async settle(app: AppCaller, job: BatchJobRow): Promise<BatchJobRow> {
    const imported = await this.imports.get(importerOf(app), job.import_id!, 'zh-CN');
    if (imported.status === 'succeeded') {
      const userids = await this.userids(app, job.import_id!);
      await this.finish(job.id, 0, 'ok', [...userids.values()].map((userid) => ({ userid, errcode: 0, errmsg: 'ok' })));
    } else if (imported.status === 'failed') {
      const { errcode, errmsg } = storedFailureErrcode(imported.failure?.code ?? 'common.internal');
      await this.finish(job.id, errcode, errmsg, []);
    } else return imported.status === 'applying' ? { ...job, status: 2 } : job;
    return (await jobs.findBatchJob(this.db, app.corpId, job.id))!;
  }

  private async file(app: AppCaller, mediaId: string) {
    const file = await this.media.find(app.corpId, mediaId);
    if (!file) throw new BatchError(40007, 'invalid media_id');
    return file;
  }

  private async insert(app: AppCaller, type: BatchType, total: number, callback: BatchCallback, importId: string | null): Promise<string> {
    // 32 random bytes: 43 URL-safe characters, within WeCom's 64.
    const id = randomToken(32);
    await jobs.insertBatchJob(this.db, {
      id,
      corp_id: app.corpId,
      app_id: app.appId,
      type,
      import_id: importId,
      status: 1,
      total,
      errcode: null,
      errmsg: null,
      result: null,
      // Token and key must be read back to encrypt the event: sealed, never stored as given.
      callback: callback ? JSON.stringify({ url: callback.url, tokenSealed: this.box.seal(callback.token), keySealed: this.box.seal(callback.encodingaeskey) }) : null,
      created_at: this.clock.now(),
    });
    return id;
  }

  /** Marks the job done and, in the same transaction, queues its batch_job_result for the app's callback URL. */
  private async finish(id: string, errcode: number, errmsg: string, result: BatchResultRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const job = await jobs.finishBatchJob(trx, id, { errcode, errmsg, result, at: this.clock.now() });
      if (job) await this.callbacks.batchJobResult(trx, job.corp_id, job.app_id, { jobId: id, type: job.type, errcode, errmsg }, job.callback as SealedReceiver | null);
    });
  }

  private async userids(app: AppCaller, importId: string): Promise<Map<number, string>> {
    return useridsOf((await this.imports.file(importerOf(app), importId)).sheet);
  }
}

/** The userid of each data row of a file, by row number. */
function useridsOf(sheet: Spreadsheet): Map<number, string> {
  return new Map(sheet.rows.flatMap((r) => (r.cells.userid ? [[r.rowNumber, r.cells.userid] as const] : [])));
}

function importerOf(app: AppCaller) {
  return { scope: { corpId: app.corpId, reach: app.reach, superAdmin: false }, userid: null };
}

/** The engine reads CSV by name; WeCom's files are CSV whatever they are called (an XLSX is still detected). */
function csvName(name: string): string {
  return /\.(csv|xlsx)$/i.test(name) ? name : `${name}.csv`;
}

/** WeCom's 45026: more than 50 members and over 20% of them, or fewer and over 80%. */
function deletesTooMany(count: number, share: number): boolean {
  return count >= 50 ? share > 0.2 : share > 0.8;
}

function firstErrorPerRow(errors: Parameters<typeof rowErrcode>[0][], userids: Map<number, string>): BatchResultRow[] {
  const byRow = new Map<number, BatchResultRow>();
  for (const error of errors) {
    if (byRow.has(error.row)) continue;
    byRow.set(error.row, { userid: userids.get(error.row) ?? '', ...rowErrcode(error) });
  }
  return [...byRow.values()];
}
