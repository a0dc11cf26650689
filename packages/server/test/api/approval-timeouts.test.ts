import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, sessionsOf, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

/**
 * 限时处理 on approver nodes: past its time limit in working hours, a pending task reminds its approver once or
 * approves itself. The corp keeps the default calendar: Monday to Friday, 09:00–18:00, Asia/Shanghai (UTC+8).
 * 2026-11-30 is a Monday.
 */
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

let server: TestServer;
let corp: RegisteredCorp;
const people = new Map<string, ActiveMember>();
let serial = 0;
const as = sessionsOf(() => server, people);

/** A custom template with one Textarea and the given flow; returns its id. */
async function template(flow: unknown[]): Promise<string> {
  const created = await corp.client.post('/api/v1/approvals/templates', { name: `限时-${++serial}`, controls: [{ id: 'Textarea-1', type: 'Textarea', title: '内容', required: true }], flow });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.id;
}

const approver = (id: string, userids: string[], timeLimit?: { hours: number; onTimeout: string }, mode = 'any') => ({ type: 'approver', id, name: `节点 ${id}`, approvers: { kind: 'members', userids }, mode, ...(timeLimit ? { timeLimit } : {}) });

async function apply(templateId: string): Promise<string> {
  const answer = await (await as('emp')).post('/api/v1/portal/approvals', { templateId, form: { 'Textarea-1': '申请' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.id;
}

const decide = async (userid: string, id: string) => (await as(userid)).post(`/api/v1/portal/approvals/${id}/decide`, { decision: 'approve', comment: '', key: randomUUID() });
const detail = async (id: string) => (await corp.client.get(`/api/v1/approvals/requests/${id}`)).body;
const eventsOf = async (id: string, action: string) => (await detail(id)).events.filter((e: { action: string }) => e.action === action);
type Task = { status: string; auto: boolean; approver: { userid: string } };
const tasksOf = async (id: string): Promise<Task[]> => (await detail(id)).steps.flatMap((s: { tasks: Task[] }) => s.tasks);
const pending = async (id: string) => (await tasksOf(id)).filter((t) => t.status === 'pending').map((t) => t.approver.userid).sort();
const sweep = () => server.services.approvalTimeouts.runOnce();

async function timeoutNotices(userid: string, requestId: string) {
  const inbox = await (await as(userid)).get('/api/v1/portal/inbox?pageSize=100');
  expect(inbox.status).toBe(200);
  return inbox.body.items.filter((i: { kind: string; body: { url?: string } }) => i.kind === 'approval.timeout' && i.body.url === `/portal/approvals/${requestId}`);
}

beforeAll(async () => {
  // The clock jumps days ahead: sessions last longer than the test moves it.
  server = await startTestServer({ sessionIdleMinutes: 60 * 24 * 60, sessionAbsoluteHours: 60 * 24 });
  server.clock.set(at('2026-11-30T02:00:00Z')); // Monday 10:00
  corp = await registerCorp(server, { name: '限时处理测试公司' });
  await corp.client.post('/api/v1/departments', { name: '销售部', parentId: 1 });
  for (const userid of ['emp', 'lead', 'a', 'b', 'c']) people.set(userid, await addActiveMember(server, corp, { userid, departments: [2] }));
  await corp.client.patch('/api/v1/departments/2', { leaders: ['lead'] });
});
afterAll(async () => server?.close());

describe('time limit: remind', () => {
  it('reminds the approver once, urgently, when the working hours run out, and records it in the history', async () => {
    server.clock.set(at('2026-11-30T09:00:00Z')); // Monday 17:00: one working hour left today
    const id = await apply(await template([approver('r', ['a'], { hours: 2, onTimeout: 'remind' })]));

    server.clock.set(at('2026-11-30T15:00:00Z')); // Monday 23:00: six hours later, but only one working hour
    await sweep();
    expect(await eventsOf(id, 'timeout_remind')).toEqual([]);
    expect(await timeoutNotices('a', id)).toEqual([]);

    server.clock.set(at('2026-12-01T02:00:01Z')); // Tuesday 10:00:01: the second working hour has passed
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    const reminders = await eventsOf(id, 'timeout_remind');
    expect(reminders).toEqual([expect.objectContaining({ actor: null, detail: expect.objectContaining({ approver: 'a', hours: 2 }) })]);
    const notices = await timeoutNotices('a', id);
    expect(notices).toEqual([expect.objectContaining({ urgent: true, kind: 'approval.timeout' })]);
    // Still theirs to decide: a reminder decides nothing.
    expect(await pending(id)).toEqual(['a']);

    server.clock.advance(8 * HOUR);
    await sweep();
    expect(await eventsOf(id, 'timeout_remind')).toHaveLength(1);
    expect(await timeoutNotices('a', id)).toHaveLength(1);
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'actor_name', 'after']).where('action', '=', 'approvals.timeout').execute();
    expect(audit).toContainEqual(expect.objectContaining({ actor_id: null, actor_name: expect.stringContaining('system') }));
  });
});

describe('time limit: transfer', () => {
  it('gives the approver a task is transferred to the whole time limit afresh', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z')); // Monday 10:00
    const id = await apply(await template([approver('t', ['a'], { hours: 2, onTimeout: 'remind' })]));
    server.clock.set(at('2026-11-30T03:30:00Z')); // 11:30
    expect((await (await as('a')).post(`/api/v1/portal/approvals/${id}/transfer`, { to: 'b', comment: '', key: randomUUID() })).status).toBe(200);
    server.clock.set(at('2026-11-30T04:00:01Z')); // past a's limit, not b's
    await sweep();
    expect(await eventsOf(id, 'timeout_remind')).toEqual([]);
    server.clock.set(at('2026-11-30T05:30:01Z')); // 13:30:01: b's two hours have passed
    await sweep();
    expect(await eventsOf(id, 'timeout_remind')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ approver: 'b' }) })]);
    expect(await timeoutNotices('b', id)).toHaveLength(1);
    expect(await timeoutNotices('a', id)).toEqual([]);
    expect((await decide('b', id)).body.status).toBe(2);
  });
});

