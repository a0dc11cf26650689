import { errorMessage, localizeReason, type ImportJob, type ImportMode, type ImportRowError, type Language } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { Logger } from '../../platform/kernel/logger';
import type { AuditLog } from '../audit';
import { directoryBulk, reachSets, ROOT_DEPARTMENT_ID, type DirectoryScope, type SuperAdminGuard } from '../directory';
import { applyPlan, type ProgressListener } from './apply';
import { describeFileError } from './describe-error';
import { ImportFileError } from './import-error';
import * as jobs from './import-job.repository';
import type { ImportJobRow } from './imports.table';
import { planImport, type DirectorySnapshot, type ImportPlan } from './plan';
import { readSpreadsheet, type Spreadsheet } from './read-file';
import { columnLabel, type RowError } from './row-input';

/** Row errors kept with a job; the counts always cover them all. */
const STORED_ERRORS = 10_000;

/**
 * Who is importing: their directory scope (what the plan may touch) and userid. A scoped admin sees only the
 * imports they started; a super admin and the operator (userid null, whole corp) see every import of the corp.
 */
export interface Importer {
  scope: DirectoryScope;
  userid: string | null;
}

/** Options of one import. */
export interface ImportOptions {
  mode: ImportMode;
  createDepartments: boolean;
}

/**
 * The directory import as a workflow: preview (parse, validate, plan, keep the file), then apply as a durable
 * job in one transaction, so a crash leaves the directory as it was and the job marked failed.
 */
export class ImportService {
  private readonly progress = new Map<string, { done: number; total: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly superAdmins: SuperAdminGuard,
    private readonly logger: Logger,
    readonly disableThreshold = 0.3,
  ) {}

  /** How many imports this process is applying right now. */
  get applyingHere(): number {
    return this.progress.size;
  }

  /** Reads and checks a file and records what importing it would do; nothing in the directory changes. */
  async preview(importer: Importer, file: { bytes: Buffer; name: string }, options: ImportOptions, ctx: ActorContext): Promise<ImportJob> {
    const corpId = importer.scope.corpId;
    const sheet = await this.read(file);
    const plan = await planImport(sheet.rows, await this.snapshot(this.db, importer.scope), options);
    const id = await jobs.insertJob(this.db, {
      corp_id: corpId,
      status: 'previewed',
      file_name: file.name.slice(0, 255),
      format: sheet.format,
      mode: options.mode,
      create_departments: options.createDepartments,
      file: file.bytes,
      counts: JSON.stringify(plan.counts),
      disable_share: plan.disableShare,
      unknown_columns: JSON.stringify(sheet.unknownColumns),
      new_departments: JSON.stringify(plan.newDepartments.map((d) => d.path)),
      errors: JSON.stringify(plan.errors.slice(0, STORED_ERRORS)),
      created_by: ctx.actorId,
      created_at: this.clock.now(),
    });
    return this.get(importer, id, ctx.language);
  }

  /**
   * Applies a previewed import: re-plans against the directory as it is now, inside one transaction that holds
   * the corp's directory lock, and writes it. Refuses rows in error unless skipped, and a large disable unless confirmed.
   */
  async apply(importer: Importer, jobId: string, choices: { skipBadRows: boolean; confirmDisable: boolean }, ctx: ActorContext, onProgress?: ProgressListener): Promise<ImportJob> {
    const corpId = importer.scope.corpId;
    const job = await jobs.findJobWithFile(this.db, corpId, jobId);
    if (!job || !visibleTo(job, importer)) throw new AppError('imports.not_found');
    if (job.status !== 'previewed') throw new AppError('imports.not_applicable');
    const sheet = await this.read({ bytes: job.file, name: job.file_name });
    try {
      if (!(await jobs.transition(this.db, jobId, 'previewed', 'applying'))) throw new AppError('imports.not_applicable');
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('imports.busy');
      throw error;
    }
    this.progress.set(jobId, { done: 0, total: 0 });
    try {
      await this.db.transaction().execute(async (trx) => {
        const plan = await planImport(sheet.rows, await this.snapshot(trx, importer.scope, { lock: true }), { mode: job.mode, createDepartments: job.create_departments });
        if (plan.errors.length && !choices.skipBadRows) throw new AppError('imports.rows_in_error');
        if (plan.disableShare > this.disableThreshold && !choices.confirmDisable) throw new AppError('imports.confirmation_required');
        await applyPlan(trx, corpId, plan, { audit: this.audit, now: this.clock.now() }, ctx, (done, total) => {
          this.progress.set(jobId, { done, total });
          onProgress?.(done, total);
        });
        await this.audit.record(trx, corpId, ctx, { action: 'imports.apply', targetType: 'import', targetId: jobId, after: { fileName: job.file_name, mode: job.mode, ...plan.counts, skippedRows: choices.skipBadRows ? plan.counts.rowsInError : 0 } });
        await jobs.transition(trx, jobId, 'applying', 'succeeded', { finished_at: this.clock.now(), counts: JSON.stringify(plan.counts) });
      });
    } catch (error) {
      const reopen = error instanceof AppError && (error.code === 'imports.rows_in_error' || error.code === 'imports.confirmation_required');
      await jobs.transition(this.db, jobId, 'applying', reopen ? 'previewed' : 'failed', reopen ? {} : failure(error, this.clock.now()));
      if (!(error instanceof AppError)) this.logger.error({ err: error, jobId }, 'import failed');
      throw error;
    } finally {
      this.progress.delete(jobId);
    }
    // Fresh statistics, so member lists plan well right away (PGlite has no autovacuum).
    await directoryBulk.analyzeDirectory(this.db);
    return this.get(importer, jobId, ctx.language);
  }

