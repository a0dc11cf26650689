import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { loadConfig, openRuntime, operatorContext, wholeCorp } from '@orgdesk/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime } from './sign-in';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const byTestId = (id: string) => page.getByTestId(id);
const password = 'Chenxing2026';

/** A member's own session over HTTP, as the member portal uses it (password only, CSRF token from /auth/me). */
async function memberSession(login: string) {
  let cookie = '';
  let csrf = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(server.url + path, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('orgdesk_session='));
    if (set) cookie = set.split(';')[0]!;
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  };
  expect((await call('POST', '/api/v1/auth/sign-in', { login, password })).status).toBe(200);
  csrf = (await call('GET', '/api/v1/auth/me')).body.csrfToken;
  return call;
}

/** An expense the employee submits and their leader approves: ¥1,234.56 and ¥88.00, under the finance threshold. */
async function approvedExpense(employee: Awaited<ReturnType<typeof memberSession>>, leader: Awaited<ReturnType<typeof memberSession>>, amount: string, reason: string): Promise<string> {
  const templates = await employee('GET', '/api/v1/portal/approvals/templates');
  const templateId = templates.body.items.find((t: { kind: string }) => t.kind === 'expense').id;
  const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': amount, 'Date-date': '2026-11-20' }], 'Textarea-reason': reason, 'BankAccount-payee': { bankName: '招商银行上海分行', accountName: '周敏', accountNumber: '6225 8801 2345 6789' } };
  const submitted = await employee('POST', '/api/v1/portal/approvals', { templateId, form });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const decided = await leader('POST', `/api/v1/portal/approvals/${submitted.body.id}/decide`, { decision: 'approve', comment: '', key: crypto.randomUUID() });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  return submitted.body.spNo as string;
}

