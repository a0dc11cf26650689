import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../server/src/modules/corp/credit-code';
import { migrations } from '../../server/src/platform/migrations';
import { BIN, cli, cliWithEnv, envFor, freePort, json, ROOT, SLOW, waitForHealth } from './cli-harness';

/**
 * The real CLI as an operator runs it: `node packages/cli/bin/orgdesk.mjs …` in a child process, each data
 * folder fresh. Every start costs a few seconds (tsx, PGlite), so the cases share folders and stay few.
 */

function creditCode(body17: string): string {
  return body17 + creditCodeCheckChar(body17);
}

const CORP = ['--name', '测试企业', '--credit-code', '9144030071526726XG', '--admin-name', '张三', '--admin-mobile', '13800138000', '--admin-password', 'Passw0rd1'];

const dirs: string[] = [];
const children: ChildProcess[] = [];
let main: string; // a corp is created here first and the other cases build on it
let corpId: string;

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orgdesk-cli-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  main = await freshDir();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('orgdesk corp create and audit verify', () => {
  it('creates a corp, keeps its own key file private, and its audit log verifies', SLOW, async () => {
    const created = json(await cli(main, 'corp', 'create', ...CORP, '--json'));
    expect(created).toEqual({ corpId: expect.stringMatching(/^ww[0-9a-f]{16}$/), userid: 'admin' });
    corpId = created.corpId as string;

    const keyFile = join(main, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64')).toHaveLength(32);

    const verified = json(await cli(main, 'audit', 'verify', '--corp', corpId, '--json'));
    expect(verified).toMatchObject({ ok: true, firstBadSeq: null, reason: null });
    expect(verified.checked).toBeGreaterThanOrEqual(1);
  });

  it('refuses a credit code whose check character is wrong, naming the field', SLOW, async () => {
    const run = await cli(main, 'corp', 'create', ...CORP.map((v) => (v === '9144030071526726XG' ? '9144030071526726XA' : v)), '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('corp.credit_code_invalid');
    expect(run.stderr).toContain('creditCode');
    expect(run.stdout).toBe('');
  });

  it('refuses an invalid admin mobile with exit code 2 before opening anything', SLOW, async () => {
    const dir = await freshDir();
    const run = await cli(dir, 'corp', 'create', ...CORP.map((v) => (v === '13800138000' ? '123' : v)));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--admin-mobile');
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
    expect(existsSync(join(dir, 'orgdesk.lock'))).toBe(false);
  });

  it('says a CorpID with no corp has nothing to verify instead of calling its empty log intact', SLOW, async () => {
    // Every corp's log starts with its registration, in the same transaction; "intact, 0 entries" would vouch for a typo.
    const run = await cli(main, 'audit', 'verify', '--corp', 'ww0000000000000000', '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No corp ww0000000000000000');
    expect(run.stdout).toBe('');
  });
});

describe('a data folder held by a running server', () => {
  it('makes CLI commands stop at once with what to do, and is released by a graceful stop', SLOW, async () => {
    expect(corpId, 'needs the corp of the first case').toBeDefined();
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env: envFor(main), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(server);
    let serverOutput = '';
    server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));

    await waitForHealth(`http://127.0.0.1:${port}`, server, () => serverOutput);
    const lock = JSON.parse(await readFile(join(main, 'orgdesk.lock'), 'utf8')) as { pid: number; purpose: string };
    expect(lock).toMatchObject({ pid: server.pid, purpose: 'server' });

    const create = await cli(main, 'corp', 'create', ...CORP.map((v) => (v === '9144030071526726XG' ? creditCode('91440300715267261') : v)));
    const verify = await cli(main, 'audit', 'verify', '--corp', corpId);
    for (const run of [create, verify]) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('in use by process');
      expect(run.stderr).toContain(`Stop that process (kill ${server.pid}`);
      expect(run.ms).toBeLessThan(20_000);
    }
    // The server kept serving while the CLI was turned away.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    server.kill('SIGTERM');
    expect(await exited, serverOutput).toEqual({ code: 0, signal: null });
    expect(existsSync(join(main, 'orgdesk.lock'))).toBe(false);

    const after = json(await cli(main, 'audit', 'verify', '--corp', corpId, '--json'));
    expect(after).toMatchObject({ ok: true });
    expect(after.checked).toBeGreaterThanOrEqual(1);
  });
});

