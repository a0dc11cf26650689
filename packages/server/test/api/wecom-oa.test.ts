import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../src/platform/kernel/context';
import { accessToken, addActiveMember, registerCorp, signInAdmin, startTestServer, type RegisteredCorp, type TestServer } from '../harness';
import { AES_KEY, startWecomReceiver, TOKEN, type WecomReceiver } from '../wecom-receiver';

/** /cgi-bin/oa (WeCom's approval API) and the sys_approval_change callback, as a WeCom client sees them. */

let server: TestServer;
let corp: RegisteredCorp;
let templates: Record<string, { id: string }>;
/** Apps: `all` sees everyone, `research` sees 研发部 only (both listed for the approval API); `unlisted` is not. */
const apps: Record<'all' | 'research' | 'unlisted', { id: string; agentId: number; token: string }> = {} as never;
let receiver: WecomReceiver;

type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON

async function oa(app: keyof typeof apps, api: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}/cgi-bin/oa/${api}?access_token=${apps[app].token}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) };
}

/** The 200 answer of a call expected to succeed. */
async function ok(app: keyof typeof apps, api: string, body: unknown) {
  const answer = await oa(app, api, body);
  expect(answer.status).toBe(200);
  expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ errcode: 0, errmsg: 'ok' });
  return answer.body;
}

/** An expense of ¥amount by `creator` in WeCom's apply_data form, with the template's own approvers. */
const expenseContents = (amount: string) => [
  {
    control: 'Table',
    id: 'Table-items',
    value: {
      children: [
        {
          list: [
            { control: 'Selector', id: 'Selector-category', value: { selector: { type: 'single', options: [{ key: 'travel' }] } } },
            { control: 'Money', id: 'Money-amount', value: { new_money: amount } },
            // 2026-11-20 12:00 in Shanghai.
            { control: 'Date', id: 'Date-date', value: { date: { type: 'day', s_timestamp: String(Date.UTC(2026, 10, 20, 4) / 1000) } } },
          ],
        },
      ],
    },
  },
  { control: 'Textarea', id: 'Textarea-reason', value: { text: '客户拜访差旅' } },
];

const general = (text: string) => [{ control: 'Textarea', id: 'Textarea-content', value: { text } }];

async function apply(app: keyof typeof apps, body: Record<string, unknown>): Promise<string> {
  server.clock.advance(1000); // one request a second: listing order is well defined
  return (await ok(app, 'applyevent', body)).sp_no;
}

type Actions = TestServer['services']['approvalActions'];

/** A member's action on a request, made as the portal makes it. */
async function act(spNo: string, userid: string, action: (actions: Actions, trx: Parameters<Actions['decide']>[0], requestId: string, actor: Parameters<Actions['decide']>[3]) => Promise<void>) {
  const { db, approvalActions } = server.services;
  const request = await db.selectFrom('approval_requests').select('id').where('corp_id', '=', corp.corpId).where('sp_no', '=', spNo).executeTakeFirstOrThrow();
  const member = await db.selectFrom('members').select('id').where('corp_id', '=', corp.corpId).where('userid', '=', userid).executeTakeFirstOrThrow();
  await db.transaction().execute((trx) => action(approvalActions, trx, request.id, { memberId: member.id, ctx: operatorContext('test') }));
}

/** A member's decision. */
const decide = (spNo: string, userid: string, decision: 'approve' | 'reject', comment = '') =>
  act(spNo, userid, (actions, trx, requestId, actor) => actions.decide(trx, corp.corpId, requestId, actor, { decision, comment, key: `k-${spNo}-${userid}-${decision}` }));

const detail = async (spNo: string) => (await ok('all', 'getapprovaldetail', { sp_no: spNo })).info;
const seconds = () => Math.floor(server.clock.now().getTime() / 1000);