beforeAll(async () => {
  const corp = await seedCorp('晨星网络科技有限公司', [
    { userid: 'zhoumin', name: '周敏', department: '销售部', password },
    { userid: 'wanglei', name: '王磊', department: '销售部', password, position: '销售总监' },
  ]);
  // 王磊 leads 销售部, so he approves 周敏's expenses.
  const runtime = await openRuntime(loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }, { dataDir: corp.dataDir }), { purpose: 'e2e seed' });
  try {
    const { services } = runtime;
    const sales = await services.db.selectFrom('departments').select('id').where('corp_id', '=', corp.corpId).where('name', '=', '销售部').executeTakeFirstOrThrow();
    await services.db.transaction().execute((trx) => services.departments.update(trx, wholeCorp(corp.corpId), sales.id, { leaders: ['wanglei'] }, operatorContext('e2e seed')));
  } finally {
    await runtime.close();
  }
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signInFirstTime(page, server.url, corp.admin.mobile, corp.admin.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('pays approved expenses: pending → batch → bank file → confirmation → history', async () => {
  const employee = await memberSession('zhoumin');
  const leader = await memberSession('wanglei');
  const first = await approvedExpense(employee, leader, '1234.56', '客户拜访差旅');
  const second = await approvedExpense(employee, leader, '88', '打车');

  await byTestId('nav-workbench-payouts').click();
  await byTestId(`pending-row-${first}`).waitFor();
  await expect(byTestId(`payout-amount-${first}`).innerText()).resolves.toBe('¥1,234.56');
  await byTestId(`pending-row-${first}`).locator('input[type=checkbox]').check();
  await byTestId(`pending-row-${second}`).locator('input[type=checkbox]').check();
  await expect(byTestId('payouts-selected-summary').innerText()).resolves.toBe('已选 2 笔，合计 ¥1,322.56');
  await byTestId('payouts-create-batch').click();

  // The batches tab: one batch awaiting confirmation, with its bank file.
  const batchRow = page.locator('[data-testid^="batch-row-"]').first();
  await batchRow.waitFor();
  const batchNo = (await batchRow.getAttribute('data-testid'))!.replace('batch-row-', '');
  await expect(byTestId(`batch-total-${batchNo}`).innerText()).resolves.toBe('¥1,322.56');
  await expect(byTestId(`batch-status-${batchNo}`).innerText()).resolves.toBe('待确认');
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId(`batch-download-${batchNo}`).click()]);
  const text = (await readFile((await download.path())!)).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('序号,收款人,收款账号,开户行,金额(元),用途/摘要');
  expect(lines.slice(1).sort()).toEqual([`1,周敏,6225880123456789,招商银行上海分行,1234.56,报销 ${first}`, `2,周敏,6225880123456789,招商银行上海分行,88.00,报销 ${second}`].sort());

  // The bank returned the taxi line: record the confirmation with that line failed.
  await byTestId(`batch-confirm-${batchNo}`).click();
  await byTestId('confirm-reference').fill('CMB20261126-0001');
  const secondLine = lines.slice(1).findIndex((l) => l.endsWith(second)) + 1;
  await byTestId(`confirm-fail-${secondLine}`).check();
  await byTestId(`confirm-reason-${secondLine}`).fill('户名不符');
  await byTestId('confirm-submit').click();
  await expect.poll(() => byTestId(`batch-status-${batchNo}`).innerText()).toBe('已确认');
  await expect(byTestId(`batch-reference-${batchNo}`).innerText()).resolves.toBe('CMB20261126-0001');

  // A third expense, approved after the batch: in the history, not in the batch.
  await approvedExpense(employee, leader, '20', '文具');
  // History: the first is paid under the reference, the second failed and can be cancelled.
  await byTestId('payouts-tab-history').click();
  await byTestId(`history-row-${first}`).waitFor();
  await expect(byTestId(`history-status-${first}`).innerText()).resolves.toBe('已支付');
  await expect(byTestId(`history-reference-${first}`).innerText()).resolves.toBe('CMB20261126-0001');
  await expect(byTestId(`history-status-${second}`).innerText()).resolves.toBe('支付失败');
  await byTestId(`history-cancel-${second}`).click();
  await byTestId('reason-input').fill('员工改为现金报销');
  await byTestId('reason-submit').click();
  await expect.poll(() => byTestId(`history-status-${second}`).innerText()).toBe('已取消');
  // The cancel stayed in its row (no drawer); opening the paid one shows its history from the audit log.
  await expect(byTestId('payout-drawer').count()).resolves.toBe(0);
  await byTestId(`history-row-${first}`).click();
  await byTestId('payout-history-payouts.paid').waitFor();
  await expect(byTestId('payout-history').locator('[data-testid^="payout-history-payouts."]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).resolves.toEqual([
    'payout-history-payouts.create',
    'payout-history-payouts.batch_add',
    'payout-history-payouts.paid',
  ]);
  await expect(byTestId('payout-history-payouts.paid').innerText()).resolves.toContain('CMB20261126-0001');
  await page.screenshot({ path: 'test-results/payout-drawer.png', fullPage: true, animations: 'disabled' });
  await page.keyboard.press('Escape');
  // The batch filter narrows the history to that batch's two payouts.
  await expect.poll(() => page.locator('[data-testid^="history-row-"]').count()).toBe(3);
  await byTestId('history-filter-batch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: batchNo }).click();
  await expect.poll(() => page.locator('[data-testid^="history-row-"]').count()).toBe(2);

  // The approval reads as paid (已支付, status 10) for the employee.
  const mine = await employee('GET', '/api/v1/portal/approvals?pageSize=50');
  expect(mine.body.items.find((a: { spNo: string }) => a.spNo === first).status).toBe(10);

  await byTestId('payouts-tab-reconciliation').click();
  await byTestId('recon-no-issues').waitFor();
  // The bank's statement shows the batch's reference with what was paid.
  const statement = `交易日期,交易流水号,支出金额,收入金额,摘要\r\n20261126,CMB20261126-0001,1234.56,,代发报销\r\n20261126,RENT-11,3000.00,,房租\r\n`;
  await page.locator('[data-testid="payouts-reconciliation"] input[type=file]').setInputFiles({ name: '对账单.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
  await expect.poll(() => byTestId('statement-CMB20261126-0001').innerText()).toBe('相符');
  expect(pageErrors).toEqual([]);
});
