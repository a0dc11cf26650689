import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime } from './sign-in';

let server: RunningServer;
let browser: Browser;
let page: Page;
let filesDir: string;
let adminUserid: string;
const pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);
/** A department of the directory page's tree, by its name (node test ids carry ids, which the test does not know). */
const treeNode = (name: string) => byTestId('directory-tree').locator('[data-testid^="tree-node-"]', { hasText: name });
/** The userids of the member table's rows, in order. */
const tableUserids = () => byTestId('member-table').locator('[data-testid^="member-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('member-row-'.length)));
const countOf = (key: string) => byTestId(`import-count-${key}`).getAttribute('data-value');

beforeAll(async () => {
  // The corp comes from the CLI, before any server holds the data folder; the browser then signs in with its password.
  const corp = await seedCorp('晨星网络科技有限公司');
  adminUserid = corp.admin.userid;
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  filesDir = await mkdtemp(join(tmpdir(), 'orgdesk-e2e-files-'));
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // First sign-in: password, then the authenticator enrolment every super admin goes through.
  await signInFirstTime(page, server.url, corp.admin.mobile, corp.admin.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

it('creates a department and a member, and finds the member by pinyin initials', async () => {
  await byTestId('nav-directory').click();
  await byTestId('member-panel-title').waitFor();

  // The root is selected at first: add 研发中心 under it, then open it.
  await byTestId('dept-add-child').click();
  await byTestId('dept-form-name').fill('研发中心');
  await byTestId('dept-form-submit').click();
  await treeNode('研发中心').click();
  await expect.poll(() => byTestId('member-panel-title').innerText()).toBe('研发中心');

  // A new member starts in the selected department.
  await byTestId('member-add').click();
  await byTestId('member-form-userid').fill('zhangweiming');
  await byTestId('member-form-name').fill('张伟明');
  await byTestId('member-form-mobile').fill('13900002222');
  await byTestId('member-form-submit').click();
  await expect.poll(tableUserids, { timeout: 10_000 }).toEqual(['zhangweiming']);
  await expect(byTestId('member-row-zhangweiming').innerText()).resolves.toContain('研发中心');

  // From the root everyone is listed; zwm (张伟明's initials) leaves only him.
  await byTestId('tree-node-1').click();
  await expect.poll(tableUserids, { timeout: 10_000 }).toEqual(expect.arrayContaining([adminUserid, 'zhangweiming']));
  await byTestId('member-search').fill('zwm');
  await expect.poll(tableUserids, { timeout: 10_000 }).toEqual(['zhangweiming']);
  expect(pageErrors).toEqual([]);
});

it('previews an import with a bad row, downloads the error report, imports the fixed file and shows the members', async () => {
  const header = '姓名,帐号,手机号,邮箱,所在部门,职位';
  const badFile = join(filesDir, '华东成员.csv');
  const fixedFile = join(filesDir, '华东成员-修正.csv');
  await writeFile(badFile, `\ufeff${header}\n王小明,wangxiaoming,13900003333,,华东区/销售部,销售经理\n李娜,lina,1390000,lina@example.com,华东区/销售部,销售代表\n`);
  await writeFile(fixedFile, `\ufeff${header}\n王小明,wangxiaoming,13900003333,,华东区/销售部,销售经理\n李娜,lina,13900004444,lina@example.com,华东区/销售部,销售代表\n`);

  await byTestId('nav-directory-import').click();
  await byTestId('import-mode-sync').waitFor({ state: 'attached' });
  await expect(byTestId('import-mode-sync').isChecked()).resolves.toBe(true);
  await byTestId('import-create-departments').check();
  await byTestId('import-upload').setInputFiles(badFile);

  // The preview: one row in error, with the column, the value and the reason; nothing can be applied yet.
  await expect.poll(() => countOf('rowsInError'), { timeout: 15_000 }).toBe('1');
  await expect(countOf('created')).resolves.toBe('1');
  await expect(byTestId('import-new-departments').innerText()).resolves.toContain('华东区/销售部');
  const errorRow = byTestId('import-errors').locator('tbody tr', { hasText: '1390000' });
  await expect.poll(() => errorRow.innerText(), { timeout: 10_000 }).toMatch(/3\s+手机号\s+1390000\s+须为中国大陆手机号/);
  await expect(byTestId('import-apply').isDisabled()).resolves.toBe(true);
  await page.screenshot({ path: 'test-results/directory-import-preview.png', fullPage: true, animations: 'disabled' });

  const [download] = await Promise.all([page.waitForEvent('download'), byTestId('import-error-report').click()]);
  expect(download.suggestedFilename()).toBe('import-errors.csv');
  const report = await readFile(await download.path(), 'utf8');
  expect(report).toContain('错误原因');
  expect(report).toMatch(/李娜.*手机号: 须为中国大陆手机号/);

  // Skipping would be allowed; instead the fixed file is uploaded, with the same options.
  await byTestId('import-skip-bad-rows').check();
  await expect(byTestId('import-apply').isEnabled()).resolves.toBe(true);
  await byTestId('import-restart').click();
  await expect(byTestId('import-create-departments').isChecked()).resolves.toBe(true);
  await byTestId('import-upload').setInputFiles(fixedFile);
  await expect.poll(() => countOf('created'), { timeout: 15_000 }).toBe('2');
  await expect(countOf('rowsInError')).resolves.toBe('0');
  await expect(countOf('departmentsCreated')).resolves.toBe('2');
  await expect(byTestId('import-errors').count()).resolves.toBe(0);

  await byTestId('import-apply').click();
  await byTestId('import-progress').waitFor();
  await expect.poll(() => byTestId('import-result').getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
  await expect(byTestId('import-progress').getAttribute('data-percent')).resolves.toBe('100');
  await expect(byTestId('import-result').innerText()).resolves.toContain('新增 2 人');
  await page.screenshot({ path: 'test-results/directory-import-result.png', fullPage: true, animations: 'disabled' });

  // Back in the directory, the created departments hold the new members.
  await byTestId('import-back-directory').click();
  await treeNode('华东区').click();
  await treeNode('销售部').click();
  await expect.poll(() => byTestId('member-panel-title').innerText(), { timeout: 10_000 }).toBe('销售部');
  await expect.poll(tableUserids, { timeout: 10_000 }).toEqual(['lina', 'wangxiaoming']);
  await expect(byTestId('member-row-wangxiaoming').innerText()).resolves.toContain('王小明');
  expect(pageErrors).toEqual([]);
});
