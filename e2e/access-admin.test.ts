import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { randomMobile, seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime } from './sign-in';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** 王芳 of 销售部, who becomes its 通讯录管理员; 李娜 works beside her, 赵磊 elsewhere. */
const wangfang = { userid: 'wangfang', name: '王芳', mobile: randomMobile(), password: 'Wangfang2026' };

const byTestId = (id: string, on: Page = page) => on.getByTestId(id);
/** The admins table's row of a member (rows carry the assignment id, which the test does not know). */
const adminRow = (userid: string) => byTestId('admin-table').locator(`[data-userid="${userid}"]`);

/** Runs the explain tool for wangfang and directory.edit on a member; returns the answer element. */
async function explainEditOf(userid: string) {
  await byTestId('explain-admin').fill(wangfang.userid);
  await byTestId('explain-permission').click();
  await byTestId('explain-permission-option-directory.edit').click();
  await byTestId('explain-target-type-member').click();
  await byTestId('explain-target-member').fill(userid);
  await byTestId('explain-submit').click();
  const answer = byTestId('explain-answer');
  await answer.waitFor({ timeout: 10_000 });
  return answer;
}

beforeAll(async () => {
  // Seeded active with a password, so the test is about permissions; activation has its own test (member-portal).
  const corp = await seedCorp('晨星网络科技有限公司', [
    { ...wangfang, department: '销售部' },
    { userid: 'lina', name: '李娜', department: '销售部' },
    { userid: 'zhaolei', name: '赵磊', department: '财务部' },
  ]);
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signInFirstTime(page, server.url, corp.admin.mobile, corp.admin.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('appoints a 通讯录管理员 over 销售部, who stays pending until their two-step sign-in and sees only their pages', async () => {
  await byTestId('nav-access-admins').click();
  await byTestId('admin-add').click();
  await byTestId('admin-form-member').fill(wangfang.userid);
  await byTestId('admin-form-role').click();
  await byTestId('admin-form-role-option-directory_admin').click();
  await byTestId('admin-form-departments').click();
  await byTestId('dept-picker').locator('[data-testid^="dept-picker-node-"]', { hasText: '销售部' }).click();
  await byTestId('dept-picker-ok').click();
  await expect(byTestId('admin-form-departments').innerText()).resolves.toContain('销售部');
  await page.screenshot({ path: 'test-results/access-appoint.png', animations: 'disabled' });
  await byTestId('admin-form-submit').click();

  // Listed as pending, with the role and scope in words.
  const row = adminRow(wangfang.userid);
  await row.waitFor({ timeout: 10_000 });
  await expect(row.locator('[data-testid^="admin-status-"]').getAttribute('data-status')).resolves.toBe('pending');
  await expect(row.innerText()).resolves.toMatch(/王芳[\s\S]*通讯录管理员[\s\S]*销售部[\s\S]*待确认/);
  await expect(byTestId('admin-pending-hint').innerText()).resolves.toContain('两步验证');
  await page.screenshot({ path: 'test-results/access-admins-pending.png', fullPage: true, animations: 'disabled' });

  // Until then the explain tool says no, and why.
  await byTestId('nav-access-explain').click();
  const pending = await explainEditOf('lina');
  await expect.poll(() => pending.getAttribute('data-allowed')).toBe('false');
  await expect(pending.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('pending');

  // 王芳 signs in and passes two-step verification: her console holds the directory, and nothing she cannot use.
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const herPage = await context.newPage();
  herPage.on('pageerror', (error) => pageErrors.push(error.message));
  await signInFirstTime(herPage, server.url, wangfang.mobile, wangfang.password);
  await expect.poll(() => new URL(herPage.url()).pathname, { timeout: 10_000 }).toBe('/directory');
  await byTestId('nav-directory', herPage).waitFor();
  await expect(byTestId('nav-security-sessions', herPage).count()).resolves.toBe(1);
  for (const hidden of ['nav-group-corp', 'nav-group-access', 'nav-security-audit', 'nav-apps', 'nav-group-workbench', 'nav-workbench-payouts']) {
    await expect(byTestId(hidden, herPage).count(), hidden).resolves.toBe(0);
  }
  await herPage.goto(`${server.url}/access/admins`);
  await byTestId('page-forbidden', herPage).waitFor();
  await context.close();

  await byTestId('nav-access-admins').click();
  await expect.poll(() => adminRow(wangfang.userid).locator('[data-testid^="admin-status-"]').getAttribute('data-status'), { timeout: 10_000 }).toBe('active');
  await expect(adminRow(wangfang.userid).innerText()).resolves.toContain('已生效');
  expect(pageErrors).toEqual([]);
});

it('explains that 王芳 may edit a member of 销售部 through her assignment, and not a member elsewhere', async () => {
  await byTestId('nav-access-explain').click();
  const allowed = await explainEditOf('lina');
  await expect.poll(() => allowed.getAttribute('data-allowed')).toBe('true');
  await expect(byTestId('explain-verdict').innerText()).resolves.toBe('允许');
  const deciding = allowed.locator('[data-verdict="allows"]');
  await expect(deciding.count()).resolves.toBe(1);
  await expect(deciding.innerText()).resolves.toMatch(/通讯录管理员[\s\S]*决定授权[\s\S]*销售部/);
  await page.screenshot({ path: 'test-results/access-explain-allowed.png', fullPage: true, animations: 'disabled' });

  await byTestId('explain-target-member').fill('zhaolei');
  await byTestId('explain-submit').click();
  await expect.poll(() => byTestId('explain-answer').getAttribute('data-allowed'), { timeout: 10_000 }).toBe('false');
  await expect(byTestId('explain-verdict').innerText()).resolves.toBe('拒绝');
  const outside = byTestId('explain-answer').locator('[data-verdict="target_outside_scope"]');
  await expect(outside.innerText()).resolves.toContain('不在该授权的管理范围内');
  await expect(byTestId('explain-deciding').count()).resolves.toBe(0);
  await page.screenshot({ path: 'test-results/access-explain-denied.png', fullPage: true, animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});

it('creates a custom role from grouped permissions, finds it unused in the conflicts report and deletes it there', async () => {
  // By address: the menu's open groups are not what this test is about (its clicks are covered above).
  await page.goto(`${server.url}/access/roles`);
  await expect.poll(() => byTestId('roles-table').innerText(), { timeout: 10_000 }).toContain('审计员');
  await byTestId('role-add').click();
  await byTestId('role-form-name').fill('销售助理');
  await byTestId('permission-directory.view').click();
  await byTestId('permission-directory.export').click();
  await expect(byTestId('permission-module-directory').isChecked()).resolves.toBe(false);
  await page.screenshot({ path: 'test-results/access-role-form.png', animations: 'disabled' });
  await byTestId('role-form-submit').click();
  const row = byTestId('roles-table').locator('[data-testid^="role-row-"]', { hasText: '销售助理' });
  await row.waitFor({ timeout: 10_000 });
  await expect(row.innerText()).resolves.toMatch(/自定义[\s\S]*查看通讯录[\s\S]*导出通讯录/);

  await page.goto(`${server.url}/access/conflicts`);
  const unused = byTestId('conflicts-list').locator('[data-kind="unused_role"]', { hasText: '销售助理' });
  await unused.waitFor({ timeout: 10_000 });
  await expect(unused.innerText()).resolves.toContain('没有任何管理员使用');
  await page.screenshot({ path: 'test-results/access-conflicts.png', fullPage: true, animations: 'disabled' });
  await unused.locator('[data-testid^="conflict-delete-role-"]').click();
  await page.locator('[data-testid^="conflict-delete-role-confirm-"]').click();
  await byTestId('conflicts-empty').waitFor({ timeout: 10_000 });
  expect(pageErrors).toEqual([]);
});
