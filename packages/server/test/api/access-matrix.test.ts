import { randomUUID } from 'node:crypto';
import { builtinRoleKeys, builtinRoles, isScopedPermission, type BuiltinRoleKey, type Permission } from '@orgdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../src/platform/kernel/context';
import { addActiveMember, registerCorp, signInAdmin, startTestServer, testMobile, type RegisteredCorp, type TestClient, type TestServer } from '../harness';

/**
 * The permission matrix: every admin route × every built-in role × a target inside and one outside the
 * admin's scope (销售部), asserting allow or deny. It walks the routes the server registered, so a new admin
 * route without a case here fails the test. Lists and searches count as allowed for a target only when they
 * show it (with its total); an out-of-scope target must be simply absent.
 */

type Side = 'in' | 'out';
type Verdict = 'allowed' | 'denied';
interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}
interface Case {
  /** Whether the route acts on a department or member, so the scope decides. */
  targeted: boolean;
  send(client: TestClient, side: Side, role: BuiltinRoleKey): Promise<Answer>;
  /** How to read the answer; by default 2xx allows, and 401/403/404 deny (404: out of scope is not found). */
  judge?(answer: Answer, side: Side): Verdict;
  /** Beyond its permission, the route needs a super admin (e.g. the directory-sync app's secret). */
  superAdminOnly?: boolean;
}

let server: TestServer;
let corp: RegisteredCorp;
const f = { sales: 0, salesTeam: 0, finance: 0, financeTeam: 0, tag: 0, inMember: 'matrix-in', outMember: 'matrix-out' };
const admins = new Map<BuiltinRoleKey, TestClient>();
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

const department = (side: Side) => (side === 'in' ? f.sales : f.finance);
const team = (side: Side) => (side === 'in' ? f.salesTeam : f.financeTeam);
const member = (side: Side) => (side === 'in' ? f.inMember : f.outMember);

