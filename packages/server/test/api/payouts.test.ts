import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutRequest } from '../../src/modules/payouts';
import { operatorContext } from '../../src/platform/kernel/context';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, testMobile, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/**
 * 企业支付 over HTTP, with payouts created as the approvals module creates them: createForApproval inside the
 * final approval's transaction (approval ids here are made up). Runs on PGlite and, with ORGDESK_TEST_DB=postgres,
 * on PostgreSQL, where the 200 retries really run side by side.
 */

let server: TestServer;
let corp: RegisteredCorp;
let admin: TestClient;
const people = { sales: '', finance: '', salesDept: 0, financeDept: 0 };
const paidCalls: string[][] = [];
let failNextPaid = false;
let serial = 0;
const ctx = operatorContext('payouts test');

async function memberId(userid: string): Promise<string> {
  return (await server.database.db.selectFrom('members').select('id').where('corp_id', '=', corp.corpId).where('userid', '=', userid).executeTakeFirstOrThrow()).id;
}

function request(overrides: Partial<PayoutRequest> = {}): PayoutRequest {
  serial++;
  return {
    approvalId: randomUUID(),
    spNo: `2026112600${String(serial).padStart(2, '0')}`,
    amountFen: 12345,
    payeeMemberId: people.sales,
    bankAccount: { bankName: '招商银行北京分行', accountName: '销售甲', accountNumber: '6225 8802 1234 5678' },
    ...overrides,
  };
}

async function createPayout(overrides: Partial<PayoutRequest> = {}): Promise<{ payoutId: string; approvalId: string }> {
  const req = request(overrides);
  const { payoutId } = await server.services.db.transaction().execute((trx) => server.services.payouts.createForApproval(trx, corp.corpId, ctx, req));
  return { payoutId, approvalId: req.approvalId };
}

/** The bank file's rows, parsed back (no cell of ours needs more than comma-splitting except quoted ones). */
function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1));
}

async function countAudit(action: string, targetId?: string): Promise<number> {
  let query = server.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('chain', '=', corp.corpId).where('action', '=', action);
  if (targetId) query = query.where('target_id', '=', targetId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function newBatch(payoutIds: string[]) {
  const answer = await admin.post('/api/v1/payouts/batches', { payoutIds });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { id: string; batchNo: string; totalFen: number; itemCount: number; fileSha256: string };
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '付款测试有限公司' });
  admin = corp.client;
  people.salesDept = (await admin.post('/api/v1/departments', { name: '销售部', parentId: 1 })).body.id;
  people.financeDept = (await admin.post('/api/v1/departments', { name: '财务部', parentId: 1 })).body.id;
  for (const [userid, dept] of [['sales-a', people.salesDept], ['finance-a', people.financeDept]] as const) {
    const created = await admin.post('/api/v1/members', { userid, name: userid === 'sales-a' ? '销售甲' : '财务乙', mobile: testMobile(), departments: [{ id: dept }] });
    expect(created.status).toBe(200);
  }
  people.sales = await memberId('sales-a');
  people.finance = await memberId('finance-a');
  // The approvals module's markPaid (wired in services.ts) refuses approval ids it does not know, and these are
  // made up: this file stands in for it with a listener that records what it is told.
  (server.services.payouts as unknown as { paidListeners: unknown[] }).paidListeners.length = 0;
  server.services.payouts.onPaid(async (_trx, _corpId, approvalIds) => {
    if (failNextPaid) {
      failNextPaid = false;
      throw new Error('injected crash while settling the approvals');
    }
    paidCalls.push(approvalIds);
  });
}, 60_000);
afterAll(async () => server?.close());

