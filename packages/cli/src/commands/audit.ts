import type { Command } from 'commander';
import { corpIdSchema } from '@orgdesk/contracts';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description("check a corp's hash-chained audit log; exits 0 when intact, 1 naming the first bad entry")
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: GlobalFlags & { corp: string }) => {
      if (!corpIdSchema.safeParse(flags.corp).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
      const result = await withRuntime('audit verify', flags, async ({ services }) => {
        // A CorpID with no corp has no log: "intact, 0 entries" would vouch for a typo.
        if (!(await services.corps.exists(services.db, flags.corp))) throw new CliExit(`No corp ${flags.corp} in this database; nothing to verify.`, 1);
        return services.audit.verify(services.db, flags.corp);
      });
      if (result.ok) {
        output(flags, result, [`Audit log of ${flags.corp} is intact: ${result.checked} entries verified.`]);
        return;
      }
      output(flags, result, [`Audit log of ${flags.corp} FAILED verification at entry ${result.firstBadSeq}: ${result.reason}.`, `${result.checked} entries before it are intact.`]);
      process.exitCode = 1;
    });
}
