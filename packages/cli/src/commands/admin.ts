import type { Command } from 'commander';
import { corpIdSchema } from '@orgdesk/contracts';
import { adminByUserid, operatorContext } from '@orgdesk/server';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

interface ResetFlags extends GlobalFlags {
  corp: string;
  userid: string;
}

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('admin accounts (operator recovery)');
  admin
    .command('reset-2fa')
    .description("clear an admin's authenticator and recovery codes and end their sessions; they enroll again at next sign-in (audited)")
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .requiredOption('--userid <userid>', "the admin's userid")
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: ResetFlags) => {
      if (!corpIdSchema.safeParse(flags.corp).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
      await withRuntime('admin reset-2fa', flags, async ({ services }) => {
        const account = await adminByUserid(services.db, flags.corp, flags.userid);
        if (!account) throw new CliExit(`No active admin "${flags.userid}" in ${flags.corp}.`, 1);
        await services.twoFactor.reset(flags.corp, account.memberId, account.userid, operatorContext('admin reset-2fa'));
        output(flags, { corpId: flags.corp, userid: account.userid, reset: true }, [
          `Two-step verification of ${account.name} (${account.userid}) was reset and their sessions ended.`,
          'At their next sign-in they set up a new authenticator. The reset is in the audit log.',
        ]);
      });
    });
}
