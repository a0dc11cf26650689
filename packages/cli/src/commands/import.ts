import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { corpIdSchema, errorMessage, type ImportJob } from '@orgdesk/contracts';
import { AppError, exportRows, operatorContext, wholeCorp, writeSheet } from '@orgdesk/server';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

/** The operator imports as the system: the whole corp, every job. */
const operator = (corpId: string) => ({ scope: wholeCorp(corpId), userid: null });

interface ImportFlags extends GlobalFlags {
  corp: string;
  mode: string;
  dryRun?: boolean;
  createDepartments?: boolean;
  skipBadRows?: boolean;
  confirmDisable?: boolean;
}

function summary(job: ImportJob, errors: { row: number; column: string; value: string; code: string; message: string }[]) {
  const c = job.counts;
  return { created: c.created, updated: c.updated, moved: c.moved, disabled: c.disabled, unchanged: c.unchanged, departmentsCreated: c.departmentsCreated, errors };
}

export function registerImportExport(program: Command): void {
  program
    .command('import <file>')
    .description('import members from an XLSX or CSV file in the member template (exit 0 applied or clean dry run, 1 rows in error, 2 file refused)')
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .option('--mode <mode>', 'sync (add and update) or replace (also disable members missing from the file)', 'sync')
    .option('--dry-run', 'validate and show what would change, without changing anything')
    .option('--create-departments', 'create departments named in the file that do not exist')
    .option('--skip-bad-rows', 'apply the valid rows even when some rows are in error')
    .option('--confirm-disable', 'allow a full replace to disable more than 30% of the members')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print a machine summary')
    .action(async (file: string, flags: ImportFlags) => {
      if (!corpIdSchema.safeParse(flags.corp).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
      if (flags.mode !== 'sync' && flags.mode !== 'replace') throw new CliExit('--mode: must be sync or replace', 2);
      const bytes = await readFile(file).catch(() => {
        throw new CliExit(`Cannot read ${file}.`, 2);
      });
      await withRuntime('import', flags, async ({ services }) => {
        if (!(await services.corps.exists(services.db, flags.corp))) throw new CliExit(`No corp ${flags.corp} in this database.`, 2);
        const ctx = operatorContext('import');
        let job: ImportJob;
        try {
          job = await services.imports.preview(operator(flags.corp), { bytes, name: basename(file) }, { mode: flags.mode as 'sync' | 'replace', createDepartments: Boolean(flags.createDepartments) }, ctx);
        } catch (error) {
          if (error instanceof AppError) throw new CliExit(`${errorMessage(error.code, 'en')}${error.details.fields?.[0] ? ` (${error.details.fields[0].reason})` : ''} [${error.code}]`, 2);
          throw error;
        }
        const errors = (await services.imports.errors(operator(flags.corp), job.id, 1, 10_000, 'en')).items;
        const blocked = errors.length > 0 && !flags.skipBadRows;
        if (!flags.dryRun && !blocked) job = await apply(services, flags, job, ctx);
        const result = summary(job, errors);
        output(flags, flags.json ? result : null, humanSummary(job, errors, { dryRun: Boolean(flags.dryRun), blocked }));
        if (blocked) process.exitCode = 1;
      });
    });

  program
    .command('export')
    .description('export the directory, or one department and everything below it, in the member template')
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .option('--department <id>', 'only this department and its sub-departments')
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .requiredOption('-o, --output <file>', 'where to write the file')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: GlobalFlags & { corp: string; department?: string; format: string; output: string }) => {
      if (!corpIdSchema.safeParse(flags.corp).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
      if (flags.format !== 'xlsx' && flags.format !== 'csv') throw new CliExit('--format: must be xlsx or csv', 2);
      const department = flags.department === undefined ? undefined : Number(flags.department);
      if (department !== undefined && !(Number.isInteger(department) && department > 0)) throw new CliExit('--department: must be a department id', 2);
      await withRuntime('export', flags, async ({ services }) => {
        if (!(await services.corps.exists(services.db, flags.corp))) throw new CliExit(`No corp ${flags.corp} in this database.`, 2);
        const rows = await exportRows(services.db, wholeCorp(flags.corp), department);
        await writeFile(flags.output, await writeSheet(rows, flags.format as 'xlsx' | 'csv'));
        output(flags, { file: flags.output, members: rows.length - 1 }, [`Exported ${rows.length - 1} members to ${flags.output}.`]);
      });
    });
}

async function apply(services: Parameters<Parameters<typeof withRuntime>[2]>[0]['services'], flags: ImportFlags, job: ImportJob, ctx: ReturnType<typeof operatorContext>): Promise<ImportJob> {
  // noTTYOutput: the bar also shows when the output is a log file or a CI console, at a slower pace.
  const bar = flags.json ? null : new SingleBar({ format: '  applying [{bar}] {value}/{total} changes', noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
  if (!flags.json) process.stderr.write(`Applying ${job.fileName}…\n`);
  let started = false;
  try {
    return await services.imports.apply(operator(flags.corp), job.id, { skipBadRows: Boolean(flags.skipBadRows), confirmDisable: Boolean(flags.confirmDisable) }, ctx, (done, total) => {
      if (!started) bar?.start(total, 0);
      started = true;
      bar?.update(done);
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'imports.confirmation_required') {
      throw new CliExit(`This full replace would disable ${Math.round(job.disableShare * 100)}% of the members; run again with --confirm-disable to go on.`, 1);
    }
    throw error;
  } finally {
    bar?.stop();
  }
}

function humanSummary(job: ImportJob, errors: { row: number; column: string; value: string; message: string }[], state: { dryRun: boolean; blocked: boolean }): string[] {
  const c = job.counts;
  const verb = state.dryRun || state.blocked ? 'would' : 'did';
  const lines = [
    `${job.fileName}: ${c.rows} rows (${job.format.toUpperCase()}, ${job.mode}).`,
    `  ${verb} create ${c.created}, update ${c.updated}, move ${c.moved}, disable ${c.disabled}; ${c.unchanged} unchanged; ${c.departmentsCreated} new departments.`,
  ];
  if (job.unknownColumns.length) lines.push(`  ignored columns: ${job.unknownColumns.join(', ')}`);
  if (errors.length) {
    lines.push(`  ${c.rowsInError} rows in error:`);
    for (const e of errors.slice(0, 20)) lines.push(`    row ${e.row}${e.column ? `, ${e.column}` : ''}${e.value ? ` "${e.value}"` : ''}: ${e.message}`);
    if (errors.length > 20) lines.push(`    … and ${errors.length - 20} more (use --json for all)`);
  }
  if (state.blocked) lines.push('Nothing was changed: fix the rows, or run again with --skip-bad-rows to apply the valid ones.');
  else if (state.dryRun) lines.push('Dry run: nothing was changed.');
  else lines.push(`Applied (job ${job.id}).`);
  return lines;
}