async function createApp(name: string, visibleRange: Record<string, unknown>) {
  const created = await corp.client.post('/api/v1/apps', { name, visibleRange });
  expect(created.status).toBe(200);
  return { id: created.body.app.id, agentId: created.body.app.agentId, token: await accessToken(server, corp.corpId, created.body.secret) };
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  // 研发部 (2) ⊃ 前端组 (3); 财务部 (4); 销售部 (5).
  for (const [name, parentId] of [['研发部', 1], ['前端组', 2], ['财务部', 1], ['销售部', 1]] as const) await corp.client.post('/api/v1/departments', { name, parentId });
  for (const [userid, department] of [['emp', 3], ['lead', 3], ['director', 2], ['fin1', 4], ['fin2', 4], ['other', 4], ['sales1', 5]] as const) await addActiveMember(server, corp, { userid, departments: [department] });
  await corp.client.patch('/api/v1/departments/3', { leaders: ['lead'] });
  await corp.client.patch('/api/v1/departments/2', { leaders: ['director'] });
  await corp.client.patch('/api/v1/departments/5', { leaders: ['director'] });
  for (const userid of ['fin1', 'fin2']) expect((await corp.client.post('/api/v1/access/admins', { member: userid, roleId: 'finance_admin', scope: { departments: [1] } })).status).toBe(200);
  const list = await corp.client.get('/api/v1/approvals/templates');
  templates = Object.fromEntries(list.body.items.map((t: { kind: string; id: string }) => [t.kind, t]));

  receiver = await startWecomReceiver(corp.corpId);

  apps.all = await createApp('审批助手', { all: true });
  apps.research = await createApp('研发审批', { departmentIds: [2] });
  apps.unlisted = await createApp('未授权应用', { all: true });
  for (const name of ['all', 'unlisted'] as const) {
    const saved = await corp.client.put(`/api/v1/apps/${apps[name].id}/callback`, { url: `${receiver.url}&app=${name}`, token: TOKEN, encodingAesKey: AES_KEY });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }
  const settings = await corp.client.put('/api/v1/approvals/settings', { apiAgentIds: [apps.research.agentId, apps.all.agentId] });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('approval settings (审批 → 可调用接口的应用)', () => {
  it('lists the apps by AgentID, refuses unknown ones naming each, and is audited', async () => {
    expect((await corp.client.get('/api/v1/approvals/settings')).body).toEqual({ apiAgentIds: [apps.all.agentId, apps.research.agentId].sort((a, b) => a - b) });
    const bad = await corp.client.put('/api/v1/approvals/settings', { apiAgentIds: [apps.all.agentId, 999] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'apiAgentIds.1', reason: '没有该 AgentID 的自建应用' }]);
    const audit = await corp.client.get('/api/v1/audit?action=approvals.settings_update');
    expect(audit.body.items[0]).toMatchObject({ action: 'approvals.settings_update' });
  });

  it('is for corp-wide approval admins only: a scoped one gets 403', async () => {
    const member = await addActiveMember(server, corp, { userid: 'scoped-approver', departments: [2] });
    expect((await corp.client.post('/api/v1/access/admins', { member: member.userid, roleId: 'approval_admin', scope: { departments: [2] } })).status).toBe(200);
    const { client } = await signInAdmin(server, member);
    const answer = await client.get('/api/v1/approvals/settings');
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('auth.forbidden');
  });

  it('answers 301055 to an app not listed, on every endpoint', async () => {
    for (const api of ['gettemplatedetail', 'applyevent', 'getapprovalinfo', 'getapprovaldetail']) {
      const answer = await oa('unlisted', api, {});
      expect(answer.status).toBe(200);
      expect(answer.body.errcode, api).toBe(301055);
    }
  });
});

describe('gettemplatedetail', () => {
  it('answers the built-in 报销 template in WeCom\'s shape', async () => {
    const answer = await ok('all', 'gettemplatedetail', { template_id: templates.expense!.id });
    expect(answer.template_names).toEqual([{ text: '报销', lang: 'zh_CN' }]);
    const [items, reason] = answer.template_content.controls;
    expect(items.property).toEqual({ control: 'Table', id: 'Table-items', title: [{ text: '报销明细', lang: 'zh_CN' }], placeholder: [{ text: '', lang: 'zh_CN' }], require: 1, un_print: 0 });
    const [category, amount, date] = items.config.table.children;
    expect(category.config.selector).toMatchObject({ type: 'single', options: expect.arrayContaining([{ key: 'travel', value: [{ text: '差旅费', lang: 'zh_CN' }] }]) });
    expect(amount.property).toMatchObject({ control: 'Money', id: 'Money-amount', require: 1 });
    expect(date.config).toEqual({ date: { type: 'day' } });
    expect(reason.property).toMatchObject({ control: 'Textarea', id: 'Textarea-reason', require: 1 });
  });

  it('answers 301026 for an unknown template, still with template_names', async () => {
    const answer = await oa('all', 'gettemplatedetail', { template_id: 'no-such-template' });
    expect(answer.body).toMatchObject({ errcode: 301026, template_names: [] });
  });
});