describe('time limit: approve automatically', () => {
  it('completes an any-of step as if one approver approved, and the route goes on', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z')); // Monday 10:00
    const id = await apply(await template([approver('any', ['a', 'b'], { hours: 1, onTimeout: 'approve' }), approver('next', ['c'])]));
    // Each pending approver sees when their hour ends; the next step's approver has no task yet.
    const due = new Date(at('2026-11-30T03:00:00Z')).toISOString();
    expect((await detail(id)).steps[0].tasks.map((t: Task & { dueAt: string | null }) => t.dueAt)).toEqual([due, due]);
    server.clock.set(at('2026-11-30T02:59:00Z'));
    await sweep();
    expect(await pending(id)).toEqual(['a', 'b']);

    server.clock.set(at('2026-11-30T03:00:01Z'));
    // Two sweepers at once (as two servers would): one of them deals with it, once.
    await Promise.all([sweep(), sweep()]);
    expect(await eventsOf(id, 'timeout_approve')).toHaveLength(1);
    const [first] = (await detail(id)).steps;
    expect(first.status).toBe('approved');
    expect(first.tasks.filter((t: Task) => t.status === 'approved')).toEqual([expect.objectContaining({ auto: true })]);
    expect(await pending(id)).toEqual(['c']);
    expect((await decide('c', id)).body.status).toBe(2);
  });

  it('counts each all-of approver, and starts each sequential approver\'s time when their turn comes', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z'));
    const id = await apply(await template([
      approver('all', ['a', 'b'], { hours: 1, onTimeout: 'approve' }, 'all'),
      approver('seq', ['b', 'c'], { hours: 1, onTimeout: 'approve' }, 'sequential'),
    ]));
    await decide('a', id);
    server.clock.set(at('2026-11-30T03:00:01Z'));
    await sweep();
    expect((await detail(id)).steps[0].tasks).toEqual(expect.arrayContaining([expect.objectContaining({ approver: expect.objectContaining({ userid: 'a' }), auto: false }), expect.objectContaining({ approver: expect.objectContaining({ userid: 'b' }), auto: true })]));
    // b's timeout approval is not b's own decision: at the sequential step b decides again, and has a fresh hour.
    expect(await pending(id)).toEqual(['b']);
    server.clock.set(at('2026-11-30T03:59:00Z'));
    await sweep();
    expect(await pending(id)).toEqual(['b']);
    server.clock.set(at('2026-11-30T04:00:02Z'));
    await sweep();
    expect(await pending(id)).toEqual(['c']);
    server.clock.set(at('2026-11-30T06:30:03Z')); // 12:00–13:00 is working time on the default calendar
    await sweep();
    const done = await detail(id);
    expect(done.status).toBe(2);
    expect(done.events.filter((e: { action: string }) => e.action === 'timeout_approve')).toHaveLength(3);
  });

  it('approves an expense through to exactly one payout', async () => {
    const templates = (await corp.client.get('/api/v1/approvals/templates')).body.items;
    const expense = templates.find((t: { kind: string }) => t.kind === 'expense');
    const { id: templateId, kind: _kind, version: _version, updatedAt: _updatedAt, ...input } = expense;
    const flow = [{ ...input.flow[0], timeLimit: { hours: 4, onTimeout: 'approve' } }, ...input.flow.slice(1)];
    const saved = await corp.client.put(`/api/v1/approvals/templates/${templateId}`, { ...input, flow });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.flow[0].timeLimit).toEqual({ hours: 4, onTimeout: 'approve' });

    server.clock.set(at('2026-11-30T08:00:00Z')); // Monday 16:00: two working hours today, two on Tuesday
    const form = { 'Table-items': [{ 'Selector-category': ['travel'], 'Money-amount': '300', 'Date-date': '2026-11-27' }], 'Textarea-reason': '出差' };
    const applied = await (await as('emp')).post('/api/v1/portal/approvals', { templateId, form });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const id = applied.body.id;
    expect(await pending(id)).toEqual(['lead']);

    server.clock.set(at('2026-12-01T02:59:00Z')); // Tuesday 10:59: three working hours and 59 minutes
    await sweep();
    expect((await detail(id)).status).toBe(1);
    server.clock.set(at('2026-12-01T03:00:01Z'));
    await sweep();
    await sweep();
    const done = await detail(id);
    expect(done.status).toBe(2);
    expect(done.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['timeout_approve', 'approved']));
    expect(done.steps[0].tasks[0]).toMatchObject({ status: 'approved', auto: true });
    const payouts = await server.database.db.selectFrom('payouts').selectAll().where('approval_id', '=', id).execute();
    expect(payouts).toHaveLength(1);
    expect(Number(payouts[0]!.amount_fen)).toBe(30000);
  });
});

