import type { Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditInput } from '../audit';
import { contactEvent, eventXml, eventXmlFields } from './contact-events';

/**
 * Writes events for apps' callback URLs into the outbox, in the transaction of the change that caused them: the
 * event exists exactly when the change does, and a restart loses nothing (the dispatcher sends what is pending).
 */
export class CallbackOutbox {
  constructor(private readonly clock: Clock) {}

  /**
   * change_contact for an audited directory change. It goes to the directory-sync app — except for changes it made
   * itself through the API, as WeCom does — and to custom apps that see the whole directory.
   */
  async contactChanged(trx: Trx, corpId: string, ctx: ActorContext, input: AuditInput): Promise<void> {
    const event = contactEvent(input);
    if (!event) return;
    let receivers = trx
      .selectFrom('apps')
      .select('id')
      .where('corp_id', '=', corpId)
      .where('enabled', '=', true)
      .where('callback_verified_at', 'is not', null)
      .where((eb) => eb.or([eb('kind', '=', 'contacts_sync'), eb('visible_all', '=', true)]));
    if (ctx.actorId === 'app:contacts_sync') receivers = receivers.where('kind', '!=', 'contacts_sync');
    const apps = await receivers.execute();
    if (apps.length === 0) return;
    const now = this.clock.now();
    const message = eventXml(corpId, Math.floor(now.getTime() / 1000), 'change_contact', [['ChangeType', event.changeType], ...event.fields]);
    await trx
      .insertInto('callback_deliveries')
      .values(apps.map((app) => ({ corp_id: corpId, app_id: app.id, event: 'change_contact', change_type: event.changeType, message, next_attempt_at: now, created_at: now })))
      .execute();
  }

  /** batch_job_result for the app that ran a batch job, when it has a callback URL. */
  async batchJobResult(trx: Trx, corpId: string, appId: string, job: { jobId: string; type: string; errcode: number; errmsg: string }): Promise<void> {
    const app = await trx.selectFrom('apps').select('id').where('id', '=', appId).where('enabled', '=', true).where('callback_verified_at', 'is not', null).executeTakeFirst();
    if (!app) return;
    const now = this.clock.now();
    const batchJob = `<BatchJob>${eventXmlFields([['JobId', job.jobId], ['JobType', job.type], ['ErrCode', job.errcode], ['ErrMsg', job.errmsg]])}</BatchJob>`;
    const message = eventXml(corpId, Math.floor(now.getTime() / 1000), 'batch_job_result', [], batchJob);
    await trx.insertInto('callback_deliveries').values({ corp_id: corpId, app_id: appId, event: 'batch_job_result', change_type: job.type, message, next_attempt_at: now, created_at: now }).execute();
  }
}
