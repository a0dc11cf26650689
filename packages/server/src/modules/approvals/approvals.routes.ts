import { approvalAdminQuery, approvalDetailSchema, approvalFileParams, approvalStatsQuery, approvalStatsSchema, type Control, approvalPage, approvalParams, leaveBalanceInput, leaveBalanceList, okResponse, templateInput, templateList, templateParams, templateSchema } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import { csvLine, UTF8_BOM } from '../../platform/kernel/csv';
import type { Clock } from '../../platform/kernel/clock';
import type { AuditLog } from '../audit';
import { requestScope } from '../directory';
import type { ApprovalActions } from './actions';
import { approvalQueries, exportRows } from './approval.queries';
import type { ApprovalService } from './approval.service';
import { leaveBalances, setLeaveBalance } from './leave-balance';
import { attachmentOfRequest } from './attachments';
import { registerApprovalPortalRoutes } from './portal.routes';
import { approvalStats } from './stats';
import { sendAttachment } from './upload';
import { registerApprovalSettingsRoutes } from './settings.routes';
import type { TemplateService } from './template.service';

const tags = ['approvals'];
const manage = { access: adminAccess('approvals.manage') };
const statusNames: Record<number, string> = { 1: '审批中', 2: '已通过', 3: '已驳回', 4: '已撤销', 6: '通过后撤销', 7: '已删除', 10: '已支付' };

/** 审批 for approval admins (templates, every request in scope, leave balances) and, in the portal, for members. */
export function registerApprovalRoutes(app: HttpApp, deps: { db: Kysely<DB>; approvals: ApprovalService; actions: ApprovalActions; templates: TemplateService; audit: AuditLog; clock: Clock }): void {
  const { db, templates } = deps;
  registerApprovalPortalRoutes(app, deps);
  registerApprovalSettingsRoutes(app, deps);

  app.get('/api/v1/approvals/templates', { config: manage, schema: { tags, response: { 200: templateList } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return { items: await templates.listForAdmin(db, corpId, reach) };
  });

  app.get('/api/v1/approvals/templates/:id', { config: manage, schema: { tags, params: templateParams, response: { 200: templateSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return templates.getForAdmin(db, corpId, reach, request.params.id);
  });

  app.post('/api/v1/approvals/templates', { config: manage, schema: { tags, body: templateInput, response: { 200: templateSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => templates.create(trx, corpId, reach, request.body, actorContext(request)));
  });

  app.put('/api/v1/approvals/templates/:id', { config: manage, schema: { tags, params: templateParams, body: templateInput, response: { 200: templateSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => templates.update(trx, corpId, reach, request.params.id, request.body, actorContext(request)));
  });

  app.get('/api/v1/approvals/requests', { config: manage, schema: { tags, querystring: approvalAdminQuery, response: { 200: approvalPage } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    const { page, pageSize, ...filters } = request.query;
    return approvalQueries.adminList(db, corpId, reach, { page, pageSize }, filters);
  });

  app.get('/api/v1/approvals/requests/export.csv', { config: manage, schema: { tags, querystring: approvalAdminQuery } }, async (request, reply) => {
    const { corpId, reach } = requestScope(request);
    const { page: _page, pageSize: _size, ...filters } = request.query;
    const rows = await exportRows(db, corpId, reach, filters);
    const lines = [csvLine(['审批编号', '审批名称', '状态', '申请人', '申请人帐号', '部门ID', '金额（元）', '摘要', '提交时间', '更新时间'])];
    for (const r of rows) lines.push(csvLine([r.spNo, r.name, statusNames[r.status] ?? r.status, r.applicant.name, r.applicant.userid, r.departmentId, r.amountFen === null ? '' : (r.amountFen / 100).toFixed(2), r.summary, r.createdAt, r.updatedAt]));
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="approvals.csv"');
    return UTF8_BOM + lines.join('');
  });

  app.get('/api/v1/approvals/stats', { config: manage, schema: { tags, querystring: approvalStatsQuery, response: { 200: approvalStatsSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return approvalStats(db, corpId, reach, request.query);
  });

  app.get('/api/v1/approvals/requests/:id', { config: manage, schema: { tags, params: approvalParams, response: { 200: approvalDetailSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    if (!(await approvalQueries.inScope(db, corpId, reach, request.params.id))) throw new AppError('approvals.not_found');
    return approvalQueries.detail(db, corpId, request.params.id, null);
  });

  app.get('/api/v1/approvals/requests/:id/files/:fileId', { config: manage, schema: { tags, params: approvalFileParams } }, async (request, reply) => {
    const { corpId, reach } = requestScope(request);
    if (!(await approvalQueries.inScope(db, corpId, reach, request.params.id))) throw new AppError('approvals.not_found');
    const row = await db.selectFrom('approval_requests').select(['controls', 'form']).where('id', '=', request.params.id).executeTakeFirstOrThrow();
    return sendAttachment(reply, await attachmentOfRequest(db, corpId, row.controls as Control[], row.form, request.params.fileId));
  });

  app.get('/api/v1/approvals/leave-balances', { config: manage, schema: { tags, response: { 200: leaveBalanceList } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return { items: await leaveBalances(db, corpId, { reach }) };
  });

  app.put('/api/v1/approvals/leave-balances', { config: manage, schema: { tags, body: leaveBalanceInput, response: { 200: okResponse } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    await db.transaction().execute((trx) => setLeaveBalance(trx, deps.audit, deps.clock.now(), corpId, reach, request.body, actorContext(request)));
    return { ok: true as const };
  });

}