describe('orgdesk app', () => {
  it('creates an app and the directory-sync secret for automation; both secrets get tokens from a server on that folder', SLOW, async () => {
    const dir = await freshDir();
    const corp = json(await cli(dir, 'corp', 'create', ...CORP, '--json')).corpId as string;
    const created = json(await cli(dir, 'app', 'create', '--corp', corp, '--name', 'HR助手', '--visible-all', '--json'));
    expect(created).toEqual({ agentId: 1000002, secret: expect.stringMatching(/^[A-Za-z0-9]{43}$/) });
    const sync = json(await cli(dir, 'app', 'sync-secret', '--corp', corp, '--allow-write', '--json'));
    expect(sync).toEqual({ secret: expect.stringMatching(/^[A-Za-z0-9]{43}$/) });
    const unknown = await cli(dir, 'app', 'create', '--corp', 'ww0000000000000000', '--name', 'x');
    expect(unknown.code).toBe(2);

    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env: envFor(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(server);
    let serverOutput = '';
    server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    await waitForHealth(`http://127.0.0.1:${port}`, server, () => serverOutput);
    for (const secret of [created.secret, sync.secret]) {
      const answer = await (await fetch(`http://127.0.0.1:${port}/cgi-bin/gettoken?corpid=${corp}&corpsecret=${secret as string}`)).json();
      expect(answer).toMatchObject({ errcode: 0, expires_in: 7200 });
    }
    server.kill('SIGTERM');
  });
});

describe('orgdesk db migrate and demo', () => {
  it('applies every migration once on a fresh folder, then none; seeds a demo whose audit log verifies', SLOW, async () => {
    const dir = await freshDir();
    expect(json(await cli(dir, 'db', 'migrate', '--json'))).toEqual({ applied: Object.keys(migrations) });
    expect(json(await cli(dir, 'db', 'migrate', '--json'))).toEqual({ applied: [] });

    const demo = json(await cli(dir, 'demo', '--json'));
    expect(demo).toMatchObject({ corpId: expect.stringMatching(/^ww[0-9a-f]{16}$/), userid: 'admin', mobile: expect.stringMatching(/^1\d{10}$/), password: expect.any(String) });
    const verified = json(await cli(dir, 'audit', 'verify', '--corp', demo.corpId as string, '--json'));
    expect(verified).toMatchObject({ ok: true, firstBadSeq: null });
    expect(verified.checked).toBeGreaterThanOrEqual(1);
  });
});

describe.runIf(process.env.ORGDESK_TEST_DB === 'postgres')('on PostgreSQL', () => {
  it('creates a corp and verifies its audit log on DATABASE_URL, while a server uses the same database', SLOW, async () => {
    const name = `orgdesk_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const dataDir = await mkdtemp(join(tmpdir(), 'orgdesk-cli-pg-'));
    const env = { ...envFor(dataDir), DATABASE_URL: url.toString() };
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, server);
      const body = '91310000MA1FL5TL2';
      const created = json(await cliWithEnv(env, 'corp', 'create', '--name', '上海测试', '--credit-code', body + creditCodeCheckChar(body), '--admin-name', '周一', '--admin-mobile', '13600000000', '--admin-password', 'Passw0rd1', '--json'));
      const verified = json(await cliWithEnv(env, 'audit', 'verify', '--corp', String(created.corpId), '--json'));
      // The registration and the super admin's member record.
      expect(verified).toMatchObject({ ok: true, checked: 2 });
      const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '13600000000', password: 'Passw0rd1' }) });
      expect(await signIn.json()).toEqual({ next: 'enroll_totp' });
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
