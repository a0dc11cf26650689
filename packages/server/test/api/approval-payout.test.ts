import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, type ActiveMember, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/** Approval → payout: exactly one payout per approved expense, whatever is retried or fails on the way. */

let server: TestServer;
let corp: RegisteredCorp;
const clients = new Map<string, TestClient>();
let expenseTemplate: string;
/** Final approvals to fail (an injected crash after everything was written, before commit). */
let crashes = 0;

async function expense(amount: string): Promise<string> {
  server.clock.advance(1000);
  const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': amount, 'Date-date': '2026-11-20' }], 'Textarea-reason': '出差', 'BankAccount-payee': { bankName: '招商银行北京分行', accountName: '员工', accountNumber: '6225 8801 2345 6789' } };
  const answer = await clients.get('emp')!.post('/api/v1/portal/approvals', { templateId: expenseTemplate, form });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.id;
}

const decide = (userid: string, id: string, key = randomUUID()) => clients.get(userid)!.post(`/api/v1/portal/approvals/${id}/decide`, { decision: 'approve', comment: '', key });

async function payoutsOf(approvalId: string) {
  return server.services.db.selectFrom('payouts').selectAll().where('approval_id', '=', approvalId).execute();
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '付款测试公司' });
  await corp.client.post('/api/v1/departments', { name: '销售部', parentId: 1 });
  const people = new Map<string, ActiveMember>();
  for (const userid of ['emp', 'lead', 'fin1', 'fin2']) people.set(userid, await addActiveMember(server, corp, { userid, departments: [2] }));
  await corp.client.patch('/api/v1/departments/2', { leaders: ['lead'] });
  for (const userid of ['fin1', 'fin2']) await corp.client.post('/api/v1/access/admins', { member: userid, roleId: 'finance_admin', scope: { departments: [1] } });
  for (const userid of ['emp', 'lead']) {
    const client = server.client();
    await client.post('/api/v1/auth/sign-in', { login: people.get(userid)!.mobile, password: people.get(userid)!.password });
    await client.me();
    clients.set(userid, client);
  }
  for (const userid of ['fin1', 'fin2']) clients.set(userid, (await signInAdmin(server, people.get(userid)!)).client);
  expenseTemplate = (await corp.client.get('/api/v1/approvals/templates')).body.items.find((t: { kind: string }) => t.kind === 'expense').id;
  server.services.approvalEngine.onChange(async (trx, request) => {
    const now = await trx.selectFrom('approval_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    if (now.status === 2 && crashes > 0) {
      crashes--;
      throw new Error('injected crash before commit');
    }
  });
});
afterAll(async () => server?.close());

describe('approval → payout', () => {
  it('creates exactly one payout under 200 concurrent retries of the final approval and injected crashes', { timeout: 120_000 }, async () => {
    const id = await expense('3500');
    expect((await decide('lead', id)).status).toBe(200);
    crashes = 3;
    const key = randomUUID();
    // 200 retries of one intent (the same key) by one finance admin, and the other finance admin deciding too.
    const answers = await Promise.all([...Array.from({ length: 200 }, () => decide('fin1', id, key)), ...Array.from({ length: 10 }, () => decide('fin2', id))]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(3);
    expect(statuses.every((s) => [200, 409, 500].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const payouts = await payoutsOf(id);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ status: 'pending' });
    expect(Number(payouts[0]!.amount_fen)).toBe(350000);
    const detail = (await corp.client.get(`/api/v1/approvals/requests/${id}`)).body;
    expect(detail.status).toBe(2);
    expect(detail.events.filter((e: { action: string }) => e.action === 'approved')).toHaveLength(1);
  });

  it('settles the approval as paid (10) when finance confirms the bank batch, and the applicant is told', async () => {
    const id = await expense('3500');
    await decide('lead', id);
    await decide('fin2', id);
    const [payout] = await payoutsOf(id);
    const batch = await corp.client.post('/api/v1/payouts/batches', { payoutIds: [payout!.id] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    const confirmed = await corp.client.post(`/api/v1/payouts/batches/${batch.body.id}/confirm`, { bankReference: `BANK-${randomUUID().slice(0, 8)}`, failures: [] });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const mine = (await clients.get('emp')!.get(`/api/v1/portal/approvals/${id}`)).body;
    expect(mine.status).toBe(10);
    expect(mine.events.map((e: { action: string }) => e.action)).toContain('paid');
    const withdraw = await clients.get('emp')!.post(`/api/v1/portal/approvals/${id}/withdraw`, { key: randomUUID() });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.code).toBe('approvals.already_paid');
  });

  it('cancels the unpaid payout when the applicant withdraws after approval', async () => {
    const id = await expense('800');
    await decide('lead', id);
    expect((await payoutsOf(id))[0]!.status).toBe('pending');
    const withdrawn = await clients.get('emp')!.post(`/api/v1/portal/approvals/${id}/withdraw`, { key: randomUUID() });
    expect(withdrawn.body.status).toBe(6);
    expect((await payoutsOf(id))[0]!.status).toBe('cancelled');
  });
});
