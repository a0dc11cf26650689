import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, sessionsOf, startTestServer, type ActiveMember, type RegisteredCorp, type TestServer } from '../harness';

/** How a flow's approver nodes resolve people and how their modes complete, on custom templates. */

let server: TestServer;
let corp: RegisteredCorp;
const people = new Map<string, ActiveMember>();
let serial = 0;
const as = sessionsOf(() => server, people);

/** A custom template with one Textarea and the given flow; returns its id. */
async function template(flow: unknown[], settings?: Record<string, unknown>): Promise<string> {
  const created = await corp.client.post('/api/v1/approvals/templates', { name: `流程-${++serial}`, controls: [{ id: 'Textarea-1', type: 'Textarea', title: '内容', required: true }], flow, ...(settings ? { settings } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.id;
}

async function apply(userid: string, templateId: string, chosenApprovers: Record<string, string[]> = {}) {
  server.clock.advance(1000);
  const answer = await (await as(userid)).post('/api/v1/portal/approvals', { templateId, form: { 'Textarea-1': '申请' }, chosenApprovers });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

const decide = async (userid: string, id: string, decision: 'approve' | 'reject' = 'approve') => (await as(userid)).post(`/api/v1/portal/approvals/${id}/decide`, { decision, comment: '', key: randomUUID() });
const detail = async (id: string) => (await corp.client.get(`/api/v1/approvals/requests/${id}`)).body;
const pending = async (id: string) => (await detail(id)).steps.flatMap((s: { tasks: { status: string; approver: { userid: string } }[] }) => s.tasks.filter((t) => t.status === 'pending').map((t) => t.approver.userid)).sort();

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '流程测试公司' });
  // 事业部 (2) ⊃ 研发部 (3) ⊃ 前端组 (4).
  for (const [name, parentId] of [['事业部', 1], ['研发部', 2], ['前端组', 3]] as const) await corp.client.post('/api/v1/departments', { name, parentId });
  for (const [userid, department] of [['emp', 4], ['l1', 4], ['l2', 3], ['l3', 2], ['a', 2], ['b', 2], ['c', 2], ['newlead', 4]] as const) people.set(userid, await addActiveMember(server, corp, { userid, departments: [department] }));
  for (const [id, leader] of [[4, 'l1'], [3, 'l2'], [2, 'l3']] as const) await corp.client.patch(`/api/v1/departments/${id}`, { leaders: [leader] });
});
afterAll(async () => server?.close());

