import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The embedded database only: the tests never touch a configured PostgreSQL. */
const serverEnv = () => ({ ...process.env, LOG_LEVEL: 'info', DATABASE_URL: '' });

/** A fresh, empty data folder for `orgdeskCli` to seed before `startServer({ dataDir })` serves it. */
export function createDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'orgdesk-e2e-'));
}

/** Runs the CLI (e.g. `corp create … --json`) against a data folder no server holds yet; returns its stdout. */
export async function orgdeskCli(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['packages/cli/bin/orgdesk.mjs', ...args], { env: serverEnv() });
  return stdout;
}

/** A real `orgdesk serve` on a fresh data folder, with its log lines kept for reading (e.g. SMS codes). */
export interface RunningServer {
  url: string;
  logLines: string[];
  /** The last SMS code the log gateway wrote for a mobile. */
  smsCode(mobile: string): string;
  /** The whole text of the last SMS the log gateway wrote for a mobile (e.g. an activation link). */
  smsText(mobile: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The texts of the SMS the log gateway wrote for a mobile, newest first. */
function smsTexts(logLines: string[], mobile: string): string[] {
  const texts: string[] = [];
  for (const line of [...logLines].reverse()) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { sms?: { to: string; text: string } };
    if (entry.sms?.to === mobile) texts.push(entry.sms.text);
  }
  return texts;
}

/** Serves a fresh data folder, or `dataDir` (from `createDataDir`, already seeded), with `env` added; stop() removes it either way. */
export async function startServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await createDataDir());
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['packages/cli/bin/orgdesk.mjs', 'serve', '--port', String(port), '--data-dir', dataDir, '--host', '127.0.0.1'], {
    env: { ...serverEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    logLines.push(...lines);
  });
  child.stderr!.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logLines.join('\n')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${logLines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    logLines,
    smsCode(mobile) {
      for (const text of smsTexts(logLines, mobile)) {
        const code = text.match(/\d{6}/)?.[0];
        if (code) return code;
      }
      throw new Error(`no SMS code for ${mobile} in the server log`);
    },
    smsText(mobile) {
      const [text] = smsTexts(logLines, mobile);
      if (text === undefined) throw new Error(`no SMS for ${mobile} in the server log`);
      return text;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