describe('applyevent', () => {
  it('submits an expense of ¥3,500 on the template\'s flow: the leader, then finance', async () => {
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.expense!.id, use_template_approver: 1, apply_data: { contents: expenseContents('3500') }, summary_list: [{ summary_info: [{ text: '差旅报销', lang: 'zh_CN' }] }] });
    expect(spNo).toMatch(/^\d{12}$/);
    let info = await detail(spNo);
    expect(info).toMatchObject({ sp_no: spNo, sp_name: '报销', sp_status: 1, template_id: templates.expense!.id, applyer: { userid: 'emp', partyid: '3' } });
    // Finance's step waits: its approvers are found when it begins.
    expect(info.process_list.node_list).toEqual([
      { node_type: 1, sp_status: 1, apv_rel: 2, sub_node_list: [{ userid: 'lead', speech: '', sp_yj: 1, sptime: 0, media_ids: [] }] },
      { node_type: 1, sp_status: 1, apv_rel: 2, sub_node_list: [] },
    ]);
    await decide(spNo, 'lead', 'approve', '同意');
    info = await detail(spNo);
    expect(info.sp_record.map((r: { sp_status: number }) => r.sp_status)).toEqual([2, 1]);
    expect(info.sp_record[1].details.map((d: { approver: { userid: string } }) => d.approver.userid).sort()).toEqual(['fin1', 'fin2']);
    await decide(spNo, 'fin2', 'approve');
    info = await detail(spNo);
    expect(info.sp_status).toBe(2);
    expect(info.sp_record[0]).toEqual({ sp_status: 2, approverattr: 1, details: [{ approver: { userid: 'lead' }, speech: '同意', sp_status: 2, sptime: seconds(), media_id: [] }] });
    // The table's values come back with every key WeCom's values carry.
    const [items, reason] = info.apply_data.contents;
    expect(reason).toEqual({ control: 'Textarea', id: 'Textarea-reason', title: [{ text: '报销事由', lang: 'zh_CN' }], value: { text: '客户拜访差旅', tips: [], members: [], departments: [], files: [], children: [], stat_field: [] } });
    const cells = items.value.children[0].list;
    expect(cells[1].value).toMatchObject({ new_money: '3500.00', text: '', tips: [], members: [], departments: [], files: [], children: [], stat_field: [] });
    expect(cells[2].value.date).toEqual({ type: 'day', s_timestamp: String(Date.UTC(2026, 10, 19, 16) / 1000) });
    expect(cells[0].value.selector.options).toEqual([{ key: 'travel', value: [{ text: '差旅费', lang: 'zh_CN' }] }]);
    const audit = await corp.client.get('/api/v1/audit?action=approvals.submit');
    expect(audit.body.items[0]).toMatchObject({ targetId: spNo, actor: `app:${apps.all.agentId}`, actorName: '审批助手' });
  });

  it('shows a request the leader approved and finance still has: both nodes, in the legacy record and the process list', async () => {
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.expense!.id, use_template_approver: 1, apply_data: { contents: expenseContents('3500') } });
    await decide(spNo, 'lead', 'approve', '同意，请财务复核');
    const decidedAt = seconds();
    const info = await detail(spNo);
    expect(info.sp_status).toBe(1);
    // The order of finance's two approvers within their step is not the point here.
    const sortedBy = <T>(list: T[], userid: (item: T) => string) => [...list].sort((a, b) => userid(a).localeCompare(userid(b)));
    // 或签 steps: approverattr 1 in the legacy record, apv_rel 2 in the process list.
    const [leaderRecord, financeRecord] = info.sp_record;
    expect(leaderRecord).toEqual({ sp_status: 2, approverattr: 1, details: [{ approver: { userid: 'lead' }, speech: '同意，请财务复核', sp_status: 2, sptime: decidedAt, media_id: [] }] });
    expect({ ...financeRecord, details: sortedBy(financeRecord.details, (d: { approver: { userid: string } }) => d.approver.userid) }).toEqual({
      sp_status: 1,
      approverattr: 1,
      details: ['fin1', 'fin2'].map((userid) => ({ approver: { userid }, speech: '', sp_status: 1, sptime: 0, media_id: [] })),
    });
    const [leaderNode, financeNode] = info.process_list.node_list;
    expect(leaderNode).toEqual({ node_type: 1, sp_status: 2, apv_rel: 2, sub_node_list: [{ userid: 'lead', speech: '同意，请财务复核', sp_yj: 2, sptime: decidedAt, media_ids: [] }] });
    expect({ ...financeNode, sub_node_list: sortedBy(financeNode.sub_node_list, (n: { userid: string }) => n.userid) }).toEqual({
      node_type: 1,
      sp_status: 1,
      apv_rel: 2,
      sub_node_list: ['fin1', 'fin2'].map((userid) => ({ userid, speech: '', sp_yj: 1, sptime: 0, media_ids: [] })),
    });
    expect(info.process_list.node_list).toHaveLength(2);
  });

  it('shows a transfer as 4 (转审) and a return to the applicant as 11 (退回)', async () => {
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.general!.id, process: { node_list: [{ type: 1, apv_rel: 2, userid: ['lead'] }] }, apply_data: { contents: general('转审测试') } });
    server.clock.advance(1000); // the new task sorts after the one transferred, which keeps its place
    await act(spNo, 'lead', (actions, trx, requestId, actor) => actions.transfer(trx, corp.corpId, requestId, actor, { to: 'director', comment: '请主任审批', key: `t-${spNo}` }));
    let node = (await detail(spNo)).process_list.node_list[0];
    expect(node.sp_status).toBe(1);
    expect(node.sub_node_list.map((n: { userid: string; sp_yj: number; speech: string }) => [n.userid, n.sp_yj, n.speech])).toEqual([['lead', 4, '请主任审批'], ['director', 1, '']]);
    await act(spNo, 'director', (actions, trx, requestId, actor) => actions.returnTo(trx, corp.corpId, requestId, actor, { to: 'applicant', comment: '请补充说明', key: `r-${spNo}` }));
    const info = await detail(spNo);
    node = info.process_list.node_list[0];
    expect(node.sp_status).toBe(11);
    expect(node.sub_node_list.map((n: { userid: string; sp_yj: number }) => [n.userid, n.sp_yj])).toEqual([['lead', 4], ['director', 11]]);
    expect(info.sp_record[0]).toMatchObject({ sp_status: 11, details: [{ sp_status: 4 }, { sp_status: 11, speech: '请补充说明' }] });
  });

  it('takes approvers from process.node_list: 或签, then 会签, and a cc', async () => {
    const spNo = await apply('all', {
      creator_userid: 'emp',
      template_id: templates.general!.id,
      use_template_approver: 0,
      process: { node_list: [{ type: 1, apv_rel: 2, userid: ['lead', 'director'] }, { type: 1, apv_rel: 1, userid: ['fin1', 'fin2'] }, { type: 2, userid: ['other'] }] },
      apply_data: { contents: general('采购显示器') },
    });
    let info = await detail(spNo);
    expect(info.process_list.node_list.map((n: { node_type: number; apv_rel: number }) => [n.node_type, n.apv_rel])).toEqual([[1, 2], [1, 1], [2, 1]]);
    expect(info.notifyer).toEqual([{ userid: 'other' }]);
    await decide(spNo, 'director', 'approve');
    await decide(spNo, 'fin1', 'approve');
    info = await detail(spNo);
    expect(info.sp_status).toBe(1); // 会签: fin2 still to decide
    expect(info.process_list.node_list[1].sub_node_list.map((s: { userid: string; sp_yj: number }) => [s.userid, s.sp_yj])).toEqual([['fin1', 2], ['fin2', 1]]);
    await decide(spNo, 'fin2', 'approve');
    info = await detail(spNo);
    expect(info.sp_status).toBe(2);
    expect(info.sp_record.map((r: { approverattr: number; sp_status: number }) => [r.approverattr, r.sp_status])).toEqual([[1, 2], [2, 2]]);
  });

  it('keeps the route an app gave when the request is returned and resubmitted', async () => {
    const spNo = await apply('all', {
      creator_userid: 'emp',
      template_id: templates.general!.id,
      use_template_approver: 0,
      process: { node_list: [{ type: 1, apv_rel: 2, userid: ['fin1', 'fin2'] }] },
      apply_data: { contents: general('采购键盘') },
    });
    await act(spNo, 'fin1', (actions, trx, requestId, actor) => actions.returnTo(trx, corp.corpId, requestId, actor, { to: 'applicant', comment: '请写明型号', key: `return-${spNo}` }));
    await act(spNo, 'emp', (actions, trx, requestId, actor) => actions.resubmit(trx, corp.corpId, requestId, actor, { comment: '已补充', key: `resubmit-${spNo}` }));
    const info = await detail(spNo);
    expect(info.sp_status).toBe(1);
    // The app's 或签 of the two finance people again, not the template's own flow.
    const open = info.process_list.node_list.filter((n: { node_type: number }) => n.node_type === 1);
    expect(open.map((n: { sub_node_list: { userid: string }[] }) => n.sub_node_list.map((s) => s.userid).sort())).toEqual([['fin1', 'fin2']]);
  });

  it('takes the legacy approver (attr 2 会签) and notifyer form; a rejection shows as 3', async () => {
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.general!.id, approver: [{ attr: 2, userid: ['lead', 'director'] }], notifyer: ['other'], notify_type: 1, apply_data: { contents: general('出差申请') } });
    await decide(spNo, 'lead', 'reject', '预算不足');
    const info = await detail(spNo);
    expect(info.sp_status).toBe(3);
    expect(info.sp_record[0]).toMatchObject({ sp_status: 3, approverattr: 2 });
    expect(info.sp_record[0].details[0]).toMatchObject({ approver: { userid: 'lead' }, speech: '预算不足', sp_status: 3 });
    expect(info.notifyer).toEqual([{ userid: 'other' }]);
  });
});

