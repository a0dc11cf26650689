import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp, type SeededCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime, submitSignIn } from './sign-in';

let server: RunningServer;
let corp: SeededCorp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
/** The super admin's console, signed in once; its API calls (context.request) share the session. */
let admin: Page;
/** The employee's portal, where the expense is made and followed. */
let employee: Page;
/** The leader's portal (刘洋 leads 销售部). */
let lead: Page;

const password = 'Chenxing2026';
const people = {
  emp: { userid: 'zhangwei', name: '张伟', department: '销售部' as const, password },
  lead: { userid: 'liuyang', name: '刘洋', department: '销售部' as const, password },
  fin1: { userid: 'wangfang', name: '王芳', department: '财务部' as const, password },
  fin2: { userid: 'zhaolei', name: '赵磊', department: '财务部' as const, password },
};

const byTestId = (on: Page, id: string) => on.getByTestId(id);
/** The <input> (or <textarea>) of an antd control, whether the test id sits on it or on its wrapper. */
const inputOf = (on: Page, id: string): Locator => on.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();
/** Opens an antd Select and picks the option showing `text`. */
async function choose(on: Page, id: string, text: string): Promise<void> {
  await byTestId(on, id).click();
  await on.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}
/** Types a date into an antd DatePicker and confirms it. */
async function typeDate(on: Page, id: string, date: string): Promise<void> {
  await inputOf(on, id).click();
  await inputOf(on, id).fill(date);
  await on.keyboard.press('Enter');
}

