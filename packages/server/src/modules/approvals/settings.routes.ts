import { approvalSettingsSchema } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { AuditLog } from '../audit';
import { requestScope } from '../directory';
import { approvalApiAgentIds, saveApprovalApiAgentIds } from './settings.service';

const tags = ['approvals'];
const manage = { access: adminAccess('approvals.manage') };

/** The corp's approval settings: which apps may use the approval API. Corp-wide approval admins only. */
export function registerApprovalSettingsRoutes(app: HttpApp, deps: { db: Kysely<DB>; audit: AuditLog; clock: Clock }): void {
  const { db } = deps;

  /** Which apps read every request of the corp is not for an admin whose scope is a few departments. */
  const corpWide = (request: Parameters<typeof requestScope>[0]) => {
    const scope = requestScope(request);
    if (scope.reach !== 'all') throw new AppError('auth.forbidden');
    return scope;
  };

  app.get('/api/v1/approvals/settings', { config: manage, schema: { tags, response: { 200: approvalSettingsSchema } } }, async (request) => {
    const { corpId } = corpWide(request);
    return { apiAgentIds: await approvalApiAgentIds(db, corpId) };
  });

  app.put('/api/v1/approvals/settings', { config: manage, schema: { tags, body: approvalSettingsSchema, response: { 200: approvalSettingsSchema } } }, async (request) => {
    const { corpId } = corpWide(request);
    const apiAgentIds = await db.transaction().execute((trx) => saveApprovalApiAgentIds(trx, deps.audit, deps.clock.now(), corpId, request.body.apiAgentIds, actorContext(request)));
    return { apiAgentIds };
  });
}
