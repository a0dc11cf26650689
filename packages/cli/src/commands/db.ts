import type { Command } from 'commander';
import { migrateToLatest } from '@orgdesk/server';
import { output, withRuntime, type GlobalFlags } from '../runtime';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations (the server also applies them at start)')
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: GlobalFlags) => {
      await withRuntime(
        'db migrate',
        flags,
        async (runtime) => {
          const applied = await migrateToLatest(runtime.database.db as never);
          output(flags, { applied }, [applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.']);
        },
        { migrate: false },
      );
    });
}
