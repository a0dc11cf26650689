import type { Control } from '@orgdesk/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { AppCaller } from '../apps';
import { adHocRoute, apiRequestBySpNo, apiRequestPage, approvalQueries, corpTimezone, directoryNames, mayUseApprovalApi, memberIdOf, type ApprovalService, type TemplateService } from '../approvals';
import { memberIsWithin } from '../directory';
import { appContext, caller } from './cgi-bin';
import { applyBody, encodeCursor, listBody, listFilters, listWindow, oaInput, pageStart, routeNodes, summaryOf } from './oa-input';
import { wecomApprovalInfo, wecomTemplate } from './oa-present';
import { formFromContents, namedInForm } from './oa-values';

const templateBody = z.object({ template_id: z.string({ message: 'is required' }).min(1).max(64) });
const detailBody = z.object({ sp_no: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,20}$/, 'is invalid')) });

/** Errors of a submission that are parameter errors to WeCom's approval API (301025), whatever the native API calls them. */
function asApiError(error: unknown): never {
  if (error instanceof AppError && error.code === 'common.validation_failed') throw new AppError('approvals.api_param_invalid', { fields: error.details.fields });
  throw error;
}

/**
 * 审批 for apps (/cgi-bin/oa): template detail, submitting, listing and reading requests. Only the apps an approval
 * admin listed (审批 →「可调用接口的应用」) may call it (301055 otherwise), and an app sees the requests of applicants
 * within its visible range.
 */
export function registerOaApi(cgi: FastifyInstance, deps: { db: Kysely<DB>; approvals: ApprovalService; templates: TemplateService }): void {
  const { db, approvals, templates } = deps;

  const oaCaller = async (request: FastifyRequest): Promise<AppCaller> => {
    const app = caller(request);
    if (!(await mayUseApprovalApi(db, app.corpId, app.appId))) throw new AppError('approvals.api_not_allowed');
    return app;
  };

  cgi.post('/oa/gettemplatedetail', { config: { emptyLists: { template_names: [] } } }, async (request) => {
    const app = await oaCaller(request);
    const { template_id } = oaInput(templateBody, request.body);
    // Any template of the corp, as WeCom answers any template id of the corp; who may apply is checked on submit.
    const template = await templates.getForAdmin(db, app.corpId, 'all', template_id);
    return { errcode: 0, errmsg: 'ok', ...wecomTemplate(template) };
  });

  cgi.post('/oa/applyevent', async (request) => {
    const app = await oaCaller(request);
    const body = oaInput(applyBody, request.body);
    const template = await templates.find(db, app.corpId, body.template_id);
    if (!template) throw new AppError('approvals.template_not_found', { fields: [{ path: 'template_id', reason: 'is invalid' }] });
    const memberId = await memberIdOf(db, app.corpId, body.creator_userid);
    if (!memberId) throw new AppError('approvals.creator_invalid', { fields: [{ path: 'creator_userid', reason: 'is invalid' }] });
    if (!(await memberIsWithin(db, app.corpId, app.reach, memberId))) throw new AppError('apps.out_of_range');
    const form = formFromContents(template.controls as Control[], body.apply_data.contents, await corpTimezone(db, app.corpId));
    const nodes = body.use_template_approver === 1 ? null : routeNodes(body);
    const created = await db
      .transaction()
      .execute(async (trx) => {
        const route = nodes ? await adHocRoute(trx, app.corpId, nodes) : undefined;
        const input = { templateId: template.id, form, departmentId: body.choose_department, chosenApprovers: {}, urgent: false };
        return approvals.submit(trx, app.corpId, { memberId, actor: memberId }, input, appContext(request), { route, summary: summaryOf(body) });
      })
      .catch(asApiError);
    return { errcode: 0, errmsg: 'ok', sp_no: created.sp_no };
  });

  cgi.post('/oa/getapprovalinfo', { config: { emptyLists: { sp_no_list: [] } } }, async (request) => {
    const app = await oaCaller(request);
    const body = oaInput(listBody, request.body);
    const start = pageStart(body);
    const page = await apiRequestPage(db, app.corpId, app.reach, listWindow(body), listFilters(body), start, body.size);
    const answer: Record<string, unknown> = { errcode: 0, errmsg: 'ok', sp_no_list: page.spNos, new_next_cursor: page.more && page.last ? encodeCursor(page.last) : '' };
    // The legacy form (an int cursor, no new_cursor) gets its int next_cursor too: the offset of the next page.
    if (body.cursor !== undefined && !body.new_cursor) answer.next_cursor = page.more ? body.cursor + page.spNos.length : 0;
    return answer;
  });

  cgi.post('/oa/getapprovaldetail', async (request) => {
    const app = await oaCaller(request);
    const { sp_no } = oaInput(detailBody, request.body);
    const found = await apiRequestBySpNo(db, app.corpId, app.reach, sp_no);
    if (!found) throw new AppError('approvals.api_param_invalid', { fields: [{ path: 'sp_no', reason: 'no approval request with this sp_no' }] });
    // The applicant lies outside the app's visible range: no privilege (60011), as for the directory.
    if (!found.inReach) throw new AppError('apps.out_of_range');
    const detail = await approvalQueries.detail(db, app.corpId, found.id, null);
    const named = namedInForm(detail.controls, detail.form);
    const [zone, names] = await Promise.all([corpTimezone(db, app.corpId), directoryNames(db, app.corpId, named.userids, named.departmentIds)]);
    return { errcode: 0, errmsg: 'ok', info: wecomApprovalInfo(detail, zone, names) };
  });
}
