import type { Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditInput } from '../audit';
import type { Reach } from '../../platform/http/access';
import { departmentsOutside, memberIsWithin } from '../directory';
import { contactEvent, eventXml, eventXmlFields, type ContactEvent } from './contact-events';

/** A receiver named with an event rather than configured on the app: its URL, and its token and key sealed. */
export interface SealedReceiver {
  url: string;
  tokenSealed: string;
  keySealed: string;
}

/**
 * Writes events for apps' callback URLs into the outbox, in the transaction of the change that caused them: the
 * event exists exactly when the change does, and a restart loses nothing (the dispatcher sends what is pending).
 */
export class CallbackOutbox {
  constructor(private readonly clock: Clock) {}

  /**
   * change_contact for an audited directory change. It goes to the directory-sync app — except for changes it made
   * itself through the API, as WeCom does — to custom apps that see the whole directory, and to custom apps whose
   * visible range holds the member, the department or the tag.
   */
  async contactChanged(trx: Trx, corpId: string, ctx: ActorContext, input: AuditInput): Promise<void> {
    const event = contactEvent(input);
    if (!event) return;
    const apps = await trx
      .selectFrom('apps')
      .select(['id', 'kind', 'visible_all', 'visible_departments', 'visible_tags', 'visible_members'])
      .where('corp_id', '=', corpId)
      .where('enabled', '=', true)
      .where('callback_verified_at', 'is not', null)
      .execute();
    const receivers: string[] = [];
    for (const app of apps) {
      if (app.kind === 'contacts_sync' ? ctx.actorId !== 'app:contacts_sync' : app.visible_all || (await this.inRange(trx, corpId, app, event, input))) receivers.push(app.id);
    }
    if (receivers.length === 0) return;
    const now = this.clock.now();
    const message = eventXml(corpId, Math.floor(now.getTime() / 1000), 'change_contact', [['ChangeType', event.changeType], ...event.fields]);
    await trx
      .insertInto('callback_deliveries')
      .values(receivers.map((appId) => ({ corp_id: corpId, app_id: appId, event: 'change_contact', change_type: event.changeType, message, next_attempt_at: now, created_at: now })))
      .execute();
  }

  /** Whether an app with a partial visible range sees what the event is about (a deleted department: it cannot tell). */
  private async inRange(trx: Trx, corpId: string, app: { visible_departments: number[]; visible_tags: number[]; visible_members: string[] }, event: ContactEvent, input: AuditInput): Promise<boolean> {
    const reach: Reach = { departments: app.visible_departments, tags: app.visible_tags, members: app.visible_members };
    const target = input.targetId ?? '';
    if (event.changeType === 'update_tag') return app.visible_tags.includes(Number(target));
    if (event.changeType === 'create_party' || event.changeType === 'update_party') return (await departmentsOutside(trx, corpId, reach, [Number(target)])).length === 0;
    if (event.changeType === 'delete_party') return false;
    const member = await trx.selectFrom('members').select('id').where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), '=', target.toLowerCase())).executeTakeFirst();
    return member !== undefined && (await memberIsWithin(trx, corpId, reach, member.id));
  }

  /**
   * batch_job_result for the app that ran a batch job: to its callback URL when it has one, and to the receiver the
   * batch call named (its URL, token and key, already sealed), as WeCom posts to both.
   */
  async batchJobResult(trx: Trx, corpId: string, appId: string, job: { jobId: string; type: string; errcode: number; errmsg: string }, target: SealedReceiver | null): Promise<void> {
    const app = await trx.selectFrom('apps').select(['id', 'callback_verified_at']).where('id', '=', appId).where('enabled', '=', true).executeTakeFirst();
    if (!app) return;
    const now = this.clock.now();
    const batchJob = `<BatchJob>${eventXmlFields([['JobId', job.jobId], ['JobType', job.type], ['ErrCode', job.errcode], ['ErrMsg', job.errmsg]])}</BatchJob>`;
    const message = eventXml(corpId, Math.floor(now.getTime() / 1000), 'batch_job_result', [], batchJob);
    const row = { corp_id: corpId, app_id: appId, event: 'batch_job_result', change_type: job.type, message, next_attempt_at: now, created_at: now };
    const rows = [
      ...(app.callback_verified_at ? [row] : []),
      ...(target ? [{ ...row, target_url: target.url, target_token_sealed: target.tokenSealed, target_aes_key_sealed: target.keySealed }] : []),
    ];
    if (rows.length) await trx.insertInto('callback_deliveries').values(rows).execute();
  }

  /**
   * sys_approval_change for a change of an approval request, to each of the listed apps (审批 →「可调用接口的应用」)
   * that is an enabled custom app with a verified callback URL. `approvalInfo` is the ApprovalInfo element; each app's
   * copy carries its own AgentID.
   */
  async approvalChanged(trx: Trx, corpId: string, appIds: readonly string[], approvalInfo: string, statusChange: number): Promise<void> {
    if (appIds.length === 0) return;
    const apps = await trx
      .selectFrom('apps')
      .select(['id', 'agent_id'])
      .where('corp_id', '=', corpId)
      .where('id', 'in', [...appIds])
      .where('kind', '=', 'custom')
      .where('enabled', '=', true)
      .where('callback_verified_at', 'is not', null)
      .execute();
    if (apps.length === 0) return;
    const now = this.clock.now();
    const createTime = Math.floor(now.getTime() / 1000);
    await trx
      .insertInto('callback_deliveries')
      .values(apps.map((app) => ({ corp_id: corpId, app_id: app.id, event: 'sys_approval_change', change_type: String(statusChange), message: eventXml(corpId, createTime, 'sys_approval_change', [['AgentID', app.agent_id ?? 0]], approvalInfo), next_attempt_at: now, created_at: now })))
      .execute();
  }
}