describe('approver nodes', () => {
  it('walks consecutive leaders up to level N, skipping levels above the top', async () => {
    const id = (await apply('emp', await template([{ type: 'approver', id: 'chain', name: '逐级审批', approvers: { kind: 'leaders_up_to', level: 5 } }]))).id;
    for (const leader of ['l1', 'l2', 'l3']) {
      expect(await pending(id)).toEqual([leader]);
      await decide(leader, id);
    }
    expect((await detail(id)).status).toBe(2);
  });

  it('keeps an active step on the approvers it resolved when the org chart changes', async () => {
    const id = (await apply('emp', await template([{ type: 'approver', id: 'lead', name: '主管', approvers: { kind: 'leader', level: 1 } }]))).id;
    await corp.client.patch('/api/v1/departments/4', { leaders: ['newlead'] });
    expect(await pending(id)).toEqual(['l1']);
    expect((await decide('newlead', id)).status).toBe(404); // not theirs: they do not even see it
    expect((await decide('l1', id)).body.status).toBe(2);
    await corp.client.patch('/api/v1/departments/4', { leaders: ['l1'] });
  });

  it('needs every approver of an all-of step, and takes a sequential step in order', async () => {
    const id = (await apply('emp', await template([
      { type: 'approver', id: 'all', name: '会签', approvers: { kind: 'members', userids: ['a', 'b'] }, mode: 'all' },
      { type: 'approver', id: 'seq', name: '依次', approvers: { kind: 'members', userids: ['c', 'l3'] }, mode: 'sequential' },
    ]))).id;
    expect(await pending(id)).toEqual(['a', 'b']);
    await decide('a', id);
    expect(await pending(id)).toEqual(['b']);
    await decide('b', id);
    expect(await pending(id)).toEqual(['c']);
    expect((await decide('l3', id)).status).toBe(403);
    await decide('c', id);
    expect(await pending(id)).toEqual(['l3']);
    expect((await decide('l3', id)).body.status).toBe(2);
  });

  it('rejects the whole request when one all-of approver rejects', async () => {
    const id = (await apply('emp', await template([{ type: 'approver', id: 'all', name: '会签', approvers: { kind: 'members', userids: ['a', 'b'] }, mode: 'all' }]))).id;
    await decide('a', id);
    expect((await decide('b', id, 'reject')).body.status).toBe(3);
  });

  it('approves later occurrences of an approver who already approved', async () => {
    const id = (await apply('emp', await template([
      { type: 'approver', id: 'one', name: '一审', approvers: { kind: 'members', userids: ['a'] } },
      { type: 'approver', id: 'two', name: '二审', approvers: { kind: 'members', userids: ['a'] } },
    ]))).id;
    const done = await decide('a', id);
    expect(done.body.status).toBe(2);
    expect(done.body.steps[1].tasks[0]).toMatchObject({ status: 'approved', auto: true });
  });

  it('lets the applicant pick the approvers of a node, and requires the pick', async () => {
    const templateId = await template([{ type: 'approver', id: 'pick', name: '自选', approvers: { kind: 'applicant_choice' } }]);
    const missing = await (await as('emp')).post('/api/v1/portal/approvals', { templateId, form: { 'Textarea-1': '申请' } });
    expect(missing.body.error.fields).toEqual([{ path: 'chosenApprovers.pick', reason: '必填' }]);
    const id = (await apply('emp', templateId, { pick: ['b'] })).id;
    expect(await pending(id)).toEqual(['b']);
  });

  it('gives a role node to the holders whose scope reaches the applicant\'s department', async () => {
    const market = await corp.client.post('/api/v1/departments', { name: '市场部', parentId: 1 });
    const appoint = async (member: string, scope: Record<string, unknown>) => {
      const appointed = await corp.client.post('/api/v1/access/admins', { member, roleId: 'finance_admin', scope: { departments: [], tags: [], ownDepartments: false, ...scope } });
      expect(appointed.status, JSON.stringify(appointed.body)).toBe(200);
      return appointed.body.id as string;
    };
    // a: 研发部 and below (emp is in 前端组, below it); b: 市场部 only; c: their own department (事业部, above emp).
    const assignments = [await appoint('a', { departments: [3] }), await appoint('b', { departments: [market.body.id] }), await appoint('c', { ownDepartments: true })];
    const finance = await template([{ type: 'approver', id: 'fin', name: '财务', approvers: { kind: 'role', roleId: 'finance_admin' } }]);
    expect(await pending((await apply('emp', finance)).id)).toEqual(['a', 'c']);
    for (const id of assignments) expect((await corp.client.delete(`/api/v1/access/admins/${id}`)).status).toBe(200);
  });

  it('hands a node that finds nobody to the approval admins', async () => {
    const tag = await corp.client.post('/api/v1/tags', { name: `空标签-${++serial}` });
    const id = (await apply('emp', await template([{ type: 'approver', id: 'tag', name: '标签', approvers: { kind: 'tag', tagId: tag.body.id } }]))).id;
    expect(await pending(id)).toEqual([corp.userid]);
  });

  it('auto-approves or skips the applicant as the template says', async () => {
    const flow = [{ type: 'approver', id: 'self', name: '本人', approvers: { kind: 'members', userids: ['emp'] } }, { type: 'approver', id: 'a', name: 'A', approvers: { kind: 'members', userids: ['a'] } }];
    const auto = (await apply('emp', await template(flow, { selfApproval: 'auto_approve', dedupeApprovers: true }))).id;
    expect((await detail(auto)).steps[0].tasks[0]).toMatchObject({ approver: { userid: 'emp' }, status: 'approved', auto: true });
    const skipped = (await apply('emp', await template(flow, { selfApproval: 'skip', dedupeApprovers: true }))).id;
    expect((await detail(skipped)).steps[0]).toMatchObject({ status: 'skipped', tasks: [] });
    expect(await pending(skipped)).toEqual(['a']);
  });

  it('names the members and departments a form refers to', async () => {
    const created = await corp.client.post('/api/v1/approvals/templates', {
      name: `引用-${++serial}`,
      controls: [{ id: 'Contact-1', type: 'Contact', title: '同行人', multi: true }, { id: 'Department-1', type: 'Department', title: '费用部门' }],
      flow: [{ type: 'approver', id: 'a', name: 'A', approvers: { kind: 'members', userids: ['a'] } }],
    });
    const answer = await (await as('emp')).post('/api/v1/portal/approvals', { templateId: created.body.id, form: { 'Contact-1': ['A', 'b'], 'Department-1': [3] } });
    expect(answer.body.names).toEqual({ members: expect.arrayContaining([{ userid: 'a', name: 'a' }, { userid: 'b', name: 'b' }]), departments: [{ id: 3, name: '研发部' }] });
  });
});
