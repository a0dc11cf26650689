import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
let other: RegisteredCorp;

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '总部' });
  other = await registerCorp(server, { name: '别家公司' });
});
afterAll(async () => server?.close());

const member = (userid: string, name: string, departments: number[], extra: Record<string, unknown> = {}) => ({
  userid,
  name,
  mobile: `1370000${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
  departments: departments.map((id) => ({ id })),
  ...extra,
});

async function department(name: string, parentId = 1, extra: Record<string, unknown> = {}): Promise<number> {
  const response = await corp.client.post('/api/v1/departments', { name, parentId, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id;
}

describe('departments', () => {
  it('builds a tree lazily: the root, then each level on demand, larger order first', async () => {
    const rd = await department('研发部', 1, { order: 10 });
    const sales = await department('销售部', 1, { order: 20 });
    await department('前端组', rd);
    const root = await corp.client.get('/api/v1/departments');
    expect(root.body.items).toEqual([expect.objectContaining({ id: 1, name: '总部', parentId: null, hasChildren: true })]);
    const children = (await corp.client.get('/api/v1/departments?parentId=1')).body.items.map((d: { id: number }) => d.id);
    expect(children.indexOf(sales)).toBeLessThan(children.indexOf(rd));
    const rdNode = (await corp.client.get('/api/v1/departments?parentId=1')).body.items.find((d: { id: number }) => d.id === rd);
    expect(rdNode).toMatchObject({ hasChildren: true, memberCount: 0 });
  });

  it('keeps names unique among siblings (case-insensitively) and free of \\:*?"<>|', async () => {
    const parent = await department('市场部');
    await department('品牌组', parent);
    const twin = await corp.client.post('/api/v1/departments', { name: '品牌组', parentId: parent });
    expect(twin.body.error.code).toBe('directory.department_name_taken');
    expect((await corp.client.post('/api/v1/departments', { name: '品牌组', parentId: 1 })).status).toBe(200);
    const bad = await corp.client.post('/api/v1/departments', { name: 'a/b:c', parentId: 1 });
    expect(bad.body.error.fields[0]).toEqual({ path: 'name', reason: '不能包含 \\ : * ? " < > |' });
    expect((await corp.client.post('/api/v1/departments', { name: 'x'.repeat(65), parentId: 1 })).status).toBe(400);
  });

  it('moves a department, never under itself or its own subtree, and never the root', async () => {
    const a = await department('甲');
    const b = await department('乙', a);
    const c = await department('丙', b);
    expect((await corp.client.patch(`/api/v1/departments/${a}`, { parentId: c })).body.error.code).toBe('directory.department_cycle');
    expect((await corp.client.patch(`/api/v1/departments/${a}`, { parentId: a })).body.error.code).toBe('directory.department_cycle');
    expect((await corp.client.patch('/api/v1/departments/1', { parentId: a })).body.error.code).toBe('directory.root_department');
    const moved = await corp.client.patch(`/api/v1/departments/${c}`, { parentId: a, name: '丙（新）', order: 5 });
    expect(moved.body).toMatchObject({ id: c, parentId: a, name: '丙（新）', order: 5 });
  });

  it('deletes a department only when it has no members and no sub-departments', async () => {
    const team = await department('待删部门');
    const sub = await department('子部门', team);
    expect((await corp.client.request('DELETE', `/api/v1/departments/${team}`)).body.error.code).toBe('directory.department_not_empty');
    await corp.client.post('/api/v1/members', member('del_member', '删除测试', [sub]));
    expect((await corp.client.request('DELETE', `/api/v1/departments/${sub}`)).body.error.code).toBe('directory.department_not_empty');
    await corp.client.request('DELETE', '/api/v1/members/del_member');
    expect((await corp.client.request('DELETE', `/api/v1/departments/${sub}`)).status).toBe(200);
    expect((await corp.client.request('DELETE', `/api/v1/departments/${team}`)).status).toBe(200);
    expect((await corp.client.request('DELETE', '/api/v1/departments/1')).body.error.code).toBe('directory.root_department');
    expect((await corp.client.get(`/api/v1/departments/${team}`)).status).toBe(404);
  });
});

describe('members', () => {
  it('creates a member not yet activated, with several departments and a main one', async () => {
    const a = await department('成员测试甲');
    const b = await department('成员测试乙');
    const created = await corp.client.post('/api/v1/members', member('Zhang.San', '张三', [a, b], { mainDepartment: b, email: 'zhangsan@example.com', gender: '1', joinDate: '2024-03-01', extattr: [{ name: '工号', value: 'A001' }] }));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ userid: 'Zhang.San', status: 4, mainDepartment: b, gender: '1', joinDate: '2024-03-01', extattr: [{ name: '工号', value: 'A001' }] });
    expect(created.body.departments.map((d: { id: number }) => d.id).sort()).toEqual([a, b].sort());
    const audit = (await corp.client.get('/api/v1/audit?action=directory.member_create')).body.items[0];
    expect(audit).toMatchObject({ targetId: 'Zhang.San', after: { name: '张三' } });
  });

  it('refuses duplicates: userid case-insensitively, mobile, email', async () => {
    const d = await department('重复测试');
    const first = await corp.client.post('/api/v1/members', member('lisi', '李四', [d], { email: 'lisi@example.com' }));
    expect((await corp.client.post('/api/v1/members', member('LISI', '李四二', [d]))).body.error.code).toBe('directory.userid_taken');
    expect((await corp.client.post('/api/v1/members', { ...member('lisi2', '李四三', [d]), mobile: first.body.mobile })).body.error.code).toBe('directory.mobile_taken');
    expect((await corp.client.post('/api/v1/members', member('lisi3', '李四四', [d], { email: 'LISI@example.com' }))).body.error.code).toBe('directory.email_taken');
  });

  it('validates every field with one set of rules and names each field', async () => {
    const response = await corp.client.post('/api/v1/members', { userid: 'bad user!', name: '', mobile: '12345', email: 'nope', departments: [], gender: '3', joinDate: '2024-02-30' });
    expect(response.status).toBe(400);
    const paths = response.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['userid', 'name', 'mobile', 'email', 'departments', 'gender', 'joinDate']));
    const noContact = await corp.client.post('/api/v1/members', { userid: 'nocontact', name: '无联系方式', departments: [{ id: 1 }] });
    expect(noContact.body.error.fields).toEqual([{ path: 'mobile', reason: '手机号和邮箱至少填写一项' }]);
    const unknown = await corp.client.post('/api/v1/members', member('ghost', '幽灵', [999_999]));
    expect(unknown.body.error.code).toBe('directory.department_not_found');
  });

  it('updates fields, renames a member who has not activated, and keeps an activated userid', async () => {
    const d = await department('更新测试');
    await corp.client.post('/api/v1/members', member('wangwu', '王五', [d]));
    const renamed = await corp.client.patch('/api/v1/members/wangwu', { newUserid: 'wang.wu', position: '经理', departments: [{ id: d, isLeader: true }] });
    expect(renamed.body).toMatchObject({ userid: 'wang.wu', position: '经理', departments: [{ id: d, isLeader: true, order: 0 }] });
    expect((await corp.client.get('/api/v1/members/wangwu')).status).toBe(404);
    expect((await corp.client.patch('/api/v1/members/wang.wu', { joinDate: '2023-05-01' })).body.joinDate).toBe('2023-05-01');
    expect((await corp.client.patch('/api/v1/members/wang.wu', { joinDate: null })).body.joinDate).toBeNull();
    const activated = await corp.client.patch('/api/v1/members/admin', { newUserid: 'boss' });
    expect(activated.body.error.code).toBe('directory.userid_immutable');
    const audit = (await corp.client.get('/api/v1/audit?action=directory.member_update')).body.items[2];
    expect(audit.before).toMatchObject({ userid: 'wangwu', position: '' });
    expect(audit.after).toMatchObject({ userid: 'wang.wu', position: '经理' });
    expect(audit.after).not.toHaveProperty('name');
  });

  it('disables and enables a member, and refuses to disable or delete the last super admin', async () => {
    const d = await department('禁用测试');
    await corp.client.post('/api/v1/members', member('zhaoliu', '赵六', [d]));
    expect((await corp.client.post('/api/v1/members/zhaoliu/disable')).body.status).toBe(2);
    expect((await corp.client.post('/api/v1/members/zhaoliu/enable')).body.status).toBe(4);
    expect((await corp.client.post('/api/v1/members/admin/disable')).body.error.code).toBe('directory.last_super_admin');
    expect((await corp.client.request('DELETE', '/api/v1/members/admin')).body.error.code).toBe('directory.last_super_admin');
    expect((await corp.client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('keeps a member who left, frees their mobile, and brings the record back on rehire', async () => {
    const d = await department('离职测试');
    const hired = await corp.client.post('/api/v1/members', member('sunqi', '孙七', [d]));
    await corp.client.request('DELETE', '/api/v1/members/sunqi');
    expect((await corp.client.get('/api/v1/members/sunqi')).body.status).toBe(5);
    expect((await corp.client.patch('/api/v1/members/sunqi', { position: 'x' })).body.error.code).toBe('directory.member_left');
    const reuse = await corp.client.post('/api/v1/members', { ...member('zhouba', '周八', [d]), mobile: hired.body.mobile });
    expect(reuse.status).toBe(200);
    const rehired = await corp.client.post('/api/v1/members', member('sunqi', '孙七', [d]));
    expect(rehired.body).toMatchObject({ userid: 'sunqi', status: 4, createdAt: hired.body.createdAt });
    expect((await corp.client.get('/api/v1/audit?action=directory.member_rehire')).body.total).toBe(1);
  });

  it('lists by department with or without sub-departments, searches by pinyin, pages and sorts', async () => {
    const top = await department('列表测试');
    const child = await department('列表子部门', top);
    for (const [userid, name, dept] of [['anan', '安安', top], ['zhangsanfeng', '张三丰', child], ['lilei', '李雷', child], ['hanmeimei', '韩梅梅', top]] as const) {
      expect((await corp.client.post('/api/v1/members', member(userid, name, [dept]))).status).toBe(200);
    }
    const direct = await corp.client.get(`/api/v1/members?department=${top}`);
    expect(direct.body.items.map((m: { userid: string }) => m.userid)).toEqual(['anan', 'hanmeimei']);
    const all = await corp.client.get(`/api/v1/members?department=${top}&recursive=true&sort=name`);
    expect(all.body.items.map((m: { name: string }) => m.name)).toEqual(['安安', '韩梅梅', '李雷', '张三丰']);
    expect(all.body.total).toBe(4);
    const page2 = await corp.client.get(`/api/v1/members?department=${top}&recursive=true&sort=name&order=desc&pageSize=3&page=2`);
    expect(page2.body).toMatchObject({ total: 4, items: [expect.objectContaining({ name: '安安' })] });
    for (const q of ['zsf', 'zhangsanf', '三丰', 'ZHANGSANFENG']) {
      expect((await corp.client.get(`/api/v1/members?q=${encodeURIComponent(q)}`)).body.items.map((m: { userid: string }) => m.userid), q).toEqual(['zhangsanfeng']);
    }
    expect((await corp.client.get('/api/v1/members?q=%25')).body.total).toBe(0);
  });

  it('moves and deletes several members at once, reporting each failure', async () => {
    const from = await department('批量来源');
    const to = await department('批量目标');
    for (const userid of ['batch1', 'batch2']) await corp.client.post('/api/v1/members', member(userid, `批量${userid}`, [from]));
    const moved = await corp.client.post('/api/v1/members/move', { userids: ['batch1', 'batch2', 'nobody'], departmentId: to });
    expect(moved.body.done).toEqual(['batch1', 'batch2']);
    expect(moved.body.failed).toEqual([{ userid: 'nobody', code: 'directory.member_not_found', message: '成员不存在' }]);
    expect((await corp.client.get(`/api/v1/departments/${to}`)).body.memberCount).toBe(2);
    const deleted = await corp.client.post('/api/v1/members/batch-delete', { userids: ['batch1', 'batch2', 'admin'] });
    expect(deleted.body.done).toEqual(['batch1', 'batch2']);
    expect(deleted.body.failed[0]).toMatchObject({ userid: 'admin', code: 'directory.last_super_admin' });
  });
});

describe('tags', () => {
  it('creates, renames and deletes tags with unique names', async () => {
    const tag = await corp.client.post('/api/v1/tags', { name: '技术委员会' });
    expect(tag.body).toMatchObject({ name: '技术委员会', memberCount: 0 });
    expect((await corp.client.post('/api/v1/tags', { name: '技术委员会' })).body.error.code).toBe('directory.tag_name_taken');
    expect((await corp.client.patch(`/api/v1/tags/${tag.body.id}`, { name: '架构委员会' })).status).toBe(200);
    expect((await corp.client.request('DELETE', `/api/v1/tags/${tag.body.id}`)).status).toBe(200);
    expect((await corp.client.get(`/api/v1/tags/${tag.body.id}`)).status).toBe(404);
  });

  it('adds and removes members and departments, reporting unknown ones', async () => {
    const d = await department('标签部门');
    await corp.client.post('/api/v1/members', member('tagged', '被标记', [d]));
    const tag = (await corp.client.post('/api/v1/tags', { name: '关注名单' })).body;
    const added = await corp.client.post(`/api/v1/tags/${tag.id}/add-members`, { userids: ['tagged', 'nobody'], departmentIds: [d, 999_999] });
    expect(added.body).toEqual({ invalidUserids: ['nobody'], invalidDepartmentIds: [999_999] });
    expect((await corp.client.get(`/api/v1/tags/${tag.id}`)).body).toMatchObject({ members: [{ userid: 'tagged', name: '被标记' }], departmentIds: [d] });
    await corp.client.post(`/api/v1/tags/${tag.id}/remove-members`, { userids: ['tagged'] });
    expect((await corp.client.get('/api/v1/tags')).body.items.find((t: { id: number }) => t.id === tag.id)).toMatchObject({ memberCount: 0, departmentCount: 1 });
  });
});

describe('isolation between corps', () => {
  it('never shows or changes another corp\'s departments, members or tags', async () => {
    const d = await department('机密部门');
    await corp.client.post('/api/v1/members', member('secret_person', '机密人员', [d]));
    const tag = (await corp.client.post('/api/v1/tags', { name: '机密标签' })).body;
    expect((await other.client.get(`/api/v1/departments/${d}`)).status).toBe(404);
    expect((await other.client.get('/api/v1/members/secret_person')).status).toBe(404);
    expect((await other.client.get('/api/v1/members?q=secret')).body.total).toBe(0);
    expect((await other.client.get(`/api/v1/tags/${tag.id}`)).status).toBe(404);
    expect((await other.client.patch('/api/v1/members/secret_person', { position: 'x' })).status).toBe(404);
    expect((await other.client.post(`/api/v1/tags/${tag.id}/add-members`, { userids: ['secret_person'] })).status).toBe(404);
    const otherMembers = (await other.client.get('/api/v1/members?pageSize=200')).body;
    expect(otherMembers.items.map((m: { userid: string }) => m.userid)).toEqual(['admin']);
    expect((await other.client.post('/api/v1/members', member('x1', '越界', [d]))).body.error.code).toBe('directory.department_not_found');
  });
});
