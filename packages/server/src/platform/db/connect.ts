import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';

/** Which engine a database handle talks to. */
export type DatabaseKind = 'pglite' | 'postgres';

/** A database handle and how to close it. */
export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// Counts and ids come back as strings from `pg`; ours fit comfortably in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date has no time zone: keep it as the 'YYYY-MM-DD' text instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `<dataDir>/pglite`.
 * Both go through `pg.Pool` + Kysely's PostgresDialect, so there is one code path. PGlite's
 * pool config has size 1, which is what serializes its transactions.
 */
export async function openDatabase<DB>(options: {
  databaseUrl: string | null;
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests clone a migrated template this way). */
  pgliteTemplate?: Blob;
  /** An already opened PGlite (e.g. in memory, to build that template). */
  pglite?: PGlite;
  poolSize?: number;
  /** Called after each query with its duration, for metrics. */
  onQuery?: (durationMs: number, failed: boolean) => void;
  /** Called when the server drops a connection (restart, pg_terminate_backend, …); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}): Promise<DatabaseHandle<DB>> {
  const log = options.onQuery ? (event: LogEvent) => options.onQuery!(event.queryDurationMillis, event.level === 'error') : undefined;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    surviveConnectionErrors(pool, options.onConnectionError);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let pglite: PGlite;
  if (options.pglite) {
    pglite = options.pglite;
  } else if (options.pgliteTemplate) {
    pglite = await PGlite.create({ loadDataDir: options.pgliteTemplate });
  } else {
    if (!options.dataDir) throw new Error('a data directory or a DATABASE_URL is required');
    const dir = join(options.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    pglite = await PGlite.create(dir);
  }
  // createPgConfig's type is not pg.PoolConfig although it is one at run time.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  surviveConnectionErrors(pool, options.onConnectionError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * An 'error' event without a listener throws, and pg emits one when the server ends a connection: on the
 * pool for an idle client, on the client itself for one checked out between queries. Unheard, either one
 * crashes the process (and a test's DROP DATABASE … WITH (FORCE) can hit clients still closing after
 * `pool.end()`). The pool discards a broken client by itself, and a query on it fails in its own request.
 */
function surviveConnectionErrors(pool: pg.Pool, onError?: (error: Error) => void): void {
  pool.on('error', () => undefined); // the client's own listener below has already reported it
  pool.on('connect', (client) => client.on('error', (error) => onError?.(error)));
}
