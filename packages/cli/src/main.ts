import { Command } from 'commander';
import { errorMessage } from '@orgdesk/contracts';
import { AppError } from '@orgdesk/server';
import { registerAdmin } from './commands/admin';
import { registerApp } from './commands/app';
import { registerAudit } from './commands/audit';
import { registerCorp } from './commands/corp';
import { registerDb } from './commands/db';
import { registerDemo } from './commands/demo';
import { registerImportExport } from './commands/import';
import { registerPayouts } from './commands/payouts';
import { registerServe } from './commands/serve';
import { CliExit } from './runtime';

const program = new Command('orgdesk').description('Orgdesk: workspace administration with a WeCom-compatible API').showHelpAfterError();
registerServe(program);
registerDb(program);
registerCorp(program);
registerAdmin(program);
registerApp(program);
registerAudit(program);
registerDemo(program);
registerImportExport(program);
registerPayouts(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliExit) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else if (error instanceof AppError) {
    const fields = (error.details.fields ?? []).map((f) => `  ${f.path}: ${f.reason}`);
    console.error([`${error.code}: ${errorMessage(error.code, 'en')}`, ...fields].join('\n'));
    process.exitCode = 1;
  } else {
    throw error;
  }
}
