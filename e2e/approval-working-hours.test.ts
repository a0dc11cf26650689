import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp, type SeededCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime, submitSignIn } from './sign-in';

/**
 * Approvers are told of a request at once during working hours and at the next working time otherwise, unless it is
 * urgent. The server's clock is moved through ORGDESK_CLOCK_OFFSET_FILE: a Saturday morning, then Monday 09:00.
 */

let server: RunningServer;
let corp: SeededCorp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clockFile = join(mkdtempSync(join(tmpdir(), 'orgdesk-clock-')), 'offset');
const password = 'Chenxing2026';
const people = { emp: { userid: 'zhangwei', name: '张伟', department: '销售部' as const, password }, lead: { userid: 'liuyang', name: '刘洋', department: '销售部' as const, password } };

/** Moves the server's clock to a moment given in Shanghai time (UTC+8, no daylight saving). */
function setServerTime(shanghai: string): void {
  writeFileSync(clockFile, String(Date.parse(`${shanghai}+08:00`) - Date.now()));
}

/** The next Saturday and the Monday after it, as Shanghai dates. */
function nextWeekend(): { saturday: string; monday: string } {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const saturday = new Date(now.getTime() + (((6 - now.getUTCDay() + 7) % 7) || 7) * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { saturday: day(saturday), monday: day(new Date(saturday.getTime() + 2 * 86_400_000)) };
}

async function portal(userid: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  await submitSignIn(page, server.url, userid, password);
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  return page;
}

/** The portal's unread badge, as the live stream keeps it. */
const badge = (page: Page) => page.getByTestId('portal-inbox-badge').evaluateAll((els) => Number(els[0]?.getAttribute('data-count') ?? 0));

async function submitExpense(page: Page, amount: string, urgent: boolean): Promise<string> {
  const { csrfToken } = (await (await page.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const templates = (await (await page.request.get(`${server.url}/api/v1/portal/approvals/templates`)).json()) as { items: { id: string; kind: string }[] };
  const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': amount, 'Date-date': '2026-11-20' }], 'Textarea-reason': '客户拜访' };
  const answer = await page.request.post(`${server.url}/api/v1/portal/approvals`, { headers: { 'X-CSRF-Token': csrfToken }, data: { templateId: templates.items.find((t) => t.kind === 'expense')!.id, form, urgent } });
  expect(answer.status(), await answer.text()).toBe(200);
  return ((await answer.json()) as { spNo: string }).spNo;
}

beforeAll(async () => {
  writeFileSync(clockFile, '0'); // on time while the admin enrols their authenticator (codes follow real time)
  corp = await seedCorp('晨星网络科技有限公司', Object.values(people));
  // Sessions live through the weekend the test skips over.
  server = await startServer({ dataDir: corp.dataDir, env: { ORGDESK_CLOCK_OFFSET_FILE: clockFile, ORGDESK_SESSION_IDLE_MINUTES: '5000', ORGDESK_SESSION_ABSOLUTE_HOURS: '100' } });
  browser = await launchChromium();
  // 刘洋 leads 销售部, so the expense flow asks him first.
  const admin = await browser.newContext();
  contexts.push(admin);
  const adminPage = await admin.newPage();
  await signInFirstTime(adminPage, server.url, corp.admin.mobile, corp.admin.password);
  const { csrfToken } = (await (await adminPage.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const { items } = (await (await adminPage.request.get(`${server.url}/api/v1/departments?parentId=1`)).json()) as { items: { id: number; name: string }[] };
  const sales = items.find((d) => d.name === '销售部')!;
  expect((await adminPage.request.patch(`${server.url}/api/v1/departments/${sales.id}`, { headers: { 'X-CSRF-Token': csrfToken }, data: { leaders: [people.lead.userid] } })).status()).toBe(200);
  setServerTime(`${nextWeekend().saturday}T10:00:00`);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

it('holds the approver\'s notice over the weekend, tells them at once when urgent, and releases it on Monday at 09:00', async () => {
  const employee = await portal(people.emp.userid);
  const lead = await portal(people.lead.userid);
  await lead.getByTestId('portal-member-name').waitFor();

  // Saturday 10:00: the request waits on the leader, but he is not told until working time.
  const quiet = await submitExpense(employee, '800', false);
  await lead.goto(`${server.url}/portal/approvals?box=todo`);
  await expect.poll(() => lead.locator('[data-testid^="approval-row-"][data-spno]').count(), { timeout: 10_000 }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(await badge(lead)).toBe(0);

  // An urgent request is told at once, weekend or not.
  await submitExpense(employee, '300', true);
  await expect.poll(() => badge(lead), { timeout: 5000 }).toBe(1);

  // Monday 09:00: the held notice goes out within a minute, to the open page, without a reload.
  setServerTime(`${nextWeekend().monday}T09:00:00`);
  await expect.poll(() => badge(lead), { timeout: 60_000, interval: 500 }).toBe(2);
  await lead.goto(`${server.url}/portal/inbox`);
  await expect.poll(() => lead.locator('body').innerText(), { timeout: 10_000 }).toContain(`待审批：报销（${quiet}）`);
});
