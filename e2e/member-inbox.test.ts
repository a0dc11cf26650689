import { request, type APIRequestContext, type Browser, type Locator, type Page } from 'playwright-core';
import { totpCodeAt } from '@orgdesk/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { randomMobile, seedCorp, type SeededCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { submitSignIn } from './sign-in';

let server: RunningServer;
let corp: SeededCorp;
let browser: Browser;
/** The super admin's API client (it keeps the session cookie): no browser, the app is made through the API. */
let admin: APIRequestContext;
/** 陈静's own browser, never sharing cookies with the admin. */
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];
let agentId: number;
let accessToken: string;

const chenjing = { userid: 'chenjing', name: '陈静', mobile: randomMobile(), password: 'Chenjing2026' };
const hostile = '<img src=x onerror=alert(1)>';
const card = {
  title: '报销到账通知',
  description: '<div class="gray">2026年11月</div><div class="normal">你的报销单已审批通过</div><div class="highlight">请于月底前确认</div>',
  url: 'https://example.com/expense/1',
  btntxt: '查看',
};

const byTestId = (id: string) => page.getByTestId(id);
const items = () => page.locator('[data-testid^="inbox-item-"]');
const item = (text: string): Locator => items().filter({ hasText: text });
/** The badge's count, or null once it is gone (read at once: no auto-waiting for an element that may just have gone). */
const badge = () => byTestId('portal-inbox-badge').evaluateAll((els) => els[0]?.getAttribute('data-count') ?? null);