  /** Starts applying in the background and answers at once; follow it with `get`. */
  async start(importer: Importer, jobId: string, choices: { skipBadRows: boolean; confirmDisable: boolean }, ctx: ActorContext): Promise<ImportJob> {
    const job = await this.get(importer, jobId, ctx.language);
    if (job.status !== 'previewed') throw new AppError('imports.not_applicable');
    if (job.counts.rowsInError > 0 && !choices.skipBadRows) throw new AppError('imports.rows_in_error');
    if (job.disableShare > this.disableThreshold && !choices.confirmDisable) throw new AppError('imports.confirmation_required');
    const running = this.apply(importer, jobId, choices, ctx);
    running.catch((error: unknown) => this.logger.info({ jobId, code: (error as AppError).code }, 'import not applied'));
    // Let the status move to `applying` (or fail fast) before answering.
    await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 50))]);
    return this.get(importer, jobId, ctx.language);
  }

  async get(importer: Importer, jobId: string, language: Language): Promise<ImportJob> {
    const job = await jobs.findJob(this.db, importer.scope.corpId, jobId);
    if (!job || !visibleTo(job, importer)) throw new AppError('imports.not_found');
    return present(job, this.progress.get(jobId) ?? null, this.disableThreshold, language);
  }

  /** A page of the job's row errors in the reader's language. */
  async errors(importer: Importer, jobId: string, page: number, pageSize: number, language: Language): Promise<{ items: ImportRowError[]; total: number }> {
    const job = await jobs.findJob(this.db, importer.scope.corpId, jobId);
    if (!job || !visibleTo(job, importer)) throw new AppError('imports.not_found');
    return { items: job.errors.slice((page - 1) * pageSize, page * pageSize).map((e) => presentError(e, language)), total: job.errors.length };
  }

  /** Marks imports a dead process left applying as failed (their transaction rolled back). Run at start. */
  async recoverInterrupted(): Promise<number> {
    let recovered = 0;
    for (const job of await jobs.applyingJobs(this.db)) {
      await this.db.transaction().execute(async (trx) => {
        if (!(await jobs.directoryLockIsFree(trx, job.corp_id))) return;
        if (await jobs.transition(trx, job.id, 'applying', 'failed', { failure_code: 'imports.interrupted', failure_detail: 'the server stopped while the import was applying; nothing was changed', finished_at: this.clock.now() })) recovered++;
      });
    }
    return recovered;
  }

  /** The stored file of a job, for the error report. */
  async file(importer: Importer, jobId: string): Promise<{ row: ImportJobRow; sheet: Spreadsheet }> {
    const row = await jobs.findJobWithFile(this.db, importer.scope.corpId, jobId);
    if (!row || !visibleTo(row, importer)) throw new AppError('imports.not_found');
    return { row, sheet: await this.read({ bytes: row.file, name: row.file_name }) };
  }

  private async read(file: { bytes: Buffer; name: string }): Promise<Spreadsheet> {
    try {
      return await readSpreadsheet(file.bytes, file.name);
    } catch (error) {
      if (error instanceof ImportFileError) throw new AppError(error.code, { fields: [{ path: 'file', reason: describeFileError(error) }] });
      throw error;
    }
  }

  private async snapshot(db: Kysely<DB> | Parameters<typeof directoryBulk.snapshotMembers>[0], scope: DirectoryScope, options: { lock?: boolean } = {}): Promise<DirectorySnapshot> {
    const corpId = scope.corpId;
    if (options.lock) await db.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
    const [members, departments, superAdminIds, reach] = await Promise.all([
      directoryBulk.snapshotMembers(db, corpId),
      directoryBulk.snapshotDepartments(db, corpId),
      this.superAdmins.superAdminIds(db, corpId),
      reachSets(db, corpId, scope.reach),
    ]);
    return { members, departments, rootId: ROOT_DEPARTMENT_ID, superAdminIds, scope: reach };
  }
}

function visibleTo(job: { created_by: string | null }, importer: Importer): boolean {
  return importer.scope.superAdmin || importer.userid === null || job.created_by === importer.userid;
}

function failure(error: unknown, at: Date) {
  if (error instanceof AppError) return { failure_code: error.code, failure_detail: null, finished_at: at };
  return { failure_code: 'common.internal', failure_detail: error instanceof Error ? error.message.slice(0, 500) : String(error), finished_at: at };
}

function presentError(e: RowError, language: Language): ImportRowError {
  return { row: e.row, column: columnLabel(e.column), value: e.value.slice(0, 200), code: e.code, message: localizeReason(e.reason, language) ?? e.reason };
}

function present(job: Omit<ImportJobRow, 'file'>, progress: { done: number; total: number } | null, threshold: number, language: Language): ImportJob {
  const known = job.failure_code && job.failure_code !== 'imports.interrupted' ? (job.failure_code as Parameters<typeof errorMessage>[0]) : null;
  const interrupted = job.failure_code === 'imports.interrupted';
  return {
    id: job.id,
    status: job.status,
    fileName: job.file_name,
    format: job.format,
    mode: job.mode,
    createDepartments: job.create_departments,
    counts: job.counts,
    disableShare: job.disable_share,
    disableThreshold: threshold,
    unknownColumns: job.unknown_columns,
    newDepartments: job.new_departments,
    progress,
    failure: job.failure_code
      ? { code: job.failure_code, message: interrupted ? (language === 'en' ? 'The server stopped while applying; nothing was changed' : '执行过程中服务器停止，通讯录未做任何修改') : known ? safeMessage(known, language) : job.failure_code }
      : null,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

function safeMessage(code: Parameters<typeof errorMessage>[0], language: Language): string {
  try {
    return errorMessage(code, language);
  } catch {
    return code;
  }
}

export type { ImportPlan };
