import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCodeAt } from '@orgdesk/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { submitSignIn, enrollAuthenticator } from './sign-in';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** The super admin's authenticator secret, and when its last code was used (codes are single-use per 30 s step). */
let totpSecret = '';
let totpUsedAt = new Date();
/** Where the logo files the test uploads are written. */
let fileDir = '';
/** A 1×1 PNG. */
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==', 'base64');

const byTestId = (id: string) => page.getByTestId(id);

/** The next 30-second step's code: the server refuses a step already used, so this waits for a new one. */
async function freshTotp(): Promise<string> {
  const nextStep = (Math.floor(totpUsedAt.getTime() / 30_000) + 1) * 30_000;
  const wait = nextStep - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 200));
  totpUsedAt = new Date();
  return totpCodeAt(totpSecret, totpUsedAt);
}

/** WeCom's gettoken, as a server calling from this machine (127.0.0.1) would. */
async function gettoken(corpId: string, secret: string): Promise<{ errcode: number; access_token?: string }> {
  const response = await fetch(`${server.url}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { errcode: number; access_token?: string };
}

/** Reads the secret the modal shows once, checks the warning, copies it and closes the modal. */
async function takeSecret(): Promise<string> {
  await byTestId('app-secret-value').waitFor({ timeout: 10_000 });
  const secret = (await byTestId('app-secret-value').innerText()).trim();
  await expect(byTestId('app-secret-warning').innerText()).resolves.toContain('该 Secret 仅显示一次，请立即复制并妥善保管。');
  await byTestId('app-secret-copy').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await byTestId('app-secret-done').click();
  await byTestId('app-secret-modal').waitFor({ state: 'detached', timeout: 10_000 });
  return secret;
}

beforeAll(async () => {
  fileDir = await mkdtemp(join(tmpdir(), 'orgdesk-e2e-logo-'));
  const corp = await seedCorp('晨星网络科技有限公司');
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  // The secret modal's copy button writes to the clipboard; the test reads it back.
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // signInFirstTime, keeping the authenticator secret for the secret reset's code.
  await submitSignIn(page, server.url, corp.admin.mobile, corp.admin.password);
  await byTestId('enroll-secret').waitFor();
  totpSecret = (await byTestId('enroll-secret').innerText()).trim();
  await enrollAuthenticator(page);
  totpUsedAt = new Date();
  await byTestId('header-corp-name').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

it('creates a custom app, limits it to trusted IPs, resets its secret with a fresh code, and only the new secret gets a token', async () => {
  await byTestId('nav-apps').click();
  await byTestId('apps-corpid').waitFor({ timeout: 10_000 });
  const corpId = (await byTestId('apps-corpid').innerText()).trim();
  expect(corpId).toMatch(/^ww[0-9a-f]{16}$/);
  await expect(byTestId('contacts-sync-status').getAttribute('data-exists')).resolves.toBe('false');
  await expect(byTestId('contacts-sync-status').innerText()).resolves.toBe('未开启');

  // 创建应用: the secret is shown once, 43 characters.
  await byTestId('apps-create').click();
  await byTestId('app-create-name').fill('考勤助手');
  await byTestId('app-create-description').fill('同步考勤打卡记录');
  await byTestId('app-create-range-all').click();
  await page.screenshot({ path: 'test-results/apps-create.png', animations: 'disabled' });
  await byTestId('app-create-submit').click();
  await byTestId('app-secret-value').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/apps-secret.png', animations: 'disabled' });
  const firstSecret = await takeSecret();
  expect(firstSecret).toMatch(/^[A-Za-z0-9]{43}$/);

  // Listed with AgentID 1000002, enabled, visible to everyone, its secret hinted by its last four characters.
  const row = byTestId('apps-table').locator('[data-agentid="1000002"]');
  await row.waitFor({ timeout: 10_000 });
  await expect(row.innerText()).resolves.toMatch(/考勤助手[\s\S]*1000002[\s\S]*全部成员[\s\S]*已启用/);
  await expect(row.locator('[data-testid^="app-secret-hint-"]').innerText()).resolves.toBe(`••••${firstSecret.slice(-4)}`);
  await page.screenshot({ path: 'test-results/apps-list.png', fullPage: true, animations: 'disabled' });

  // Open it: a trusted IP that is not one is refused on the field, in words.
  await row.locator('[data-testid^="app-name-"]').click();
  await expect.poll(() => byTestId('app-detail-agentid').innerText(), { timeout: 10_000 }).toBe('1000002');
  await byTestId('app-form-trusted-ips').fill('10.0.0.300');
  await byTestId('app-form-submit').click();
  const ipsError = byTestId('app-form').locator('.ant-form-item-explain-error', { hasText: '可信 IP 格式不正确' });
  await ipsError.waitFor({ timeout: 10_000 });
  await expect(ipsError.innerText()).resolves.toContain('10.0.0.300');

  // 10.0.0.0/8, and this machine, so the gettoken calls below still come from a trusted address.
  await byTestId('app-form-trusted-ips').fill('10.0.0.0/8\n127.0.0.1/32');
  await byTestId('app-form-submit').click();
  await expect.poll(() => byTestId('app-detail-trusted-ips').innerText(), { timeout: 10_000 }).toBe('10.0.0.0/8、127.0.0.1/32');
  await expect(byTestId('app-form-trusted-ips').inputValue()).resolves.toBe('10.0.0.0/8\n127.0.0.1/32');

  // 重置 Secret: a wrong code is refused on the field; a fresh one gives a new secret, shown once.
  await byTestId('app-reset-secret').click();
  const code = await freshTotp();
  const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  await byTestId('app-code').fill(wrong);
  await byTestId('app-code-submit').click();
  await byTestId('app-code-form').locator('.ant-form-item-explain-error', { hasText: '验证码错误或已失效' }).waitFor({ timeout: 10_000 });
  await byTestId('app-code').fill(code);
  await page.screenshot({ path: 'test-results/apps-reset-code.png', animations: 'disabled' });
  await byTestId('app-code-submit').click();
  const newSecret = await takeSecret();
  expect(newSecret).toMatch(/^[A-Za-z0-9]{43}$/);
  expect(newSecret).not.toBe(firstSecret);
  await expect.poll(() => byTestId('app-detail-secret-hint').innerText(), { timeout: 10_000 }).toBe(`••••${newSecret.slice(-4)}`);
  await expect(byTestId('app-detail-trusted-ips').innerText()).resolves.toBe('10.0.0.0/8、127.0.0.1/32');
  await page.screenshot({ path: 'test-results/apps-detail.png', fullPage: true, animations: 'disabled' });

  // 更换 logo: a PNG is shown from the app's logoUrl (and loads); a text file named .png is refused in words.
  const appId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const appLogoUrl = () => page.evaluate(async (id) => ((await (await fetch(`/api/v1/apps/${id}`)).json()) as { logoUrl: string | null }).logoUrl, appId);
  await expect(appLogoUrl()).resolves.toBeNull();
  await expect(byTestId('app-detail-logo').innerText()).resolves.toBe('考');
  const pngPath = join(fileDir, 'logo.png');
  await writeFile(pngPath, tinyPng);
  await byTestId('app-logo-upload').setInputFiles(pngPath);
  const detailLogo = byTestId('app-detail-logo').locator('img');
  await detailLogo.waitFor({ timeout: 10_000 });
  const logoUrl = await appLogoUrl();
  expect(logoUrl).toMatch(new RegExp(`^/api/v1/apps/${appId}/logo\\?v=\\d+$`));
  await expect(detailLogo.getAttribute('src')).resolves.toBe(logoUrl);
  await expect.poll(() => detailLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);

  const fakePath = join(fileDir, 'not-an-image.png');
  await writeFile(fakePath, 'this is plain text, not a PNG\n');
  await byTestId('app-logo-upload').setInputFiles(fakePath);
  await byTestId('app-logo-error').waitFor({ timeout: 10_000 });
  await expect(byTestId('app-logo-error').innerText()).resolves.toContain('应用 logo 须为 PNG 或 JPEG 图片，且不超过 1 MB');
  // The refused file changed nothing: the logo shown is still the PNG.
  await expect(appLogoUrl()).resolves.toBe(logoUrl);
  await expect(detailLogo.getAttribute('src')).resolves.toBe(logoUrl);
  await page.screenshot({ path: 'test-results/apps-logo.png', fullPage: true, animations: 'disabled' });

  // The list shows the same logo, small, before the app's name.
  await byTestId('app-back').click();
  const listLogo = byTestId(`app-logo-${appId}`).locator('img');
  await listLogo.waitFor({ timeout: 10_000 });
  await expect(listLogo.getAttribute('src')).resolves.toBe(logoUrl);
  await expect.poll(() => listLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);
  await expect(byTestId(`app-logo-${appId}`).evaluate((avatar) => avatar.getBoundingClientRect().width)).resolves.toBe(28);

  // The API: the new secret gets a token; the first one no longer does.
  const fresh = await gettoken(corpId, newSecret);
  expect(fresh.errcode).toBe(0);
  expect(fresh.access_token).toEqual(expect.any(String));
  await expect(gettoken(corpId, firstSecret)).resolves.toMatchObject({ errcode: 40001 });
  expect(pageErrors).toEqual([]);
});
