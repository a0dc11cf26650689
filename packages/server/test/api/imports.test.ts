import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/modules/imports';
import { registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
let server: TestServer;
let corp: RegisteredCorp;

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
});
afterAll(async () => server?.close());

const header = '姓名,帐号,手机号,邮箱,所在部门,职位,性别,是否部门内领导,排序,别名,地址,座机,禁用\r\n';

async function importCsv(text: string, fields: Record<string, string> = {}, client = corp.client) {
  return client.upload('/api/v1/imports', { bytes: Buffer.from(text, 'utf8'), name: 'members.csv' }, fields);
}

/** Applies a preview and waits for the job to finish. */
async function applyAndWait(jobId: string, body: Record<string, boolean> = {}) {
  const started = await corp.client.post(`/api/v1/imports/${jobId}/apply`, body);
  if (started.status !== 200) return started;
  for (let i = 0; i < 200; i++) {
    const job = await corp.client.get(`/api/v1/imports/${jobId}`);
    if (job.body.status !== 'applying') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('import preview', () => {
  it('previews a GBK CSV from Chinese Excel: counts, new departments, nothing written yet', async () => {
    const text = `${header}张伟,zhangwei,13900000001,zhangwei@example.com,星河科技/研发部/前端组,工程师,男,否,0,,,,否\r\n李娜,lina,13900000002,,研发部;销售部,经理,女,是;否,10;0,,,,否\r\n`;
    const preview = await corp.client.upload('/api/v1/imports', { bytes: iconv.encode(text, 'gbk'), name: '成员.csv' }, { createDepartments: 'true' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ status: 'previewed', format: 'csv', mode: 'sync', counts: { rows: 2, created: 2, updated: 0, departmentsCreated: 3, rowsInError: 0 } });
    expect(preview.body.newDepartments).toEqual(['星河科技/研发部', '星河科技/研发部/前端组', '星河科技/销售部']);
    expect((await corp.client.get('/api/v1/members?q=zhangwei')).body.total).toBe(0);
  });

  it('points at every bad row with its column, value and a reason in the reader\'s language', async () => {
    const text = `${header}王五,wangwu,12345,,星河科技,,男,,,,,,\r\n,noname,13900000011,,星河科技,,,,,,,,\r\n赵六,zhaoliu,13900000012,,不存在的部门,,,,,,,,\r\n钱七,qianqi,13900000013,,星河科技,,人妖,,,,,,\r\n孙八,wangwu,13900000014,,星河科技,,,,,,,,\r\n周九,zhoujiu,13900000013,,星河科技,,,,,,,,\r\n`;
    const preview = await importCsv(text);
    expect(preview.body.counts).toMatchObject({ rows: 6, rowsInError: 6, created: 0 });
    const errors = (await corp.client.get(`/api/v1/imports/${preview.body.id}/errors`)).body;
    expect(errors.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: '手机号', value: '12345' }),
        expect.objectContaining({ row: 3, column: '姓名', message: '必填' }),
        expect.objectContaining({ row: 4, column: '所在部门', value: '不存在的部门', code: 'imports.department_not_found' }),
        expect.objectContaining({ row: 5, column: '性别', message: '须为 男、女 或 未知' }),
        expect.objectContaining({ row: 6, column: '帐号', code: 'imports.duplicate_in_file', message: '与第 2 行的帐号重复' }),
        expect.objectContaining({ row: 7, column: '手机号', code: 'imports.duplicate_in_file', message: '与第 5 行的手机号重复' }),
      ]),
    );
    const english = (await corp.client.request('GET', `/api/v1/imports/${preview.body.id}/errors`, undefined, { 'accept-language': 'en' })).body;
    expect(english.items).toContainEqual(expect.objectContaining({ row: 6, column: '帐号', message: 'same userid as row 2' }));
    const report = await corp.client.download(`/api/v1/imports/${preview.body.id}/error-report`);
    const sheet = await readSpreadsheet(report.bytes, 'report.csv');
    expect(sheet.headers.at(-1)?.text).toBe('错误原因');
    expect(sheet.rows).toHaveLength(6);
    expect(sheet.rows[0]!.raw.at(-1)).toContain('手机号');
    const refused = await corp.client.post(`/api/v1/imports/${preview.body.id}/apply`, {});
    expect(refused.body.error.code).toBe('imports.rows_in_error');
  });

  it('refuses files that are not member spreadsheets, with the reason', async () => {
    for (const [file, code] of [
      ['members-missing-columns.csv', 'imports.missing_header'],
      ['members-formula.xlsx', 'imports.formula_found'],
      ['zip-bomb.xlsx', 'imports.inflated_too_large'],
      ['members-xls-legacy.xls', 'imports.unsupported_type'],
      ['empty.csv', 'imports.empty_file'],
      ['truncated.xlsx', 'imports.corrupt_file'],
    ] as const) {
      const response = await corp.client.upload('/api/v1/imports', { bytes: await readFile(join(fixtures, file)), name: file });
      expect(response.body.error?.code, file).toBe(code);
      expect(response.body.error.fields[0].path).toBe('file');
    }
    const notMultipart = await corp.client.post('/api/v1/imports', { file: 'x' });
    expect(notMultipart.status).toBe(415);
  });
});

