import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import type { DB } from '../src/db';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/connect';
import { PG_TEMPLATE_DB, testDatabaseKind, withDatabase } from './db-config';

/** A fresh, migrated database of the suite's engine, cloned from the template; dropped on close. */
export async function openTestDatabase(onQuery?: (durationMs: number, failed: boolean) => void): Promise<DatabaseHandle<DB>> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `orgdesk_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE_DB}`);
    await admin.end();
    const handle = await openDatabase<DB>({ databaseUrl: withDatabase(url, name), poolSize: 5, onQuery });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const template = new Blob([await readFile(inject('pgliteTemplate'))]);
  return openDatabase<DB>({ databaseUrl: null, pgliteTemplate: template, onQuery });
}
