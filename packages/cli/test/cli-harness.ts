import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'vitest';

/** Running the real CLI as an operator does: `node packages/cli/bin/orgdesk.mjs …` in a child process. */

const execFileAsync = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/orgdesk.mjs');
export const SLOW = { timeout: 120_000 };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment of a CLI run: the embedded database in `dataDir`, its own key file, quiet logs. */
export function envFor(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ORGDESK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  // Nothing of the surrounding shell or test runner may point the CLI elsewhere.
  for (const name of ['DATABASE_URL', 'ORGDESK_SECRET_KEY', 'PORT', 'HOST', 'NODE_OPTIONS', 'ORGDESK_TRUST_PROXY']) delete env[name];
  return env;
}

export async function cli(dataDir: string, ...args: string[]): Promise<Run> {
  return cliWithEnv(envFor(dataDir), ...args);
}

export async function cliWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 90_000 });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const failed = error as Error & { code?: unknown; stdout?: string; stderr?: string; signal?: string | null };
    if (typeof failed.code !== 'number') throw new Error(`orgdesk ${args.join(' ')} did not finish (${failed.signal ?? String(failed.code)}): ${failed.stderr ?? ''}`, { cause: error });
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', ms: performance.now() - started };
  }
}

/** A parseable JSON result on stdout, with the whole run in the message when it is not. */
export function json(run: Run): Record<string, unknown> {
  expect(run.code, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout.trim()) as Record<string, unknown>;
}

/** Waits until a spawned server answers /healthz, failing with its output if it exits or takes over a minute. */
export async function waitForHealth(url: string, server: ChildProcess, output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`serve exited with ${server.exitCode}: ${output()}`);
    const status = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`serve did not answer /healthz within 60 s: ${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}


/** Things to undo after a test file, newest first (see runCleanups). */
export type Cleanups = (() => Promise<unknown> | unknown)[];

/** Runs a file's cleanups, newest first. */
export async function runCleanups(cleanups: Cleanups): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

/** `orgdesk serve` on a data folder and port, killed with SIGKILL at cleanup if it still runs. */
export function spawnServe(dataDir: string, port: number, cleanups: Cleanups, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env: { ...envFor(dataDir), ...env }, stdio: 'ignore' });
  cleanups.push(() => server.exitCode === null && server.signalCode === null && server.kill('SIGKILL'));
  return server;
}

/** A corp made with `orgdesk corp create` in a fresh data folder (removed at cleanup); its folder and CorpID. */
export async function folderWithCorp(prefix: string, cleanups: Cleanups): Promise<{ dir: string; corpId: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const created = await cli(dir, 'corp', 'create', '--name', '测试企业', '--credit-code', '9144030071526726XG', '--admin-name', '张三', '--admin-mobile', '13800138000', '--admin-password', 'Passw0rd1', '--json');
  return { dir, corpId: json(created).corpId as string };
}

/**
 * An HTTP receiver on a free local port that fails (500) until `recover()`, then answers 200 and keeps each body
 * it accepted; `posts` counts every request, failed or not. Closed with the test's cleanups.
 */
export async function failingReceiver(path: string, cleanups: Cleanups): Promise<{ url: string; posts: () => number; accepted: string[]; recover(): void }> {
  let answer = 500;
  let posts = 0;
  const accepted: string[] = [];
  const receiver = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      posts++;
      if (answer === 200) accepted.push(body);
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => receiver.close(done)));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`, posts: () => posts, accepted, recover: () => (answer = 200) };
}