describe('leave through the API', () => {
  it('reads a half-day range from Unix seconds, answers it back, and lists it as record_type 1 (请假)', async () => {
    const since = seconds();
    // 2026-12-01 (a Tuesday), 上午 to 下午, in Shanghai.
    const [begin, end] = [Date.UTC(2026, 10, 30, 16) / 1000, Date.UTC(2026, 11, 1, 4) / 1000];
    const contents = [
      { control: 'Selector', id: 'Selector-leave_type', value: { selector: { type: 'single', options: [{ key: 'personal' }] } } },
      { control: 'DateRange', id: 'DateRange-period', value: { date_range: { type: 'halfday', new_begin: begin, new_end: end, new_duration: 86_400 } } },
      { control: 'Textarea', id: 'Textarea-reason', value: { text: '家中有事' } },
    ];
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.leave!.id, use_template_approver: 1, apply_data: { contents } });
    const info = await detail(spNo);
    expect(info.apply_data.contents[1].value.date_range).toEqual({ type: 'halfday', new_begin: begin, new_end: end, new_duration: 86_400 });
    const listed = await ok('all', 'getapprovalinfo', { starttime: since, endtime: seconds(), filters: [{ key: 'record_type', value: '1' }] });
    expect(listed.sp_no_list).toEqual([spNo]);
  });
});