describe('import apply', () => {
  it('applies an incremental import as a job, audits each member and the import, and changes nothing on a second run', async () => {
    const text = `${header}陈一,chenyi,13900000021,chenyi@example.com,星河科技/市场部,专员,女,否,0,小陈,上海,021-1234567,否\r\n陈二,chener,13900000022,,星河科技/市场部;星河科技,主管,男,是;否,5;0,,,,否\r\n`;
    const preview = await importCsv(text, { createDepartments: 'true' });
    const done = await applyAndWait(preview.body.id);
    expect(done.body).toMatchObject({ status: 'succeeded', counts: { created: 2, departmentsCreated: 1 } });
    const chener = (await corp.client.get('/api/v1/members/chener')).body;
    expect(chener).toMatchObject({ name: '陈二', position: '主管', status: 4, gender: '1' });
    expect(chener.departments).toHaveLength(2);
    expect((await corp.client.get('/api/v1/audit?action=imports.apply')).body.items[0].after).toMatchObject({ created: 2, departmentsCreated: 1 });
    expect((await corp.client.get('/api/v1/audit?action=directory.member_create&actor=王小明')).body.total).toBeGreaterThanOrEqual(2);
    const again = await importCsv(text, { createDepartments: 'true' });
    expect(again.body.counts).toMatchObject({ created: 0, updated: 0, moved: 0, unchanged: 2, departmentsCreated: 0 });
    expect((await corp.client.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('updates and moves existing members, and disables through 禁用', async () => {
    await importCsv(`${header}吴三,wusan,13900000031,,星河科技,职员,,,,,,,否\r\n`).then((p) => applyAndWait(p.body.id));
    const preview = await importCsv(`${header}吴三,wusan,13900000031,,星河科技/市场部,高级职员,,,,,,,是\r\n`);
    expect(preview.body.counts).toMatchObject({ moved: 1, disabled: 1 });
    await applyAndWait(preview.body.id);
    expect((await corp.client.get('/api/v1/members/wusan')).body).toMatchObject({ position: '高级职员', status: 2 });
  });

  it('exports the directory and imports the export back with nothing to change', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await corp.client.download(`/api/v1/directory/export?format=${format}`);
      expect(exported.status).toBe(200);
      const preview = await corp.client.upload('/api/v1/imports', { bytes: exported.bytes, name: `directory.${format}` });
      expect(preview.body.counts, format).toMatchObject({ created: 0, updated: 0, moved: 0, disabled: 0, rowsInError: 0 });
      expect(preview.body.counts.unchanged).toBeGreaterThan(3);
    }
  });

  it('neutralizes formulas on export', async () => {
    await corp.client.post('/api/v1/members', { userid: 'formula', name: '=HYPERLINK("http://x")', mobile: '13900000099', position: '+cmd', departments: [{ id: 1 }] });
    const csv = (await corp.client.download('/api/v1/directory/export?format=csv')).bytes.toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("'+cmd");
  });

  it('full replace disables members missing from the file, but asks first above the threshold, and never the super admin', async () => {
    const before = (await corp.client.get('/api/v1/members?pageSize=200')).body.total;
    const preview = await importCsv(`${header}陈一,chenyi,13900000021,chenyi@example.com,星河科技/市场部,专员,女,否,0,小陈,上海,021-1234567,否\r\n`, { mode: 'replace' });
    expect(preview.body.disableShare).toBeGreaterThan(0.3);
    expect((await corp.client.post(`/api/v1/imports/${preview.body.id}/apply`, {})).body.error.code).toBe('imports.confirmation_required');
    const done = await applyAndWait(preview.body.id, { confirmDisable: true });
    expect(done.body.status).toBe('succeeded');
    const active = (await corp.client.get('/api/v1/members?pageSize=200')).body.items.filter((m: { status: number }) => m.status !== 2).map((m: { userid: string }) => m.userid);
    expect(active.sort()).toEqual(['admin', 'chenyi']);
    expect((await corp.client.get('/api/v1/members?pageSize=200')).body.total).toBe(before);
  });

  it('skips bad rows only when asked', async () => {
    const preview = await importCsv(`${header}好人,goodone,13900000041,,星河科技,,,,,,,,\r\n坏人,bad one,13900000042,,星河科技,,,,,,,,\r\n`);
    expect(preview.body.counts).toMatchObject({ created: 1, rowsInError: 1 });
    const done = await applyAndWait(preview.body.id, { skipBadRows: true });
    expect(done.body.status).toBe('succeeded');
    expect((await corp.client.get('/api/v1/members/goodone')).status).toBe(200);
  });

  it('keeps answering /healthz while a large import applies (on PGlite, as busy: the import holds its one session)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `成员${i},bulk${i},147${String(i).padStart(8, '0')},,星河科技/批量部,,,,,,,,\r\n`).join('');
    const preview = await importCsv(header + rows, { createDepartments: 'true' });
    expect(preview.body.counts).toMatchObject({ created: 20_000, rowsInError: 0 });
    let finished = false;
    const applied = applyAndWait(preview.body.id).finally(() => (finished = true));
    const answers: { status: number; database: string }[] = [];
    while (!finished) {
      const response = await fetch(`${server.url}/healthz`);
      answers.push({ status: response.status, database: ((await response.json()) as { database: string }).database });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await applied).body.status).toBe('succeeded');
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const expected = server.database.kind === 'pglite' ? 'busy' : 'ok';
    expect(answers.filter((a) => a.database === expected).length).toBeGreaterThan(0);
    expect(((await fetch(`${server.url}/healthz`).then((r) => r.json())) as { database: string }).database).toBe('ok');
  });

  it('downloads the template in both formats, readable by the importer', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const template = await corp.client.download(`/api/v1/imports/template?format=${format}`);
      const sheet = await readSpreadsheet(template.bytes, `template.${format}`);
      expect(sheet.headers.map((h) => h.text).slice(0, 5)).toEqual(['姓名', '帐号', '手机号', '邮箱', '所在部门']);
      expect(sheet.rows).toHaveLength(1);
    }
  });

  it('keeps imports to the admin\'s own corp', async () => {
    const other = await registerCorp(server, { name: '他家' });
    const preview = await importCsv(`${header}外人,outsider,13900000051,,他家,,,,,,,,\r\n`, {}, other.client);
    expect((await corp.client.get(`/api/v1/imports/${preview.body.id}`)).status).toBe(404);
    expect((await corp.client.post(`/api/v1/imports/${preview.body.id}/apply`, {})).status).toBe(404);
  });
});
