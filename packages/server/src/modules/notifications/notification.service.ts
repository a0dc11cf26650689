import { sql } from 'kysely';
import type { Executor, Trx } from '../../db';
import { inboxSummary } from './notifications.repository';
import type { Clock } from '../../platform/kernel/clock';
import { fanOut, storeNotice, type FanOutResult } from './fanout';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { AuditLog } from '../audit';
import type { NotificationHub } from './hub';
import { NotificationSettingsService } from './settings.service';

/** One thing to tell members about, from an app or from the system. */
export interface Notice {
  /** What happened, e.g. 'approval.pending'; members' settings and the inbox group by it. */
  kind: string;
  /** One copy per (eventKey, recipient, channel): notifying the same event twice is harmless. */
  eventKey: string;
  title: string;
  body: string;
  /** Where the portal or console opens it. */
  url?: string | null;
  /** Urgent notices skip the working-hours and quiet-hours waits. */
  urgent?: boolean;
  /** The app that sent it; null or absent for the system (approvals, security). */
  appId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one way every module tells members something. A notice is stored once (per corp and event key), and each
 * recipient gets an inbox row visible from their due time plus the email and webhook deliveries the dispatcher
 * sends — all in the caller's transaction, so the notice exists exactly when the change that caused it does.
 */
export class NotificationService {
  /** The live stream's fan-out (SSE); null where nothing streams. */
  readonly hub: NotificationHub | null;
  private readonly settingsService: NotificationSettingsService | null;
  /** False when no mail server is configured: notices then go to inboxes and webhooks only, never into the log. */
  private readonly sendsEmail: boolean;

  constructor(
    private readonly clock: Clock,
    deps?: { audit: AuditLog; box: SecretBox; hub?: NotificationHub; sendsEmail?: boolean },
  ) {
    this.hub = deps?.hub ?? null;
    this.sendsEmail = deps?.sendsEmail ?? true;
    this.settingsService = deps ? new NotificationSettingsService(deps.audit, clock, deps.box) : null;
  }

  /** Members' preferences, the corp's settings and webhooks, the delivery history (needs the audit log and the secret box). */
  get settings(): NotificationSettingsService {
    if (!this.settingsService) throw new Error('NotificationService was built without its audit log and secret box');
    return this.settingsService;
  }

  /** A member's unread count and newest unread item, for the live stream. */
  async summary(db: Executor, memberId: string): Promise<{ unread: number; latest: { id: string; title: string } | null }> {
    return inboxSummary(db, memberId, this.clock.now());
  }

  /** Queues a notice for members in the caller's transaction: it exists exactly when the change that caused it does. */
  async notify(trx: Trx, corpId: string, memberIds: readonly string[], notice: Notice): Promise<void> {
    await this.notifyCounted(trx, corpId, memberIds, notice);
  }

  /** As notify, answering what was written (tests and benchmarks read it). */
  async notifyCounted(trx: Trx, corpId: string, memberIds: readonly string[], notice: Notice): Promise<FanOutResult> {
    const ids = [...new Set(memberIds)].filter((id) => UUID.test(id));
    const none = { addressed: 0, inbox: 0, deferred: 0, emails: 0, digests: 0, webhooks: 0 };
    if (ids.length === 0) return none;
    const now = this.clock.now();
    const body = JSON.stringify({ title: notice.title, content: notice.body, url: notice.url ?? null });
    const urgent = notice.urgent ?? false;
    const appId = notice.appId ?? null;
    const stored = await storeNotice(trx, corpId, { corp_id: corpId, app_id: appId, kind: notice.kind, event_key: notice.eventKey, urgent, msgtype: 'notice', body, recipients: 0, created_at: now });
    const messageId = stored.messageId ?? (await trx.selectFrom('messages').select('id').where('corp_id', '=', corpId).where('event_key', '=', notice.eventKey).executeTakeFirstOrThrow()).id;
    return fanOut(trx, {
      corpId,
      messageId,
      appId,
      urgent,
      now,
      sendsEmail: this.sendsEmail,
      rules: stored,
      // Members who left are not told; those not yet activated read it once they activate, as with app messages.
      addressed: sql`select m.id from members m where m.corp_id = ${corpId} and m.id = any(${ids}::uuid[]) and m.status in (1, 4)`,
    });
  }
}
