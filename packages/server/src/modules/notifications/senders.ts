import { createHmac } from 'node:crypto';
import type { EmailMode } from '@orgdesk/contracts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { EmailGateway } from '../../platform/kernel/email';
import type { NotificationDeliveryRow } from './notifications.table';

/** What a send came to: delivered (error null), to retry (error), or not to send any more (skip). */
export interface SendOutcome {
  error: string | null;
  skip?: boolean;
}

/** A notice as its readers see it: a title, plain text and a link, whatever kind it was stored as. */
export interface Readable {
  id: string;
  kind: string;
  title: string;
  text: string;
  url: string | null;
  urgent: boolean;
  app: { agentId: number | null; name: string } | null;
  createdAt: Date;
}

/** Everything one send needs, read for a whole batch at once so sending touches no database. */
export interface SendContext {
  notice: Readable;
  emailEnabled: boolean;
  webhooksEnabled: boolean;
  /** wants: the member's email mode, null when they never chose one (each notice). */
  member: { email: string | null; status: number; wants: EmailMode | null } | null;
  webhook: { url: string; secretSealed: string; enabled: boolean } | null;
  recipients: string[];
}

interface ContextRow {
  delivery_id: string;
  id: string;
  kind: string;
  msgtype: string;
  body: unknown;
  urgent: boolean;
  created_at: Date;
  agent_id: number | null;
  app_name: string | null;
  email_enabled: boolean | null;
  webhooks_enabled: boolean | null;
  email: string | null;
  status: number | null;
  wants: EmailMode | null;
  hook_url: string | null;
  secret_sealed: string | null;
  hook_enabled: boolean | null;
}

const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The columns of a stored notice a reader's view is made from. */
export type NoticeColumns = Pick<ContextRow, 'id' | 'kind' | 'msgtype' | 'body' | 'urgent' | 'created_at' | 'agent_id' | 'app_name'>;

/** A stored notice as its readers see it. */
export function readable(row: NoticeColumns): Readable {
  const body = (row.body ?? {}) as Record<string, unknown>;
  const app = row.app_name === null ? null : { agentId: row.agent_id, name: row.app_name };
  const base = { id: row.id, kind: row.kind, urgent: row.urgent, app, createdAt: row.created_at };
  if (row.msgtype === 'notice') return { ...base, title: str(body.title), text: str(body.content), url: str(body.url) || null };
  if (row.msgtype === 'textcard') return { ...base, title: str(body.title), text: plain(str(body.description)), url: str(body.url) || null };
  const text = str(body.content);
  return { ...base, title: `${app?.name ?? ''}: ${text.split('\n')[0]!.slice(0, 60)}`, text, url: null };
}

/** The send contexts of a batch's notice copies: two statements however many it holds. A missing one was deleted. */
export async function loadContexts(db: Kysely<DB>, deliveries: readonly NotificationDeliveryRow[]): Promise<Map<string, SendContext>> {
  if (deliveries.length === 0) return new Map();
  const ids = deliveries.map((d) => d.id);
  const rows = await sql<ContextRow>`
    select d.id as delivery_id, msg.id, msg.kind, msg.msgtype, msg.body, msg.urgent, msg.created_at, a.agent_id, a.name as app_name,
           s.email_enabled, s.webhooks_enabled, m.email, m.status, p.email_mode as wants, w.url as hook_url, w.secret_sealed, w.enabled as hook_enabled
      from notification_deliveries d
      join messages msg on msg.id = d.message_id
      left join apps a on a.id = msg.app_id
      left join notification_settings s on s.corp_id = msg.corp_id
      left join members m on d.channel = 'email' and m.id = d.target
      left join notification_preferences p on p.member_id = m.id
      left join notification_webhooks w on d.channel = 'webhook' and w.id = d.target
     where d.id = any(${ids}::uuid[])`.execute(db);
  const hooked = [...new Set(deliveries.filter((d) => d.channel === 'webhook').map((d) => d.message_id))];
  const recipients = new Map<string, string[]>();
  if (hooked.length) {
    const listed = await sql<{ message_id: string; userid: string }>`
      select i.message_id, m.userid from inbox_items i join members m on m.id = i.member_id
       where i.message_id = any(${hooked}::uuid[]) order by m.userid`.execute(db);
    for (const r of listed.rows) recipients.set(r.message_id, [...(recipients.get(r.message_id) ?? []), r.userid]);
  }
  return new Map(
    rows.rows.map((r) => [
      r.delivery_id,
      {
        notice: readable(r),
        emailEnabled: r.email_enabled ?? true,
        webhooksEnabled: r.webhooks_enabled ?? true,
        member: r.status === null ? null : { email: r.email, status: r.status, wants: r.wants },
        webhook: r.hook_url === null ? null : { url: r.hook_url, secretSealed: r.secret_sealed ?? '', enabled: r.hook_enabled ?? false },
        recipients: recipients.get(r.id) ?? [],
      },
    ]),
  );
}

/** Emails one member a notice, unless the member, their preference or the corp no longer wants it. */
export async function sendEmail(email: EmailGateway, context: SendContext): Promise<SendOutcome> {
  const { member, notice } = context;
  if (!member || !member.email || ![1, 4].includes(member.status)) return { error: 'the member has no email address or has left', skip: true };
  if (member.wants === 'off') return { error: 'the member turned email off', skip: true };
  if (member.wants === 'daily') return { error: 'the member chose a daily digest instead', skip: true };
  if (!context.emailEnabled) return { error: 'the corp turned email off', skip: true };
  const text = [notice.text, notice.url ? `\n${notice.url}` : ''].join('').trim();
  await email.send({ to: member.email, subject: `${notice.urgent ? '【紧急】' : ''}${notice.title}`, text });
  return { error: null };
}

/** The signature header's value: HMAC-SHA256 under the webhook's secret of `<timestamp>.<body>`, hex. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POSTs a notice to a corp's webhook as signed JSON; any 2xx within the timeout is delivered. */
export async function sendWebhook(box: SecretBox, delivery: NotificationDeliveryRow, context: SendContext, options: { fetch: typeof fetch; timeoutMs: number; now: Date }): Promise<SendOutcome> {
  const { webhook, notice } = context;
  if (!webhook || !webhook.enabled) return { error: 'the webhook was removed or disabled', skip: true };
  if (!context.webhooksEnabled) return { error: 'the corp turned webhooks off', skip: true };
  const body = JSON.stringify({
    id: delivery.id,
    event: 'notification',
    corpId: delivery.corp_id,
    notice: { id: notice.id, kind: notice.kind, title: notice.title, content: notice.text, url: notice.url, urgent: notice.urgent, app: notice.app, createdAt: notice.createdAt.toISOString() },
    recipients: context.recipients,
  });
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Orgdesk-Webhook/1',
    'x-orgdesk-event': 'notification',
    'x-orgdesk-delivery': delivery.id,
    'x-orgdesk-timestamp': timestamp,
    'x-orgdesk-signature': webhookSignature(box.open(webhook.secretSealed), timestamp, body),
  };
  try {
    const response = await options.fetch(webhook.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? { error: null } : { error: `the webhook answered ${response.status}` };
  } catch (cause) {
    return { error: (cause as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs / 1000} s` : `could not connect: ${(cause as Error).message}` };
  }
}