describe('time limit: failures', () => {
  it('leaves a task that fails for the next run, and deals with the others meanwhile', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z'));
    const templateId = await template([approver('f', ['a'], { hours: 1, onTimeout: 'approve' })]);
    const failing = await apply(templateId);
    const other = await apply(templateId);
    let broken = true;
    server.services.approvalEngine.onChange(async (_trx, request) => {
      if (broken && request.id === failing) throw new Error('injected failure before commit');
    });
    server.clock.set(at('2026-11-30T03:00:01Z'));
    await sweep();
    expect((await detail(failing)).status).toBe(1);
    expect(await eventsOf(failing, 'timeout_approve')).toEqual([]); // nothing half-done
    expect((await detail(other)).status).toBe(2);
    broken = false;
    await sweep();
    expect((await detail(failing)).status).toBe(2);
  });
});

describe('time limit: left alone', () => {
  it('never touches a task decided before its limit', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z'));
    const id = await apply(await template([approver('one', ['a'], { hours: 1, onTimeout: 'approve' }), approver('two', ['b'], { hours: 1, onTimeout: 'remind' })]));
    server.clock.set(at('2026-11-30T02:30:00Z'));
    expect((await decide('a', id)).status).toBe(200);
    server.clock.set(at('2026-11-30T03:00:00Z'));
    expect((await decide('b', id)).body.status).toBe(2);
    server.clock.set(at('2026-12-07T02:00:00Z'));
    await sweep();
    const done = await detail(id);
    expect(done.events.filter((e: { action: string }) => e.action.startsWith('timeout_'))).toEqual([]);
    expect(done.steps.flatMap((s: { tasks: Task[] }) => s.tasks).map((t: Task) => t.auto)).toEqual([false, false]);
    expect(await timeoutNotices('b', id)).toEqual([]);
  });

  it('changes nothing for a node without a time limit', async () => {
    server.clock.set(at('2026-11-30T02:00:00Z'));
    const id = await apply(await template([approver('plain', ['a'])]));
    server.clock.set(at('2027-01-04T02:00:00Z'));
    await sweep();
    expect(await pending(id)).toEqual(['a']);
    expect((await detail(id)).events.map((e: { action: string }) => e.action)).toEqual(['submit']);
  });
});

describe('time limit: validation', () => {
  it.each([
    [{ hours: 0, onTimeout: 'remind' }, 'flow.0.timeLimit.hours'],
    [{ hours: 721, onTimeout: 'remind' }, 'flow.0.timeLimit.hours'],
    [{ hours: 1.5, onTimeout: 'approve' }, 'flow.0.timeLimit.hours'],
    [{ hours: 8, onTimeout: 'escalate' }, 'flow.0.timeLimit.onTimeout'],
  ])('refuses %j at %s', async (timeLimit, path) => {
    const answer = await corp.client.post('/api/v1/approvals/templates', { name: `限时-错误-${++serial}`, controls: [{ id: 'Textarea-1', type: 'Textarea', title: '内容' }], flow: [approver('x', ['a'], timeLimit)] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.map((f: { path: string }) => f.path)).toEqual([path]);
  });
});
