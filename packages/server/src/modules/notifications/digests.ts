import type { EmailMode, WorkCalendar } from '@orgdesk/contracts';
import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import type { EmailGateway } from '../../platform/kernel/email';
import type { NotificationDeliveryRow } from './notifications.table';
import { zoneOf } from './rules';
import { readable, type NoticeColumns, type Readable, type SendOutcome } from './senders';

/** Notices a digest lists by name; the count covers them all, the rest wait in the inbox. */
const LISTED = 50;

/** Everything one digest needs, read for a whole batch at once so sending touches no database. */
export interface DigestContext {
  member: { email: string | null; status: number; mode: EmailMode | null };
  emailEnabled: boolean;
  /** The member's zone, for the times the digest shows. */
  zone: string;
  /** The newest unread notices of its window, newest first (at most LISTED). */
  notices: Readable[];
  /** How many unread notices its window holds. */
  unread: number;
}

interface DigestRow {
  delivery_id: string;
  email: string | null;
  status: number;
  email_mode: EmailMode | null;
  email_enabled: boolean | null;
  time_zone: string | null;
  calendar: WorkCalendar;
  unread: number;
  notices: (Omit<NoticeColumns, 'created_at'> & { created_at: string })[];
}

/**
 * The contexts of a batch's digests, in one statement. A digest lists the member's notices visible by `now` and still
 * unread, since the last digest they were sent (all unread ones before their first): not muted apps' notices (mute
 * means no email) nor ones already emailed to them on their own (sent while they chose each notice).
 */
export async function loadDigests(db: Kysely<DB>, deliveries: readonly NotificationDeliveryRow[], now: Date): Promise<Map<string, DigestContext>> {
  const ids = deliveries.filter((d) => d.channel === 'digest').map((d) => d.id);
  if (ids.length === 0) return new Map();
  const rows = await sql<DigestRow>`
    select d.id as delivery_id, m.email, m.status, p.email_mode, s.email_enabled, p.time_zone, c.calendar, w.unread, w.notices
      from notification_deliveries d
      join members m on m.id = d.target
      join corps c on c.id = d.corp_id
      left join notification_settings s on s.corp_id = d.corp_id
      left join notification_preferences p on p.member_id = d.target
      left join lateral (
        select max(x.delivered_at) as since from notification_deliveries x
         where x.channel = 'digest' and x.target = d.target and x.status = 'delivered') last on true
      cross join lateral (
        select count(*)::int as unread, coalesce(json_agg(u.notice order by u.due_at desc) filter (where u.rank <= ${LISTED}), '[]') as notices
          from (
            select i.due_at, row_number() over (order by i.due_at desc) as rank,
                   json_build_object('id', msg.id, 'kind', msg.kind, 'msgtype', msg.msgtype, 'body', msg.body, 'urgent', msg.urgent,
                                     'created_at', i.due_at, 'agent_id', a.agent_id, 'app_name', a.name) as notice
              from inbox_items i
              join messages msg on msg.id = i.message_id
              left join apps a on a.id = msg.app_id
             where i.member_id = d.target and i.read_at is null and i.due_at <= ${now}::timestamptz
               and (last.since is null or i.due_at > last.since)
               and not coalesce(i.app_id = any(p.muted_app_ids), false)
               and not exists (select 1 from notification_deliveries e
                                where e.message_id = i.message_id and e.channel = 'email' and e.target = d.target and e.status = 'delivered')) u) w
     where d.id = any(${ids}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.delivery_id, digestContext(r)]));
}

function digestContext(r: DigestRow): DigestContext {
  return {
    member: { email: r.email, status: r.status, mode: r.email_mode },
    emailEnabled: r.email_enabled ?? true,
    zone: zoneOf({ timeZone: r.time_zone, calendar: r.calendar }),
    notices: r.notices.map((n) => readable({ ...n, created_at: new Date(n.created_at) })),
    unread: r.unread,
  };
}

/** The digest email: Chinese first, then English, as the rest of the product's mail; one line per notice. */
export function digestEmail(digest: DigestContext): { subject: string; text: string } {
  const { unread, notices, zone } = digest;
  const lines = notices.map((n) => {
    const at = DateTime.fromJSDate(n.createdAt, { zone }).toFormat('yyyy-MM-dd HH:mm');
    return `· ${n.urgent ? '【紧急】' : ''}${n.title}（${at}）${n.url ? `\n  ${n.url}` : ''}`;
  });
  const more = unread > notices.length ? [`……另有 ${unread - notices.length} 条，请在消息中心查看。`] : [];
  const english = `You have ${unread} unread ${unread === 1 ? 'notice' : 'notices'} in Orgdesk.`;
  return { subject: `【Orgdesk】你有 ${unread} 条未读通知`, text: [`你有 ${unread} 条未读通知：`, '', ...lines, ...more, '', english].join('\n') };
}

/**
 * Emails one member their digest, unless there is nothing unread, or they, their mode or the corp no longer want it.
 * A digest whose earlier claim ran out (a sender stopped mid-send) is in doubt: it may have gone out, and is not sent
 * again — at most one digest per member and day; what it listed and is still unread is in the next one.
 */
export async function sendDigest(email: EmailGateway, digest: DigestContext | undefined, inDoubt: boolean): Promise<SendOutcome> {
  if (!digest) return { error: 'the member was removed', skip: true };
  if (inDoubt) return { error: 'in doubt: a sender stopped while sending it, so it is not sent again', skip: true };
  const { member } = digest;
  if (!member.email || ![1, 4].includes(member.status)) return { error: 'the member has no email address or has left', skip: true };
  if (member.mode !== 'daily') return { error: 'the member no longer wants a daily digest', skip: true };
  if (!digest.emailEnabled) return { error: 'the corp turned email off', skip: true };
  if (digest.unread === 0) return { error: 'nothing unread', skip: true };
  await email.send({ to: member.email, ...digestEmail(digest) });
  return { error: null };
}