describe('getapprovalinfo record_type', () => {
  let since = 0;
  const made: Record<'leave' | 'expense' | 'general', string> = {} as never;

  beforeAll(async () => {
    // A window of its own, with a request of each of our kinds.
    server.clock.advance(60_000);
    since = seconds();
    const [begin, end] = [Date.UTC(2026, 11, 7, 16) / 1000, Date.UTC(2026, 11, 8, 4) / 1000];
    made.leave = await apply('all', {
      creator_userid: 'emp',
      template_id: templates.leave!.id,
      use_template_approver: 1,
      apply_data: {
        contents: [
          { control: 'Selector', id: 'Selector-leave_type', value: { selector: { type: 'single', options: [{ key: 'sick' }] } } },
          { control: 'DateRange', id: 'DateRange-period', value: { date_range: { type: 'halfday', new_begin: begin, new_end: end, new_duration: 86_400 } } },
          { control: 'Textarea', id: 'Textarea-reason', value: { text: '看病' } },
        ],
      },
    });
    made.expense = await apply('all', { creator_userid: 'emp', template_id: templates.expense!.id, use_template_approver: 1, apply_data: { contents: expenseContents('80') } });
    made.general = await apply('all', { creator_userid: 'emp', template_id: templates.general!.id, approver: [{ attr: 1, userid: ['lead'] }], apply_data: { contents: general('领用') } });
  });

  const list = async (...recordTypes: string[]) => (await ok('all', 'getapprovalinfo', { starttime: since, endtime: seconds(), filters: recordTypes.map((value) => ({ key: 'record_type', value })) })).sp_no_list as string[];

  it('1 (请假) lists our leave requests only', async () => {
    expect(await list()).toEqual([made.leave, made.expense, made.general]);
    expect(await list('1')).toEqual([made.leave]);
  });

  it('2 to 9 (打卡补卡, 出差, 外出, 加班, 调班, 会议室预定, 退款, 红包报销) list nothing: Orgdesk has no such forms', async () => {
    for (const type of ['2', '3', '4', '5', '6', '7', '8', '9']) expect(await list(type), `record_type ${type}`).toEqual([]);
  });

  it('repeated, ORs as the other keys do', async () => {
    expect(await list('9', '1')).toEqual([made.leave]);
  });

  it('answers 301025 naming the filter for a value that is no record type', async () => {
    for (const value of ['0', '10', '999']) {
      const answer = await oa('all', 'getapprovalinfo', { starttime: since, endtime: seconds(), filters: [{ key: 'record_type', value }] });
      expect(answer.body, value).toMatchObject({ errcode: 301025, sp_no_list: [] });
      expect(answer.body.errmsg).toContain('filters.record_type: must be 1 to 9');
    }
  });
});

