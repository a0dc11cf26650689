import { DataDirBusyError, loadConfig, openRuntime, type ConfigFlags, type Runtime } from '@orgdesk/server';

/** Global flags every command accepts. */
export interface GlobalFlags extends ConfigFlags {
  json?: boolean;
}

/** Thrown to end a command with a message and an exit code, without a stack trace. */
export class CliExit extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Opens the same runtime the server uses, quietly, runs the command and closes it. When a server holds
 * the embedded database, says exactly what to do instead of waiting or risking the data.
 */
export async function withRuntime<T>(command: string, flags: GlobalFlags, run: (runtime: Runtime) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig(process.env, flags);
  config.logLevel = process.env.LOG_LEVEL ?? 'warn';
  let runtime: Runtime;
  try {
    runtime = await openRuntime(config, { purpose: `orgdesk ${command}`, migrate: options.migrate });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      throw new CliExit(
        [
          `Cannot run "orgdesk ${command}": ${error.message}.`,
          `The embedded database can be open in one process only. Stop that process (kill ${error.owner.pid}, or Ctrl+C in its terminal) and run this command again,`,
          'or run the server and the CLI on PostgreSQL (DATABASE_URL), where any number of processes may share the database.',
        ].join('\n'),
        2,
      );
    }
    throw error;
  }
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints a result as JSON with --json, otherwise as the given human lines. */
export function output(flags: GlobalFlags, value: unknown, human: string[]): void {
  console.log(flags.json ? JSON.stringify(value) : human.join('\n'));
}
