import type { Command } from 'commander';
import { DataDirBusyError, loadConfig, startServer } from '@orgdesk/server';
import { CliExit } from '../runtime';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the console and the API (embedded database in ./data unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--data-dir <dir>', 'data folder (env ORGDESK_DATA_DIR, default ./data)')
    .option('--host <host>', 'interface to bind (env HOST, default 0.0.0.0)')
    .action(async (flags: { port?: string; dataDir?: string; host?: string }) => {
      const config = loadConfig(process.env, flags);
      try {
        const { url } = await startServer(config);
        const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
        process.stderr.write(
          `\n  Orgdesk is running at ${url} on ${where}.\n` +
            `  Open ${url} to register an organization, or run "npx orgdesk demo" (with the server stopped) for a demo one.\n` +
            `  API docs: ${url}/docs   Health: ${url}/healthz   Stop: Ctrl+C\n\n`,
        );
      } catch (error) {
        if (error instanceof DataDirBusyError) {
          throw new CliExit(`${error.message}.\nAnother Orgdesk process already serves this data folder; stop it first, or use --data-dir for a separate one.`, 2);
        }
        throw error;
      }
    });
}