describe('parameter errors', () => {
  const window = () => ({ starttime: seconds() - 3600, endtime: seconds() + 60 });

  it('answers WeCom\'s errcodes, always with HTTP 200, never a system error', async () => {
    const cases: [string, unknown, number, string?][] = [
      ['getapprovalinfo', { starttime: seconds() * 1000, endtime: (seconds() + 60) * 1000 }, 301025, 'starttime'],
      ['getapprovalinfo', { starttime: seconds() - 32 * 86_400, endtime: seconds() }, 301025, 'endtime'],
      ['getapprovalinfo', { ...window(), size: 101 }, 301025, 'size'],
      ['getapprovalinfo', { ...window(), new_cursor: 'not-a-cursor' }, 301025, 'new_cursor'],
      ['getapprovalinfo', { ...window(), filters: [{ key: 'colour', value: 'red' }] }, 301025, 'filters'],
      ['applyevent', { creator_userid: 'emp', template_id: 'no-such-template', use_template_approver: 1, apply_data: { contents: [] } }, 301026],
      ['applyevent', { creator_userid: 'nobody', template_id: templates.general!.id, use_template_approver: 1, apply_data: { contents: general('x') } }, 40003],
      ['applyevent', { creator_userid: 'emp', template_id: templates.expense!.id, use_template_approver: 1, apply_data: { contents: expenseContents('12.345') } }, 301025, 'Money-amount'],
      ['applyevent', { creator_userid: 'emp', template_id: templates.general!.id, use_template_approver: 0, apply_data: { contents: general('x') } }, 301025, 'process'],
      ['applyevent', { creator_userid: 'emp', template_id: templates.general!.id, process: { node_list: [{ type: 1, userid: ['ghost'] }] }, apply_data: { contents: general('x') } }, 301025, 'process.node_list.0.userid.0'],
      ['applyevent', { creator_userid: 'emp', template_id: templates.general!.id, process: { node_list: [{ type: 3, userid: ['lead'] }] }, apply_data: { contents: general('x') } }, 301025, 'process.node_list.0.type'],
      ['applyevent', { creator_userid: 'emp', template_id: templates.general!.id, choose_department: 4, use_template_approver: 1, apply_data: { contents: general('x') } }, 301025, 'departmentId'],
      ['getapprovaldetail', { sp_no: '209901010001' }, 301025, 'sp_no'],
      ['getapprovaldetail', 'not json', 40058],
    ];
    for (const [api, body, errcode, field] of cases) {
      const answer = await oa('all', api, body);
      expect(answer.status).toBe(200);
      expect(answer.body.errcode, `${api} ${JSON.stringify(body)}: ${answer.body.errmsg}`).toBe(errcode);
      if (field) expect(answer.body.errmsg).toContain(field);
    }
    const failed = await oa('all', 'getapprovalinfo', { starttime: 1, endtime: 2 * 86_400 * 31 });
    expect(failed.body).toMatchObject({ errcode: 301025, sp_no_list: [] });
  });

  it('survives junk in every field of every endpoint', async () => {
    const junk: unknown[] = [null, true, -1, 1e308, '', 'x'.repeat(5000), [], {}, [{}], { $ne: 1 }, '\u202e', ['a', 1, null]];
    const fields: Record<string, string[]> = {
      gettemplatedetail: ['template_id'],
      applyevent: ['creator_userid', 'template_id', 'use_template_approver', 'choose_department', 'process', 'approver', 'notifyer', 'notify_type', 'apply_data', 'summary_list'],
      getapprovalinfo: ['starttime', 'endtime', 'new_cursor', 'cursor', 'size', 'filters'],
      getapprovaldetail: ['sp_no'],
    };
    const valid: Record<string, Record<string, unknown>> = {
      gettemplatedetail: { template_id: templates.general!.id },
      applyevent: { creator_userid: 'emp', template_id: templates.general!.id, use_template_approver: 0, process: { node_list: [{ type: 1, apv_rel: 2, userid: ['lead'] }] }, apply_data: { contents: general('x') } },
      getapprovalinfo: { ...window(), size: 10 },
      getapprovaldetail: { sp_no: '209901010001' },
    };
    for (const [api, names] of Object.entries(fields)) {
      for (const name of names) {
        for (const value of junk) {
          const answer = await oa('all', api, { ...valid[api], [name]: value });
          expect(answer.status).toBe(200);
          expect(answer.body.errcode, `${api} ${name}=${JSON.stringify(value).slice(0, 40)}`).not.toBe(-1);
        }
      }
      // Junk inside apply_data's values reaches the form check, which names the field.
      for (const value of junk) {
        const answer = await oa('all', 'applyevent', { ...valid.applyevent, apply_data: { contents: [{ control: 'Textarea', id: 'Textarea-content', value }, { id: 'Table-x', value: { children: value } }] } });
        expect(answer.body.errcode).not.toBe(-1);
      }
    }
  });
});