/** message/send as the app's server would call it, to 陈静. */
async function send(message: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url}/cgi-bin/message/send?access_token=${accessToken}`, { method: 'POST', body: JSON.stringify({ touser: chenjing.userid, agentid: agentId, ...message }) });
  expect(response.status).toBe(200);
  await expect(response.json()).resolves.toMatchObject({ errcode: 0, invaliduser: '' });
  await new Promise((r) => setTimeout(r, 20)); // distinct times, so "newest first" is well defined
}

beforeAll(async () => {
  corp = await seedCorp('晨星网络科技有限公司', [{ ...chenjing, department: '销售部', position: '销售代表' }]);
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();

  // The super admin's first sign-in through the API: password, then the authenticator every admin enrols.
  admin = await request.newContext({ baseURL: server.url });
  const csrf = async () => ((await (await admin.get('/api/v1/auth/me')).json()) as { csrfToken: string }).csrfToken;
  const signIn = await admin.post('/api/v1/auth/sign-in', { data: { login: corp.admin.mobile, password: corp.admin.password } });
  await expect(signIn.json()).resolves.toEqual({ next: 'enroll_totp' });
  const { secret: totpSecret } = (await (await admin.get('/api/v1/auth/totp/enrollment')).json()) as { secret: string };
  const enrolled = await admin.post('/api/v1/auth/totp/enrollment', { headers: { 'X-CSRF-Token': await csrf() }, data: { code: totpCodeAt(totpSecret, new Date()) } });
  expect(enrolled.status()).toBe(200);

  // It creates an app visible to everyone, and the app's server gets a token with its secret.
  const created = await admin.post('/api/v1/apps', {
    headers: { 'X-CSRF-Token': await csrf() },
    data: { name: '报销助手', description: '报销审批通知', visibleRange: { all: true } },
  });
  expect(created.status()).toBe(200);
  const { app, secret } = (await created.json()) as { app: { agentId: number }; secret: string };
  agentId = app.agentId;
  // Messages reach the inbox at once whatever the hour the test runs at (the working-hours rule has its own tests).
  const rules = await admin.put('/api/v1/notifications/settings', { headers: { 'X-CSRF-Token': await csrf() }, data: { workingHoursOnly: false, emailEnabled: true, webhooksEnabled: true } });
  expect(rules.status()).toBe(200);
  const token = (await (await fetch(`${server.url}/cgi-bin/gettoken?corpid=${encodeURIComponent(corp.corpId)}&corpsecret=${encodeURIComponent(secret)}`)).json()) as { errcode: number; access_token: string };
  expect(token.errcode).toBe(0);
  accessToken = token.access_token;

  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await admin?.dispose();
  await browser?.close();
  await server?.stop();
});

it('shows an app\'s messages in the member\'s inbox, with an unread badge that follows reading them', async () => {
  await send({ msgtype: 'text', text: { content: '下午三点在 3 楼会议室开会\n请准时参加' } });
  await send({ msgtype: 'textcard', textcard: card });

  // She signs in: the portal's 消息 entry shows 2 unread.
  await submitSignIn(page, server.url, chenjing.mobile, chenjing.password);
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  await expect.poll(badge, { timeout: 10_000 }).toBe('2');
  await expect(byTestId('portal-inbox-badge').innerText()).resolves.toBe('2');

  // 消息: both, newest first, unread, each with the app's name.
  await byTestId('portal-nav-inbox').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/portal/inbox');
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(2);
  await expect(items().nth(0).getAttribute('data-msgtype')).resolves.toBe('textcard');
  await expect(items().nth(1).getAttribute('data-msgtype')).resolves.toBe('text');
  await expect(items().evaluateAll((els) => els.map((el) => el.getAttribute('data-read')))).resolves.toEqual(['false', 'false']);
  await expect(items().getByTestId('inbox-app-name').allInnerTexts()).resolves.toEqual(['报销助手', '报销助手']);
  await expect(items().getByTestId('inbox-unread-dot').count()).resolves.toBe(2);
  await expect(byTestId('inbox-unread-summary').innerText()).resolves.toBe('2 条未读');

  // The text keeps its line break; the textcard shows its title, its description's lines as text, and its button.
  await expect(item('下午三点').getByTestId('inbox-content').innerText()).resolves.toBe('下午三点在 3 楼会议室开会\n请准时参加');
  const textcard = byTestId('inbox-textcard');
  await expect(textcard.getByTestId('inbox-textcard-title').innerText()).resolves.toBe(card.title);
  const lines = textcard.getByTestId('inbox-textcard-description').locator('span');
  await expect(lines.evaluateAll((els) => els.map((el) => [el.getAttribute('data-tone'), el.textContent]))).resolves.toEqual([
    ['gray', '2026年11月'],
    ['normal', '你的报销单已审批通过'],
    ['highlight', '请于月底前确认'],
  ]);
  await expect(textcard.innerText()).resolves.not.toContain('<div');
  const button = textcard.getByTestId('inbox-textcard-button');
  await expect(button.innerText()).resolves.toContain('查看');
  await expect(button.getAttribute('href')).resolves.toBe(card.url);
  await expect(button.getAttribute('target')).resolves.toBe('_blank');
  await expect(button.getAttribute('rel')).resolves.toBe('noopener noreferrer');
  await page.screenshot({ path: 'test-results/member-inbox-unread.png', fullPage: true, animations: 'disabled' });

  // Clicking the text message marks it read: the badge shows 1.
  await item('下午三点').getByTestId('inbox-content').click();
  await expect.poll(() => item('下午三点').getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
  await expect.poll(badge, { timeout: 10_000 }).toBe('1');
  await expect(item('下午三点').getByTestId('inbox-unread-dot').count()).resolves.toBe(0);

  // 未读 shows only the textcard; 全部 both again.
  await byTestId('inbox-filter-unread').click();
  await expect.poll(() => items().evaluateAll((els) => els.map((el) => el.getAttribute('data-msgtype'))), { timeout: 10_000 }).toEqual(['textcard']);
  await byTestId('inbox-filter-all').click();
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(2);

  // 全部标为已读: the badge disappears and nothing is left under 未读.
  await expect(byTestId('inbox-read-all').innerText()).resolves.toContain('全部标为已读');
  await byTestId('inbox-read-all').click();
  await expect.poll(badge, { timeout: 10_000 }).toBeNull();
  await expect.poll(() => items().evaluateAll((els) => els.map((el) => el.getAttribute('data-read'))), { timeout: 10_000 }).toEqual(['true', 'true']);
  await expect(byTestId('inbox-read-all').isDisabled()).resolves.toBe(true);
  await byTestId('inbox-filter-unread').click();
  await byTestId('inbox-empty').waitFor({ timeout: 10_000 });
  await expect(byTestId('inbox-empty').innerText()).resolves.toContain('没有未读消息');
  await byTestId('inbox-filter-all').click();
  await page.screenshot({ path: 'test-results/member-inbox-read.png', fullPage: true, animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});

it('shows markup in a message as text: no element is made from it, no script runs', async () => {
  await send({ msgtype: 'text', text: { content: `注意 ${hostile}` } });
  await send({ msgtype: 'markdown', markdown: { content: `**周报**\n<script>alert(2)</script>${hostile}` } });

  // Navigating within the portal refreshes the badge.
  await byTestId('portal-nav-profile').click();
  await expect.poll(badge, { timeout: 10_000 }).toBe('2');
  await byTestId('portal-nav-inbox').click();
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(4);

  await expect(item('注意').getByTestId('inbox-content').innerText()).resolves.toBe(`注意 ${hostile}`);
  await expect(items().nth(0).getByTestId('inbox-content').innerText()).resolves.toBe(`**周报**\n<script>alert(2)</script>${hostile}`);
  await expect(byTestId('inbox-list').locator('img, script').count()).resolves.toBe(0);
  await item('注意').getByTestId('inbox-content').click();
  await expect.poll(badge, { timeout: 10_000 }).toBe('1');
  await expect.poll(() => item('注意').getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
  await page.screenshot({ path: 'test-results/member-inbox-hostile.png', fullPage: true, animations: 'disabled' });

  // The English UI: the same page, its own words.
  await byTestId('language-en').click();
  await expect.poll(() => byTestId('portal-nav-inbox').innerText(), { timeout: 10_000 }).toMatch(/^Messages\s*1$/);
  await expect(byTestId('inbox-read-all').innerText()).resolves.toBe('Mark all as read');
  await expect(byTestId('inbox-filter-unread').innerText()).resolves.toBe('Unread');
  await expect(byTestId('inbox-unread-summary').innerText()).resolves.toBe('1 unread');
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});

it('pages through the inbox, 20 a page, the oldest on the last page', async () => {
  for (let n = 1; n <= 17; n += 1) await send({ msgtype: 'text', text: { content: `第 ${n} 条通知` } });
  await byTestId('portal-nav-profile').click();
  await expect.poll(badge, { timeout: 10_000 }).toBe('18');
  await byTestId('portal-nav-inbox').click();
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(20);
  await expect(items().nth(0).getByTestId('inbox-content').innerText()).resolves.toBe('第 17 条通知');
  const pagination = byTestId('inbox-pagination');
  await pagination.locator('.ant-pagination-item-2').click();
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(1);
  await expect(items().nth(0).getByTestId('inbox-content').innerText()).resolves.toBe('下午三点在 3 楼会议室开会\n请准时参加');
  await pagination.locator('.ant-pagination-item-1').click();
  await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(20);
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});
