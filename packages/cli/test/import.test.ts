import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, openRuntime } from '../../server/src';
import { BIN, cli, envFor, json, ROOT, SLOW } from './cli-harness';

const fixtures = join(ROOT, 'packages/server/test/fixtures/imports');
let dir: string;
let corpId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-cli-import-'));
  const created = json(await cli(dir, 'corp', 'create', '--name', '星河科技', '--credit-code', '91350100M000100Y43', '--admin-name', '陈思远', '--admin-mobile', '13800138000', '--admin-password', 'Passw0rd1', '--json'));
  corpId = String(created.corpId);
}, 60_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Members currently in the directory, read back through the export. */
async function exportedMembers(): Promise<string[]> {
  const file = join(dir, `export-${Date.now()}.csv`);
  expect((await cli(dir, 'export', '--corp', corpId, '--format', 'csv', '-o', file)).code).toBe(0);
  const lines = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
  return lines.map((l) => l.split(',')[1]!).sort();
}

describe('orgdesk import and export', () => {
  it('dry-runs a file with errors (exit 1), applies a GBK file (exit 0), refuses a zip bomb (exit 2)', SLOW, async () => {
    const dry = await cli(dir, 'import', join(fixtures, 'members-utf8.csv'), '--corp', corpId, '--json');
    expect(dry.code).toBe(1);
    const summary = JSON.parse(dry.stdout) as { created: number; errors: { row: number; column: string; value: string; code: string; message: string }[] };
    expect(summary.created).toBe(0);
    expect(summary.errors[0]).toEqual({ row: 2, column: '所在部门', value: '总部/研发部', code: 'imports.department_not_found', message: expect.stringContaining('no department 总部/研发部') });

    const applied = json(await cli(dir, 'import', join(fixtures, 'members-gbk.csv'), '--corp', corpId, '--create-departments', '--json'));
    expect(applied).toMatchObject({ created: 3, departmentsCreated: 3, errors: [] });
    expect(await exportedMembers()).toEqual(['admin', 'lisi', 'wangfang', 'zhangsan']);

    const bomb = await cli(dir, 'import', join(fixtures, 'zip-bomb.xlsx'), '--corp', corpId);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toContain('imports.inflated_too_large');
  });

  it('imports its own export back with nothing to change', SLOW, async () => {
    const file = join(dir, 'roundtrip.xlsx');
    expect((await cli(dir, 'export', '--corp', corpId, '--format', 'xlsx', '-o', file)).code).toBe(0);
    const again = json(await cli(dir, 'import', file, '--corp', corpId, '--dry-run', '--json'));
    expect(again).toMatchObject({ created: 0, updated: 0, moved: 0, disabled: 0, unchanged: 4, errors: [] });
  });

  it('leaves the directory exactly as it was when the process is killed mid-apply, and marks the job failed', SLOW, async () => {
    const before = await exportedMembers();
    const rows = ['姓名,帐号,手机号,所在部门'];
    for (let i = 0; i < 20_000; i++) rows.push(`成员${i},bulk${i},1${String(3_000_000_000 + i)},星河科技/批量/组${i % 40}`);
    const file = join(dir, 'bulk.csv');
    await writeFile(file, rows.join('\r\n'));

    const child = spawn(process.execPath, [BIN, 'import', file, '--corp', corpId, '--create-departments'], { cwd: ROOT, env: envFor(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The progress bar appears once the transaction is writing.
        if (/applying \[/.test(stderr)) resolve();
      });
      child.once('exit', () => reject(new Error(`import finished before it could be killed:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await killed).toBe('SIGKILL');

    expect(await exportedMembers()).toEqual(before);
    const runtime = await openRuntime(loadConfig({ ORGDESK_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { purpose: 'test' });
    try {
      const jobs = await runtime.database.db.selectFrom('import_jobs').select(['file_name', 'status', 'failure_code']).where('file_name', '=', 'bulk.csv').execute();
      expect(jobs).toEqual([{ file_name: 'bulk.csv', status: 'failed', failure_code: 'imports.interrupted' }]);
      const departments = await runtime.database.db.selectFrom('departments').select('name').where('corp_id', '=', corpId).where('name', 'like', '组%').execute();
      expect(departments).toEqual([]);
    } finally {
      await runtime.close();
    }
  });
});
