import type { StoredNotificationPreferences } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { DeliveryChannel, DeliveryStatus } from './notifications.table';

/** A member's preferences, or the defaults when they never saved any; `email` answers the older switch. */
export async function findPreferences(db: Executor, memberId: string): Promise<StoredNotificationPreferences> {
  const row = await db.selectFrom('notification_preferences').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  if (!row) return { quietHours: null, timeZone: null, mutedAppIds: [], emailMode: 'each', email: true };
  const quietHours = row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null;
  return { quietHours, timeZone: row.time_zone, mutedAppIds: row.muted_app_ids, emailMode: row.email_mode, email: row.email_mode !== 'off' };
}

/** Saves a member's preferences. */
export async function upsertPreferences(db: Executor, corpId: string, memberId: string, p: Omit<StoredNotificationPreferences, 'email'>, now: Date): Promise<void> {
  const values = { quiet_start: p.quietHours?.start ?? null, quiet_end: p.quietHours?.end ?? null, time_zone: p.timeZone, muted_app_ids: p.mutedAppIds, email_mode: p.emailMode, updated_at: now };
  await db
    .insertInto('notification_preferences')
    .values({ member_id: memberId, corp_id: corpId, ...values })
    .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
    .execute();
}

/** The corp's apps a member can mute (custom apps; the directory-sync app sends nothing). */
export async function corpApps(db: Executor, corpId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('apps').select(['id', 'name']).where('corp_id', '=', corpId).where('kind', '!=', 'contacts_sync').orderBy('agent_id').execute();
}

/** Saves the corp's settings. */
export async function upsertSettings(db: Executor, corpId: string, s: { workingHoursOnly: boolean; emailEnabled: boolean; webhooksEnabled: boolean }, now: Date): Promise<void> {
  const values = { working_hours_only: s.workingHoursOnly, email_enabled: s.emailEnabled, webhooks_enabled: s.webhooksEnabled, updated_at: now };
  await db
    .insertInto('notification_settings')
    .values({ corp_id: corpId, ...values })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet(values))
    .execute();
}

/** A corp's webhooks, oldest first. */
export async function listWebhooks(db: Executor, corpId: string) {
  return db.selectFrom('notification_webhooks').select(['id', 'name', 'url', 'enabled', 'created_at']).where('corp_id', '=', corpId).orderBy('created_at').orderBy('id').execute();
}

/** One webhook of the corp, or undefined. */
export async function findWebhook(db: Executor, corpId: string, id: string) {
  return db.selectFrom('notification_webhooks').select(['id', 'name', 'url', 'enabled', 'created_at']).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

/** A page of a corp's email, webhook and digest deliveries, newest first, with the notice's title (a digest has none, but its day). */
export async function listDeliveries(db: Executor, corpId: string, q: { page: number; pageSize: number; status?: DeliveryStatus; channel?: DeliveryChannel }) {
  let base = db.selectFrom('notification_deliveries as d').where('d.corp_id', '=', corpId);
  if (q.status) base = base.where('d.status', '=', q.status);
  if (q.channel) base = base.where('d.channel', '=', q.channel);
  const rows = await base
    .leftJoin('messages as m', 'm.id', 'd.message_id')
    .leftJoin('members as mb', (join) => join.on(sql<boolean>`d.channel in ('email', 'digest') and mb.id = d.target`))
    .leftJoin('notification_webhooks as w', (join) => join.on(sql<boolean>`d.channel = 'webhook' and w.id = d.target`))
    .select(['d.id', 'd.channel', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'd.created_at', 'd.delivered_at', 'm.body', 'm.msgtype', 'mb.userid', 'w.name as webhook', sql<string | null>`d.digest_on::text`.as('digest_on')])
    .orderBy('d.seq', 'desc')
    .offset((q.page - 1) * q.pageSize)
    .limit(q.pageSize)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** A member's unread count and newest unread visible item (id and title), as the live stream shows them. */
export async function inboxSummary(db: Executor, memberId: string, now: Date): Promise<{ unread: number; latest: { id: string; title: string } | null }> {
  const unread = await db
    .selectFrom('inbox_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .where('due_at', '<=', now)
    .executeTakeFirstOrThrow();
  const row = await db
    .selectFrom('inbox_items as i')
    .innerJoin('messages as m', 'm.id', 'i.message_id')
    .leftJoin('apps as a', 'a.id', 'm.app_id')
    .select(['m.id', 'm.body', 'a.name'])
    .where('i.member_id', '=', memberId)
    .where('i.read_at', 'is', null)
    .where('i.due_at', '<=', now)
    .orderBy('i.due_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const body = (row?.body ?? {}) as { title?: unknown; content?: unknown };
  const title = typeof body.title === 'string' ? body.title : typeof body.content === 'string' ? body.content.slice(0, 80) : (row?.name ?? '');
  return { unread: Number(unread.n), latest: row ? { id: row.id, title } : null };
}
