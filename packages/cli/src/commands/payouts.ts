import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { bankReferenceSchema, corpIdSchema } from '@orgdesk/contracts';
import { operatorContext, type Services } from '@orgdesk/server';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

interface ExportFlags extends GlobalFlags {
  corp: string;
  out: string;
}

interface ConfirmFlags extends GlobalFlags {
  corp: string;
  batch: string;
  reference: string;
  failed?: string[];
}

/** Yuan with two decimals, from fen in integer arithmetic. */
const fenToYuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function requireCorp(services: Services, corpId: string): Promise<void> {
  if (!corpIdSchema.safeParse(corpId).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
  if (!(await services.corps.exists(services.db, corpId))) throw new CliExit(`No corp ${corpId} in this database.`, 2);
}

/** `--failed <payout id>=<reason>`, repeatable: a line the bank returned. */
function parseFailure(text: string): { payoutId: string; reason: string } {
  const at = text.indexOf('=');
  const payoutId = at < 0 ? text : text.slice(0, at);
  const reason = at < 0 ? '' : text.slice(at + 1).trim();
  if (!UUID.test(payoutId) || !reason) throw new CliExit(`--failed ${text}: expected <payout id>=<reason>`, 2);
  return { payoutId, reason };
}

/** `orgdesk payouts …`: the offline bank file from a script, e.g. a nightly job that drops it for finance (企业支付). */
export function registerPayouts(program: Command): void {
  const payouts = program.command('payouts').description('payouts of approved expenses (企业支付)');
  payouts
    .command('export-batch')
    .description('put every pending payout with a bank account in a new batch and write its bank file (audited)')
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .requiredOption('--out <file>', 'where to write the bank batch CSV')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: ExportFlags) => {
      await withRuntime('payouts export-batch', flags, async ({ services }) => {
        await requireCorp(services, flags.corp);
        const ctx = operatorContext('payouts export-batch');
        const { batches } = services.payouts;
        const { batch, file } = await services.db.transaction().execute(async (trx) => {
          const created = await batches.create(trx, flags.corp, 'all', { allPending: true }, ctx);
          return { batch: created, file: await batches.file(trx, flags.corp, 'all', created.id, ctx) };
        });
        await writeFile(flags.out, file.bytes, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
          throw new CliExit(`Batch ${batch.batchNo} was created, but ${flags.out} could not be written (${error.code}); download it from the console.`, 1);
        });
        output(flags, { batchId: batch.id, batchNo: batch.batchNo, lines: batch.itemCount, totalFen: batch.totalFen, file: flags.out, sha256: batch.fileSha256 }, [
          `Batch ${batch.batchNo}: ${batch.itemCount} payouts, ¥${fenToYuan(batch.totalFen)} in total.`,
          `Bank file: ${flags.out} (SHA-256 ${batch.fileSha256}). Record the bank's reference with "orgdesk payouts confirm --batch ${batch.id}".`,
        ]);
      });
    });
  payouts
    .command('confirm')
    .description("record the bank's confirmation of a batch: every line paid except those given with --failed (audited)")
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .requiredOption('--batch <id>', 'the batch id (printed by export-batch)')
    .requiredOption('--reference <ref>', "the bank's reference for the batch")
    .option('--failed <payoutId=reason>', 'a line the bank returned, with why (repeatable)', (value: string, all: string[] = []) => [...all, value])
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: ConfirmFlags) => {
      if (!UUID.test(flags.batch)) throw new CliExit('--batch: not a batch id', 2);
      const reference = bankReferenceSchema.safeParse(flags.reference);
      if (!reference.success) throw new CliExit('--reference: 4 to 64 letters, digits and - _ / .', 2);
      const failures = (flags.failed ?? []).map(parseFailure);
      await withRuntime('payouts confirm', flags, async ({ services }) => {
        await requireCorp(services, flags.corp);
        const answer = await services.db.transaction().execute((trx) => services.payouts.batches.confirm(trx, flags.corp, 'all', flags.batch, { bankReference: reference.data, failures }, operatorContext('payouts confirm')));
        const b = answer.batch;
        output(flags, answer, [
          answer.alreadySettled ? `Batch ${b.batchNo} was already confirmed with ${b.bankReference}; nothing changed.` : `Batch ${b.batchNo} confirmed with ${b.bankReference}.`,
          `Paid: ${b.paidCount} (¥${fenToYuan(b.paidFen)}); failed: ${b.failedCount} (¥${fenToYuan(b.failedFen)}).`,
        ]);
      });
    });
}
