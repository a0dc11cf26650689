import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditCodeCheckChar, totpCodeAt } from '@orgdesk/server';
import { launchChromium } from './browser';
import { startServer, type RunningServer } from './server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** The next 30-second TOTP step's code: a code already used (the enrolment's) is refused, as it should be. */
async function freshTotp(secret: string, usedAt: Date): Promise<string> {
  const nextStep = (Math.floor(usedAt.getTime() / 30_000) + 1) * 30_000;
  const wait = nextStep - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 200));
  return totpCodeAt(secret, new Date());
}

it('registers a corp, enrolls TOTP, signs in again with password and TOTP, and finds a settings change in the audit log', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const mobile = `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
  const creditBody = `91310000${Array.from({ length: 9 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[randomInt(31)]).join('')}`;

  // Register (the default gateway writes the SMS code to the server log).
  await page.goto(`${server.url}/register`);
  await byTestId(page, 'register-name').fill('晨星网络科技有限公司');
  await byTestId(page, 'register-credit-code').fill(creditBody + creditCodeCheckChar(creditBody));
  await byTestId(page, 'register-industry').click();
  await byTestId(page, 'register-industry-option-it').click();
  await byTestId(page, 'register-size').click();
  await byTestId(page, 'register-size-option-51-200').click();
  await byTestId(page, 'register-admin-name').fill('林晓');
  await byTestId(page, 'register-mobile').fill(mobile);
  await byTestId(page, 'register-send-code').click();
  await expect.poll(() => { try { return server.smsCode(mobile); } catch { return null; } }, { timeout: 10_000 }).toMatch(/^\d{6}$/);
  await byTestId(page, 'register-code').fill(server.smsCode(mobile));
  await byTestId(page, 'register-password').fill('Chenxing2026');
  await byTestId(page, 'register-password-confirm').fill('Chenxing2026');
  await byTestId(page, 'register-submit').click();

  // Enrol an authenticator: read the secret beside the QR code, answer with its current code.
  await byTestId(page, 'enroll-secret').waitFor();
  const secret = (await byTestId(page, 'enroll-secret').innerText()).trim();
  await expect(byTestId(page, 'enroll-qrcode').isVisible()).resolves.toBe(true);
  const enrolledAt = new Date();
  await byTestId(page, 'enroll-code').fill(totpCodeAt(secret, enrolledAt));
  await byTestId(page, 'enroll-submit').click();
  await expect.poll(() => byTestId(page, 'recovery-codes').locator('li').count()).toBe(10);
  await byTestId(page, 'recovery-done').click();

  // Sign out, then sign in with the password and a fresh TOTP code.
  await byTestId(page, 'user-menu').click();
  await byTestId(page, 'sign-out').click();
  await byTestId(page, 'signin-login').waitFor();
  await byTestId(page, 'signin-login').fill(mobile);
  await byTestId(page, 'signin-password').fill('Chenxing2026');
  await byTestId(page, 'signin-submit').click();
  await byTestId(page, 'totp-code').waitFor();
  await byTestId(page, 'totp-code').fill(await freshTotp(secret, enrolledAt));
  await byTestId(page, 'totp-submit').click();

  // See the CorpID on the enterprise info page.
  await byTestId(page, 'nav-corp-info').click();
  await expect.poll(async () => (await byTestId(page, 'corp-corpid').innerText()).trim(), { timeout: 15_000 }).toMatch(/^ww[0-9a-f]{16}$/);
  const shownCorpId = (await byTestId(page, 'corp-corpid').innerText()).trim();

  // Change the working hours to 08:30–17:30.
  await byTestId(page, 'nav-corp-settings').click();
  await byTestId(page, 'settings-hours-0-start').click();
  await byTestId(page, 'settings-hours-0-start').fill('08:30');
  await byTestId(page, 'settings-hours-0-start').press('Enter');
  await byTestId(page, 'settings-hours-0-end').fill('17:30');
  await byTestId(page, 'settings-hours-0-end').press('Enter');
  await byTestId(page, 'settings-save').click();
  await expect.poll(async () => {
    const response = await page.request.get(`${server.url}/api/v1/corp`);
    return (await response.json()).settings?.calendar?.workingHours;
  }, { timeout: 10_000 }).toEqual([{ start: '08:30', end: '17:30' }]);

  // Find the change in the audit log.
  await byTestId(page, 'nav-security-audit').click();
  await byTestId(page, 'audit-filter-action').fill('corp.settings_update');
  await byTestId(page, 'audit-filter-submit').click();
  const row = byTestId(page, 'audit-table').locator('tr', { hasText: 'corp.settings_update' }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.locator('button, .ant-table-row-expand-icon').first().click();
  await expect.poll(async () => byTestId(page, 'audit-table').innerText(), { timeout: 10_000 }).toContain('17:30');
  await byTestId(page, 'audit-verify').click();
  await expect.poll(async () => byTestId(page, 'audit-verify-result').innerText(), { timeout: 10_000 }).toMatch(/完整|intact|通过/);

  await page.screenshot({ path: 'test-results/admin-onboarding.png', fullPage: true });
  expect(shownCorpId).toMatch(/^ww/);
  expect(errors).toEqual([]);
});
