import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';

// 审批 →「可调用接口的应用」: the custom apps that may call /cgi-bin/oa and hear sys_approval_change. Stored as app
// ids (an AgentID is only a label of the app); shown and set as AgentIDs, as the console and WeCom name apps.

/** The AgentIDs of the custom apps that may use the approval API, in AgentID order. */
export async function approvalApiAgentIds(db: Executor, corpId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('approval_settings as s')
    .innerJoin('apps as a', (join) => join.onRef('a.corp_id', '=', 's.corp_id').on((eb) => eb('a.id', '=', eb.fn.any('s.api_app_ids'))))
    .select('a.agent_id')
    .where('s.corp_id', '=', corpId)
    .where('a.kind', '=', 'custom')
    .orderBy('a.agent_id')
    .execute();
  return rows.map((r) => r.agent_id).filter((id): id is number => id !== null);
}

/** The app ids listed, whatever their state (the callback outbox picks the enabled ones with a verified URL). */
export async function approvalApiAppIds(db: Executor, corpId: string): Promise<string[]> {
  const row = await db.selectFrom('approval_settings').select('api_app_ids').where('corp_id', '=', corpId).executeTakeFirst();
  return row?.api_app_ids ?? [];
}

/** Whether an app is listed: WeCom answers 301055 to any other app's /cgi-bin/oa call. */
export async function mayUseApprovalApi(db: Executor, corpId: string, appId: string): Promise<boolean> {
  return (await approvalApiAppIds(db, corpId)).includes(appId);
}

/**
 * Replaces the list. Every AgentID must be one of the corp's custom apps (the directory-sync app has none and
 * cannot be listed); all unknown ones are reported at once. Audited with the lists before and after.
 */
export async function saveApprovalApiAgentIds(trx: Trx, audit: AuditLog, now: Date, corpId: string, agentIds: readonly number[], ctx: ActorContext): Promise<number[]> {
  const wanted = [...new Set(agentIds)];
  const apps = wanted.length
    ? await trx.selectFrom('apps').select(['id', 'agent_id']).where('corp_id', '=', corpId).where('kind', '=', 'custom').where('agent_id', 'in', wanted).execute()
    : [];
  const unknown = agentIds.map((id, i) => ({ id, i })).filter(({ id }) => !apps.some((a) => a.agent_id === id));
  if (unknown.length) throw new AppError('common.validation_failed', { fields: unknown.map(({ i }) => ({ path: `apiAgentIds.${i}`, reason: 'no custom app with this AgentID' })) });
  const before = await approvalApiAgentIds(trx, corpId);
  const ids = apps.map((a) => a.id);
  await trx
    .insertInto('approval_settings')
    .values({ corp_id: corpId, api_app_ids: ids, updated_at: now })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ api_app_ids: ids, updated_at: now }))
    .execute();
  const after = await approvalApiAgentIds(trx, corpId);
  await audit.record(trx, corpId, ctx, { action: 'approvals.settings_update', targetType: 'corp', targetId: corpId, before: { apiAgentIds: before }, after: { apiAgentIds: after } });
  return after;
}