describe('getapprovalinfo', () => {
  const made: string[] = [];
  let since = 0;

  beforeAll(async () => {
    // A window of its own: the requests of the tests above (many in one second) stay out of it.
    server.clock.advance(60_000);
    since = seconds();
    for (let i = 0; i < 5; i++) made.push(await apply('all', { creator_userid: i % 2 ? 'emp' : 'director', template_id: templates.general!.id, approver: [{ attr: 1, userid: ['other'] }], apply_data: { contents: general(`申请 ${i}`) } }));
    made.push(await apply('all', { creator_userid: 'sales1', template_id: templates.general!.id, approver: [{ attr: 1, userid: ['other'] }], apply_data: { contents: general('销售申请') } }));
  });

  const window = () => ({ starttime: since, endtime: seconds() });

  it('pages with new_cursor and with the legacy int cursor, every request once, oldest first', async () => {
    const all = (await ok('all', 'getapprovalinfo', { ...window(), size: 100 })).sp_no_list as string[];
    expect(all).toEqual(made);
    const viaNew: string[] = [];
    let cursor = '';
    for (let round = 0; round < 20; round++) {
      const page = await ok('all', 'getapprovalinfo', { ...window(), new_cursor: cursor, size: 4 });
      expect(page.sp_no_list.length).toBeLessThanOrEqual(4);
      viaNew.push(...page.sp_no_list);
      cursor = page.new_next_cursor;
      if (!cursor) break;
    }
    expect(viaNew).toEqual(all);
    const viaOld: string[] = [];
    let offset = 0;
    for (let round = 0; round < 20; round++) {
      const page = await ok('all', 'getapprovalinfo', { ...window(), cursor: offset, size: 4 });
      viaOld.push(...page.sp_no_list);
      offset = page.next_cursor;
      if (!offset) break;
    }
    expect(viaOld).toEqual(all);
  });

  it('filters: different keys AND, a repeated department OR', async () => {
    const list = async (filters: { key: string; value: string }[]) => (await ok('all', 'getapprovalinfo', { ...window(), filters })).sp_no_list as string[];
    const byEmp = await list([{ key: 'creator', value: 'emp' }, { key: 'template_id', value: templates.general!.id }]);
    expect(byEmp).toEqual([made[1], made[3]]);
    expect(await list([{ key: 'department', value: '2' }, { key: 'department', value: '5' }])).toEqual([made[0], made[2], made[4], made[5]]);
    expect(await list([{ key: 'creator', value: 'emp' }, { key: 'sp_status', value: '2' }])).toEqual([]);
    expect(await list([{ key: 'record_type', value: '1' }])).toEqual([]);
  });

  it('lists only requests of applicants within the app\'s visible range', async () => {
    const research = (await ok('research', 'getapprovalinfo', { ...window() })).sp_no_list as string[];
    expect(research).toEqual(made.slice(0, 5));
    expect((await oa('research', 'getapprovaldetail', { sp_no: made[5] })).body.errcode).toBe(60011);
    expect((await oa('research', 'applyevent', { creator_userid: 'sales1', template_id: templates.general!.id, use_template_approver: 1, apply_data: { contents: general('x') } })).body.errcode).toBe(60011);
  });
});