describe('exactly one payout per approval', () => {
  it('gives one payout to 200 concurrent retries of the final approval', { timeout: 60_000 }, async () => {
    const req = request();
    const results = await Promise.all(Array.from({ length: 200 }, () => server.services.db.transaction().execute((trx) => server.services.payouts.createForApproval(trx, corp.corpId, ctx, req))));
    expect(new Set(results.map((r) => r.payoutId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await server.database.db.selectFrom('payouts').selectAll().where('approval_id', '=', req.approvalId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount_fen: 12345, status: 'pending', account_last4: '5678', sp_no: req.spNo });
    // The account number is sealed, not stored in the clear.
    expect(rows[0]!.bank_account_sealed).not.toContain('6225');
    expect(await countAudit('payouts.create', rows[0]!.id)).toBe(1);
  });

  it('leaves nothing when the approval crashes after creating the payout, and the retry creates it once', async () => {
    const req = request();
    await expect(
      server.services.db.transaction().execute(async (trx) => {
        await server.services.payouts.createForApproval(trx, corp.corpId, ctx, req);
        throw new Error('injected crash after createForApproval');
      }),
    ).rejects.toThrow('injected crash');
    expect(await server.database.db.selectFrom('payouts').select('id').where('approval_id', '=', req.approvalId).execute()).toHaveLength(0);
    const retries = await Promise.all([1, 2, 3].map(() => server.services.db.transaction().execute((trx) => server.services.payouts.createForApproval(trx, corp.corpId, ctx, req))));
    expect(retries.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(retries.map((r) => r.payoutId)).size).toBe(1);
  });

  it('refuses an amount out of range, an unknown payee or a malformed account, and creates nothing', async () => {
    for (const bad of [{ amountFen: 0 }, { amountFen: 1_000_000_001 }, { amountFen: 1.5 }, { payeeMemberId: randomUUID() }, { payeeMemberId: 'not-a-uuid' }, { bankAccount: { bankName: '招商银行', accountName: 'x', accountNumber: '12ab' } }]) {
      const req = request(bad);
      await expect(server.services.db.transaction().execute((trx) => server.services.payouts.createForApproval(trx, corp.corpId, ctx, req))).rejects.toMatchObject({ code: 'payouts.invalid_request' });
      expect(await server.database.db.selectFrom('payouts').select('id').where('approval_id', '=', req.approvalId).execute()).toHaveLength(0);
    }
  });
});

describe('pending payouts and the bank batch file', () => {
  it('lists pending payouts with the account masked, exports a bank CSV and downloads the same bytes again', async () => {
    const one = await createPayout({ amountFen: 100_050 });
    const two = await createPayout({ amountFen: 7, payeeMemberId: people.finance, bankAccount: { bankName: '中国工商银行, 上海分行', accountName: '财务乙', accountNumber: '6222021234567890123' } });
    const list = await admin.get('/api/v1/payouts?status=pending&unbatched=true&pageSize=200');
    expect(list.status).toBe(200);
    const shown = list.body.items.find((p: { id: string }) => p.id === one.payoutId);
    expect(shown).toMatchObject({ amountFen: 100_050, status: 'pending', inOpenBatch: false, payee: { userid: 'sales-a', name: '销售甲' }, bankAccount: { bankName: '招商银行北京分行', accountMasked: '**** 5678' } });
    expect(JSON.stringify(list.body)).not.toContain('6225880212345678');

    const batch = await newBatch([one.payoutId, two.payoutId]);
    expect(batch).toMatchObject({ itemCount: 2, totalFen: 100_057, status: 'exported' });
    expect(await countAudit('payouts.batch_create', batch.id)).toBe(1);
    expect(await countAudit('payouts.batch_add', one.payoutId)).toBe(1);
    const file = await admin.download(`/api/v1/payouts/batches/${batch.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(file.bytes);
    const spNo = async (id: string) => (await admin.get(`/api/v1/payouts/${id}`)).body.spNo;
    expect(rows).toEqual([
      ['序号', '收款人', '收款账号', '开户行', '金额(元)', '用途/摘要'],
      ['1', '销售甲', '6225880212345678', '招商银行北京分行', '1000.50', `报销 ${await spNo(one.payoutId)}`],
      ['2', '财务乙', '6222021234567890123', '中国工商银行, 上海分行', '0.07', `报销 ${await spNo(two.payoutId)}`],
    ]);
    const again = await admin.download(`/api/v1/payouts/batches/${batch.id}/file`);
    expect(again.bytes.equals(file.bytes)).toBe(true);
    expect(await countAudit('payouts.batch_download', batch.id)).toBe(2);
    // In an exported batch, a payout is neither pending for a new batch nor cancellable.
    expect((await admin.get(`/api/v1/payouts/${one.payoutId}`)).body).toMatchObject({ inOpenBatch: true, batchNo: batch.batchNo });
    expect((await admin.post('/api/v1/payouts/batches', { payoutIds: [one.payoutId] })).body.error.code).toBe('payouts.not_payable');
    expect((await admin.post(`/api/v1/payouts/${one.payoutId}/cancel`, { reason: '重复报销' })).body.error.code).toBe('payouts.in_open_batch');
  });

  it('puts a payout in one batch when two admins batch it at the same time', async () => {
    const p = await createPayout();
    const answers = await Promise.all([1, 2, 3].map(() => admin.post('/api/v1/payouts/batches', { payoutIds: [p.payoutId] })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'payouts.not_payable')).toBe(true);
    const batch = answers.find((a) => a.status === 200)!.body;
    await admin.post(`/api/v1/payouts/batches/${batch.id}/void`);
  });

  it('refuses a batch of unknown ids or of nothing', async () => {
    expect((await admin.post('/api/v1/payouts/batches', { payoutIds: [randomUUID()] })).status).toBe(404);
    const none = await admin.post('/api/v1/payouts/batches', {});
    expect(none.body.error).toMatchObject({ code: 'common.validation_failed', fields: [{ path: 'payoutIds', reason: '请选择付款记录，或选择全部待支付' }] });
  });

  it('writes a payout without an account as a line for the payroll card, its account cells left to finance', async () => {
    const noAccount = await createPayout({ bankAccount: null, amountFen: 4200 });
    const batch = await newBatch([noAccount.payoutId]);
    const rows = parseCsv((await admin.download(`/api/v1/payouts/batches/${batch.id}/file`)).bytes);
    expect(rows[1]).toEqual(['1', '销售甲', '', '', '42.00', `报销 ${(await admin.get(`/api/v1/payouts/${noAccount.payoutId}`)).body.spNo}`]);
    await admin.post(`/api/v1/payouts/batches/${batch.id}/void`);
  });
});

describe('confirming a batch', () => {
  it('settles once: the same reference again is a no-op, another reference is refused, and a reference settles one batch only', async () => {
    const a = await createPayout();
    const b = await createPayout({ amountFen: 500 });
    const batch = await newBatch([a.payoutId, b.payoutId]);
    const before = paidCalls.length;
    const first = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'CMB20261126-0001' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ alreadySettled: false, batch: { status: 'settled', bankReference: 'CMB20261126-0001', paidCount: 2, paidFen: 12845, failedCount: 0 } });
    expect(paidCalls.slice(before)).toEqual([[a.approvalId, b.approvalId]]);
    const paid = (await admin.get(`/api/v1/payouts/${a.payoutId}`)).body;
    expect(paid).toMatchObject({ status: 'paid', bankReference: 'CMB20261126-0001', inOpenBatch: false });

    const repeat = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'CMB20261126-0001' });
    expect(repeat.body).toMatchObject({ alreadySettled: true, batch: { status: 'settled', paidCount: 2 } });
    expect(paidCalls.length).toBe(before + 1);
    expect(await countAudit('payouts.batch_confirm', batch.id)).toBe(1);
    expect(await countAudit('payouts.paid', a.payoutId)).toBe(1);
    // Its history, from the audit log: created, put in the batch, paid with the bank's reference.
    const history = await admin.get(`/api/v1/payouts/${a.payoutId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['payouts.create', 'payouts.batch_add', 'payouts.paid']);
    expect(history.body.items[2]).toMatchObject({ targetId: a.payoutId, after: { status: 'paid', bankReference: 'CMB20261126-0001', batchNo: batch.batchNo } });

    const other = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'CMB20261126-9999' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('payouts.batch_settled');

    const c = await createPayout();
    const second = await newBatch([c.payoutId]);
    const reused = await admin.post(`/api/v1/payouts/batches/${second.id}/confirm`, { bankReference: 'CMB20261126-0001' });
    expect(reused.body.error.code).toBe('payouts.reference_taken');
    expect((await admin.get(`/api/v1/payouts/${c.payoutId}`)).body.status).toBe('pending');
    // A paid payout cannot be cancelled, by finance or by the approval being withdrawn.
    expect((await admin.post(`/api/v1/payouts/${a.payoutId}/cancel`, { reason: '撤销' })).body.error.code).toBe('payouts.already_paid');
    await expect(server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, a.approvalId))).rejects.toMatchObject({ code: 'payouts.already_paid' });
  });

  it('settles concurrent confirmations of one batch once', async () => {
    const p = await createPayout();
    const batch = await newBatch([p.payoutId]);
    const before = paidCalls.length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'ICBC-CONCURRENT-1' })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => !a.body.alreadySettled)).toHaveLength(1);
    expect(paidCalls.length).toBe(before + 1);
  });

  it('rolls the whole confirmation back when settling the approvals crashes', async () => {
    const p = await createPayout();
    const batch = await newBatch([p.payoutId]);
    failNextPaid = true;
    expect((await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'CRASH-0001' })).status).toBe(500);
    expect((await admin.get(`/api/v1/payouts/${p.payoutId}`)).body).toMatchObject({ status: 'pending', inOpenBatch: true, bankReference: null });
    expect((await admin.get(`/api/v1/payouts/batches/${batch.id}`)).body.status).toBe('exported');
    const retried = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'CRASH-0001' });
    expect(retried.body).toMatchObject({ alreadySettled: false, batch: { status: 'settled', paidCount: 1 } });
  });

  it('records lines the bank refused; a failed payout is retried in a new batch or cancelled', async () => {
    const ok = await createPayout({ amountFen: 1000 });
    const refused = await createPayout({ amountFen: 2000 });
    const early = await createPayout({ amountFen: 3000 });
    const batch = await newBatch([ok.payoutId, refused.payoutId, early.payoutId]);
    // The bank rejected one line before the batch was confirmed.
    const marked = await admin.post(`/api/v1/payouts/${early.payoutId}/fail`, { reason: '户名不符' });
    expect(marked.body).toMatchObject({ status: 'failed', failureReason: '户名不符' });
    const bad = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'ABC-PARTIAL-1', failures: [{ payoutId: early.payoutId, reason: 'x' }] });
    expect(bad.body.error).toMatchObject({ code: 'common.validation_failed', fields: [{ path: 'failures.0.payoutId' }] });
    const confirmed = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'ABC-PARTIAL-1', failures: [{ payoutId: refused.payoutId, reason: '账号不存在' }] });
    expect(confirmed.body.batch).toMatchObject({ paidCount: 1, paidFen: 1000, failedCount: 2, failedFen: 5000, totalFen: 6000 });
    const detail = await admin.get(`/api/v1/payouts/batches/${batch.id}`);
    expect(detail.body.lines.map((l: { result: string; failureReason: string | null }) => [l.result, l.failureReason])).toEqual([['paid', null], ['failed', '账号不存在'], ['failed', '户名不符']]);

    // Failed payouts wait among the payable ones, with the bank's reason.
    const payable = (await admin.get('/api/v1/payouts?payable=true&pageSize=200')).body.items;
    expect(payable.find((p: { id: string }) => p.id === refused.payoutId)).toMatchObject({ status: 'failed', failureReason: '账号不存在' });
    expect(payable.find((p: { id: string }) => p.id === ok.payoutId)).toBeUndefined();
    const retry = await newBatch([refused.payoutId]);
    expect((await admin.get(`/api/v1/payouts/${refused.payoutId}`)).body).toMatchObject({ status: 'pending', batchId: retry.id, failureReason: null });
    await admin.post(`/api/v1/payouts/batches/${retry.id}/confirm`, { bankReference: 'ABC-RETRY-1' });
    expect((await admin.get(`/api/v1/payouts/${refused.payoutId}`)).body).toMatchObject({ status: 'paid', bankReference: 'ABC-RETRY-1' });
    // The first batch still reads as the bank answered it.
    expect((await admin.get(`/api/v1/payouts/batches/${batch.id}`)).body).toMatchObject({ paidFen: 1000, failedFen: 5000 });

    const cancelled = await admin.post(`/api/v1/payouts/${early.payoutId}/cancel`, { reason: '员工离职，线下结清' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '员工离职，线下结清' });
    expect(await countAudit('payouts.fail', early.payoutId)).toBe(1);
    expect(await countAudit('payouts.cancel', early.payoutId)).toBe(1);
  });
});

