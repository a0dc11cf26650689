import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { randomMobile, seedCorp, type SeededCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime, submitSignIn } from './sign-in';

// The live unread count: the portal badge and the console's bell move the moment a message arrives, pushed over the
// notification stream — well before the 30-second refresh and without navigating.

let server: RunningServer;
let corp: SeededCorp;
let browser: Browser;
let adminPage: Page;
let memberPage: Page;
let agentId: number;
let accessToken: string;
const pageErrors: string[] = [];
const lina = { userid: 'lina', name: '李娜', mobile: randomMobile(), password: 'Lina2026x' };
/** Well under the 30 s poll: only the stream can move the count this fast. */
const LIVE = { timeout: 5_000, interval: 100 };

async function send(touser: string, content: string): Promise<void> {
  const response = await fetch(`${server.url}/cgi-bin/message/send?access_token=${accessToken}`, { method: 'POST', body: JSON.stringify({ touser, agentid: agentId, msgtype: 'text', text: { content } }) });
  await expect(response.json()).resolves.toMatchObject({ errcode: 0, invaliduser: '' });
}

beforeAll(async () => {
  corp = await seedCorp('星火通知科技有限公司', [{ ...lina, department: '销售部' }]);
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  adminPage = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage();
  memberPage = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage();
  for (const page of [adminPage, memberPage]) page.on('pageerror', (error) => pageErrors.push(error.message));

  // The super admin signs in to the console; the app and the rules are set through the API in the same session.
  await signInFirstTime(adminPage, server.url, corp.admin.mobile, corp.admin.password);
  const csrf = ((await (await adminPage.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  const headers = { 'X-CSRF-Token': csrf };
  const created = await adminPage.request.post(`${server.url}/api/v1/apps`, { headers, data: { name: '通知中心', visibleRange: { all: true } } });
  expect(created.status()).toBe(200);
  const { app, secret } = (await created.json()) as { app: { agentId: number }; secret: string };
  agentId = app.agentId;
  // Messages go out at once whatever the hour the test runs at (the working-hours rule has its own tests).
  expect((await adminPage.request.put(`${server.url}/api/v1/notifications/settings`, { headers, data: { workingHoursOnly: false, emailEnabled: false, webhooksEnabled: true } })).status()).toBe(200);
  const token = (await (await fetch(`${server.url}/cgi-bin/gettoken?corpid=${encodeURIComponent(corp.corpId)}&corpsecret=${encodeURIComponent(secret)}`)).json()) as { access_token: string };
  accessToken = token.access_token;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('moves the portal badge the moment a message arrives, without reloading', async () => {
  const badge = () => memberPage.getByTestId('portal-inbox-badge').evaluateAll((els) => els[0]?.getAttribute('data-count') ?? null);
  await submitSignIn(memberPage, server.url, lina.mobile, lina.password);
  await expect.poll(() => new URL(memberPage.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  await memberPage.getByTestId('portal-member-name').waitFor();
  expect(await badge()).toBeNull();

  await send(lina.userid, '客户拜访改到明天上午');
  await expect.poll(badge, LIVE).toBe('1');
  await send(lina.userid, '周报请于周五前提交');
  await expect.poll(badge, LIVE).toBe('2');
  await memberPage.screenshot({ path: 'test-results/notification-badge-portal.png', animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});

it('rings the console bell of an admin, who is a member too', async () => {
  const bell = () => adminPage.getByTestId('header-bell').getAttribute('data-count');
  await expect.poll(bell, { timeout: 10_000 }).toBe('0');
  await send(corp.admin.userid, '服务器证书将于 7 天后过期');
  await expect.poll(bell, LIVE).toBe('1');
  await adminPage.screenshot({ path: 'test-results/notification-badge-console.png', animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});

it('lets the admin add a webhook (its secret shown once) and a member set quiet hours', async () => {
  await adminPage.getByTestId('nav-corp-notifications').click();
  await adminPage.getByTestId('notification-settings').waitFor({ timeout: 10_000 });
  await expect(adminPage.getByTestId('settings-working-hours').getAttribute('aria-checked')).resolves.toBe('false');
  await adminPage.getByTestId('webhook-add').click();
  await adminPage.getByTestId('webhook-name').fill('值班机器人');
  await adminPage.getByTestId('webhook-url').fill('https://hooks.example.com/orgdesk');
  await adminPage.getByRole('button', { name: /确\s*定|OK/ }).click();
  await adminPage.getByTestId('webhook-secret').waitFor({ timeout: 10_000 });
  await expect(adminPage.getByTestId('webhook-secret').innerText()).resolves.toMatch(/^whsec_/);
  await adminPage.screenshot({ path: 'test-results/notification-settings.png', animations: 'disabled' });
  await adminPage.keyboard.press('Escape');
  await expect.poll(() => adminPage.getByTestId('webhook-table').innerText(), { timeout: 10_000 }).toContain('https://hooks.example.com/orgdesk');

  await memberPage.getByTestId('portal-nav-notifications').click();
  await memberPage.getByTestId('notification-preferences').waitFor({ timeout: 10_000 });
  await memberPage.getByTestId('pref-quiet-on').click();
  await memberPage.getByTestId('pref-email-mode').getByText('每日摘要').click();
  await memberPage.getByTestId('pref-save').click();
  await expect.poll(() => memberPage.getByText('通知设置已保存').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const saved = (await (await memberPage.request.get(`${server.url}/api/v1/portal/notifications/preferences`)).json()) as { preferences: { quietHours: unknown; emailMode: string } };
  expect(saved.preferences.quietHours).toEqual({ start: '22:00', end: '08:00' });
  expect(saved.preferences.emailMode).toBe('daily');
  await memberPage.screenshot({ path: 'test-results/notification-preferences.png', animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});
