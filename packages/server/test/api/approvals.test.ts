import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, type ActiveMember, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
const people = new Map<string, ActiveMember>();
const clients = new Map<string, TestClient>();
const admins = new Set(['fin1', 'fin2']);
let templates: Record<string, { id: string }>;

const key = () => randomUUID();

async function as(userid: string): Promise<TestClient> {
  const known = clients.get(userid);
  if (known) return known;
  // Finance admins are admins: they sign in with two-step verification, into the portal as anyone else.
  const client = admins.has(userid) ? (await signInAdmin(server, people.get(userid)!)).client : server.client();
  if (!admins.has(userid)) {
    const answer = await client.post('/api/v1/auth/sign-in', { login: people.get(userid)!.mobile, password: people.get(userid)!.password });
    expect(answer.body).toEqual({ next: 'done' });
    await client.me();
  }
  clients.set(userid, client);
  return client;
}

/** An expense of the given amounts (yuan) by `userid`. */
async function expense(userid: string, amounts: string[], extra: Record<string, unknown> = {}) {
  server.clock.advance(1000); // one request a second, so "newest first" is well defined
  const form = { 'Table-items': amounts.map((amount) => ({ 'Selector-category': ['travel'], 'Money-amount': amount, 'Date-date': '2026-11-20' })), 'Textarea-reason': '客户拜访差旅', ...extra };
  const answer = await (await as(userid)).post('/api/v1/portal/approvals', { templateId: templates.expense!.id, form });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function decide(userid: string, id: string, decision: 'approve' | 'reject', options: { key?: string; comment?: string } = {}) {
  return (await as(userid)).post(`/api/v1/portal/approvals/${id}/decide`, { decision, comment: options.comment ?? '', key: options.key ?? key() });
}

const pendingOf = (detail: { steps: { status: string; tasks: { status: string; approver: { userid: string } }[] }[] }) =>
  detail.steps.filter((s) => s.status === 'active').flatMap((s) => s.tasks.filter((t) => t.status === 'pending').map((t) => t.approver.userid));

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  // 研发部 (2) ⊃ 前端组 (3); 财务部 (4).
  for (const [name, parentId] of [['研发部', 1], ['前端组', 2], ['财务部', 1]] as const) await corp.client.post('/api/v1/departments', { name, parentId });
  for (const [userid, department] of [['emp', 3], ['lead', 3], ['director', 2], ['fin1', 4], ['fin2', 4], ['other', 4]] as const) people.set(userid, await addActiveMember(server, corp, { userid, departments: [department] }));
  await corp.client.patch('/api/v1/departments/3', { leaders: ['lead'] });
  await corp.client.patch('/api/v1/departments/2', { leaders: ['director'] });
  for (const userid of ['fin1', 'fin2']) {
    const appointed = await corp.client.post('/api/v1/access/admins', { member: userid, roleId: 'finance_admin', scope: { departments: [1] } });
    expect(appointed.status, JSON.stringify(appointed.body)).toBe(200);
  }
  const list = await corp.client.get('/api/v1/approvals/templates');
  expect(list.status).toBe(200);
  templates = Object.fromEntries(list.body.items.map((t: { kind: string; id: string }) => [t.kind, t]));
});
afterAll(async () => server?.close());