describe('cancelling', () => {
  it('cancels an unpaid payout when its approval is withdrawn, and refuses while the bank has it', async () => {
    expect(await server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, randomUUID()))).toBe('none');
    const free = await createPayout();
    expect(await server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, free.approvalId))).toBe('cancelled');
    expect(await server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, free.approvalId))).toBe('cancelled');
    expect((await admin.get(`/api/v1/payouts/${free.payoutId}`)).body).toMatchObject({ status: 'cancelled', cancelReason: null });
    expect(await countAudit('payouts.cancel', free.payoutId)).toBe(1);

    const sent = await createPayout();
    const batch = await newBatch([sent.payoutId]);
    await expect(server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, sent.approvalId))).rejects.toMatchObject({ code: 'payouts.in_open_batch' });
    // Voiding a batch the bank never got gives its payouts back.
    const voided = await admin.post(`/api/v1/payouts/batches/${batch.id}/void`);
    expect(voided.body.status).toBe('voided');
    expect((await admin.get(`/api/v1/payouts/${sent.payoutId}`)).body).toMatchObject({ status: 'pending', batchId: null, inOpenBatch: false });
    expect((await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: 'VOID-0001' })).body.error.code).toBe('payouts.batch_not_open');
    expect(await server.services.db.transaction().execute((trx) => server.services.payouts.cancelForApproval(trx, corp.corpId, ctx, sent.approvalId))).toBe('cancelled');
  });
});

