import type { Command } from 'commander';
import { corpIdSchema } from '@orgdesk/contracts';
import { operatorContext, type Services } from '@orgdesk/server';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

interface CreateFlags extends GlobalFlags {
  corp: string;
  name: string;
  visibleAll?: boolean;
}

interface SyncSecretFlags extends GlobalFlags {
  corp: string;
  allowWrite?: boolean;
}

async function requireCorp(services: Services, corpId: string): Promise<void> {
  if (!corpIdSchema.safeParse(corpId).success) throw new CliExit('--corp: not a CorpID (ww + 16 hex characters)', 2);
  if (!(await services.corps.exists(services.db, corpId))) throw new CliExit(`No corp ${corpId} in this database.`, 2);
}

/** `orgdesk app …`: apps for automation. Secrets are printed once, as the console shows them once. */
export function registerApp(program: Command): void {
  const app = program.command('app').description('apps that call the WeCom-compatible API (应用管理)');
  app
    .command('create')
    .description('create a custom app and print its AgentID and secret (audited)')
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .requiredOption('--name <name>', "the app's name (up to 32 characters)")
    .option('--visible-all', 'let the app see the whole organization (default: nobody until set in the console)')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: CreateFlags) => {
      await withRuntime('app create', flags, async ({ services }) => {
        await requireCorp(services, flags.corp);
        const visibleRange = { all: Boolean(flags.visibleAll), userids: [], departmentIds: [], tagIds: [] };
        const created = await services.db.transaction().execute((trx) => services.apps.create(trx, flags.corp, { name: flags.name, description: '', visibleRange, homeUrl: null }, operatorContext('app create')));
        output(flags, { agentId: created.app.agentId, secret: created.secret }, [
          `Created ${created.app.name}: AgentID ${created.app.agentId}.`,
          `Secret: ${created.secret}`,
          'The secret is shown only now; keep it on the server that calls the API.',
        ]);
      });
    });
  app
    .command('sync-secret')
    .description("create the directory-sync app's secret, or replace it (the old one stops working; audited)")
    .requiredOption('--corp <CorpID>', 'the CorpID')
    .option('--allow-write', 'turn on "API接口同步": the API may write the directory (default: read only)')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: SyncSecretFlags) => {
      await withRuntime('app sync-secret', flags, async ({ services }) => {
        await requireCorp(services, flags.corp);
        const result = await services.db.transaction().execute((trx) => services.apps.contactsSyncSecret(trx, flags.corp, { apiWrite: Boolean(flags.allowWrite) }, operatorContext('app sync-secret')));
        output(flags, { secret: result.secret }, [
          `Directory-sync secret: ${result.secret}`,
          `API writes: ${result.app.apiWrite ? 'allowed' : 'off (read only)'}. The secret is shown only now.`,
        ]);
      });
    });
}
