import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenFieldsFor, isMemberVisible, mayAddExternalContacts, viewerVisibility, visibleDepartmentFilter, visibleMemberFilter } from '../../src/modules/directory';
import { registerCorp, startTestServer, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/**
 * Member visibility (通讯录权限) and the external-contact permission: each kind of rule, hidden departments
 * and members, hidden fields, the preview ("what does member X see?"), the functions the member portal and
 * the external-contacts module call, audit, validation and corp isolation.
 */

let server: TestServer;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

/**
 * A corp with this tree, each member in the departments shown (frank in two):
 *
 *   总部 (1)            admin
 *   ├── 研发部 rd       gina
 *   │   ├── 前端组 fe   alice, frank, (leaver: left)
 *   │   └── 后端组 be   bob
 *   ├── 销售部 sales    carol
 *   │   └── 华东区 east dave, frank
 *   └── 董事会 board    erin
 *
 * and a tag 经理 (managers) holding erin and the department 华东区.
 */
interface Org {
  corp: RegisteredCorp;
  client: TestClient;
  d: { rd: number; fe: number; be: number; sales: number; east: number; board: number };
  managers: number;
  ids: Record<string, string>;
}

async function department(client: TestClient, name: string, parentId: number): Promise<number> {
  const response = await client.post('/api/v1/departments', { name, parentId });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id as number;
}

async function member(client: TestClient, userid: string, departments: number[]): Promise<void> {
  serial++;
  const response = await client.post('/api/v1/members', {
    userid,
    name: `成员${userid}`,
    mobile: `1380000${String(serial).padStart(4, '0')}`,
    email: `${userid}@example.com`,
    telephone: `010-${String(serial).padStart(6, '0')}`,
    address: `地址${userid}`,
    departments: departments.map((id) => ({ id })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function buildOrg(name = '可见性测试有限公司'): Promise<Org> {
  const corp = await registerCorp(server, { name });
  const client = corp.client;
  const rd = await department(client, '研发部', 1);
  const fe = await department(client, '前端组', rd);
  const be = await department(client, '后端组', rd);
  const sales = await department(client, '销售部', 1);
  const east = await department(client, '华东区', sales);
  const board = await department(client, '董事会', 1);
  await member(client, 'gina', [rd]);
  await member(client, 'alice', [fe]);
  await member(client, 'frank', [fe, east]);
  await member(client, 'leaver', [fe]);
  await member(client, 'bob', [be]);
  await member(client, 'carol', [sales]);
  await member(client, 'dave', [east]);
  await member(client, 'erin', [board]);
  expect((await client.request('DELETE', '/api/v1/members/leaver')).status).toBe(200);
  const managers = (await client.post('/api/v1/tags', { name: '经理' })).body.id as number;
  expect((await client.post(`/api/v1/tags/${managers}/add-members`, { userids: ['erin'], departmentIds: [east] })).status).toBe(200);
  const rows = await server.database.db.selectFrom('members').select(['id', 'userid']).where('corp_id', '=', corp.corpId).execute();
  return { corp, client, d: { rd, fe, be, sales, east, board }, managers, ids: Object.fromEntries(rows.map((r) => [r.userid, r.id])) };
}

type Rule = { name?: string; viewerDepartmentIds?: number[]; viewerTagIds?: number[]; sees: 'all' | 'own_departments' | 'listed'; seenDepartmentIds?: number[]; seenTagIds?: number[]; hiddenFields?: string[] };

async function addRule(org: Org, rule: Rule): Promise<string> {
  const response = await org.client.post('/api/v1/access/visibility/rules', { name: `规则${++serial}`, ...rule });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id as string;
}

async function hide(org: Org, entry: { departmentId?: number; userid?: string; allowedDepartmentIds?: number[]; allowedTagIds?: number[]; allowedUserids?: string[] }): Promise<string> {
  const response = await org.client.post('/api/v1/access/visibility/hidden', entry);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id as string;
}

async function preview(org: Org, userid: string, query = '') {
  const response = await org.client.get(`/api/v1/access/visibility/preview?userid=${userid}&pageSize=200${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/**
 * The userids a member sees, sorted, through the preview; checked against the row-wise condition a detail
 * page uses (the two ways of writing the filter must agree member by member).
 */
async function sees(org: Org, userid: string): Promise<string[]> {
  const seen = (await preview(org, userid)).items.map((m: { userid: string }) => m.userid).sort();
  const db = server.database.db;
  const visibility = await viewerVisibility(db, org.corp.corpId, org.ids[userid]!);
  const rowWise = await db.selectFrom('members as m').select('m.userid').where(visibility.memberFilter('m', 'few')).execute();
  expect(rowWise.map((r) => r.userid).sort(), `row-wise filter for ${userid}`).toEqual(seen);
  return seen;
}

/** The same through the functions the member portal calls: the filter embedded in its own query. */
async function seesThroughFilter(org: Org, userid: string): Promise<string[]> {
  const db = server.database.db;
  const filter = await visibleMemberFilter(db, org.corp.corpId, org.ids[userid]!);
  const rows = await db.selectFrom('members as m').select('m.userid').where(filter).execute();
  return rows.map((r) => r.userid).sort();
}

const everyone = ['admin', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'];

describe('what members see', () => {
  let org: Org;
  beforeAll(async () => {
    org = await buildOrg();
  });

  it('without any rule, everyone sees the whole organization, but never members who left', async () => {
    expect(await sees(org, 'alice')).toEqual(everyone);
    expect(await seesThroughFilter(org, 'alice')).toEqual(everyone);
    const body = await preview(org, 'dave');
    expect(body).toMatchObject({ rules: [], seesWholeOrganization: true, hiddenFields: [], counts: { members: 8, departments: 7 }, total: 8 });
    expect(body.topDepartments).toEqual([{ id: 1, name: '可见性测试有限公司', parentId: null }]);
    expect(body.items.find((m: { userid: string }) => m.userid === 'carol')).toMatchObject({ mobile: expect.stringMatching(/^138/), email: 'carol@example.com', self: false });
  });

  it('a rule of "own departments" shows the subtrees of each of the viewer\'s departments, several included', async () => {
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.sales, org.d.rd], sees: 'own_departments' });
    try {
      expect(await sees(org, 'carol')).toEqual(['carol', 'dave', 'frank']);
      expect(await sees(org, 'dave')).toEqual(['dave', 'frank']);
      // frank is in 前端组 and 华东区: he sees both subtrees.
      expect(await sees(org, 'frank')).toEqual(['alice', 'dave', 'frank']);
      expect(await seesThroughFilter(org, 'frank')).toEqual(['alice', 'dave', 'frank']);
      expect(await sees(org, 'gina')).toEqual(['alice', 'bob', 'frank', 'gina']);
      // Members no rule names keep the default.
      expect(await sees(org, 'erin')).toEqual(everyone);
      const body = await preview(org, 'dave');
      expect(body).toMatchObject({ seesWholeOrganization: false, rules: [{ id: rule }], counts: { members: 2, departments: 1 } });
      expect(body.topDepartments.map((d: { id: number }) => d.id)).toEqual([org.d.east]);
      const frank = (await preview(org, 'frank')).topDepartments.map((d: { id: number }) => d.id).sort();
      expect(frank).toEqual([org.d.fe, org.d.east].sort());
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('a rule of listed departments shows those subtrees, and the viewer always sees themself', async () => {
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.sales], sees: 'listed', seenDepartmentIds: [org.d.rd] });
    try {
      expect(await sees(org, 'carol')).toEqual(['alice', 'bob', 'carol', 'frank', 'gina']);
      // frank is a viewer through 华东区 and sees 研发部's subtree, which holds him too.
      expect(await sees(org, 'frank')).toEqual(['alice', 'bob', 'frank', 'gina']);
      const self = (await preview(org, 'dave')).items.find((m: { userid: string }) => m.userid === 'dave');
      expect(self).toMatchObject({ self: true });
      // The departments a viewer sees follow: 研发部 and below, nothing of 销售部.
      const departments = await visibleDepartmentFilter(server.database.db, org.corp.corpId, org.ids.carol!);
      const seen = await server.database.db.selectFrom('departments as d').select('d.id').where(departments).execute();
      expect(seen.map((d) => d.id).sort()).toEqual([org.d.rd, org.d.fe, org.d.be].sort());
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('a rule of listed tags shows the tag\'s members and its departments\' subtrees; viewers may be named by tag', async () => {
    const viewers = (await org.client.post('/api/v1/tags', { name: `查看者${++serial}` })).body.id as number;
    await org.client.post(`/api/v1/tags/${viewers}/add-members`, { userids: ['bob'] });
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.fe], viewerTagIds: [viewers], sees: 'listed', seenTagIds: [org.managers] });
    try {
      expect(await sees(org, 'alice')).toEqual(['alice', 'dave', 'erin', 'frank']);
      expect(await sees(org, 'bob')).toEqual(['bob', 'dave', 'erin', 'frank']);
      expect(await seesThroughFilter(org, 'bob')).toEqual(['bob', 'dave', 'erin', 'frank']);
      expect(await sees(org, 'gina')).toEqual(everyone);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('a member covered by several rules sees their union; a rule of the whole organization outweighs the rest', async () => {
    const own = await addRule(org, { viewerDepartmentIds: [org.d.rd], sees: 'own_departments' });
    const listed = await addRule(org, { viewerDepartmentIds: [org.d.be], sees: 'listed', seenDepartmentIds: [org.d.board] });
    try {
      expect(await sees(org, 'bob')).toEqual(['bob', 'erin']);
      expect(await sees(org, 'alice')).toEqual(['alice', 'frank']);
      const all = await addRule(org, { viewerDepartmentIds: [org.d.fe], sees: 'all' });
      expect(await sees(org, 'alice')).toEqual(everyone);
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${all}`);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${own}`);
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${listed}`);
    }
  });

  it('a hidden department and its members are seen only by its own members and the allowed viewers', async () => {
    const entry = await hide(org, { departmentId: org.d.board, allowedDepartmentIds: [org.d.sales] });
    try {
      const withoutErin = everyone.filter((u) => u !== 'erin');
      expect(await sees(org, 'alice')).toEqual(withoutErin);
      expect(await seesThroughFilter(org, 'alice')).toEqual(withoutErin);
      expect((await preview(org, 'alice')).counts).toEqual({ members: 7, departments: 6 });
      // 销售部 and its subtree are allowed; erin is inside the hidden department.
      expect(await sees(org, 'dave')).toEqual(everyone);
      expect(await sees(org, 'erin')).toEqual(everyone);
      expect(await isMemberVisible(server.database.db, org.corp.corpId, org.ids.alice!, org.ids.erin!)).toBe(false);
      expect(await isMemberVisible(server.database.db, org.corp.corpId, org.ids.carol!, org.ids.erin!)).toBe(true);
      // The whole organization is no longer what alice sees.
      expect((await preview(org, 'alice')).seesWholeOrganization).toBe(false);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/hidden/${entry}`);
    }
  });

  it('a hidden member is seen only by themself and the allowed viewers, whatever the rules say', async () => {
    const entry = await hide(org, { userid: 'gina', allowedUserids: ['bob'], allowedTagIds: [org.managers] });
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.sales], sees: 'listed', seenDepartmentIds: [org.d.rd] });
    try {
      expect(await sees(org, 'alice')).toEqual(everyone.filter((u) => u !== 'gina'));
      expect(await sees(org, 'bob')).toEqual(everyone);
      expect(await sees(org, 'gina')).toEqual(everyone);
      // dave carries the tag 经理 through 华东区, so he is allowed; carol is not, although her rule lists 研发部.
      expect(await sees(org, 'dave')).toEqual(['alice', 'bob', 'dave', 'frank', 'gina']);
      expect(await sees(org, 'carol')).toEqual(['alice', 'bob', 'carol', 'frank']);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
      await org.client.request('DELETE', `/api/v1/access/visibility/hidden/${entry}`);
    }
  });

  it('hides a field only when every rule that applies hides it, and never on the viewer\'s own record', async () => {
    const both = (await org.client.post('/api/v1/tags', { name: `双规则${++serial}` })).body.id as number;
    await org.client.post(`/api/v1/tags/${both}/add-members`, { userids: ['alice'] });
    const wide = await addRule(org, { viewerDepartmentIds: [org.d.rd], sees: 'all', hiddenFields: ['mobile', 'email', 'address'] });
    const narrow = await addRule(org, { viewerTagIds: [both], sees: 'own_departments', hiddenFields: ['mobile', 'telephone'] });
    try {
      const alice = await preview(org, 'alice');
      expect(alice.hiddenFields).toEqual(['mobile']);
      expect(await hiddenFieldsFor(server.database.db, org.corp.corpId, org.ids.alice!)).toEqual(['mobile']);
      const carol = alice.items.find((m: { userid: string }) => m.userid === 'carol');
      expect(carol).toMatchObject({ mobile: null, email: 'carol@example.com', telephone: expect.stringMatching(/^010-/), address: '地址carol' });
      expect(alice.items.find((m: { userid: string }) => m.userid === 'alice')).toMatchObject({ self: true, mobile: expect.stringMatching(/^138/) });
      const bob = await preview(org, 'bob');
      expect(bob.hiddenFields).toEqual(['mobile', 'email', 'address']);
      expect(bob.items.find((m: { userid: string }) => m.userid === 'carol')).toMatchObject({ mobile: null, email: null, address: null, telephone: expect.stringMatching(/^010-/) });
      // What the portal does with a record: mask it.
      const visibility = await viewerVisibility(server.database.db, org.corp.corpId, org.ids.bob!);
      expect(visibility.mask({ id: org.ids.carol, mobile: '13800000000', email: 'c@example.com', telephone: '1', name: 'x' })).toEqual({ id: org.ids.carol, mobile: '', email: '', telephone: '1', name: 'x' });
      expect(visibility.mask({ id: org.ids.bob, mobile: '13800000000' })).toEqual({ id: org.ids.bob, mobile: '13800000000' });
      // Records shaped as the API shows them carry only the userid.
      expect(visibility.mask({ userid: 'carol', mobile: '13800000000', address: 'x' })).toEqual({ userid: 'carol', mobile: '', address: '' });
      expect(visibility.mask({ userid: 'BOB', mobile: '13800000000', address: 'x' })).toEqual({ userid: 'BOB', mobile: '13800000000', address: 'x' });
      // A search cannot reveal a hidden field: alice cannot find carol by mobile, bob not by email either.
      const carolMobile = (await org.client.get('/api/v1/members/carol')).body.mobile as string;
      expect((await preview(org, 'alice', `&q=${carolMobile}`)).total).toBe(0);
      expect((await preview(org, 'alice', '&q=carol@example')).items.map((m: { userid: string }) => m.userid)).toEqual(['carol']);
      expect((await preview(org, 'bob', '&q=carol@example')).total).toBe(0);
      // No rule applies to erin: nothing hidden, and the mobile finds carol.
      expect((await preview(org, 'erin')).hiddenFields).toEqual([]);
      expect((await preview(org, 'erin', `&q=${carolMobile}`)).total).toBe(1);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${wide}`);
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${narrow}`);
    }
  });

  it('never shows members who left, even when a tag or an allow list names them', async () => {
    const tag = (await org.client.post('/api/v1/tags', { name: `离职标签${++serial}` })).body.id as number;
    await server.database.db.insertInto('tag_members').values({ corp_id: org.corp.corpId, tag_id: tag, member_id: org.ids.leaver! }).execute();
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.fe], sees: 'listed', seenTagIds: [tag] });
    try {
      expect(await sees(org, 'alice')).toEqual(['alice']);
      expect(await seesThroughFilter(org, 'alice')).toEqual(['alice']);
      const left = await org.client.get('/api/v1/access/visibility/preview?userid=leaver');
      expect(left.body.error.code).toBe('directory.member_left');
      // A member who left sees nobody through the portal's filter either.
      expect(await seesThroughFilter(org, 'leaver')).toEqual([]);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('follows the directory at once: a department moved under a listed one is seen without any cache to clear', async () => {
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.be], sees: 'listed', seenDepartmentIds: [org.d.sales] });
    try {
      expect(await sees(org, 'bob')).toEqual(['bob', 'carol', 'dave', 'frank']);
      const team = await department(org.client, '临时组', org.d.board);
      await member(org.client, 'moved', [team]);
      expect(await sees(org, 'bob')).not.toContain('moved');
      expect((await org.client.patch(`/api/v1/departments/${team}`, { parentId: org.d.east })).status).toBe(200);
      expect(await sees(org, 'bob')).toContain('moved');
      await org.client.request('DELETE', '/api/v1/members/moved');
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('previews a page at a time, searched, with departments the viewer may see named', async () => {
    const entry = await hide(org, { departmentId: org.d.east });
    try {
      // 华东区 is hidden: dave, and frank (also in 前端组), are hidden from alice along with it.
      const first = await org.client.get('/api/v1/access/visibility/preview?userid=alice&page=1&pageSize=4');
      expect(first.body).toMatchObject({ total: 6, viewer: { userid: 'alice', name: '成员alice' } });
      expect(first.body.items).toHaveLength(4);
      expect((await org.client.get('/api/v1/access/visibility/preview?userid=alice&page=2&pageSize=4')).body.items).toHaveLength(2);
      expect((await org.client.get('/api/v1/access/visibility/preview?userid=alice&page=9&pageSize=4')).body).toMatchObject({ items: [], total: 6 });
      expect((await preview(org, 'alice', '&q=GINA')).items.map((m: { userid: string }) => m.userid)).toEqual(['gina']);
      expect((await preview(org, 'alice', '&q=frank')).total).toBe(0);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/hidden/${entry}`);
    }
    const rule = await addRule(org, { viewerDepartmentIds: [org.d.be], sees: 'listed', seenDepartmentIds: [org.d.fe] });
    try {
      // bob sees frank through 前端组; frank's other department, 华东区, is not bob's to see, so it is not named.
      const frank = (await preview(org, 'bob')).items.find((m: { userid: string }) => m.userid === 'frank');
      expect(frank.departments).toEqual([{ id: org.d.fe, name: '前端组' }]);
    } finally {
      await org.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`);
    }
  });

  it('answers a preview of an unknown member with 404', async () => {
    const response = await org.client.get('/api/v1/access/visibility/preview?userid=nobody');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('directory.member_not_found');
  });
});

describe('managing rules and hidden entries', () => {
  let org: Org;
  beforeAll(async () => {
    org = await buildOrg('规则管理有限公司');
  });

  it('creates, reads, updates and deletes a rule, each change audited', async () => {
    const created = await org.client.post('/api/v1/access/visibility/rules', {
      name: '销售只看销售',
      viewerDepartmentIds: [org.d.sales, org.d.sales],
      sees: 'listed',
      seenDepartmentIds: [org.d.sales],
      seenTagIds: [org.managers],
      hiddenFields: ['mobile', 'mobile'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      name: '销售只看销售',
      viewerDepartments: [{ id: org.d.sales, name: '销售部' }],
      viewerTags: [],
      sees: 'listed',
      seenDepartments: [{ id: org.d.sales, name: '销售部' }],
      seenTags: [{ id: org.managers, name: '经理' }],
      hiddenFields: ['mobile'],
    });
    const id = created.body.id as string;
    expect((await org.client.get(`/api/v1/access/visibility/rules/${id}`)).body).toEqual(created.body);
    expect((await org.client.get('/api/v1/access/visibility/rules')).body.items.map((r: { id: string }) => r.id)).toContain(id);

    const updated = await org.client.put(`/api/v1/access/visibility/rules/${id}`, { name: '销售看全公司', viewerDepartmentIds: [org.d.sales], sees: 'all', hiddenFields: ['email'] });
    expect(updated.body).toMatchObject({ name: '销售看全公司', sees: 'all', seenDepartments: [], seenTags: [], hiddenFields: ['email'] });
    expect((await org.client.request('DELETE', `/api/v1/access/visibility/rules/${id}`)).status).toBe(200);
    expect((await org.client.get(`/api/v1/access/visibility/rules/${id}`)).status).toBe(404);

    const audit = (await org.client.get('/api/v1/audit?action=visibility.rule')).body.items;
    const actions = audit.filter((e: { targetId: string }) => e.targetId === id).map((e: { action: string }) => e.action);
    expect(actions).toEqual(['visibility.rule_delete', 'visibility.rule_update', 'visibility.rule_create']);
    const update = audit.find((e: { action: string; targetId: string }) => e.action === 'visibility.rule_update' && e.targetId === id);
    expect(update.before).toMatchObject({ name: '销售只看销售', sees: 'listed', seenDepartmentIds: [org.d.sales] });
    expect(update.after).toMatchObject({ name: '销售看全公司', sees: 'all', hiddenFields: ['email'] });
    expect(update.actor).toBe(org.corp.userid);
  });

  it('creates, updates and deletes hidden entries, each audited, one per department or member', async () => {
    const created = await org.client.post('/api/v1/access/visibility/hidden', { departmentId: org.d.board, allowedUserids: ['carol', 'CAROL'], allowedTagIds: [org.managers] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ kind: 'department', department: { id: org.d.board, name: '董事会' }, member: null, allowedMembers: [{ userid: 'carol', name: '成员carol' }], allowedTags: [{ id: org.managers, name: '经理' }] });
    const again = await org.client.post('/api/v1/access/visibility/hidden', { departmentId: org.d.board });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'visibility.already_hidden', fields: [{ path: 'departmentId', reason: '已被隐藏' }] });

    const person = await org.client.post('/api/v1/access/visibility/hidden', { userid: 'Gina' });
    expect(person.body).toMatchObject({ kind: 'member', member: { userid: 'gina' }, department: null, allowedMembers: [] });
    const changed = await org.client.put(`/api/v1/access/visibility/hidden/${person.body.id}`, { userid: 'gina', allowedDepartmentIds: [org.d.rd] });
    expect(changed.body).toMatchObject({ allowedDepartments: [{ id: org.d.rd, name: '研发部' }] });
    const clash = await org.client.put(`/api/v1/access/visibility/hidden/${person.body.id}`, { departmentId: org.d.board });
    expect(clash.body.error.code).toBe('visibility.already_hidden');

    const list = (await org.client.get('/api/v1/access/visibility/hidden')).body.items;
    expect(list.map((e: { id: string }) => e.id).sort()).toEqual([created.body.id, person.body.id].sort());
    for (const id of [created.body.id, person.body.id]) expect((await org.client.request('DELETE', `/api/v1/access/visibility/hidden/${id}`)).status).toBe(200);
    expect((await org.client.request('DELETE', `/api/v1/access/visibility/hidden/${person.body.id}`)).status).toBe(404);

    const audit = (await org.client.get('/api/v1/audit?action=visibility.hidden')).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['visibility.hidden_delete', 'visibility.hidden_delete', 'visibility.hidden_update', 'visibility.hidden_create', 'visibility.hidden_create']);
  });

  it('refuses unknown departments, tags and members with 400, naming each field', async () => {
    const response = await org.client.post('/api/v1/access/visibility/rules', {
      name: '引用不存在',
      viewerDepartmentIds: [org.d.rd, 999_999],
      viewerTagIds: [88_888],
      sees: 'listed',
      seenDepartmentIds: [777_777],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('visibility.unknown_reference');
    expect(response.body.error.fields).toEqual([
      { path: 'viewerDepartmentIds', reason: '不存在：999999' },
      { path: 'viewerTagIds', reason: '不存在：88888' },
      { path: 'seenDepartmentIds', reason: '不存在：777777' },
    ]);
    const hidden = await org.client.post('/api/v1/access/visibility/hidden', { userid: 'leaver', allowedUserids: ['ghost'] });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.fields).toEqual([
      { path: 'userid', reason: '不存在：leaver' },
      { path: 'allowedUserids', reason: '不存在：ghost' },
    ]);
    expect((await org.client.get('/api/v1/access/visibility/rules')).body.items.find((r: { name: string }) => r.name === '引用不存在')).toBeUndefined();
  });

  it('validates rules and entries with clear reasons', async () => {
    const cases: [unknown, string, string][] = [
      [{ name: '无适用对象', sees: 'all' }, 'viewerDepartmentIds', '请至少选择一个适用的部门或标签'],
      [{ name: '无可见范围', viewerDepartmentIds: [org.d.rd], sees: 'listed' }, 'seenDepartmentIds', '请至少选择一个可见的部门或标签'],
      [{ name: '多余范围', viewerDepartmentIds: [org.d.rd], sees: 'all', seenTagIds: [org.managers] }, 'seenTagIds', '仅在可见范围为“指定部门或标签”时填写'],
      [{ name: '', viewerDepartmentIds: [org.d.rd], sees: 'all' }, 'name', '必填'],
      [{ name: '坏字段', viewerDepartmentIds: [org.d.rd], sees: 'all', hiddenFields: ['salary'] }, 'hiddenFields.0', ''],
      [{ name: '坏范围', viewerDepartmentIds: [org.d.rd], sees: 'everything' }, 'sees', ''],
      [{ name: '坏部门', viewerDepartmentIds: [0], sees: 'all' }, 'viewerDepartmentIds.0', '不能小于 1'],
    ];
    for (const [body, path, reason] of cases) {
      const response = await org.client.post('/api/v1/access/visibility/rules', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const field = response.body.error.fields.find((f: { path: string }) => f.path === path);
      expect(field, JSON.stringify(response.body)).toBeDefined();
      if (reason) expect(field.reason).toBe(reason);
    }
    await addRule(org, { name: '唯一名称', viewerDepartmentIds: [org.d.rd], sees: 'all' });
    const twin = await org.client.post('/api/v1/access/visibility/rules', { name: '唯一名称', viewerDepartmentIds: [org.d.be], sees: 'all' });
    expect(twin.status).toBe(409);
    expect(twin.body.error.code).toBe('visibility.rule_name_taken');

    const both = await org.client.post('/api/v1/access/visibility/hidden', { departmentId: org.d.rd, userid: 'alice' });
    expect(both.body.error.fields).toEqual([{ path: 'departmentId', reason: '请指定一个部门或一名成员（二选一）' }]);
    const root = await org.client.post('/api/v1/access/visibility/hidden', { departmentId: 1 });
    expect(root.body.error.fields).toEqual([{ path: 'departmentId', reason: '根部门不能隐藏' }]);
    const badId = await org.client.get('/api/v1/access/visibility/rules/not-a-uuid');
    expect(badId.status).toBe(400);
    expect((await org.client.get('/api/v1/access/visibility/rules/6f1c2a4e-8b1d-4c47-9a57-2f3b9e0d4c11')).body.error.code).toBe('visibility.rule_not_found');
  });

  it('answers in English when asked', async () => {
    const response = await org.client.request('POST', '/api/v1/access/visibility/rules', { name: 'x', viewerDepartmentIds: [999_999], sees: 'all' }, { 'accept-language': 'en' });
    expect(response.body.error).toMatchObject({ code: 'visibility.unknown_reference', message: 'A department, tag or member in the setting does not exist', fields: [{ path: 'viewerDepartmentIds', reason: 'unknown: 999999' }] });
  });
});

describe('external-contact permission', () => {
  let org: Org;
  const may = (userid: string) => mayAddExternalContacts(server.database.db, org.corp.corpId, org.ids[userid]!);
  beforeAll(async () => {
    org = await buildOrg('客户联系有限公司');
  });

  it('lets every member add external contacts until an admin says otherwise (WeCom\'s default)', async () => {
    expect((await org.client.get('/api/v1/access/external-contacts')).body).toEqual({ mode: 'everyone', departments: [], tags: [], members: [], updatedAt: null });
    for (const userid of ['alice', 'bob', 'erin']) expect(await may(userid)).toBe(true);
    expect(await may('leaver')).toBe(false);
  });

  it('limits it to listed departments (with subtrees), tags and members, checked by one function', async () => {
    const saved = await org.client.put('/api/v1/access/external-contacts', { mode: 'listed', departmentIds: [org.d.sales], tagIds: [org.managers], userids: ['alice', 'Alice'] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ mode: 'listed', departments: [{ id: org.d.sales, name: '销售部' }], tags: [{ id: org.managers, name: '经理' }], members: [{ userid: 'alice', name: '成员alice' }] });
    expect(saved.body.updatedAt).toEqual(expect.any(String));
    expect(await may('carol')).toBe(true); // 销售部
    expect(await may('dave')).toBe(true); // 华东区, below 销售部
    expect(await may('frank')).toBe(true); // also in 华东区
    expect(await may('erin')).toBe(true); // tagged 经理
    expect(await may('alice')).toBe(true); // listed
    expect(await may('bob')).toBe(false);
    expect(await may('gina')).toBe(false);
    expect((await org.client.get('/api/v1/access/external-contacts/check?userid=bob')).body).toEqual({ userid: 'bob', allowed: false });
    expect((await org.client.get('/api/v1/access/external-contacts/check?userid=CAROL')).body).toEqual({ userid: 'carol', allowed: true });
    expect((await org.client.get('/api/v1/access/external-contacts/check?userid=nobody')).status).toBe(404);
    // A disabled member may not, whatever the lists say.
    await org.client.post('/api/v1/members/carol/disable');
    expect(await may('carol')).toBe(false);
    await org.client.post('/api/v1/members/carol/enable');

    const nobody = await org.client.put('/api/v1/access/external-contacts', { mode: 'listed' });
    expect(nobody.body).toMatchObject({ mode: 'listed', departments: [], tags: [], members: [] });
    expect(await may('carol')).toBe(false);
    const back = await org.client.put('/api/v1/access/external-contacts', { mode: 'everyone' });
    expect(back.body.mode).toBe('everyone');
    expect(await may('bob')).toBe(true);

    const audit = (await org.client.get('/api/v1/audit?action=visibility.external_contacts_update')).body.items;
    expect(audit).toHaveLength(3);
    expect(audit[2]).toMatchObject({ before: { mode: 'everyone', userids: [] }, after: { mode: 'listed', departmentIds: [org.d.sales], tagIds: [org.managers], userids: ['alice'] } });
  });

  it('refuses unknown references and lists given with mode everyone', async () => {
    const unknown = await org.client.put('/api/v1/access/external-contacts', { mode: 'listed', departmentIds: [999_999], userids: ['ghost', 'leaver'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([
      { path: 'departmentIds', reason: '不存在：999999' },
      { path: 'userids', reason: '不存在：ghost, leaver' },
    ]);
    const mixed = await org.client.put('/api/v1/access/external-contacts', { mode: 'everyone', userids: ['alice'] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields).toEqual([{ path: 'mode', reason: '仅在“指定范围”时填写部门、标签或成员' }]);
    expect((await org.client.put('/api/v1/access/external-contacts', { mode: 'some' })).status).toBe(400);
  });
});

describe('corp isolation', () => {
  it("keeps each corp's rules, entries and settings to itself", async () => {
    const a = await buildOrg('甲公司');
    const b = await registerCorp(server, { name: '乙公司' });
    const rule = await addRule(a, { viewerDepartmentIds: [a.d.rd], sees: 'own_departments' });
    const entry = await hide(a, { userid: 'gina' });
    await a.client.put('/api/v1/access/external-contacts', { mode: 'listed', userids: ['alice'] });

    expect((await b.client.get('/api/v1/access/visibility/rules')).body.items).toEqual([]);
    expect((await b.client.get('/api/v1/access/visibility/hidden')).body.items).toEqual([]);
    expect((await b.client.get(`/api/v1/access/visibility/rules/${rule}`)).status).toBe(404);
    expect((await b.client.put(`/api/v1/access/visibility/rules/${rule}`, { name: '篡改', viewerDepartmentIds: [1], sees: 'all' })).status).toBe(404);
    expect((await b.client.request('DELETE', `/api/v1/access/visibility/rules/${rule}`)).status).toBe(404);
    expect((await b.client.put(`/api/v1/access/visibility/hidden/${entry}`, { departmentId: 1 })).status).toBe(404);
    expect((await b.client.request('DELETE', `/api/v1/access/visibility/hidden/${entry}`)).status).toBe(404);
    expect((await b.client.get('/api/v1/access/visibility/preview?userid=alice')).status).toBe(404);
    expect((await b.client.get('/api/v1/access/external-contacts')).body.mode).toBe('everyone');
    // corp A's departments are unknown in corp B.
    const foreign = await b.client.post('/api/v1/access/visibility/rules', { name: '跨企业', viewerDepartmentIds: [a.d.rd], sees: 'all' });
    expect(foreign.body.error.code).toBe('visibility.unknown_reference');

    expect((await a.client.get(`/api/v1/access/visibility/rules/${rule}`)).body.name).toBeDefined();
    expect((await a.client.get('/api/v1/access/visibility/hidden')).body.items).toHaveLength(1);
    expect((await a.client.get('/api/v1/access/external-contacts')).body.mode).toBe('listed');
    // A member of corp A is nobody in corp B's evaluation.
    const filter = await visibleMemberFilter(server.database.db, b.corpId, a.ids.alice!);
    const rows = await server.database.db.selectFrom('members as m').select(sql<number>`count(*)::int`.as('n')).where(filter).executeTakeFirstOrThrow();
    expect(rows.n).toBe(0);
  });

  it('requires a signed-in admin', async () => {
    const anonymous = server.client();
    expect((await anonymous.get('/api/v1/access/visibility/rules')).status).toBe(401);
    expect((await anonymous.get('/api/v1/access/external-contacts')).status).toBe(401);
  });
});
