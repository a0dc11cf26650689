import type { MessageType } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { departmentsOutside, memberWithin } from '../directory';
import { fanOut } from '../notifications';

/** Who a message is for: userids (or everyone the sender may reach), departments with their subtrees, tags. */
export interface Recipients {
  touser: string[] | 'all';
  toparty: number[];
  totag: number[];
}

export interface SendResult {
  msgid: string;
  recipients: number;
  invalidUsers: string[];
  invalidParties: number[];
  invalidTags: number[];
}

/** A member's quota of messages from one app (WeCom: 30 a minute, 1,000 an hour). */
const PER_MINUTE = 30;
const PER_HOUR = 1000;

/** Members who can receive: active or not yet activated (they read it once they activate). */
const RECEIVING = [1, 4];

/**
 * App messages: stored once, one inbox row per recipient, only within what the sender may reach (an app's visible
 * range). They go through the notifications outbox (its rules, email and webhooks) in one statement through the
 * directory's scope SQL, so a department of 10,000 people costs one INSERT … SELECT.
 */
export class MessageService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** Whether app messages also go out by email (a mail server is configured). */
    private readonly sendsEmail = true,
  ) {}

  async send(trx: Trx, sender: { corpId: string; appId: string; reach: Reach }, to: Recipients, message: { msgtype: MessageType; body: unknown }, ctx: ActorContext): Promise<SendResult> {
    const { corpId, reach } = sender;
    const users = to.touser === 'all' ? [] : [...new Set(to.touser.map((u) => u.toLowerCase()))];
    const valid = await trx
      .selectFrom('members as m')
      .select(['m.id', 'm.userid'])
      .where('m.corp_id', '=', corpId)
      .where((eb) => eb(eb.fn('lower', ['m.userid']), 'in', users.length ? users : ['']))
      .where('m.status', 'in', RECEIVING)
      .where(memberWithin(corpId, reach, 'm.id'))
      .execute();
    const found = new Set(valid.map((m) => m.userid.toLowerCase()));
    const invalidUsers = users.filter((u) => !found.has(u));
    const invalidParties = to.toparty.length ? await departmentsOutside(trx, corpId, reach, to.toparty) : [];
    const existingTags = to.totag.length ? await trx.selectFrom('tags').select('id').where('corp_id', '=', corpId).where('id', 'in', to.totag).execute() : [];
    const invalidTags = to.totag.filter((t) => !existingTags.some((e) => e.id === t));
    const parties = to.toparty.filter((p) => !invalidParties.includes(p));
    const tags = to.totag.filter((t) => !invalidTags.includes(t));
    const nothingValid = to.touser !== 'all' && valid.length === 0 && parties.length === 0 && tags.length === 0;
    if (nothingValid) {
      const fields = [
        ...(invalidUsers.length ? [{ path: 'touser', reason: `invalid: ${invalidUsers.join('|')}` }] : []),
        ...(invalidParties.length ? [{ path: 'toparty', reason: `invalid: ${invalidParties.join('|')}` }] : []),
        ...(invalidTags.length ? [{ path: 'totag', reason: `invalid: ${invalidTags.join('|')}` }] : []),
      ];
      throw new AppError('messages.all_invalid', { fields });
    }

    const now = this.clock.now();
    const stored = await trx.insertInto('messages').values({ corp_id: corpId, app_id: sender.appId, msgtype: message.msgtype, body: JSON.stringify(message.body), recipients: 0, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const addressed: Reach = to.touser === 'all' ? 'all' : { departments: parties, tags, members: valid.map((m) => m.id) };
    const minuteAgo = new Date(now.getTime() - 60_000);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    // Members past their quota from this app (30 a minute, 1,000 an hour) are silently left out, as WeCom does.
    // Counted from the inbox by send time, deferred copies included: they were sent, only not yet shown.
    const result = await fanOut(trx, {
      sendsEmail: this.sendsEmail,
      corpId,
      messageId: stored.id,
      appId: sender.appId,
      urgent: false,
      now,
      addressed: sql`select m.id from members m
         where m.corp_id = ${corpId} and m.status in (1, 4)
           and ${memberWithin(corpId, reach, 'm.id')}
           and ${memberWithin(corpId, addressed, 'm.id')}`,
      admit: sql`(select count(*) from inbox_items q where q.member_id = a.id and q.app_id = ${sender.appId}::uuid and q.created_at > ${minuteAgo}::timestamptz) < ${PER_MINUTE}
         and (select count(*) from inbox_items q where q.member_id = a.id and q.app_id = ${sender.appId}::uuid and q.created_at > ${hourAgo}::timestamptz) < ${PER_HOUR}`,
    });
    const recipients = result.inbox;
    const overQuota = result.addressed - recipients;
    await this.audit.record(trx, corpId, ctx, { action: 'messages.send', targetType: 'message', targetId: stored.id, after: { msgtype: message.msgtype, recipients, overQuota, invalidUsers, invalidParties, invalidTags } });
    return { msgid: stored.id.replaceAll('-', ''), recipients, invalidUsers, invalidParties, invalidTags };
  }
}
