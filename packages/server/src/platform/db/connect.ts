import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';

/** Which engine a database handle talks to. */
export type DatabaseKind = 'pglite' | 'postgres';

/** Hears NOTIFY on a channel; the answer stops listening. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

/** A database handle and how to close it. */
export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// LISTEN of each open database (NOTIFYs from every process on it; PGlite: this process is the only one), found from
// its Kysely instance, since services are built from `db` alone.
const listeners = new WeakMap<object, Listen>();

/** The LISTEN capability of the database a Kysely instance was opened on, or null (e.g. a wrapped instance). */
export function listenerOf(db: object): Listen | null {
  return listeners.get(db) ?? null;
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
    const channel = new PgListener(options.databaseUrl, options.onConnectionError);
    const listen: Listen = (name, onPayload) => channel.listen(name, onPayload);
    listeners.set(db, listen);
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await channel.close();
        await db.destroy();
      },
    };
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
  const listen: Listen = async (name, onPayload) => {
    const stop = await pglite.listen(name, onPayload);
    return async () => {
      if (!pglite.closed) await stop();
    };
  };
  listeners.set(db, listen);
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
 * One dedicated connection (outside the pool, which must not lose a client to it) LISTENing for this process;
 * it reconnects after a drop and listens again to every channel asked for.
 */
class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  constructor(
    private readonly url: string,
    private readonly onError?: (error: Error) => void,
  ) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(onPayload);
    const client = await this.connect();
    if (set.size === 1) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    return async () => {
      set.delete(onPayload);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', (error) => {
        this.onError?.(error);
        this.client = null;
        // Listen again after a drop; NOTIFYs sent meanwhile are missed, which streams cover by recounting on reconnect.
        if (!this.closed) setTimeout(() => void this.reconnect(), 1000).unref();
      });
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async reconnect(): Promise<void> {
    try {
      const client = await this.connect();
      for (const channel of this.handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      this.onError?.(error as Error);
      if (!this.closed) setTimeout(() => void this.reconnect(), 1000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    await client?.end().catch(() => undefined);
  }
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
