import {
  addApproverInput,
  approvalFileParams,
  attachmentSchema,
  applyInput,
  approvalDetailSchema,
  approvalListQuery,
  approvalPage,
  approvalParams,
  commentInput,
  decideInput,
  leaveBalanceList,
  leaveDuration,
  leaveDurationQuery,
  resubmitInput,
  returnInput,
  simpleActionInput,
  templateList,
  transferInput,
  type Control,
  type WorkCalendar,
} from '@orgdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, Trx } from '../../db';
import { memberAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { HttpApp } from '../../platform/http/server';
import type { Actor, ApprovalActions } from './actions';
import { attachmentOfRequest, MAX_ATTACHMENT_BYTES, storeAttachment } from './attachments';
import { approvalQueries } from './approval.queries';
import type { ApprovalService } from './approval.service';
import { leaveBalances } from './leave-balance';
import { leaveHalfDays } from './leave';
import { canSee } from './visibility';
import { readUpload, sendAttachment } from './upload';
import type { TemplateService } from './template.service';

const tags = ['portal'];
const member = { access: memberAccess };

/** A member's approvals in the portal: apply, the four boxes, one request, and the actions on it. */
export function registerApprovalPortalRoutes(app: HttpApp, deps: { db: Kysely<DB>; approvals: ApprovalService; actions: ApprovalActions; templates: TemplateService; clock: Clock }): void {
  const { db, approvals, actions, templates } = deps;
  const actor = (request: FastifyRequest): Actor => ({ memberId: requirePrincipal(request).memberId, ctx: actorContext(request) });
  const detail = (request: FastifyRequest, id: string) => approvalQueries.detail(db, requirePrincipal(request).corpId, id, requirePrincipal(request).memberId);

  app.get('/api/v1/portal/approvals/templates', { config: member, schema: { tags, response: { 200: templateList } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    return { items: await templates.listForMember(db, corpId, memberId) };
  });

  app.post('/api/v1/portal/approvals', { config: member, schema: { tags, body: applyInput, response: { 200: approvalDetailSchema } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    const created = await db.transaction().execute((trx) => approvals.submit(trx, corpId, { memberId, actor: memberId }, request.body, actorContext(request)));
    return detail(request, created.id);
  });

  app.get('/api/v1/portal/approvals', { config: member, schema: { tags, querystring: approvalListQuery, response: { 200: approvalPage } } }, async (request) => {
    const { box, page, pageSize, ...filters } = request.query;
    return approvalQueries.box(db, requirePrincipal(request).memberId, box, { page, pageSize }, filters);
  });

  app.get('/api/v1/portal/approvals/leave-duration', { config: member, schema: { tags, querystring: leaveDurationQuery, response: { 200: leaveDuration } } }, async (request) => {
    const corp = await db.selectFrom('corps').select('calendar').where('id', '=', requirePrincipal(request).corpId).executeTakeFirstOrThrow();
    return { days: Math.max(leaveHalfDays(corp.calendar as WorkCalendar, request.query), 0) / 2 };
  });

  app.get('/api/v1/portal/approvals/leave-balances', { config: member, schema: { tags, response: { 200: leaveBalanceList } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    return { items: await leaveBalances(db, corpId, { memberId }) };
  });

  // Attachments are uploaded first (one file, up to 20 MB) and then named by id in the form's File controls.
  app.post('/api/v1/portal/approvals/files', { config: member, schema: { tags, response: { 200: attachmentSchema } } }, async (request) => {
    const { corpId, memberId } = requirePrincipal(request);
    const file = await readUpload(request, MAX_ATTACHMENT_BYTES);
    return db.transaction().execute((trx) => storeAttachment(trx, corpId, memberId, file, deps.clock.now()));
  });

  app.get('/api/v1/portal/approvals/:id/files/:fileId', { config: member, schema: { tags, params: approvalFileParams } }, async (request, reply) => {
    const { corpId, memberId } = requirePrincipal(request);
    const row = await db.selectFrom('approval_requests').selectAll().where('corp_id', '=', corpId).where('id', '=', request.params.id).executeTakeFirst();
    if (!row || !(await canSee(db, row, memberId))) throw new AppError('approvals.not_found');
    return sendAttachment(reply, await attachmentOfRequest(db, corpId, row.controls as Control[], row.form, request.params.fileId));
  });

  app.get('/api/v1/portal/approvals/:id', { config: member, schema: { tags, params: approvalParams, response: { 200: approvalDetailSchema } } }, async (request) => detail(request, request.params.id));

  /** Each action: one transaction, then the request as it now stands. */
  const action = <B>(path: string, body: import('zod').ZodType<B>, run: (trx: Trx, corpId: string, id: string, who: Actor, input: B) => Promise<void>) =>
    app.post(`/api/v1/portal/approvals/:id/${path}`, { config: member, schema: { tags, params: approvalParams, body, response: { 200: approvalDetailSchema } } }, async (request) => {
      const { corpId } = requirePrincipal(request);
      await db.transaction().execute((trx) => run(trx, corpId, request.params.id, actor(request), request.body as B));
      return detail(request, request.params.id);
    });
  action('decide', decideInput, (trx, corpId, id, who, input) => actions.decide(trx, corpId, id, who, input));
  action('return', returnInput, (trx, corpId, id, who, input) => actions.returnTo(trx, corpId, id, who, input));
  action('transfer', transferInput, (trx, corpId, id, who, input) => actions.transfer(trx, corpId, id, who, input));
  action('add-approvers', addApproverInput, (trx, corpId, id, who, input) => actions.addApprovers(trx, corpId, id, who, input));
  action('withdraw', simpleActionInput, (trx, corpId, id, who, input) => actions.withdraw(trx, corpId, id, who, input));
  action('delete', simpleActionInput, (trx, corpId, id, who, input) => actions.remove(trx, corpId, id, who, input));
  action('comment', commentInput, (trx, corpId, id, who, input) => actions.comment(trx, corpId, id, who, input));
  action('urge', simpleActionInput, (trx, corpId, id, who, input) => actions.urge(trx, corpId, id, who, input));
  action('resubmit', resubmitInput, (trx, corpId, id, who, input) => actions.resubmit(trx, corpId, id, who, input));
}