async function ok(answer: Promise<Answer>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const result = await answer;
  if (result.status !== 200) throw new Error(`set-up failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** A fresh member in the side's department (for routes that use a member up), created by the super admin. */
async function freshMember(side: Side): Promise<string> {
  const userid = unique('fresh');
  await ok(corp.client.post('/api/v1/members', { userid, name: userid, mobile: testMobile(), departments: [{ id: department(side) }] }));
  return userid;
}

async function freshDepartment(side: Side): Promise<number> {
  return (await ok(corp.client.post('/api/v1/departments', { name: unique('组'), parentId: department(side) }))).id;
}

/** Lists and searches: allowed when the side's target shows up (and the total counts it), denied when it is absent or refused. */
const shows = (pick: (body: any) => string[]) => (answer: Answer, side: Side): Verdict => { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  if (answer.status !== 200) return 'denied';
  return pick(answer.body).includes(member(side)) ? 'allowed' : 'denied';
};

/** Batch answers: allowed when the side's member is done, denied when it failed as not found. */
const batch = (answer: Answer): Verdict => (answer.status === 200 && answer.body.failed.length === 0 ? 'allowed' : 'denied');

const csv = (side: Side) => ['姓名,帐号,手机号,所在部门', `矩阵,${unique('imp')},${testMobile()},${department(side)}`].join('\r\n');

/** Every admin route, by `METHOD url`. */
const cases: Record<string, Case> = {
  'GET /api/v1/corp': { targeted: false, send: (c) => c.get('/api/v1/corp') },
  'PATCH /api/v1/corp': { targeted: false, send: (c) => c.patch('/api/v1/corp', { industry: 'it' }) },
  'PUT /api/v1/corp/settings': { targeted: false, send: (c) => c.put('/api/v1/corp/settings', {}) },

  'GET /api/v1/departments': {
    targeted: true,
    send: (c, side) => c.get(`/api/v1/departments?parentId=${department(side)}`),
  },
  'GET /api/v1/departments/:id': { targeted: true, send: (c, side) => c.get(`/api/v1/departments/${team(side)}`) },
  'POST /api/v1/departments': { targeted: true, send: (c, side) => c.post('/api/v1/departments', { name: unique('新组'), parentId: department(side) }) },
  'PATCH /api/v1/departments/:id': { targeted: true, send: async (c, side) => c.patch(`/api/v1/departments/${await freshDepartment(side)}`, { name: unique('改名') }) },
  'DELETE /api/v1/departments/:id': { targeted: true, send: async (c, side) => c.delete(`/api/v1/departments/${await freshDepartment(side)}`) },

  'GET /api/v1/members': {
    targeted: true,
    send: (c, side) => c.get(`/api/v1/members?q=${member(side)}`),
    judge: (answer, side) => (shows((b) => b.items.map((m: { userid: string }) => m.userid))(answer, side) === 'allowed' && answer.body.total === 1 ? 'allowed' : answer.status === 200 && answer.body.total !== 0 ? ('leaked' as Verdict) : 'denied'),
  },
  'GET /api/v1/members/:userid': { targeted: true, send: (c, side) => c.get(`/api/v1/members/${member(side)}`) },
  'POST /api/v1/members': { targeted: true, send: (c, side) => c.post('/api/v1/members', { userid: unique('new'), name: '新人', mobile: testMobile(), departments: [{ id: department(side) }] }) },
  'PATCH /api/v1/members/:userid': { targeted: true, send: (c, side) => c.patch(`/api/v1/members/${member(side)}`, { position: unique('职位') }) },
  'POST /api/v1/members/:userid/enable': { targeted: true, send: async (c, side) => c.post(`/api/v1/members/${await freshMember(side)}/enable`, {}) },
  'POST /api/v1/members/:userid/disable': { targeted: true, send: async (c, side) => c.post(`/api/v1/members/${await freshMember(side)}/disable`, {}) },
  'DELETE /api/v1/members/:userid': { targeted: true, send: async (c, side) => c.delete(`/api/v1/members/${await freshMember(side)}`) },
  'POST /api/v1/members/:userid/invite': { targeted: true, send: async (c, side) => c.post(`/api/v1/members/${await freshMember(side)}/invite`, {}) },
  'POST /api/v1/members/batch-delete': { targeted: true, send: async (c, side) => c.post('/api/v1/members/batch-delete', { userids: [await freshMember(side)] }), judge: batch },
  'POST /api/v1/members/move': { targeted: true, send: async (c, side) => c.post('/api/v1/members/move', { userids: [await freshMember(side)], departmentId: team(side) }), judge: batch },

  'GET /api/v1/tags': {
    targeted: true,
    send: (c) => c.get('/api/v1/tags'),
    // The tag holds one member on each side: a scoped admin's count includes only theirs.
    judge: (answer, side) => {
      if (answer.status !== 200) return 'denied';
      const count = answer.body.items.find((t: { id: number }) => t.id === f.tag)?.memberCount;
      return side === 'in' ? (count >= 1 ? 'allowed' : 'denied') : count === 2 ? 'allowed' : 'denied';
    },
  },
  'GET /api/v1/tags/:id': { targeted: true, send: (c) => c.get(`/api/v1/tags/${f.tag}`), judge: shows((b) => b.members.map((m: { userid: string }) => m.userid)) },
  'POST /api/v1/tags': { targeted: false, send: (c) => c.post('/api/v1/tags', { name: unique('标签') }) },
  'PATCH /api/v1/tags/:id': { targeted: false, send: (c) => c.patch(`/api/v1/tags/${f.tag}`, { name: unique('标签') }) },
  'DELETE /api/v1/tags/:id': {
    targeted: false,
    send: async (c) => c.delete(`/api/v1/tags/${(await ok(corp.client.post('/api/v1/tags', { name: unique('待删') }))).id}`),
  },
  'POST /api/v1/tags/:id/add-members': { targeted: true, send: (c, side) => c.post(`/api/v1/tags/${f.tag}/add-members`, { userids: [member(side)] }), judge: (a) => (a.status === 200 && a.body.invalidUserids.length === 0 ? 'allowed' : 'denied') },
  'POST /api/v1/tags/:id/remove-members': {
    targeted: true,
    send: async (c, side) => {
      const userid = await freshMember(side);
      await ok(corp.client.post(`/api/v1/tags/${f.tag}/add-members`, { userids: [userid] }));
      return c.post(`/api/v1/tags/${f.tag}/remove-members`, { userids: [userid] });
    },
    judge: (a) => (a.status === 200 && a.body.invalidUserids.length === 0 ? 'allowed' : 'denied'),
  },

  'GET /api/v1/imports/template': { targeted: false, send: (c) => c.get('/api/v1/imports/template?format=csv') },
  'POST /api/v1/imports': {
    targeted: true,
    send: (c, side) => c.upload('/api/v1/imports', { bytes: csv(side), name: 'matrix.csv' }, { mode: 'sync' }),
    judge: (a) => (a.status === 200 && a.body.counts.rowsInError === 0 ? 'allowed' : 'denied'),
  },
  'GET /api/v1/imports/:id': { targeted: false, send: async (c, _side, role) => c.get(`/api/v1/imports/${await ownImport(c, role)}`) },
  'GET /api/v1/imports/:id/errors': { targeted: false, send: async (c, _side, role) => c.get(`/api/v1/imports/${await ownImport(c, role)}/errors`) },
  'GET /api/v1/imports/:id/error-report': { targeted: false, send: async (c, _side, role) => c.get(`/api/v1/imports/${await ownImport(c, role)}/error-report`) },
  'POST /api/v1/imports/:id/apply': { targeted: false, send: async (c, _side, role) => c.post(`/api/v1/imports/${await ownImport(c, role)}/apply`, { skipBadRows: false, confirmDisable: false }) },
  'GET /api/v1/directory/export': { targeted: true, send: (c, side) => c.get(`/api/v1/directory/export?format=csv&department=${department(side)}`) },

  'GET /api/v1/access/roles': { targeted: false, send: (c) => c.get('/api/v1/access/roles') },
  'POST /api/v1/access/roles': { targeted: false, send: (c) => c.post('/api/v1/access/roles', { name: unique('角色'), permissions: ['directory.view'] }) },
  'PATCH /api/v1/access/roles/:id': { targeted: false, send: async (c) => c.patch(`/api/v1/access/roles/${await freshRole()}`, { name: unique('改名角色') }) },
  'DELETE /api/v1/access/roles/:id': { targeted: false, send: async (c) => c.delete(`/api/v1/access/roles/${await freshRole()}`) },
  'GET /api/v1/access/admins': { targeted: false, send: (c) => c.get('/api/v1/access/admins') },
  'POST /api/v1/access/admins': { targeted: false, send: async (c) => c.post('/api/v1/access/admins', { member: (await addActiveMember(server, corp, { userid: unique('appointee'), departments: [f.sales] })).userid, roleId: 'auditor', scope: { departments: [f.sales] } }) },
  'PATCH /api/v1/access/admins/:id': { targeted: false, send: async (c) => c.patch(`/api/v1/access/admins/${await freshAssignment()}`, { roleId: 'security_admin' }) },
  'DELETE /api/v1/access/admins/:id': { targeted: false, send: async (c) => c.delete(`/api/v1/access/admins/${await freshAssignment()}`) },
  'GET /api/v1/access/settings': { targeted: false, send: (c) => c.get('/api/v1/access/settings') },
  'PUT /api/v1/access/settings': { targeted: false, send: (c) => c.put('/api/v1/access/settings', { maxSuperAdmins: 5 }) },
  'GET /api/v1/access/explain': { targeted: false, send: (c) => c.get(`/api/v1/access/explain?admin=${corp.userid}&permission=directory.view`) },
  'GET /api/v1/access/conflicts': { targeted: false, send: (c) => c.get('/api/v1/access/conflicts') },

  'GET /api/v1/apps': { targeted: false, send: (c) => c.get('/api/v1/apps') },
  'POST /api/v1/apps': { targeted: false, send: (c) => c.post('/api/v1/apps', { name: unique('应用'), visibleRange: { departmentIds: [f.sales] } }) },
  'GET /api/v1/apps/:id': { targeted: false, send: async (c) => c.get(`/api/v1/apps/${await freshApp()}`) },
  'PATCH /api/v1/apps/:id': { targeted: false, send: async (c) => c.patch(`/api/v1/apps/${await freshApp()}`, { description: unique('说明') }) },
  // A secret needs the caller's own fresh two-step code: a wrong one shows the permission check was passed.
  'POST /api/v1/apps/:id/secret': { targeted: false, send: async (c) => c.post(`/api/v1/apps/${await freshApp()}/secret`, { code: '000000' }), judge: passedToStepUp },
  'POST /api/v1/apps/contacts-sync/secret': { targeted: false, superAdminOnly: true, send: (c) => c.post('/api/v1/apps/contacts-sync/secret', { code: '000000' }), judge: passedToStepUp },

  'PUT /api/v1/apps/:id/logo': { targeted: false, send: async (c) => putFile(c, `/api/v1/apps/${await freshApp()}/logo`, 'not an image'), judge: (a) => (a.status === 200 || a.body?.error?.code === 'apps.logo_invalid' ? 'allowed' : 'denied') },
  // Nothing listens on port 1: an allowed caller gets as far as the handshake, which fails.
  'PUT /api/v1/apps/:id/callback': { targeted: false, send: async (c) => c.put(`/api/v1/apps/${await freshApp()}/callback`, { url: 'http://127.0.0.1:1/cb', token: 'Token1', encodingAesKey: 'a'.repeat(43) }), judge: (a) => (a.status === 200 || a.body?.error?.code === 'apps.callback_unverified' ? 'allowed' : 'denied') },
  'DELETE /api/v1/apps/:id/callback': { targeted: false, send: async (c) => c.delete(`/api/v1/apps/${await freshApp()}/callback`) },
  'GET /api/v1/apps/:id/callback/deliveries': { targeted: false, send: async (c) => c.get(`/api/v1/apps/${await freshApp()}/callback/deliveries`) },

  // 消息通知: the corp's settings and webhooks (corp.manage).
  'GET /api/v1/notifications/settings': { targeted: false, send: (c) => c.get('/api/v1/notifications/settings') },
  'PUT /api/v1/notifications/settings': { targeted: false, send: (c) => c.put('/api/v1/notifications/settings', { workingHoursOnly: true, emailEnabled: true, webhooksEnabled: true }) },
  'GET /api/v1/notifications/webhooks': { targeted: false, send: (c) => c.get('/api/v1/notifications/webhooks') },
  'POST /api/v1/notifications/webhooks': { targeted: false, send: async (c) => (await clearWebhooks(), c.post('/api/v1/notifications/webhooks', { name: unique('hook'), url: 'http://127.0.0.1:1/hook' })) },
  'PATCH /api/v1/notifications/webhooks/:id': { targeted: false, send: async (c) => c.patch(`/api/v1/notifications/webhooks/${await freshWebhook()}`, { enabled: false }) },
  'POST /api/v1/notifications/webhooks/:id/secret': { targeted: false, send: async (c) => c.post(`/api/v1/notifications/webhooks/${await freshWebhook()}/secret`) },
  'DELETE /api/v1/notifications/webhooks/:id': { targeted: false, send: async (c) => c.delete(`/api/v1/notifications/webhooks/${await freshWebhook()}`) },
  'GET /api/v1/notifications/deliveries': { targeted: false, send: (c) => c.get('/api/v1/notifications/deliveries') },

  // 审批: templates for the side's department; requests by an active member of the side's department.
  'GET /api/v1/approvals/templates': { targeted: false, send: (c) => c.get('/api/v1/approvals/templates') },
  'GET /api/v1/approvals/templates/:id': { targeted: true, send: async (c, side) => c.get(`/api/v1/approvals/templates/${await freshTemplate(side)}`) },
  'POST /api/v1/approvals/templates': { targeted: true, send: (c, side) => c.post('/api/v1/approvals/templates', templateFor(side)) },
  'PUT /api/v1/approvals/templates/:id': { targeted: true, send: async (c, side) => c.put(`/api/v1/approvals/templates/${await freshTemplate(side)}`, templateFor(side)) },
  'GET /api/v1/approvals/requests': { targeted: true, send: async (c, side) => (await freshRequest(side), c.get(`/api/v1/approvals/requests?applicant=${applicant(side)}&pageSize=200`)), judge: shows((b) => b.items.map((r: { applicant: { userid: string } }) => r.applicant.userid.replace('appl-', 'matrix-'))) },
  'GET /api/v1/approvals/requests/export.csv': { targeted: false, send: (c) => c.get('/api/v1/approvals/requests/export.csv') },
  'GET /api/v1/approvals/requests/:id': { targeted: true, send: async (c, side) => c.get(`/api/v1/approvals/requests/${await freshRequest(side)}`) },
  'GET /api/v1/approvals/requests/:id/files/:fileId': { targeted: true, send: async (c, side) => c.get(`/api/v1/approvals/requests/${await freshRequest(side)}/files/${randomUUID()}`), judge: (a) => (a.body?.error?.code === 'approvals.file_not_found' ? 'allowed' : defaultJudge(a, true)) },
  'GET /api/v1/approvals/stats': { targeted: false, send: (c) => c.get('/api/v1/approvals/stats?from=2026-01-01&to=2026-12-31') },
  'GET /api/v1/approvals/leave-balances': { targeted: false, send: (c) => c.get('/api/v1/approvals/leave-balances') },
  // Corp-wide approval admins only: every admin of the matrix but the super admin is scoped to 销售部 (403 for them).
  'GET /api/v1/approvals/settings': { targeted: false, superAdminOnly: true, send: (c) => c.get('/api/v1/approvals/settings') },
  'PUT /api/v1/approvals/settings': { targeted: false, superAdminOnly: true, send: (c) => c.put('/api/v1/approvals/settings', { apiAgentIds: [] }) },
  'PUT /api/v1/approvals/leave-balances': { targeted: true, send: (c, side) => c.put('/api/v1/approvals/leave-balances', { userid: member(side), type: 'annual', totalDays: 5 }) },

  // 企业支付: payouts are created as the approvals module creates them, to the side's member.
  'GET /api/v1/payouts': { targeted: true, send: async (c, side) => (await freshPayout(side), c.get(`/api/v1/payouts?payee=${member(side)}&pageSize=200`)), judge: shows((b) => b.items.map((p: { payee: { userid: string } }) => p.payee.userid)) },
  'GET /api/v1/payouts/export.csv': { targeted: false, send: (c) => c.get('/api/v1/payouts/export.csv') },
  'GET /api/v1/payouts/reconciliation': { targeted: false, send: (c) => c.get('/api/v1/payouts/reconciliation') },
  'POST /api/v1/payouts/reconciliation/statement': { targeted: false, send: (c) => c.upload('/api/v1/payouts/reconciliation/statement', { bytes: '交易流水号,支出金额\r\nMATRIX-1,1.00\r\n', name: 'statement.csv' }) },
  'GET /api/v1/payouts/:id': { targeted: true, send: async (c, side) => c.get(`/api/v1/payouts/${await freshPayout(side)}`) },
  'GET /api/v1/payouts/:id/history': { targeted: true, send: async (c, side) => c.get(`/api/v1/payouts/${await freshPayout(side)}/history`) },
  'POST /api/v1/payouts/:id/cancel': { targeted: true, send: async (c, side) => c.post(`/api/v1/payouts/${await freshPayout(side)}/cancel`, { reason: '矩阵' }) },
  'POST /api/v1/payouts/:id/fail': { targeted: true, send: async (c, side) => c.post(`/api/v1/payouts/${(await freshPayoutBatch(side)).payoutId}/fail`, { reason: '矩阵' }) },
  'GET /api/v1/payouts/batches': { targeted: false, send: (c) => c.get('/api/v1/payouts/batches') },
  'POST /api/v1/payouts/batches': { targeted: true, send: async (c, side) => c.post('/api/v1/payouts/batches', { payoutIds: [await freshPayout(side)] }) },
  'GET /api/v1/payouts/batches/:id': { targeted: true, send: async (c, side) => c.get(`/api/v1/payouts/batches/${(await freshPayoutBatch(side)).batchId}`) },
  'GET /api/v1/payouts/batches/:id/file': { targeted: true, send: async (c, side) => c.get(`/api/v1/payouts/batches/${(await freshPayoutBatch(side)).batchId}/file`) },
  // Its one line refused by the bank: nothing is paid, so no approval (these are made up) is told.
  'POST /api/v1/payouts/batches/:id/confirm': {
    targeted: true,
    send: async (c, side) => {
      const { payoutId, batchId } = await freshPayoutBatch(side);
      return c.post(`/api/v1/payouts/batches/${batchId}/confirm`, { bankReference: unique('MATRIX'), failures: [{ payoutId, reason: '矩阵' }] });
    },
  },
  'POST /api/v1/payouts/batches/:id/void': { targeted: true, send: async (c, side) => c.post(`/api/v1/payouts/batches/${(await freshPayoutBatch(side)).batchId}/void`) },

  'GET /api/v1/audit': { targeted: false, send: (c) => c.get('/api/v1/audit') },
  'GET /api/v1/audit/export.csv': { targeted: false, send: (c) => c.get('/api/v1/audit/export.csv') },
  'GET /api/v1/audit/verify': { targeted: false, send: (c) => c.get('/api/v1/audit/verify') },
};

/** Routes of other modules whose authorization is corp-wide: reached with an unknown id, authorization shows as anything but 401/403. */
function corpWideCase(method: string, url: string): Case {
  const path = url.replace(/:\w+/g, () => randomUUID());
  return { targeted: false, send: (c) => c.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {}), judge: (a) => (a.status === 401 || a.status === 403 ? 'denied' : 'allowed') };
}

const importsByRole = new Map<BuiltinRoleKey, string>();
/** An import the caller started (imports are private to their starter), or an unknown id when they cannot import. */
async function ownImport(client: TestClient, role: BuiltinRoleKey): Promise<string> {
  if (!importsByRole.has(role)) {
    const preview = await client.upload('/api/v1/imports', { bytes: csv('in'), name: 'mine.csv' }, { mode: 'sync' });
    importsByRole.set(role, preview.status === 200 ? preview.body.id : randomUUID());
  }
  return importsByRole.get(role)!;
}

/** A multipart PUT of one file, as the console's uploads send it. */
async function putFile(client: TestClient, path: string, content: string): Promise<Answer> {
  const form = new FormData();
  form.append('file', new Blob([content]), 'file.bin');
  const headers: Record<string, string> = { ...(client.sessionCookie ? { cookie: client.sessionCookie } : {}), ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}) };
  const response = await fetch(client.baseUrl + path, { method: 'PUT', body: form, headers });
  return { status: response.status, body: await response.json() };
}

/** A custom template for the side's department. */
const templateFor = (side: Side) => ({
  name: unique('矩阵模板'),
  controls: [{ id: 'Textarea-1', type: 'Textarea', title: '内容', required: true }],
  flow: [{ type: 'approver', id: 'lead', name: '主管', approvers: { kind: 'leader', level: 1 } }],
  rangeDepartments: [department(side)],
});

async function freshTemplate(side: Side): Promise<string> {
  return (await ok(corp.client.post('/api/v1/approvals/templates', templateFor(side)))).id;
}

/** The side's applicant: an active member of the side's department (they can submit). */
const applicant = (side: Side) => (side === 'in' ? 'appl-in' : 'appl-out');
const applicants = new Map<Side, string>();

/** A request by the side's applicant on the built-in general template. */
async function freshRequest(side: Side): Promise<string> {
  const { db, approvals } = server.services;
  if (!applicants.has(side)) {
    await addActiveMember(server, corp, { userid: applicant(side), departments: [department(side)] });
    applicants.set(side, (await db.selectFrom('members').select('id').where('corp_id', '=', corp.corpId).where('userid', '=', applicant(side)).executeTakeFirstOrThrow()).id);
  }
  await server.services.approvalTemplates.ensureBuiltins(db, corp.corpId);
  const general = await db.selectFrom('approval_templates').select('id').where('corp_id', '=', corp.corpId).where('kind', '=', 'general').executeTakeFirstOrThrow();
  const memberId = applicants.get(side)!;
  const created = await db.transaction().execute((trx) => approvals.submit(trx, corp.corpId, { memberId, actor: memberId }, { templateId: general.id, form: { 'Textarea-content': '矩阵申请' }, chosenApprovers: {}, urgent: false }, operatorContext('matrix')));
  return created.id;
}

/** A pending payout to the side's member (with a bank account), as the approvals module creates it. */
async function freshPayout(side: Side): Promise<string> {
  const { db, payouts } = server.services;
  const payee = await db.selectFrom('members').select('id').where('corp_id', '=', corp.corpId).where('userid', '=', member(side)).executeTakeFirstOrThrow();
  const request = { approvalId: randomUUID(), spNo: unique('sp'), amountFen: 100, payeeMemberId: payee.id, bankAccount: { bankName: '招商银行', accountName: member(side), accountNumber: '6225880212345678' } };
  return (await db.transaction().execute((trx) => payouts.createForApproval(trx, corp.corpId, operatorContext('matrix'), request))).payoutId;
}

/** A payout in a fresh exported batch, made by the super admin. */
async function freshPayoutBatch(side: Side): Promise<{ payoutId: string; batchId: string }> {
  const payoutId = await freshPayout(side);
  return { payoutId, batchId: (await ok(corp.client.post('/api/v1/payouts/batches', { payoutIds: [payoutId] }))).id };
}

async function freshApp(): Promise<string> {
  return (await ok(corp.client.post('/api/v1/apps', { name: unique('临时应用') }))).app.id;
}

/** A corp has at most 20 webhooks: each case starts from none. */
async function clearWebhooks(): Promise<void> {
  await server.database.db.deleteFrom('notification_webhooks').where('corp_id', '=', corp.corpId).execute();
}

async function freshWebhook(): Promise<string> {
  await clearWebhooks();
  return (await ok(corp.client.post('/api/v1/notifications/webhooks', { name: unique('hook'), url: 'http://127.0.0.1:1/hook' }))).webhook.id;
}

/** Allowed when the route got as far as checking the two-step code (or succeeded). */
function passedToStepUp(answer: Answer): Verdict {
  return answer.status === 200 || answer.body?.error?.code === 'auth.invalid_code' ? 'allowed' : 'denied';
}

async function freshRole(): Promise<string> {
  return (await ok(corp.client.post('/api/v1/access/roles', { name: unique('临时角色'), permissions: ['directory.view'] }))).id;
}

async function freshAssignment(): Promise<string> {
  const appointee = await addActiveMember(server, corp, { userid: unique('assignee'), departments: [f.sales] });
  return (await ok(corp.client.post('/api/v1/access/admins', { member: appointee.userid, roleId: 'auditor', scope: { departments: [f.sales] } }))).id;
}

function expected(role: BuiltinRoleKey, permission: Permission, side: Side, routeCase: Case): Verdict {
  const { targeted } = routeCase;
  if (!(builtinRoles[role].permissions as readonly Permission[]).includes(permission)) return 'denied';
  if (routeCase.superAdminOnly && role !== 'super_admin') return 'denied';
  if (!targeted || role === 'super_admin' || !isScopedPermission(permission)) return 'allowed';
  return side === 'in' ? 'allowed' : 'denied';
}

function defaultJudge(answer: Answer, targeted: boolean): Verdict {
  if (answer.status >= 200 && answer.status < 300) return 'allowed';
  if (answer.status === 401 || answer.status === 403 || (targeted && answer.status === 404)) return 'denied';
  return targeted ? (`unexpected ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}` as Verdict) : 'allowed';
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '矩阵测试有限公司' });
  f.sales = (await ok(corp.client.post('/api/v1/departments', { name: '销售部', parentId: 1 }))).id;
  f.salesTeam = (await ok(corp.client.post('/api/v1/departments', { name: '销售一组', parentId: f.sales }))).id;
  f.finance = (await ok(corp.client.post('/api/v1/departments', { name: '财务部', parentId: 1 }))).id;
  f.financeTeam = (await ok(corp.client.post('/api/v1/departments', { name: '财务一组', parentId: f.finance }))).id;
  for (const side of ['in', 'out'] as const) await ok(corp.client.post('/api/v1/members', { userid: member(side), name: member(side), mobile: testMobile(), departments: [{ id: department(side) }] }));
  f.tag = (await ok(corp.client.post('/api/v1/tags', { name: '矩阵标签' }))).id;
  await ok(corp.client.post(`/api/v1/tags/${f.tag}/add-members`, { userids: [f.inMember, f.outMember] }));
  for (const role of builtinRoleKeys) {
    const admin = await addActiveMember(server, corp, { userid: `admin-${role}`, departments: [f.sales] });
    await ok(corp.client.post('/api/v1/access/admins', { member: admin.userid, roleId: role, scope: role === 'super_admin' ? {} : { departments: [f.sales] } }));
    admins.set(role, (await signInAdmin(server, admin)).client);
  }
}, 120_000);
afterAll(async () => server?.close());

describe('the permission matrix', () => {
  it('covers every admin route', () => {
    const adminRoutes = server.app.routeList.filter((r) => r.access?.kind === 'admin' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(adminRoutes.length).toBeGreaterThan(40);
    const uncovered = adminRoutes.filter((r) => !cases[r] && !r.startsWith('GET /api/v1/access/visibility') && !/^(POST|PUT|DELETE) \/api\/v1\/access\/visibility/.test(r) && !r.includes('/access/external-contacts'));
    expect(uncovered, 'admin routes without a matrix case').toEqual([]);
  });

  it('allows and denies each route for each built-in role, inside and outside the scope', { timeout: 240_000 }, async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of server.app.routeList) {
      if (route.access?.kind !== 'admin' || route.method === 'HEAD') continue;
      const name = `${route.method} ${route.url}`;
      const routeCase = cases[name] ?? corpWideCase(route.method, route.url);
      const permission = route.access.permission;
      for (const role of builtinRoleKeys) {
        for (const side of routeCase.targeted ? (['in', 'out'] as const) : (['in'] as const)) {
          const answer = await routeCase.send(admins.get(role)!, side, role);
          const verdict = routeCase.judge ? routeCase.judge(answer, side) : defaultJudge(answer, routeCase.targeted);
          const want = expected(role, permission, side, routeCase);
          checked++;
          if (verdict !== want) mismatches.push(`${name} as ${role}, target ${side} of scope: expected ${want}, got ${verdict} (${answer.status} ${JSON.stringify(answer.body).slice(0, 160)})`);
        }
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
