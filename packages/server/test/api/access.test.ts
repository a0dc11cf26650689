import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/**
 * Roles, admin assignments and scopes: a scoped admin sees and changes exactly their departments, grants
 * nothing beyond what they hold, and the explain and conflicts reports say why.
 */

let server: TestServer;
let corp: RegisteredCorp;
let sales: number;
let east: number;
let finance: number;

async function department(client: TestClient, name: string, parentId: number): Promise<number> {
  const response = await client.post('/api/v1/departments', { name, parentId });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id as number;
}

async function appoint(client: TestClient, member: string, roleId: string, scope: { departments?: number[]; tags?: number[]; ownDepartments?: boolean } = {}) {
  return client.post('/api/v1/access/admins', { member, roleId, scope });
}

/** Appoints and signs in a new admin, whose assignment becomes active with their two-step sign-in. */
async function newAdmin(userid: string, departments: number[], roleId: string, scope: { departments?: number[]; tags?: number[]; ownDepartments?: boolean }) {
  const member = await addActiveMember(server, corp, { userid, departments });
  const appointed = await appoint(corp.client, userid, roleId, scope);
  expect(appointed.status, JSON.stringify(appointed.body)).toBe(200);
  const { client, totpSecret } = await signInAdmin(server, member);
  return { member: { ...member, totpSecret }, client, assignmentId: appointed.body.id as string };
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '权限测试有限公司' });
  sales = await department(corp.client, '销售部', 1);
  east = await department(corp.client, '华东区', sales);
  finance = await department(corp.client, '财务部', 1);
  for (const [userid, departments] of [
    ['sales-1', [sales]],
    ['east-1', [east]],
    ['finance-1', [finance]],
    ['both-1', [sales, finance]],
  ] as const) {
    const response = await corp.client.post('/api/v1/members', { userid, name: userid, mobile: `1380000${String(Math.floor(Math.random() * 9000) + 1000)}`, departments: departments.map((id) => ({ id })) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
});
afterAll(async () => server?.close());

describe('appointing an admin', () => {
  it('keeps a new admin pending until they pass two-step verification, then applies the role at once', async () => {
    const member = await addActiveMember(server, corp, { userid: 'pending-1', departments: [sales] });
    const appointed = await appoint(corp.client, member.mobile, 'directory_admin', { departments: [sales] });
    expect(appointed.status, JSON.stringify(appointed.body)).toBe(200);
    expect(appointed.body).toMatchObject({ member: { userid: 'pending-1' }, role: { id: 'directory_admin' }, status: 'pending', scope: { departments: [{ id: sales, name: '销售部' }] } });

    const explained = await corp.client.get(`/api/v1/access/explain?admin=pending-1&permission=directory.view&targetType=member&target=sales-1`);
    expect(explained.body).toMatchObject({ allowed: false, assignments: [{ verdict: 'pending' }] });

    const { client } = await signInAdmin(server, member);
    const admins = await corp.client.get('/api/v1/access/admins');
    expect(admins.body.items.find((a: { id: string }) => a.id === appointed.body.id)).toMatchObject({ status: 'active' });
    expect((await client.get('/api/v1/members/sales-1')).status).toBe(200);
    expect(await client.get('/api/v1/access/me').then((r) => r.body)).toEqual({ superAdmin: false, permissions: expect.arrayContaining(['directory.view', 'directory.edit']) });

    const audit = await corp.client.get('/api/v1/audit?action=access.admin_appoint');
    expect(audit.body.items[0]).toMatchObject({ action: 'access.admin_appoint', targetId: 'pending-1' });
    const activation = await corp.client.get('/api/v1/audit?action=access.assignment_activate');
    expect(activation.body.items[0]).toMatchObject({ targetId: appointed.body.id, actor: 'pending-1' });
  });

  it('refuses unknown, inactive and own accounts with a clear error', async () => {
    expect(await appoint(corp.client, 'nobody-here', 'directory_admin', { departments: [sales] }).then((r) => r.body.error)).toMatchObject({ code: 'access.member_not_eligible', fields: [{ path: 'member' }] });
    // sales-1 was created but never activated.
    expect(await appoint(corp.client, 'sales-1', 'directory_admin', { departments: [sales] }).then((r) => r.body.error.code)).toBe('access.member_not_eligible');
    expect(await appoint(corp.client, corp.userid, 'auditor').then((r) => r.body.error.code)).toBe('access.own_assignment');
    expect(await appoint(corp.client, 'finance-1', 'no-such-role').then((r) => r.status)).toBe(400);
    const member = await addActiveMember(server, corp, { userid: 'scopeless-1', departments: [sales] });
    expect(await appoint(corp.client, member.userid, 'directory_admin').then((r) => r.body.error.code)).toBe('access.scope_required');
    expect(await appoint(corp.client, member.userid, 'directory_admin', { departments: [987_654] }).then((r) => r.body.error)).toMatchObject({ code: 'directory.department_not_found', fields: [{ path: 'scope.departments' }] });
  });
});

describe('a scoped admin', () => {
  let admin: Awaited<ReturnType<typeof newAdmin>>;
  beforeAll(async () => {
    admin = await newAdmin('sales-admin', [sales], 'directory_admin', { departments: [sales] });
  });

  it('sees exactly the members of their departments, in lists, searches, counts and totals', async () => {
    const all = await admin.client.get('/api/v1/members?pageSize=100');
    const userids = all.body.items.map((m: { userid: string }) => m.userid);
    expect(userids).toEqual(expect.arrayContaining(['sales-1', 'east-1', 'both-1', 'sales-admin']));
    expect(userids).not.toContain('finance-1');
    expect(userids).not.toContain(corp.userid);
    expect(all.body.total).toBe(userids.length);
    // A page past the end still reports the scoped total.
    expect((await admin.client.get('/api/v1/members?page=50&pageSize=10')).body.total).toBe(userids.length);
    expect((await admin.client.get('/api/v1/members?q=finance')).body).toEqual({ items: [], total: 0 });
    expect((await admin.client.get(`/api/v1/members?department=${finance}`)).status).toBe(404);
    expect((await admin.client.get('/api/v1/members/finance-1')).status).toBe(404);
    expect((await admin.client.get(`/api/v1/members/${corp.userid}`)).status).toBe(404);
  });

  it('sees the tree from the tops of their scope, and nothing above or beside it', async () => {
    const tops = await admin.client.get('/api/v1/departments');
    expect(tops.body.items.map((d: { id: number }) => d.id)).toEqual([sales]);
    expect((await admin.client.get(`/api/v1/departments?parentId=${sales}`)).body.items.map((d: { id: number }) => d.id)).toEqual([east]);
    expect((await admin.client.get('/api/v1/departments?parentId=1')).status).toBe(404);
    expect((await admin.client.get(`/api/v1/departments/${finance}`)).status).toBe(404);
    expect((await admin.client.get('/api/v1/departments/1')).status).toBe(404);
  });

  it('changes members inside the scope, and needs both sides to move someone', async () => {
    expect((await admin.client.patch('/api/v1/members/east-1', { position: '客户经理' })).status).toBe(200);
    expect((await admin.client.patch('/api/v1/members/finance-1', { position: 'x' })).status).toBe(404);
    // Moving out of scope: the target department is outside.
    const out = await admin.client.post('/api/v1/members/move', { userids: ['east-1'], departmentId: finance });
    expect(out.body.failed).toEqual([expect.objectContaining({ userid: 'east-1', code: 'directory.department_not_found' })]);
    // Dropping someone's out-of-scope department counts as touching it.
    expect((await admin.client.patch('/api/v1/members/both-1', { departments: [{ id: sales }] })).status).toBe(404);
    expect((await admin.client.patch('/api/v1/members/both-1', { departments: [{ id: sales }, { id: finance }, { id: east }] })).status).toBe(200);
    expect((await admin.client.post('/api/v1/members', { userid: 'new-fin', name: 'x', mobile: '13912340001', departments: [{ id: finance }] })).status).toBe(404);
    expect((await admin.client.post('/api/v1/departments', { name: '财务二组', parentId: finance })).status).toBe(404);
    expect((await admin.client.post('/api/v1/departments', { name: '华南区', parentId: sales })).status).toBe(200);
  });

  it('cannot touch a super admin, even one inside the scope', async () => {
    const second = await addActiveMember(server, corp, { userid: 'super-in-sales', departments: [sales] });
    expect((await appoint(corp.client, second.userid, 'super_admin')).status).toBe(200);
    expect((await admin.client.post('/api/v1/members/super-in-sales/disable', {})).body.error.code).toBe('access.super_admin_protected');
    expect((await admin.client.patch('/api/v1/members/super-in-sales', { position: 'x' })).body.error.code).toBe('access.super_admin_protected');
  });

  it('exports only their scope, and imports only inside it', async () => {
    const exported = await admin.client.download('/api/v1/directory/export?format=csv');
    expect(exported.status).toBe(200);
    const text = exported.bytes.toString('utf8');
    expect(text).toContain('sales-1');
    expect(text).not.toContain('finance-1');
    expect((await admin.client.download(`/api/v1/directory/export?format=csv&department=${finance}`)).status).toBe(404);

    const csv = ['姓名,帐号,手机号,所在部门', `新人,sales-new,13700001111,权限测试有限公司/销售部`, `财务新人,fin-new,13700001112,权限测试有限公司/财务部`, `改名,finance-1,,权限测试有限公司/销售部`].join('\r\n');
    const preview = await admin.client.upload('/api/v1/imports', { bytes: csv, name: 'people.csv' }, { mode: 'sync' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.counts).toMatchObject({ created: 1, rowsInError: 2 });
    const errors = await admin.client.get(`/api/v1/imports/${preview.body.id}/errors`);
    expect(errors.body.items).toEqual([
      expect.objectContaining({ row: 3, code: 'imports.out_of_scope' }),
      expect.objectContaining({ row: 4, code: 'imports.out_of_scope' }),
    ]);
    // Another admin's import is not theirs to read.
    const mine = await corp.client.upload('/api/v1/imports', { bytes: csv, name: 'people.csv' }, { mode: 'sync' });
    expect((await admin.client.get(`/api/v1/imports/${mine.body.id}`)).status).toBe(404);
  });

  it('full replace by a scoped admin disables only members inside the scope', async () => {
    const csv = ['姓名,帐号,手机号,所在部门', 'sales-admin,sales-admin,,权限测试有限公司/销售部'].join('\r\n');
    const preview = await admin.client.upload('/api/v1/imports', { bytes: csv, name: 'replace.csv' }, { mode: 'replace' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const inScope = (await admin.client.get('/api/v1/members?pageSize=100')).body.items.filter((m: { userid: string; status: number }) => m.status !== 2 && m.userid !== 'sales-admin' && m.userid !== 'super-in-sales');
    expect(preview.body.counts.disabled).toBe(inScope.length);
  });

  it('loses what is taken away on the very next request', async () => {
    const temp = await newAdmin('temp-admin', [finance], 'directory_admin', { departments: [finance] });
    expect((await temp.client.get('/api/v1/members/finance-1')).status).toBe(200);
    expect((await corp.client.patch(`/api/v1/access/admins/${temp.assignmentId}`, { scope: { departments: [east] } })).status).toBe(200);
    expect((await temp.client.get('/api/v1/members/finance-1')).status).toBe(404);
    expect((await temp.client.get('/api/v1/members/east-1')).status).toBe(200);
    expect((await corp.client.delete(`/api/v1/access/admins/${temp.assignmentId}`)).status).toBe(200);
    expect((await temp.client.get('/api/v1/members/east-1')).status).toBe(401);
  });
});

describe('no escalation', () => {
  let lead: Awaited<ReturnType<typeof newAdmin>>;
  beforeAll(async () => {
    const role = await corp.client.post('/api/v1/access/roles', { name: '部门负责人', permissions: ['directory.view', 'directory.edit', 'access.view', 'access.manage'] });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    lead = await newAdmin('sales-lead', [sales], role.body.id, { departments: [sales] });
  });

  it('grants only roles and scopes inside what the admin holds', async () => {
    const deputy = await addActiveMember(server, corp, { userid: 'deputy-1', departments: [east] });
    const readOnly = await corp.client.post('/api/v1/access/roles', { name: '只读通讯录', permissions: ['directory.view'] });
    expect((await appoint(lead.client, deputy.userid, readOnly.body.id, { departments: [east] })).status).toBe(200);
    expect((await appoint(lead.client, deputy.userid, readOnly.body.id, { departments: [finance] })).body.error).toMatchObject({ code: 'access.escalation', fields: [{ path: 'scope.departments' }] });
    expect((await appoint(lead.client, deputy.userid, 'directory_admin', { departments: [east] })).body.error).toMatchObject({ code: 'access.escalation', fields: [{ path: 'roleId' }] });
    expect((await appoint(lead.client, deputy.userid, readOnly.body.id, { ownDepartments: true })).body.error.code).toBe('access.escalation');
    expect((await appoint(lead.client, deputy.userid, 'super_admin')).body.error.code).toBe('access.super_admin_protected');
    expect((await lead.client.post('/api/v1/access/roles', { name: '应用', permissions: ['apps.manage'] })).body.error.code).toBe('access.escalation');
  });

  it('never changes their own assignments, nor a super admin', async () => {
    const admins = (await corp.client.get('/api/v1/access/admins')).body.items as { id: string; member: { userid: string }; role: { id: string } }[];
    const own = admins.find((a) => a.member.userid === 'sales-lead')!;
    expect((await lead.client.patch(`/api/v1/access/admins/${own.id}`, { scope: { departments: [1] } })).body.error.code).toBe('access.own_assignment');
    expect((await lead.client.delete(`/api/v1/access/admins/${own.id}`)).body.error.code).toBe('access.own_assignment');
    const founder = admins.find((a) => a.member.userid === corp.userid)!;
    expect((await lead.client.delete(`/api/v1/access/admins/${founder.id}`)).body.error.code).toBe('access.super_admin_protected');
  });

  it('cannot widen a role that is assigned beyond their scope', async () => {
    const roles = (await lead.client.get('/api/v1/access/roles')).body.items as { id: string; name: string }[];
    const leadRole = roles.find((r) => r.name === '部门负责人')!;
    expect((await lead.client.patch(`/api/v1/access/roles/${leadRole.id}`, { permissions: ['directory.view', 'directory.edit', 'access.view', 'access.manage', 'directory.export'] })).body.error.code).toBe('access.escalation');
  });
});

describe('super admins', () => {
  it('keeps a configurable maximum, and the last active one cannot go', async () => {
    const corpB = await registerCorp(server, { name: '超管上限有限公司' });
    const admins = (await corpB.client.get('/api/v1/access/admins')).body.items as { id: string }[];
    expect(admins).toHaveLength(1);
    expect((await corpB.client.get('/api/v1/access/settings')).body).toEqual({ maxSuperAdmins: 3 });
    expect((await corpB.client.put('/api/v1/access/settings', { maxSuperAdmins: 2 })).status).toBe(200);
    const second = await addActiveMember(server, corpB, { userid: 'second', departments: [1] });
    const third = await addActiveMember(server, corpB, { userid: 'third', departments: [1] });
    const appointed = await appoint(corpB.client, second.userid, 'super_admin');
    expect(appointed.body.status).toBe('pending');
    expect((await appoint(corpB.client, third.userid, 'super_admin')).body.error.code).toBe('access.super_admin_limit');
    expect((await corpB.client.put('/api/v1/access/settings', { maxSuperAdmins: 1 })).body.error.fields[0].path).toBe('maxSuperAdmins');

    // Once the second one has signed in with two-step verification they are active, and may remove the founder —
    // and then cannot remove themself or be disabled or deleted.
    const { client: secondClient } = await signInAdmin(server, second);
    const founderAssignment = admins[0]!.id;
    expect((await secondClient.delete(`/api/v1/access/admins/${founderAssignment}`)).status).toBe(200);
    expect((await secondClient.delete(`/api/v1/access/admins/${appointed.body.id}`)).body.error.code).toBe('access.own_assignment');
    expect((await secondClient.post('/api/v1/members/second/disable', {})).body.error.code).toBe('directory.last_super_admin');
    expect((await secondClient.delete('/api/v1/members/second')).body.error.code).toBe('directory.last_super_admin');
  });
});

describe('explain and conflicts', () => {
  it('answers allow or deny with the assignment that decided', async () => {
    const allowed = await corp.client.get('/api/v1/access/explain?admin=sales-admin&permission=directory.edit&targetType=member&target=east-1');
    expect(allowed.body.allowed).toBe(true);
    expect(allowed.body.assignments.filter((a: { verdict: string }) => a.verdict === 'allows')).toEqual([expect.objectContaining({ assignment: expect.objectContaining({ role: expect.objectContaining({ id: 'directory_admin' }) }) })]);
    const denied = await corp.client.get('/api/v1/access/explain?admin=sales-admin&permission=directory.edit&targetType=member&target=finance-1');
    expect(denied.body).toMatchObject({ allowed: false, targetFound: true, assignments: [{ verdict: 'target_outside_scope' }] });
    const lacking = await corp.client.get('/api/v1/access/explain?admin=sales-admin&permission=apps.manage');
    expect(lacking.body).toMatchObject({ allowed: false, assignments: [{ verdict: 'role_lacks_permission' }] });
    const department = await corp.client.get(`/api/v1/access/explain?admin=sales-admin&permission=directory.view&targetType=department&target=${east}`);
    expect(department.body.allowed).toBe(true);
    const missing = await corp.client.get('/api/v1/access/explain?admin=sales-admin&permission=directory.view&targetType=member&target=ghost');
    expect(missing.body).toMatchObject({ allowed: false, targetFound: false });
    expect((await corp.client.get('/api/v1/access/explain?admin=sales-admin&permission=directory.view&targetType=department&target=abc')).status).toBe(400);
    const founder = await corp.client.get(`/api/v1/access/explain?admin=${corp.userid}&permission=directory.edit&targetType=member&target=finance-1`);
    expect(founder.body.allowed).toBe(true);
  });

  it('lists redundant and overlapping assignments, empty roles and pending admins, each with its fix', async () => {
    const member = await addActiveMember(server, corp, { userid: 'double-1', departments: [sales] });
    const wide = await appoint(corp.client, member.userid, 'directory_admin', { departments: [sales] });
    const narrow = await appoint(corp.client, member.userid, 'directory_admin', { departments: [east] });
    const viewer = await appoint(corp.client, member.userid, 'approval_admin', { departments: [east, finance] });
    const empty = await corp.client.post('/api/v1/access/roles', { name: '空角色', permissions: [] });
    const conflicts = (await corp.client.get('/api/v1/access/conflicts')).body.items as { kind: string; assignmentIds: string[]; fix: string; role: { id: string } | null }[];
    expect(conflicts).toContainEqual(expect.objectContaining({ kind: 'redundant', assignmentIds: [narrow.body.id, wide.body.id], fix: 'remove_assignment' }));
    expect(conflicts).toContainEqual(expect.objectContaining({ kind: 'overlapping', assignmentIds: expect.arrayContaining([wide.body.id, viewer.body.id]), fix: 'merge_assignments' }));
    expect(conflicts).toContainEqual(expect.objectContaining({ kind: 'pending', assignmentIds: [wide.body.id], fix: 'remind_member' }));
    expect(conflicts).toContainEqual(expect.objectContaining({ kind: 'empty_role', role: expect.objectContaining({ id: empty.body.id }), fix: 'delete_role' }));
  });
});

describe('isolation', () => {
  it("never shows or accepts another corp's admins", async () => {
    const other = await registerCorp(server, { name: '隔壁公司' });
    const list = (await other.client.get('/api/v1/access/admins')).body.items as { member: { userid: string } }[];
    expect(list.map((a) => a.member.userid)).toEqual([other.userid]);
    expect((await appoint(other.client, 'sales-admin', 'auditor')).body.error.code).toBe('access.member_not_eligible');
    const foreign = (await corp.client.get('/api/v1/access/admins')).body.items[0].id as string;
    expect((await other.client.delete(`/api/v1/access/admins/${foreign}`)).status).toBe(404);
    expect((await other.client.get(`/api/v1/access/explain?admin=sales-admin&permission=directory.view`)).status).toBe(404);
  });
});