describe('sys_approval_change', () => {
  const field = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];
  const drain = async () => {
    while ((await server.services.callbackDispatcher.runOnce()) > 0);
  };

  it('posts 提单 (1) then 同意 (2) to the listed app, encrypted as WeCom does, and nothing to others', async () => {
    await drain();
    const before = receiver.deliveries.length;
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.general!.id, approver: [{ attr: 1, userid: ['lead'] }], notifyer: ['other'], apply_data: { contents: general('回调测试') } });
    await decide(spNo, 'lead', 'approve', '好');
    await drain();
    const events = receiver.deliveries.slice(before);
    expect(events.every((e) => e.url.includes('app=all'))).toBe(true);
    expect(events.map((e) => field(e.message, 'StatuChangeEvent'))).toEqual(['1', '2']);
    const [submitted, approved] = events.map((e) => e.message);
    expect(submitted).toMatch(/^<xml><ToUserName><!\[CDATA\[ww[0-9a-f]{16}\]\]><\/ToUserName><FromUserName><!\[CDATA\[sys\]\]><\/FromUserName><CreateTime>\d+<\/CreateTime><MsgType><!\[CDATA\[event\]\]><\/MsgType><Event><!\[CDATA\[sys_approval_change\]\]><\/Event><AgentID>\d+<\/AgentID><ApprovalInfo><SpNoStr>/);
    expect(field(submitted!, 'ToUserName')).toBe(corp.corpId);
    expect(field(submitted!, 'AgentID')).toBe(String(apps.all.agentId));
    expect(field(submitted!, 'SpNo')).toBe(spNo);
    expect(field(submitted!, 'SpName')).toBe('通用审批');
    expect(field(submitted!, 'TemplateId')).toBe(templates.general!.id);
    expect(submitted).toContain('<Applyer><UserId><![CDATA[emp]]></UserId><Party><![CDATA[3]]></Party></Applyer>');
    expect(submitted).toContain('<SpRecord><SpStatus>1</SpStatus><ApproverAttr>1</ApproverAttr><Details><Approver><UserId><![CDATA[lead]]></UserId></Approver><Speech><![CDATA[]]></Speech><SpStatus>1</SpStatus><SpTime>0</SpTime></Details></SpRecord>');
    expect(submitted).toContain('<Notifyer><UserId><![CDATA[other]]></UserId></Notifyer><StatuChangeEvent>1</StatuChangeEvent><ProcessList>');
    expect(submitted).toMatch(/<\/ProcessList><\/ApprovalInfo><\/xml>$/);
    expect(field(approved!, 'SpStatus')).toBe('2');
    expect(approved).toContain('<Speech><![CDATA[好]]></Speech><SpStatus>2</SpStatus>');
  });

  it('carries the leader\'s approval and speech in SpRecord and ProcessList while finance still decides', async () => {
    await drain();
    const before = receiver.deliveries.length;
    const spNo = await apply('all', { creator_userid: 'emp', template_id: templates.expense!.id, use_template_approver: 1, apply_data: { contents: expenseContents('3500') } });
    await decide(spNo, 'lead', 'approve', '同意，请财务复核');
    const decidedAt = seconds();
    await drain();
    const approved = receiver.deliveries.slice(before).find((e) => field(e.message, 'StatuChangeEvent') === '2')!.message;
    expect(field(approved, 'SpStatus')).toBe('1');
    const lead = '<Approver><UserId><![CDATA[lead]]></UserId></Approver><Speech><![CDATA[同意，请财务复核]]></Speech>';
    expect(approved).toContain(`<SpRecord><SpStatus>2</SpStatus><ApproverAttr>1</ApproverAttr><Details>${lead}<SpStatus>2</SpStatus><SpTime>${decidedAt}</SpTime></Details></SpRecord><SpRecord><SpStatus>1</SpStatus><ApproverAttr>1</ApproverAttr><Details>`);
    for (const userid of ['fin1', 'fin2']) expect(approved).toContain(`<Details><Approver><UserId><![CDATA[${userid}]]></UserId></Approver><Speech><![CDATA[]]></Speech><SpStatus>1</SpStatus><SpTime>0</SpTime></Details>`);
    expect(approved).toContain(
      `<ProcessList><NodeList><NodeType>1</NodeType><SpStatus>2</SpStatus><ApvRel>2</ApvRel><SubNodeList><UserInfo><UserId><![CDATA[lead]]></UserId></UserInfo><Speech><![CDATA[同意，请财务复核]]></Speech><SpYj>2</SpYj><Sptime>${decidedAt}</Sptime></SubNodeList></NodeList><NodeList><NodeType>1</NodeType><SpStatus>1</SpStatus><ApvRel>2</ApvRel><SubNodeList>`,
    );
    expect(approved.match(/<NodeList>/g)).toHaveLength(2);
  });
});

describe('frequency limits', () => {
  const counted = (api: string, calls: number) => {
    let allowed = 0;
    for (let i = 0; i < calls; i++) if (!server.services.apiLimits.hit({ corpId: corp.corpId, ip: '198.51.100.1', api: `/cgi-bin/oa/${api}` }).limited) allowed++;
    return allowed;
  };

  it('answers 45009 to the 601st getapprovalinfo or gettemplatedetail of a corp in a minute; getapprovaldetail has the general limit', async () => {
    // Synced, then a minute of its own: the counters start from nothing, so every call before the limit is allowed.
    await server.services.apiLimits.flush();
    server.clock.advance(60_000);
    const window = { starttime: seconds() - 60, endtime: seconds() };
    // The calls counted as if other servers had made them: the HTTP path consults the same counters.
    expect(counted('getapprovalinfo', 599)).toBe(599);
    expect((await oa('all', 'getapprovalinfo', window)).body.errcode).toBe(0);
    const limited = await oa('all', 'getapprovalinfo', window);
    expect(limited.body).toMatchObject({ errcode: 45009, sp_no_list: [] });
    expect(counted('gettemplatedetail', 600)).toBe(600);
    expect((await oa('all', 'gettemplatedetail', { template_id: templates.general!.id })).body.errcode).toBe(45009);
    expect(counted('getapprovaldetail', 700)).toBe(700);
    expect((await oa('all', 'getapprovaldetail', { sp_no: '209901010001' })).body.errcode).toBe(301025);
    server.clock.advance(60_000);
    expect((await oa('all', 'getapprovalinfo', window)).body.errcode).toBe(0);
  });
});