describe('scope, history and reconciliation', () => {
  it('shows a scoped finance admin only the payouts of payees in their scope', async () => {
    const role = await admin.post('/api/v1/access/roles', { name: '销售财务', permissions: ['payouts.manage'] });
    expect(role.status).toBe(200);
    const person = await addActiveMember(server, corp, { userid: 'sales-finance', departments: [people.salesDept] });
    expect((await admin.post('/api/v1/access/admins', { member: person.userid, roleId: role.body.id, scope: { departments: [people.salesDept] } })).status).toBe(200);
    const scoped = (await signInAdmin(server, person)).client;
    const inside = await createPayout({ payeeMemberId: people.sales });
    const outside = await createPayout({ payeeMemberId: people.finance });

    const list = await scoped.get('/api/v1/payouts?pageSize=200');
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(inside.payoutId);
    expect(ids).not.toContain(outside.payoutId);
    expect(list.body.items.every((p: { payee: { userid: string } }) => p.payee.userid === 'sales-a')).toBe(true);
    expect((await scoped.get(`/api/v1/payouts/${outside.payoutId}`)).status).toBe(404);
    expect((await scoped.get(`/api/v1/payouts/${outside.payoutId}/history`)).status).toBe(404);
    expect((await scoped.get(`/api/v1/payouts/${inside.payoutId}/history`)).body.items.map((e: { action: string }) => e.action)).toEqual(['payouts.create']);
    expect((await scoped.post(`/api/v1/payouts/${outside.payoutId}/cancel`, { reason: '越权' })).status).toBe(404);
    expect((await scoped.post('/api/v1/payouts/batches', { payoutIds: [outside.payoutId] })).status).toBe(404);
    // "All pending" means all pending in the scope; a batch with an outside payee is not theirs to see.
    const all = await scoped.post('/api/v1/payouts/batches', { allPending: true });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const lines = (await scoped.get(`/api/v1/payouts/batches/${all.body.id}`)).body.lines;
    expect(lines.every((l: { payee: { userid: string } }) => l.payee.userid === 'sales-a')).toBe(true);
    expect((await admin.get(`/api/v1/payouts/${outside.payoutId}`)).body.inOpenBatch).toBe(false);
    const mixed = await newBatch([outside.payoutId]);
    expect((await scoped.get(`/api/v1/payouts/batches/${mixed.id}`)).status).toBe(404);
    expect((await scoped.get('/api/v1/payouts/batches?pageSize=200')).body.items.map((b: { id: string }) => b.id)).not.toContain(mixed.id);
    const csv = await scoped.download('/api/v1/payouts/export.csv');
    expect(csv.bytes.toString('utf8')).not.toContain('财务乙');
    await admin.post(`/api/v1/payouts/batches/${mixed.id}/void`);
    await admin.post(`/api/v1/payouts/batches/${all.body.id}/void`);
  });

  it('exports the history as CSV with yuan amounts and Chinese statuses', async () => {
    const csv = await admin.download('/api/v1/payouts/export.csv?status=paid');
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.bytes);
    expect(rows[0]).toEqual(['审批单号', '收款人', '帐号', '金额(元)', '状态', '开户行', '收款账号', '批次号', '银行流水号', '创建时间', '支付时间', '失败/取消原因']);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.slice(1).every((r) => r[4] === '已支付' && /^\d+\.\d\d$/.test(r[3]!) && r[6]!.startsWith('**** '))).toBe(true);
  });

  it('reconciles totals by status and flags what does not add up', async () => {
    const clean = await admin.get('/api/v1/payouts/reconciliation');
    expect(clean.status).toBe(200);
    expect(clean.body.issues).toEqual([]);
    const paid = clean.body.byStatus.find((s: { status: string }) => s.status === 'paid');
    const paidRows = await server.database.db.selectFrom('payouts').select(['amount_fen']).where('corp_id', '=', corp.corpId).where('status', '=', 'paid').execute();
    expect(paid).toEqual({ status: 'paid', count: paidRows.length, amountFen: paidRows.reduce((s, r) => s + Number(r.amount_fen), 0) });
    expect(clean.body.batches.filter((b: { status: string; differenceFen: number }) => b.status === 'settled').every((b: { differenceFen: number }) => b.differenceFen === 0)).toBe(true);

    // Someone edits the database behind the service's back: reconciliation notices.
    const victim = await createPayout();
    await server.database.db.updateTable('payouts').set({ status: 'paid', paid_at: new Date() }).where('id', '=', victim.payoutId).execute();
    const tampered = await admin.get('/api/v1/payouts/reconciliation');
    expect(tampered.body.issues).toEqual([expect.objectContaining({ kind: 'paid_without_reference', payoutId: victim.payoutId })]);
    await server.database.db.updateTable('payouts').set({ status: 'cancelled', paid_at: null }).where('id', '=', victim.payoutId).execute();
  });

  it('matches a bank statement against the settled batches by reference and amount', async () => {
    const statement = [
      '账号,6225880000000001',
      '户名,付款测试有限公司',
      '交易日期,交易流水号,支出金额,收入金额,对方户名,摘要',
      // The batch settled with CMB20261126-0001 paid ¥123.45 and ¥5.00: the bank lists each line under the batch's reference.
      '20261126,CMB20261126-0001,123.45,,销售甲,报销',
      '20261126,CMB20261126-0001,"5.00",,销售甲,报销',
      '20261126,ICBC-CONCURRENT-1,999.99,,销售甲,报销',
      // Money coming in is not a payout; money going out under another reference is another transaction.
      '20261126,OTHER-77,,5000.00,某客户,货款',
      '20261126,OTHER-88,300.00,,房东,房租',
    ].join('\r\n');
    const answer = await admin.upload('/api/v1/payouts/reconciliation/statement', { bytes: statement, name: '对账单.csv' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rows).toBe(4);
    expect(answer.body.unrelatedReferences).toBe(1);
    expect(answer.body.matches.map((m: { reference: string; status: string; statementFen: number; paidFen: number }) => [m.reference, m.status, m.statementFen, m.paidFen]).sort()).toEqual([
      ['CMB20261126-0001', 'matched', 12845, 12845],
      ['ICBC-CONCURRENT-1', 'amount_mismatch', 99999, 12345],
    ]);
    const unreadable = await admin.upload('/api/v1/payouts/reconciliation/statement', { bytes: '日期,摘要\r\n1,2\r\n', name: 'x.csv' });
    expect(unreadable.body.error).toMatchObject({ code: 'payouts.statement_unreadable', fields: [{ path: 'file', reason: '找不到流水号和金额列' }] });
    expect((await admin.post('/api/v1/payouts/reconciliation/statement', { file: 'x' })).body.error.code).toBe('payouts.statement_unreadable');
  });

  it('records every state change in an intact audit chain', async () => {
    for (const action of ['payouts.create', 'payouts.batch_create', 'payouts.batch_add', 'payouts.batch_download', 'payouts.batch_confirm', 'payouts.paid', 'payouts.fail', 'payouts.cancel', 'payouts.batch_void']) {
      expect(await countAudit(action), action).toBeGreaterThan(0);
    }
    // Nothing in the log carries a full account number.
    const log = await server.database.db.selectFrom('audit_log').select(['before', 'after']).where('chain', '=', corp.corpId).where('action', 'like', 'payouts.%').execute();
    expect(JSON.stringify(log)).not.toContain('6225880212345678');
    expect(await server.services.audit.verify(server.database.db, corp.corpId)).toMatchObject({ ok: true });
  });

  it('answers bad input with field errors, never 500', async () => {
    expect((await admin.get('/api/v1/payouts/not-a-uuid')).status).toBe(400);
    expect((await admin.get('/api/v1/payouts?status=lost')).status).toBe(400);
    const p = await createPayout();
    const batch = await newBatch([p.payoutId]);
    const badRef = await admin.post(`/api/v1/payouts/batches/${batch.id}/confirm`, { bankReference: '流水号12345' });
    expect(badRef.body.error).toMatchObject({ code: 'common.validation_failed', fields: [{ path: 'bankReference', reason: '只能包含字母、数字和 - _ / .' }] });
    expect((await admin.post(`/api/v1/payouts/${p.payoutId}/fail`, { reason: '' })).status).toBe(400);
    const free = await createPayout();
    expect((await admin.post(`/api/v1/payouts/${free.payoutId}/fail`, { reason: '未导出' })).body.error.code).toBe('payouts.invalid_state');
  });
});
