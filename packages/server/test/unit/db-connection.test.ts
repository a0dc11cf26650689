import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/connect';
import { testDatabaseKind } from '../db-config';

// Only a real server can end a connection under the pool (PGlite has no other backends).
describe.runIf(testDatabaseKind() === 'postgres')('a connection the server ends', () => {
  let database: DatabaseHandle<unknown>;
  let admin: pg.Client;
  const reported: Error[] = [];

  beforeAll(async () => {
    // One connection, so the backend we end is the one the next query would use.
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 1, onConnectionError: (error) => reported.push(error) });
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await database?.close();
  });

  async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('is reported, not thrown, while idle in the pool, and the pool opens another', async () => {
    reported.length = 0;
    const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]!;
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await waitFor(() => reported.length > 0);
    expect(reported[0]).toMatchObject({ code: '57P01' });
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('fails only its own transaction while checked out between two queries', async () => {
    reported.length = 0;
    const transaction = database.db.transaction().execute(async (trx) => {
      const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!;
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await waitFor(() => reported.length > 0); // the application doing other work meanwhile
      await sql`select 1`.execute(trx);
    });
    await expect(transaction).rejects.toThrow(/not queryable/);
    expect(reported[0]).toMatchObject({ code: '57P01' });
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });
});
