// The engines a benchmark runs on, each in its own child process (a fresh heap and its own maxRSS), and a scratch
// PostgreSQL database per run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type DB } from '@orgdesk/server';
import { fmt } from './common';
import { textFlag } from './flags';

export type Engine = 'pglite' | 'postgres';

export const engineTitle = (e: Engine) => (e === 'pglite' ? 'PGlite' : 'PostgreSQL');

/** `--only pglite|pg`, else PGlite and, with `--pg`, PostgreSQL too. */
function selectedEngines(): Engine[] {
  const only = textFlag('only');
  if (only === 'pg' || only === 'postgres') return ['postgres'];
  if (only === 'pglite') return ['pglite'];
  return process.argv.includes('--pg') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Runs `run` once per selected engine in a child process of the calling script and returns the results to the
 * parent; in a child it runs its engine, hands the result over, and returns null.
 */
export async function runPerEngine<R>(scriptUrl: string, run: (engine: Engine) => Promise<R>, options: { nodeArgs?: string[] } = {}): Promise<R[] | null> {
  const childEngine = textFlag('engine') as Engine | null;
  if (childEngine) {
    const result = await run(childEngine);
    const out = textFlag('out');
    if (out) writeFileSync(out, JSON.stringify(result));
    return null;
  }
  const engines = selectedEngines();
  if (engines.includes('postgres') && !process.env.DATABASE_URL) throw new Error('--pg needs DATABASE_URL (e.g. export "$(bash scripts/pg-throwaway.sh start | tail -n1)")');
  const script = fileURLToPath(scriptUrl);
  const passThrough = process.argv.slice(2).filter((a, i, all) => a !== '--pg' && a !== '--only' && all[i - 1] !== '--only');
  const scratch = mkdtempSync(join(tmpdir(), 'orgdesk-bench-results-'));
  const results: R[] = [];
  try {
    for (const engine of engines) {
      const out = join(scratch, `${engine}.json`);
      const started = performance.now();
      const code = await new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...process.execArgv, script, ...passThrough, '--engine', engine, '--out', out], { stdio: 'inherit' });
        child.on('exit', (status) => done(status));
      });
      if (code !== 0) throw new Error(`the ${engine} run failed (exit ${code})`);
      console.log(`[${engine}] run took ${fmt((performance.now() - started) / 1000, 1)} s`);
      results.push(JSON.parse(readFileSync(out, 'utf8')) as R);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

/** A fresh database on the server of DATABASE_URL: its URL, and how to drop it. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('--pg needs DATABASE_URL (e.g. export "$(bash scripts/pg-throwaway.sh start | tail -n1)")');
  const name = `${prefix}_${Date.now()}`;
  const onAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onAdmin(`drop database if exists ${name} with (force)`) };
}

/** The database of one run: in-memory PGlite, or a scratch database `<prefix>_<ms>` on the server of DATABASE_URL. */
export async function openEngine(engine: Engine, prefix: string) {
  if (engine === 'pglite') return { database: await openDatabase<DB>({ databaseUrl: null, pglite: await PGlite.create() }), drop: async () => undefined };
  const scratch = await scratchDatabase(prefix);
  return { database: await openDatabase<DB>({ databaseUrl: scratch.url }), drop: scratch.drop };
}