describe('the expense flow', () => {
  it('goes to the leader, then to finance where either approver decides, and ends approved', async () => {
    const submitted = await expense('emp', ['3000', '500.00']);
    expect(submitted).toMatchObject({ status: 1, kind: 'expense', amountFen: 350000, spNo: expect.stringMatching(/^\d{12}$/), applicant: { userid: 'emp' } });
    expect(pendingOf(submitted)).toEqual(['lead']);
    const atLeader = (await (await as('lead')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(pendingOf(atLeader)).toEqual(['lead']);
    expect(atLeader.can.decide).toBe(true);

    const approved = await decide('lead', submitted.id, 'approve', { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.can.decide).toBe(false);
    const atFinance = (await (await as('fin1')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(pendingOf(atFinance).sort()).toEqual(['fin1', 'fin2']);
    expect(atFinance.steps.map((s: { name: string; mode: string }) => [s.name, s.mode])).toEqual([
      ['直属部门负责人', 'any'],
      ['财务审批', 'any'],
    ]);

    const done = await decide('fin2', submitted.id, 'approve');
    expect(done.body.status).toBe(2);
    const late = await decide('fin1', submitted.id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('approvals.not_pending');
    const history = done.body.events.map((e: { action: string }) => e.action);
    expect(history).toEqual(['submit', 'approve', 'approve', 'approved']);
  });

  it('ends at the leader for ¥2,000 or less', async () => {
    const submitted = await expense('emp', ['2000']);
    const done = await decide('lead', submitted.id, 'approve');
    expect(done.body.status).toBe(2);
    expect(done.body.steps).toHaveLength(1);
  });

  it('never lets the applicant approve their own expense: the leader\'s step goes to the approval admins', async () => {
    const submitted = await expense('lead', ['100']);
    const detail = (await corp.client.get(`/api/v1/approvals/requests/${submitted.id}`)).body;
    expect(pendingOf(detail)).toEqual([corp.userid]);
    expect(detail.events.map((e: { action: string }) => e.action)).toContain('fallback_to_admins');
  });

  it('refuses a form that does not match the template, naming each field', async () => {
    const client = await as('emp');
    const answer = await client.post('/api/v1/portal/approvals', {
      templateId: templates.expense!.id,
      form: { 'Table-items': [{ 'Selector-category': ['bribes'], 'Money-amount': '12.345', 'Date-date': '2026-13-01' }], 'Text-ghost': 'x' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('approvals.form_invalid');
    const paths = answer.body.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['form.Table-items.0.Date-date', 'form.Table-items.0.Money-amount', 'form.Table-items.0.Selector-category', 'form.Text-ghost', 'form.Textarea-reason']);
  });
});

describe('actions', () => {
  it('answers a repeated action with the same key once, and refuses the key for another action', async () => {
    const submitted = await expense('emp', ['100']);
    const k = key();
    const first = await decide('lead', submitted.id, 'approve', { key: k });
    const again = await decide('lead', submitted.id, 'approve', { key: k });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
    const other = await (await as('lead')).post(`/api/v1/portal/approvals/${submitted.id}/comment`, { comment: '再看看', key: k });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('approvals.key_reused');
  });

  it('gives exactly one decision when two any-of approvers decide at the same instant', async () => {
    for (let round = 0; round < 10; round++) {
      const submitted = await expense('emp', ['2500']);
      await decide('lead', submitted.id, 'approve');
      const answers = await Promise.all([decide('fin1', submitted.id, round % 2 ? 'reject' : 'approve'), decide('fin2', submitted.id, 'approve')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const final = (await corp.client.get(`/api/v1/approvals/requests/${submitted.id}`)).body;
      const decisions = final.events.filter((e: { action: string; actor: { userid: string } | null }) => ['approve', 'reject'].includes(e.action) && e.actor?.userid !== 'lead');
      expect(decisions).toHaveLength(1);
      expect(final.status).toBe(decisions[0].action === 'approve' ? 2 : 3);
    }
  });

  it('returns to the applicant, who corrects the form and resubmits', async () => {
    const submitted = await expense('emp', ['3000']);
    const returned = await (await as('lead')).post(`/api/v1/portal/approvals/${submitted.id}/return`, { to: 'applicant', comment: '请补充说明', key: key() });
    expect(returned.status).toBe(200);
    const mine = (await (await as('emp')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(mine).toMatchObject({ status: 1, returned: true, can: { resubmit: true } });
    expect((await decide('lead', submitted.id, 'approve')).body.error.code).toBe('approvals.not_pending');
    const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': '1800', 'Date-date': '2026-11-20' }], 'Textarea-reason': '补充：往返高铁' };
    const resubmitted = await (await as('emp')).post(`/api/v1/portal/approvals/${submitted.id}/resubmit`, { form, key: key() });
    expect(resubmitted.body).toMatchObject({ returned: false, amountFen: 180000 });
    const done = await decide('lead', submitted.id, 'approve');
    expect(done.body.status).toBe(2); // ¥1,800 no longer needs finance
  });

  it('returns to an earlier step, whose approver decides again', async () => {
    const submitted = await expense('emp', ['5000']);
    await decide('lead', submitted.id, 'approve');
    const atFinance = (await (await as('fin1')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(atFinance.can.returnTo).toHaveLength(1);
    const back = await (await as('fin1')).post(`/api/v1/portal/approvals/${submitted.id}/return`, { to: atFinance.can.returnTo[0].stepId, comment: '请负责人确认金额', key: key() });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const atLeader = (await (await as('lead')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(pendingOf(atLeader)).toEqual(['lead']);
  });

  it('transfers a task and adds approvers after the current step', async () => {
    const submitted = await expense('emp', ['100']);
    const transferred = await (await as('lead')).post(`/api/v1/portal/approvals/${submitted.id}/transfer`, { to: 'director', comment: '请总监审批', key: key() });
    expect(transferred.status).toBe(200);
    const added = await (await as('director')).post(`/api/v1/portal/approvals/${submitted.id}/add-approvers`, { userids: ['other'], key: key() });
    expect(added.status).toBe(200);
    await decide('director', submitted.id, 'approve');
    const atOther = (await (await as('other')).get(`/api/v1/portal/approvals/${submitted.id}`)).body;
    expect(atOther.steps.map((s: { name: string }) => s.name)).toEqual(['直属部门负责人', '加签']);
    expect(pendingOf(atOther)).toEqual(['other']);
    expect((await decide('other', submitted.id, 'approve')).body.status).toBe(2);
  });

  it('withdraws: in progress (4) and after approval (6)', async () => {
    const open = await expense('emp', ['100']);
    const withdrawn = await (await as('emp')).post(`/api/v1/portal/approvals/${open.id}/withdraw`, { key: key() });
    expect(withdrawn.body.status).toBe(4);
    expect((await decide('lead', open.id, 'approve')).status).toBe(409);
    const approved = await expense('emp', ['100']);
    await decide('lead', approved.id, 'approve');
    const after = await (await as('emp')).post(`/api/v1/portal/approvals/${approved.id}/withdraw`, { key: key() });
    expect(after.body.status).toBe(6);
    expect((await (await as('lead')).post(`/api/v1/portal/approvals/${approved.id}/withdraw`, { key: key() })).body.error.code).toBe('approvals.not_applicant');
  });

  it('limits reminders to one every ten minutes', async () => {
    const submitted = await expense('emp', ['100']);
    const first = await (await as('emp')).post(`/api/v1/portal/approvals/${submitted.id}/urge`, { key: key() });
    expect(first.status).toBe(200);
    const second = await (await as('emp')).post(`/api/v1/portal/approvals/${submitted.id}/urge`, { key: key() });
    expect(second.status).toBe(429);
    expect(second.body.error.retryAfterSeconds).toBeGreaterThan(0);
    server.clock.advance(10 * 60_000);
    expect((await (await as('emp')).post(`/api/v1/portal/approvals/${submitted.id}/urge`, { key: key() })).status).toBe(200);
  });

  it('hides a request from members who take no part in it', async () => {
    const submitted = await expense('emp', ['100']);
    expect((await (await as('other')).get(`/api/v1/portal/approvals/${submitted.id}`)).status).toBe(404);
    expect((await decide('other', submitted.id, 'approve')).status).toBe(404);
  });
});

describe('delete', () => {
  const remove = async (userid: string, id: string, k = key()) => (await as(userid)).post(`/api/v1/portal/approvals/${id}/delete`, { key: k });
  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
  const actionsOf = (detail: { events: { action: string }[] }) => detail.events.map((e) => e.action);

  it('lets the applicant delete a rejected request: 7, out of 我发起的, still listed for admins and audited', async () => {
    const submitted = await expense('emp', ['100']);
    await decide('lead', submitted.id, 'reject', { comment: '不符合报销规定' });
    expect((await (await as('emp')).get(`/api/v1/portal/approvals/${submitted.id}`)).body.can.delete).toBe(true);
    const deleted = await remove('emp', submitted.id);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toMatchObject({ status: 7, can: { delete: false, withdraw: false } });
    expect(actionsOf(deleted.body)).toContain('delete');

    const mine = (await (await as('emp')).get('/api/v1/portal/approvals?box=mine&pageSize=200')).body;
    expect(ids(mine)).not.toContain(submitted.id);
    expect(mine.items.every((i: { status: number }) => i.status !== 7)).toBe(true);
    expect(ids((await (await as('emp')).get('/api/v1/portal/approvals?box=mine&status=7&pageSize=200')).body)).toContain(submitted.id);
    const admin = (await corp.client.get('/api/v1/approvals/requests?status=7&pageSize=200')).body;
    expect(admin.items.find((i: { id: string }) => i.id === submitted.id)).toMatchObject({ status: 7 });

    const audit = await corp.client.get('/api/v1/audit?action=approvals.delete');
    expect(audit.body.items.find((e: { targetId: string }) => e.targetId === submitted.spNo)).toMatchObject({ actor: 'emp', targetType: 'approval', before: { status: 3 }, after: { status: 7 } });
  });

  it('refuses a request in progress, and changes nothing', async () => {
    const open = await expense('emp', ['100']);
    expect(open.can.delete).toBe(false);
    const refused = await remove('emp', open.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('approvals.not_deletable');
    const after = (await (await as('emp')).get(`/api/v1/portal/approvals/${open.id}`)).body;
    expect(after.status).toBe(1);
    expect(actionsOf(after)).not.toContain('delete');
  });

  it('is the applicant\'s alone: an approver is refused, and a stranger does not find the request', async () => {
    const withdrawn = await expense('emp', ['100']);
    await (await as('emp')).post(`/api/v1/portal/approvals/${withdrawn.id}/withdraw`, { key: key() });
    const byApprover = await remove('lead', withdrawn.id);
    expect([byApprover.status, byApprover.body.error.code]).toEqual([403, 'approvals.not_applicant']);
    const byStranger = await remove('other', withdrawn.id);
    expect([byStranger.status, byStranger.body.error.code]).toEqual([404, 'approvals.not_found']);
    expect((await (await as('emp')).get(`/api/v1/portal/approvals/${withdrawn.id}`)).body.status).toBe(4);
  });

  it('deletes once for a repeated key', async () => {
    const withdrawn = await expense('emp', ['100']);
    await (await as('emp')).post(`/api/v1/portal/approvals/${withdrawn.id}/withdraw`, { key: key() });
    const k = key();
    const [first, again] = [await remove('emp', withdrawn.id, k), await remove('emp', withdrawn.id, k)];
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(actionsOf(again.body).filter((a) => a === 'delete')).toHaveLength(1);
  });
});

describe('attachments', () => {
  it('are uploaded first, named in the form, and downloadable by those who take part only', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7)]);
    const uploaded = await (await as('emp')).upload('/api/v1/portal/approvals/files', { bytes: pdf, name: '../发票 2026.pdf' });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body).toMatchObject({ name: '发票 2026.pdf', size: pdf.length, contentType: 'application/pdf' });
    const submitted = await expense('emp', ['100'], { 'File-attachments': [uploaded.body.id] });
    expect(submitted.attachments).toEqual([uploaded.body]);
    const download = await fetch(`${server.url}/api/v1/portal/approvals/${submitted.id}/files/${uploaded.body.id}`, { headers: { cookie: (await as('lead')).sessionCookie! } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const stranger = await fetch(`${server.url}/api/v1/portal/approvals/${submitted.id}/files/${uploaded.body.id}`, { headers: { cookie: (await as('other')).sessionCookie! } });
    expect(stranger.status).toBe(404);
  });

  it('refuses a form naming a file the applicant did not upload, and a body that is not an upload', async () => {
    const theirs = await (await as('lead')).upload('/api/v1/portal/approvals/files', { bytes: 'receipt', name: 'r.txt' });
    const client = await as('emp');
    const answer = await client.post('/api/v1/portal/approvals', { templateId: templates.general!.id, form: { 'Textarea-content': '申请', 'File-attachments': [theirs.body.id] } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'form.File-attachments', reason: expect.stringContaining(theirs.body.id) }]);
    const notUpload = await client.post('/api/v1/portal/approvals/files', { file: 'x' });
    expect(notUpload.status).toBe(400);
  });
});

describe('the lists', () => {
  it('fills mine, to approve, approved by me and cc', async () => {
    const submitted = await expense('emp', ['100']);
    const todoAnswer = await (await as('lead')).get('/api/v1/portal/approvals?box=todo&pageSize=200');
    expect(todoAnswer.status, JSON.stringify(todoAnswer.body)).toBe(200);
    const todo = todoAnswer.body;
    expect(todo.items.map((i: { id: string }) => i.id)).toContain(submitted.id);
    await decide('lead', submitted.id, 'approve');
    const done = (await (await as('lead')).get('/api/v1/portal/approvals?box=done&pageSize=200')).body;
    expect(done.items.map((i: { id: string }) => i.id)).toContain(submitted.id);
    expect((await (await as('lead')).get('/api/v1/portal/approvals?box=todo&pageSize=200')).body.items.map((i: { id: string }) => i.id)).not.toContain(submitted.id);
    const mine = (await (await as('emp')).get('/api/v1/portal/approvals?box=mine&pageSize=200')).body;
    expect(mine.items[0]).toMatchObject({ id: submitted.id, status: 2 });
  });

  it('shows an approval admin everything in scope, and exports it', async () => {
    const all = await corp.client.get('/api/v1/approvals/requests?pageSize=200');
    expect(all.body.total).toBeGreaterThan(5);
    const csv = await corp.client.get('/api/v1/approvals/requests/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFF审批编号,')).toBe(true);
    expect(csv.body).toContain(all.body.items[0].spNo);
  });
});

describe('statistics', () => {
  it('counts the period by status and template, with decision times and a count per day', async () => {
    // The period is in the corp's local dates (Asia/Shanghai), which are a day ahead of UTC from 16:00 UTC.
    const localDay = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(server.clock.now().getTime() - daysAgo * 86_400_000));
    const [from, today] = [localDay(30), localDay(0)];
    const answer = await corp.client.get(`/api/v1/approvals/stats?from=${from}&to=${today}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const listed = (await corp.client.get('/api/v1/approvals/requests?pageSize=1')).body.total;
    expect(answer.body.total).toBe(listed);
    expect(answer.body.byStatus.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(listed);
    const expenses = answer.body.byTemplate.find((t: { templateId: string }) => t.templateId === templates.expense!.id);
    expect(expenses.approved).toBeGreaterThan(0);
    expect(expenses.amountFen).toBeGreaterThan(0);
    expect(answer.body.hoursToDecide.median).not.toBeNull();
    expect(answer.body.perDay.reduce((n: number, d: { submitted: number }) => n + d.submitted, 0)).toBe(listed);
    const backwards = await corp.client.get(`/api/v1/approvals/stats?from=${today}&to=${from}`);
    expect(backwards.status).toBe(400);
  });
});

describe('templates', () => {
  const base = {
    name: '采购申请',
    controls: [
      { id: 'Money-1', type: 'Money', title: '金额', required: true },
      { id: 'Selector-1', type: 'Selector', title: '类别', options: [{ key: 'it', text: 'IT 设备' }, { key: 'office', text: '办公用品' }] },
    ],
  };

  it('refuses a flow that could end without an approver or that asks about missing fields', async () => {
    const deadEnd = await corp.client.post('/api/v1/approvals/templates', {
      ...base,
      flow: [{ type: 'branch', id: 'b', branches: [{ name: '大额', when: [{ field: 'Money-1', op: 'gt', value: 1000 }], nodes: [{ type: 'approver', id: 'a', name: '主管', approvers: { kind: 'leader', level: 1 } }] }, { name: '其他', when: null, nodes: [] }] }],
    });
    expect(deadEnd.status).toBe(400);
    expect(deadEnd.body.error.fields).toContainEqual({ path: 'flow', reason: expect.stringContaining('没有任何审批人') });
    const noDefault = await corp.client.post('/api/v1/approvals/templates', {
      ...base,
      flow: [{ type: 'branch', id: 'b', branches: [{ name: 'IT', when: [{ field: 'Selector-1', op: 'in', value: ['it'] }], nodes: [{ type: 'approver', id: 'a', name: '主管', approvers: { kind: 'leader', level: 1 } }] }, { name: '大额', when: [{ field: 'Money-9', op: 'gt', value: 1 }], nodes: [{ type: 'approver', id: 'c', name: '主管', approvers: { kind: 'leader', level: 1 } }] }] }],
    });
    expect(noDefault.status).toBe(400);
    expect(noDefault.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['flow.0.branches.1.when', 'flow.0.branches.1.when.0.field']));
  });

  it('routes a custom template by its conditions', async () => {
    const created = await corp.client.post('/api/v1/approvals/templates', {
      ...base,
      flow: [
        { type: 'approver', id: 'lead', name: '主管', approvers: { kind: 'leader', level: 1 } },
        { type: 'branch', id: 'b', branches: [{ name: 'IT', when: [{ field: 'Selector-1', op: 'in', value: ['it'] }], nodes: [{ type: 'approver', id: 'it', name: 'IT 审批', approvers: { kind: 'members', userids: ['other'] } }] }, { name: '其他', when: null, nodes: [] }] },
        { type: 'cc', id: 'cc', name: '抄送财务', recipients: { kind: 'members', userids: ['fin1'] }, when: 'finish' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const submitted = await (await as('emp')).post('/api/v1/portal/approvals', { templateId: created.body.id, form: { 'Money-1': 8000, 'Selector-1': ['it'] } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await decide('lead', submitted.body.id, 'approve');
    const done = await decide('other', submitted.body.id, 'approve');
    expect(done.body).toMatchObject({ status: 2, cc: [{ userid: 'fin1' }] });
    const cc = (await (await as('fin1')).get('/api/v1/portal/approvals?box=cc')).body;
    expect(cc.items.map((i: { id: string }) => i.id)).toContain(submitted.body.id);
  });
});

describe('leave', () => {
  it('counts working half days, checks the balance and uses it on approval', async () => {
    const set = await corp.client.put('/api/v1/approvals/leave-balances', { userid: 'emp', type: 'annual', totalDays: 5 });
    expect(set.status).toBe(200);
    // Fri 2026-11-27 afternoon to Tue 2026-12-01 morning: half a day, Mon whole, half of Tue = 2 days.
    const period = { start: '2026-11-27', startHalf: 'pm', end: '2026-12-01', endHalf: 'am' };
    const duration = await (await as('emp')).get('/api/v1/portal/approvals/leave-duration?start=2026-11-27&startHalf=pm&end=2026-12-01&endHalf=am');
    expect(duration.body).toEqual({ days: 2 });
    const submitted = await (await as('emp')).post('/api/v1/portal/approvals', { templateId: templates.leave!.id, form: { 'Selector-leave_type': ['annual'], 'DateRange-period': period, 'Textarea-reason': '家事' } });
    expect(submitted.body).toMatchObject({ leave: { type: 'annual', days: 2 }, summary: '年假 2 天' });
    const tooMuch = await (await as('emp')).post('/api/v1/portal/approvals', { templateId: templates.leave!.id, form: { 'Selector-leave_type': ['annual'], 'DateRange-period': { start: '2026-12-07', startHalf: 'am', end: '2026-12-10', endHalf: 'pm' }, 'Textarea-reason': '旅行' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('approvals.leave_balance_insufficient');
    await decide('lead', submitted.body.id, 'approve');
    const balances = (await (await as('emp')).get('/api/v1/portal/approvals/leave-balances')).body.items;
    expect(balances.find((b: { type: string }) => b.type === 'annual')).toMatchObject({ totalDays: 5, usedDays: 2, remainingDays: 3 });
  });

  it('sends leave over three days on to the next level', async () => {
    const submitted = await (await as('emp')).post('/api/v1/portal/approvals', { templateId: templates.leave!.id, form: { 'Selector-leave_type': ['sick'], 'DateRange-period': { start: '2026-12-07', startHalf: 'am', end: '2026-12-10', endHalf: 'pm' }, 'Textarea-reason': '病假' } });
    await decide('lead', submitted.body.id, 'approve');
    const atDirector = (await (await as('director')).get(`/api/v1/portal/approvals/${submitted.body.id}`)).body;
    expect(pendingOf(atDirector)).toEqual(['director']);
  });
});