async function newPage(): Promise<Page> {
  // In the corp's zone, as its people are: the statistics' default period ends on the browser's today.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** A member who is no admin signs in to the portal with their password. */
async function memberSignIn(userid: string): Promise<Page> {
  const page = await newPage();
  await submitSignIn(page, server.url, userid, password);
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/portal');
  return page;
}

/** The admin's API call with the session's CSRF token. */
async function adminApi(method: 'post' | 'patch', path: string, data: unknown): Promise<unknown> {
  const { csrfToken } = (await (await admin.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const response = await admin.request[method](`${server.url}${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

beforeAll(async () => {
  corp = await seedCorp('晨星网络科技有限公司', Object.values(people));
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  admin = await newPage();
  await signInFirstTime(admin, server.url, corp.admin.mobile, corp.admin.password);

  // 刘洋 leads 销售部; 王芳 and 赵磊 are finance admins for the whole corp, where the expense flow finds its approvers.
  const { items } = (await (await admin.request.get(`${server.url}/api/v1/departments?parentId=1`)).json()) as { items: { id: number; name: string }[] };
  const sales = items.find((d) => d.name === '销售部')!;
  await adminApi('patch', `/api/v1/departments/${sales.id}`, { leaders: [people.lead.userid] });
  for (const fin of [people.fin1, people.fin2]) await adminApi('post', '/api/v1/access/admins', { member: fin.userid, roleId: 'finance_admin', scope: { departments: [1] } });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

it('takes a ¥3,500 expense from the employee to the leader and then to finance, and shows it approved with its history', async () => {
  employee = await memberSignIn(people.emp.userid);
  await byTestId(employee, 'portal-nav-approvals').click();
  await byTestId(employee, 'approvals-apply').click();
  await byTestId(employee, 'template-card-expense').click();
  await expect.poll(() => byTestId(employee, 'apply-title').innerText(), { timeout: 10_000 }).toBe('报销');

  // Two items: the table starts with one row, the second is added.
  const table = 'apply-field-Table-items';
  await choose(employee, `${table}-0-Selector-category`, '差旅费');
  await inputOf(employee, `${table}-0-Money-amount`).fill('3000');
  await typeDate(employee, `${table}-0-Date-date`, '2026-11-20');
  await byTestId(employee, `${table}-add`).click();
  await choose(employee, `${table}-1-Selector-category`, '交通费');
  await inputOf(employee, `${table}-1-Money-amount`).fill('500');
  await typeDate(employee, `${table}-1-Date-date`, '2026-11-21');
  await inputOf(employee, `${table}-1-Text-note`).fill('机场往返');
  await inputOf(employee, 'apply-field-Textarea-reason').fill('上海客户拜访差旅');
  // The receipt is uploaded when chosen; the form keeps its id.
  await employee.locator('[data-testid="apply-field-File-attachments"] input[type=file]').setInputFiles({ name: '高铁发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 receipt') });
  await expect.poll(() => employee.locator('[data-testid="apply-field-File-attachments"] .ant-upload-list-item').innerText(), { timeout: 10_000 }).toContain('高铁发票.pdf');
  await expect.poll(() => byTestId(employee, `${table}-total-Money-amount`).innerText()).toBe('金额（元）合计：¥3,500.00');
  await employee.screenshot({ path: 'test-results/approvals-apply.png', fullPage: true, animations: 'disabled' });
  // A double click submits once: the same idempotency key answers the same request.
  await byTestId(employee, 'apply-submit').dblclick();

  await byTestId(employee, 'approval-detail').waitFor({ timeout: 10_000 });
  await expect(byTestId(employee, 'approval-status').innerText()).resolves.toBe('审批中');
  await expect(byTestId(employee, 'form-view-total-Money-amount').innerText()).resolves.toBe('金额（元）合计：¥3,500.00');
  await expect(byTestId(employee, 'form-view-file').innerText()).resolves.toBe('高铁发票.pdf');
  await expect.poll(() => byTestId(employee, 'flow-task-liuyang').getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
  await expect(byTestId(employee, 'action-withdraw').count()).resolves.toBe(1);
  await expect(byTestId(employee, 'action-approve').count()).resolves.toBe(0);
  const detailPath = new URL(employee.url()).pathname;
  await byTestId(employee, 'approval-back').click();
  await expect.poll(() => employee.locator('[data-testid^="approval-row-status-"]').count(), { timeout: 10_000 }).toBe(1);

  // The leader finds it under 待我审批 (counted on the tab) and approves.
  lead = await memberSignIn(people.lead.userid);
  await byTestId(lead, 'portal-nav-approvals').click();
  await expect.poll(() => byTestId(lead, 'approvals-todo-count').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
  await byTestId(lead, 'approvals-box-todo').click();
  await lead.locator('[data-testid^="approval-row-"][data-spno]').first().click();
  await byTestId(lead, 'action-approve').click();
  await inputOf(lead, 'action-comment').fill('情况属实，同意');
  await byTestId(lead, 'action-confirm').click();
  await expect.poll(() => byTestId(lead, 'flow-task-liuyang').getAttribute('data-status'), { timeout: 10_000 }).toBe('approved');
  await expect(byTestId(lead, 'action-approve').count()).resolves.toBe(0);
  await expect(byTestId(lead, 'flow-step-finance').getAttribute('data-status')).resolves.toBe('active');
  await expect(byTestId(lead, 'flow-step-finance').locator('[data-testid^="flow-task-"]').count()).resolves.toBe(2);

  // 赵磊, one of the two finance admins, approves from the portal (admins have one too).
  const finance = await newPage();
  await signInFirstTime(finance, server.url, people.fin2.userid, password);
  await finance.goto(`${server.url}/portal/approvals?box=todo`);
  await finance.locator('[data-testid^="approval-row-"][data-spno]').first().click();
  await byTestId(finance, 'action-approve').click();
  await byTestId(finance, 'action-confirm').click();
  await expect.poll(() => byTestId(finance, 'approval-status').innerText(), { timeout: 10_000 }).toBe('已通过');

  // The employee sees it approved, with the whole history.
  await employee.goto(`${server.url}${detailPath}`);
  await expect.poll(() => byTestId(employee, 'approval-status').innerText(), { timeout: 10_000 }).toBe('已通过');
  const actions = () => employee.getByTestId('history-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  await expect.poll(actions, { timeout: 10_000 }).toEqual(['submit', 'approve', 'approve', 'approved']);
  await expect(byTestId(employee, 'approval-history').innerText()).resolves.toMatch(/提交申请[\s\S]*张伟[\s\S]*同意[\s\S]*刘洋[\s\S]*情况属实，同意[\s\S]*同意[\s\S]*赵磊[\s\S]*审批通过/);
  await expect(byTestId(employee, 'flow-task-zhaolei').getAttribute('data-status')).resolves.toBe('approved');
  await expect(byTestId(employee, 'action-withdraw').count()).resolves.toBe(1); // 通过后撤销 stays possible
  await employee.screenshot({ path: 'test-results/approvals-approved.png', fullPage: true, animations: 'disabled' });
  await byTestId(employee, 'approval-back').click();
  await expect.poll(() => employee.locator('[data-testid^="approval-row-status-"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('2');
  expect(pageErrors).toEqual([]);
});

it('refuses a flow without a default branch, at the branch, and saves a valid custom template', async () => {
  await byTestId(admin, 'nav-approvals-templates').click();
  await expect.poll(() => byTestId(admin, 'templates-table').innerText(), { timeout: 10_000 }).toMatch(/报销[\s\S]*请假[\s\S]*通用审批/);
  await byTestId(admin, 'templates-create').click();
  await inputOf(admin, 'editor-name').fill('采购申请');
  // An amount to branch on; the new template starts with a text field and the leader's approval.
  await byTestId(admin, 'add-control').click();
  await byTestId(admin, 'add-control-Money').click();
  await inputOf(admin, 'control-controls.1-title').fill('采购金额');
  await byTestId(admin, 'control-controls.1-required').click();
  // 限时处理 on the leader's node: two working days, then the task approves itself.
  await byTestId(admin, 'node-flow.0-time-limit-switch').click();
  await inputOf(admin, 'node-flow.0-time-limit-hours').fill('16');
  await choose(admin, 'node-flow.0-time-limit-action', '超时自动通过');

  // A branch node whose branches both have conditions: no default.
  await byTestId(admin, 'add-node-flow').click();
  await byTestId(admin, 'add-node-flow-branch').click();
  await byTestId(admin, 'branch-flow.1.branches.0-when-add').click();
  await inputOf(admin, 'branch-flow.1.branches.0-when-0-value').fill('10000');
  await byTestId(admin, 'add-node-flow.1.branches.0.nodes').click();
  await byTestId(admin, 'add-node-flow.1.branches.0.nodes-approver').click();
  await byTestId(admin, 'branch-flow.1.branches.1-conditional').click();
  await byTestId(admin, 'branch-flow.1.branches.1-when-add').click();
  await byTestId(admin, 'editor-save').click();
  const error = byTestId(admin, 'errors-flow.1.branches.1');
  await error.waitFor({ timeout: 10_000 });
  await expect(error.innerText()).resolves.toContain('最后一个分支须为默认分支');
  await admin.screenshot({ path: 'test-results/approvals-template-error.png', fullPage: true, animations: 'disabled' });

  // Making the last branch the default again saves the template.
  await byTestId(admin, 'branch-flow.1.branches.1-default').click();
  await byTestId(admin, 'editor-save').click();
  await expect.poll(() => new URL(admin.url()).pathname, { timeout: 10_000 }).toMatch(/^\/workbench\/approvals\/templates\/[\w-]+$/);
  await expect.poll(() => byTestId(admin, 'errors-flow.1.branches.1').count(), { timeout: 10_000 }).toBe(0);
  const saved = (await (await admin.request.get(`${server.url}/api/v1/approvals/templates/${new URL(admin.url()).pathname.split('/').pop()}`)).json()) as { flow: { timeLimit?: unknown }[] };
  expect(saved.flow[0]!.timeLimit).toEqual({ hours: 16, onTimeout: 'approve' });
  await byTestId(admin, 'editor-back').click();
  const row = admin.locator('[data-testid^="template-row-"][data-name="采购申请"]');
  await row.waitFor({ timeout: 10_000 });
  await expect(row.getAttribute('data-kind')).resolves.toBe('custom');
  await expect(row.innerText()).resolves.toContain('自定义');

  // A built-in template goes back unchanged; switching 通用审批 off takes it from the portal, next to the new one.
  await admin.locator('[data-testid^="template-row-"][data-kind="expense"] a').first().click();
  await byTestId(admin, 'control-controls.0').waitFor({ timeout: 10_000 });
  await expect(byTestId(admin, 'node-flow.1').getAttribute('data-node-type')).resolves.toBe('branch');
  await byTestId(admin, 'editor-save').click();
  await admin.getByText('模板已保存').first().waitFor({ timeout: 10_000 });
  await byTestId(admin, 'editor-back').click();
  await admin.locator('[data-testid^="template-row-"][data-kind="general"] [data-testid^="template-enabled-"]').click();
  await expect.poll(() => admin.locator('[data-testid^="template-row-"][data-kind="general"] [data-testid^="template-enabled-"]').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('false');
  await employee.goto(`${server.url}/portal/approvals/new`);
  await expect.poll(() => employee.locator('[data-kind="custom"]').getAttribute('data-name'), { timeout: 10_000 }).toBe('采购申请');
  await expect(employee.locator('[data-kind]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).resolves.toEqual(['expense', 'leave', 'custom']);
  expect(pageErrors).toEqual([]);
});

it('sets an annual-leave allowance, and the employee applies for leave seeing the balance and the working days it takes', async () => {
  await byTestId(admin, 'nav-approvals-balances').click();
  await byTestId(admin, 'balances-set').click();
  await byTestId(admin, 'balance-userid').click();
  await admin.keyboard.type(people.emp.userid);
  await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '张伟' }).first().click();
  await inputOf(admin, 'balance-total').fill('5');
  await admin.getByRole('button', { name: '确 定' }).or(admin.getByRole('button', { name: '确定' })).click();
  const balanceRow = byTestId(admin, 'balances-table').locator('tr', { hasText: 'zhangwei' });
  await expect.poll(() => balanceRow.innerText(), { timeout: 10_000 }).toMatch(/张伟 \(zhangwei\)\s+年假\s+5\s+0\s+5/);

  await employee.goto(`${server.url}/portal/approvals/new`);
  await byTestId(employee, 'template-card-leave').click();
  await expect.poll(() => byTestId(employee, 'leave-balance-annual').innerText(), { timeout: 10_000 }).toBe('年假：剩余 5 天（共 5 天，已用 0 天）');
  await choose(employee, 'apply-field-Selector-leave_type', '年假');
  // Monday morning to Tuesday afternoon, then from Monday afternoon: two working days, then one and a half.
  await typeDate(employee, 'apply-field-DateRange-period-start', '2026-11-23');
  await typeDate(employee, 'apply-field-DateRange-period-end', '2026-11-24');
  await expect.poll(() => byTestId(employee, 'leave-duration').innerText(), { timeout: 10_000 }).toBe('时长：2 个工作日');
  await choose(employee, 'apply-field-DateRange-period-start-half', '下午');
  await expect.poll(() => byTestId(employee, 'leave-duration').innerText(), { timeout: 10_000 }).toBe('时长：1.5 个工作日');
  await inputOf(employee, 'apply-field-Textarea-reason').fill('家中有事');
  await employee.screenshot({ path: 'test-results/approvals-leave.png', fullPage: true, animations: 'disabled' });
  await byTestId(employee, 'apply-submit').click();
  await byTestId(employee, 'approval-detail').waitFor({ timeout: 10_000 });
  await expect(byTestId(employee, 'approval-view').innerText()).resolves.toContain('年假 · 1.5 天');
  await expect(byTestId(employee, 'form-view-DateRange-period').innerText()).resolves.toBe('2026-11-23 下午 ~ 2026-11-24 下午');
  expect(pageErrors).toEqual([]);
});

it('lists every request for the approval admin, with its record in a drawer and a CSV export', async () => {
  await byTestId(admin, 'nav-approvals-requests').click();
  const rows = () => admin.locator('[data-testid^="request-row-"]');
  await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
  await choose(admin, 'requests-filter-status', '已通过');
  await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
  await expect(rows().first().innerText()).resolves.toMatch(/报销[\s\S]*张伟 \(zhangwei\)[\s\S]*¥3,500\.00[\s\S]*已通过/);
  await expect(byTestId(admin, 'requests-export').getAttribute('href')).resolves.toBe('/api/v1/approvals/requests/export.csv?status=2');
  const csv = await admin.request.get(`${server.url}/api/v1/approvals/requests/export.csv?status=2`);
  expect(await csv.text()).toContain('3500.00');
  await rows().first().locator('[data-testid^="request-open-"]').click();
  const drawer = byTestId(admin, 'request-drawer');
  await expect.poll(() => drawer.getByTestId('history-event').count(), { timeout: 10_000 }).toBe(4);
  await expect(drawer.getByTestId('approval-status').innerText()).resolves.toBe('已通过');
  await admin.screenshot({ path: 'test-results/approvals-admin-drawer.png', animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});

it('returns the leave to the employee, who corrects the prefilled form and resubmits it', async () => {
  await lead.goto(`${server.url}/portal/approvals?box=todo`);
  await lead.locator('[data-testid^="approval-row-"][data-spno]').first().click();
  await byTestId(lead, 'action-return').click();
  await inputOf(lead, 'action-comment').fill('请改为全天');
  await byTestId(lead, 'action-confirm').click();
  await expect.poll(() => byTestId(lead, 'approval-status').innerText(), { timeout: 10_000 }).toBe('已退回');

  await employee.goto(`${server.url}/portal/approvals`);
  await employee.locator('[data-testid^="approval-row-status-"][data-returned="true"]').first().click();
  await byTestId(employee, 'action-resubmit').click();
  await expect.poll(() => byTestId(employee, 'apply-title').innerText(), { timeout: 10_000 }).toBe('修改后重新提交 · 请假');
  // The form comes back as it was sent: the type, the halves and the reason.
  await expect(byTestId(employee, 'apply-field-Selector-leave_type').innerText()).resolves.toContain('年假');
  await expect(byTestId(employee, 'apply-field-DateRange-period-start-half').innerText()).resolves.toContain('下午');
  await expect(inputOf(employee, 'apply-field-Textarea-reason').inputValue()).resolves.toBe('家中有事');
  await choose(employee, 'apply-field-DateRange-period-start-half', '上午');
  await expect.poll(() => byTestId(employee, 'leave-duration').innerText(), { timeout: 10_000 }).toBe('时长：2 个工作日');
  await byTestId(employee, 'apply-submit').click();
  await expect.poll(() => byTestId(employee, 'approval-status').innerText(), { timeout: 10_000 }).toBe('审批中');
  await expect(byTestId(employee, 'approval-view').innerText()).resolves.toContain('年假 · 2 天');
  const actions = employee.getByTestId('history-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  await expect(actions).resolves.toEqual(['submit', 'return', 'resubmit']);
  await expect(byTestId(employee, 'approval-history').innerText()).resolves.toContain('请改为全天');
  expect(pageErrors).toEqual([]);
});

it('applies with the custom template, reminds the leader, who comments and transfers the request to a colleague', async () => {
  await employee.goto(`${server.url}/portal/approvals/new`);
  await employee.locator('[data-kind="custom"]').click();
  await expect.poll(() => byTestId(employee, 'apply-title').innerText(), { timeout: 10_000 }).toBe('采购申请');
  const [text, money] = await employee.locator('[data-testid^="apply-field-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!).filter((id) => /^apply-field-(Textarea|Money)-[\w]+$/.test(id)));
  await inputOf(employee, text!).fill('采购显示器两台');
  // Left empty, the required amount is refused before anything is sent.
  await byTestId(employee, 'apply-submit').click();
  await expect.poll(() => employee.locator('.ant-form-item-explain-error').allInnerTexts(), { timeout: 10_000 }).toEqual(['此项为必填项']);
  await inputOf(employee, money!).fill('2400.5');
  await byTestId(employee, 'apply-urgent').click();
  await byTestId(employee, 'apply-submit').click();
  await byTestId(employee, 'approval-detail').waitFor({ timeout: 10_000 });
  await expect(byTestId(employee, 'approval-urgent').count()).resolves.toBe(1);
  await expect(byTestId(employee, `form-view-${money!.replace('apply-field-', '')}`).innerText()).resolves.toBe('¥2,400.50');

  await byTestId(employee, 'action-urge').click();
  await byTestId(employee, 'action-confirm').click();
  await employee.getByText('已提醒审批人').first().waitFor({ timeout: 10_000 });

  await lead.goto(`${server.url}/portal/approvals?box=todo`);
  await lead.locator('[data-testid^="approval-row-"][data-spno]').first().click();
  await byTestId(lead, 'action-comment').click();
  await inputOf(lead, 'action-comment').fill('型号确认一下');
  await byTestId(lead, 'action-confirm').click();
  await expect.poll(() => lead.getByTestId('history-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-action'))), { timeout: 10_000 }).toEqual(['submit', 'urge', 'comment']);
  await byTestId(lead, 'action-transfer').click();
  await byTestId(lead, 'action-transfer-to').click();
  await lead.keyboard.type('王芳');
  await lead.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: 'wangfang' }).first().click();
  await byTestId(lead, 'action-confirm').click();
  await expect.poll(() => byTestId(lead, 'flow-task-wangfang').getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
  await expect(byTestId(lead, 'flow-task-liuyang').getAttribute('data-status')).resolves.toBe('transferred');
  await expect(byTestId(lead, 'action-approve').count()).resolves.toBe(0);
  await lead.screenshot({ path: 'test-results/approvals-transferred.png', fullPage: true, animations: 'disabled' });

  // The English UI: the same lists, their own words.
  await employee.goto(`${server.url}/portal/approvals`);
  await byTestId(employee, 'language-en').click();
  await expect.poll(() => byTestId(employee, 'approvals-box-mine').innerText(), { timeout: 10_000 }).toBe('My requests');
  await expect(byTestId(employee, 'portal-nav-approvals').innerText()).resolves.toBe('Approvals');
  await expect.poll(() => employee.locator('[data-testid^="approval-row-status-"]').allInnerTexts(), { timeout: 10_000 }).toEqual(['In progress', 'In progress', 'Approved']);
  expect(pageErrors).toEqual([]);
});

it('lets the employee withdraw a request and delete it, which takes it off their list', async () => {
  await employee.goto(`${server.url}/portal/approvals`);
  const rows = employee.locator('[data-testid^="approval-row-"][data-spno]');
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
  const rowId = (await rows.first().getAttribute('data-testid'))!;
  await rows.first().click();
  await byTestId(employee, 'action-withdraw').click();
  await byTestId(employee, 'action-confirm').click();
  await expect.poll(() => byTestId(employee, 'approval-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('4');
  await byTestId(employee, 'action-delete').click();
  await byTestId(employee, 'action-confirm').click();
  await expect.poll(() => new URL(employee.url()).pathname, { timeout: 10_000 }).toBe('/portal/approvals');
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
  await expect(byTestId(employee, rowId).count()).resolves.toBe(0);
  expect(pageErrors).toEqual([]);
});

it('shows the approval admin the statistics of the period, and which apps may use the approval API', async () => {
  await admin.goto(`${server.url}/workbench/approvals/stats`);
  const listed = (await (await admin.request.get(`${server.url}/api/v1/approvals/requests?pageSize=1`)).json()) as { total: number };
  await expect.poll(() => byTestId(admin, 'stats-total').locator('.ant-statistic-content-value').innerText(), { timeout: 10_000 }).toBe(String(listed.total));
  const bars = await admin.getByTestId('stats-day-bar').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
  expect(bars).toHaveLength(30);
  expect(bars.reduce((a, b) => a + b, 0)).toBe(listed.total);
  await expect(byTestId(admin, 'stats-by-template').innerText()).resolves.toContain('报销');
  // No app has AgentID 9999999: the save is refused, naming it, and nothing changes.
  await byTestId(admin, 'approval-settings-apps').click();
  await admin.keyboard.type('9999999');
  await admin.keyboard.press('Enter');
  await byTestId(admin, 'approval-settings-save').click();
  await admin.locator('.ant-message-error').waitFor({ timeout: 10_000 });
  const saved = (await (await admin.request.get(`${server.url}/api/v1/approvals/settings`)).json()) as { apiAgentIds: number[] };
  expect(saved.apiAgentIds).toEqual([]);
  await admin.screenshot({ path: 'test-results/approvals-stats.png', fullPage: true, animations: 'disabled' });
  expect(pageErrors).toEqual([]);
});
