import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { randomMobile, seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { enrollAuthenticator, signInFirstTime, submitSignIn } from './sign-in';

let server: RunningServer;
let browser: Browser;
/** The super admin's page. */
let page: Page;
/** 陈静's own browser: she never shares cookies with the admin. */
let memberContext: BrowserContext;
let memberPage: Page;
const pageErrors: string[] = [];
/** The activation link from the invitation SMS. */
let activationLink: string;

const corpName = '晨星网络科技有限公司';
/** 陈静 joins 销售部 through the console and activates through the SMS link; 李娜 and 赵磊 are already there. */
const chenjing = { userid: 'chenjing', name: '陈静', mobile: randomMobile(), password: 'Chenjing2026' };

const byTestId = (id: string, on: Page = page) => on.getByTestId(id);
const treeNode = (name: string) => byTestId('directory-tree').locator('[data-testid^="tree-node-"]', { hasText: name });
/** The checkbox of a Checkbox.Group option whose label carries a test id. */
const optionCheckbox = (testId: string, on: Page = page) => on.locator('label', { has: on.getByTestId(testId) }).locator('input');

beforeAll(async () => {
  // Colleagues for 陈静 to find are seeded; she herself joins through the console.
  const corp = await seedCorp(corpName, [
    { userid: 'lina', name: '李娜', department: '销售部', position: '销售代表' },
    { userid: 'zhaolei', name: '赵磊', department: '财务部', position: '会计' },
  ]);
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  memberContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  memberPage = await memberContext.newPage();
  memberPage.on('pageerror', (error) => pageErrors.push(error.message));

  // The super admin's first sign-in: password, then the authenticator enrolment every admin goes through.
  await signInFirstTime(page, server.url, corp.admin.mobile, corp.admin.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('invites a new member by SMS; she activates with the link, signs in with her password, edits her profile and finds a colleague', async () => {
  // The admin adds 陈静 to 销售部 and sends her the invitation from her drawer.
  await byTestId('nav-directory').click();
  await byTestId('member-panel-title').waitFor();
  await treeNode('销售部').click();
  await expect.poll(() => byTestId('member-panel-title').innerText(), { timeout: 10_000 }).toBe('销售部');
  await byTestId('member-add').click();
  await byTestId('member-form-userid').fill(chenjing.userid);
  await byTestId('member-form-name').fill(chenjing.name);
  await byTestId('member-form-mobile').fill(chenjing.mobile);
  await byTestId('member-form-submit').click();
  const row = byTestId(`member-row-${chenjing.userid}`);
  await row.waitFor({ timeout: 10_000 });
  await row.getByText(chenjing.name, { exact: true }).click();
  await expect.poll(() => byTestId('member-drawer-status').innerText(), { timeout: 10_000 }).toBe('未激活');
  await byTestId('member-invite').click();
  const masked = `${chenjing.mobile.slice(0, 3)}****${chenjing.mobile.slice(-4)}`;
  await expect.poll(() => page.getByText(`已向 ${masked} 发送激活短信`).count(), { timeout: 10_000 }).toBe(1);
  await page.screenshot({ path: 'test-results/member-portal-invite.png', animations: 'disabled' });

  // The default gateway wrote the SMS, with its link, to the server log.
  await expect.poll(() => { try { return server.smsText(chenjing.mobile); } catch { return null; } }, { timeout: 10_000 }).toContain('/portal/activate?token=');
  const sms = server.smsText(chenjing.mobile);
  expect(sms).toContain(corpName);
  activationLink = sms.match(/https?:\/\/\S+\/portal\/activate\?token=[\w-]+/)?.[0] ?? '';
  expect(activationLink.startsWith(`${server.url}/portal/activate?token=`)).toBe(true);

  // Her own browser opens the link: it names the corp and her, and she chooses a password.
  await memberPage.goto(activationLink);
  const greeting = byTestId('activate-greeting', memberPage);
  await greeting.waitFor({ timeout: 10_000 });
  await expect(greeting.innerText()).resolves.toBe(`${chenjing.name}，欢迎加入${corpName}`);
  await byTestId('activate-password', memberPage).fill(chenjing.password);
  await byTestId('activate-confirm', memberPage).fill(chenjing.password);
  await memberPage.screenshot({ path: 'test-results/member-portal-activate.png', animations: 'disabled' });
  await byTestId('activate-submit', memberPage).click();
  await byTestId('activate-done', memberPage).waitFor({ timeout: 10_000 });

  // Signing in: the corp does not require two-step verification of members, so the password takes her to the portal.
  await byTestId('activate-to-sign-in', memberPage).click();
  await byTestId('signin-login', memberPage).fill(chenjing.mobile);
  await byTestId('signin-password', memberPage).fill(chenjing.password);
  await byTestId('signin-submit', memberPage).click();
  await expect.poll(() => new URL(memberPage.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  await expect(byTestId('portal-corp-name', memberPage).innerText()).resolves.toContain(corpName);
  await expect(byTestId('portal-member-name', memberPage).innerText()).resolves.toBe(chenjing.name);
  await expect(byTestId('profile-name', memberPage).innerText()).resolves.toBe(chenjing.name);
  await expect(byTestId('portal-to-console', memberPage).count()).resolves.toBe(0);

  // The corp lets members change their alias, telephone and address: she sets her 座机.
  await byTestId('profile-edit', memberPage).click();
  await expect(byTestId('profile-input-email', memberPage).count()).resolves.toBe(0);
  await byTestId('profile-input-telephone', memberPage).fill('021-6000 1234');
  await byTestId('profile-save', memberPage).click();
  await expect.poll(() => byTestId('profile-telephone', memberPage).innerText().catch(() => null), { timeout: 10_000 }).toBe('021-6000 1234');
  await expect.poll(() => memberPage.getByText('资料已保存').count()).toBe(1);
  await memberPage.screenshot({ path: 'test-results/member-portal-profile.png', fullPage: true, animations: 'disabled' });

  // 修改密码: a wrong current password is refused on its field; the right one changes it (her later sign-ins use the new one).
  const newPassword = 'Chenjing2027';
  await byTestId('profile-change-password', memberPage).click();
  await byTestId('password-current', memberPage).fill('NotMine2026');
  await byTestId('password-new', memberPage).fill(newPassword);
  await byTestId('password-confirm', memberPage).fill(newPassword);
  await byTestId('password-save', memberPage).click();
  await expect.poll(() => memberPage.getByText('当前密码不正确').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await byTestId('password-current', memberPage).fill(chenjing.password);
  await byTestId('password-save', memberPage).click();
  await expect.poll(() => memberPage.getByText('密码已修改，其他设备上的登录已退出').count(), { timeout: 10_000 }).toBe(1);
  await byTestId('password-current', memberPage).waitFor({ state: 'hidden' });
  chenjing.password = newPassword;

  // 同事: everyone she may see, found by name, with their details.
  await byTestId('portal-nav-colleagues', memberPage).click();
  await byTestId(`portal-member-${chenjing.userid}`, memberPage).waitFor({ timeout: 10_000 });
  // antd 6 puts Input.Search's test id on its wrapper, around the input and the search button.
  await byTestId('portal-search', memberPage).locator('input').fill('赵磊');
  await byTestId('portal-search', memberPage).locator('input').press('Enter');
  const rows = memberPage.locator('[data-testid^="portal-member-"]').filter({ has: memberPage.locator('td') });
  await expect.poll(() => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))), { timeout: 10_000 }).toEqual(['portal-member-zhaolei']);
  await byTestId('portal-member-zhaolei', memberPage).getByText('赵磊', { exact: true }).click();
  await expect.poll(() => byTestId('portal-member-drawer-name', memberPage).innerText().catch(() => null), { timeout: 10_000 }).toBe('赵磊');
  const drawer = byTestId('portal-member-drawer', memberPage);
  await expect(drawer.innerText()).resolves.toMatch(/会计[\s\S]*财务部/);
  await memberPage.screenshot({ path: 'test-results/member-portal-colleague.png', animations: 'disabled' });
  await memberPage.keyboard.press('Escape');
  await byTestId('portal-member-drawer-name', memberPage).waitFor({ state: 'hidden' });

  // The admin sees her activated.
  await page.reload();
  await treeNode('销售部').click();
  await expect.poll(() => byTestId(`member-row-${chenjing.userid}`).innerText(), { timeout: 10_000 }).toContain('已激活');
  expect(pageErrors).toEqual([]);
});

it('once the admin requires two-step verification of members, her next sign-in enrols an authenticator', async () => {
  // The settings page: members must use an authenticator, and may now change their email too.
  await byTestId('nav-corp-settings').click();
  await byTestId('settings-member-totp').waitFor();
  await expect.poll(() => byTestId('settings-member-totp').isChecked(), { timeout: 10_000 }).toBe(false);
  for (const [field, checked] of [['alias', true], ['telephone', true], ['address', true], ['email', false]] as const) {
    await expect.poll(() => optionCheckbox(`settings-member-field-${field}`).isChecked(), { message: field, timeout: 10_000 }).toBe(checked);
  }
  await byTestId('settings-member-totp').check();
  await byTestId('settings-member-field-email').click();
  await expect(optionCheckbox('settings-member-field-email').isChecked()).resolves.toBe(true);
  await byTestId('settings-member-totp').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/member-portal-settings.png', fullPage: true, animations: 'disabled' });
  await byTestId('settings-save').click();
  await expect.poll(() => page.getByText('设置已保存').count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(async () => {
    const settings = (await (await page.request.get(`${server.url}/api/v1/corp`)).json()).settings;
    return { totp: settings?.memberTotpRequired, fields: settings?.memberEditableFields };
  }, { timeout: 10_000 }).toEqual({ totp: true, fields: ['alias', 'telephone', 'address', 'email'] });

  // 陈静 signs out and in again: after her password comes the authenticator enrolment, then the portal.
  await byTestId('portal-sign-out', memberPage).click();
  await byTestId('signin-login', memberPage).waitFor();
  await submitSignIn(memberPage, server.url, chenjing.mobile, chenjing.password);
  await byTestId('enroll-secret', memberPage).waitFor({ timeout: 10_000 });
  await expect.poll(() => new URL(memberPage.url()).pathname).toBe('/sign-in/enroll');
  await memberPage.screenshot({ path: 'test-results/member-portal-enroll.png', animations: 'disabled' });
  await enrollAuthenticator(memberPage);
  await expect.poll(() => new URL(memberPage.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  await expect.poll(() => byTestId('profile-telephone', memberPage).innerText().catch(() => null), { timeout: 10_000 }).toBe('021-6000 1234');
  await expect(memberPage.getByText('企业允许你修改：').innerText()).resolves.toContain('邮箱');

  // The invitation link worked once.
  await memberPage.goto(activationLink);
  await byTestId('activate-error', memberPage).waitFor({ timeout: 10_000 });
  await expect(byTestId('activate-greeting', memberPage).count()).resolves.toBe(0);
  await memberContext.close();
  expect(pageErrors).toEqual([]);
});
