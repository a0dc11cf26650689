import type { CorpNotificationSettings, NotificationPreferences, Webhook } from '@orgdesk/contracts';
import { deliverySchema, emailModeOf } from '@orgdesk/contracts';
import type { z } from 'zod';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { randomToken, type SecretBox } from '../../platform/kernel/crypto';
import type { AuditLog } from '../audit';
import { corpRules } from './fanout';
import * as repo from './notifications.repository';

const MAX_WEBHOOKS = 20;

type Delivery = z.infer<typeof deliverySchema>;
type WebhookRow = { id: string; name: string; url: string; enabled: boolean; created_at: Date };
const present = (w: WebhookRow): Webhook => ({ id: w.id, name: w.name, url: w.url, enabled: w.enabled, createdAt: w.created_at.toISOString() });

/** Members' own notification rules, a corp's settings and webhooks, and the delivery history; every write audited. */
export class NotificationSettingsService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {}

  async preferences(db: Executor, corpId: string, memberId: string) {
    const [preferences, apps, rules] = [await repo.findPreferences(db, memberId), await repo.corpApps(db, corpId), await corpRules(db, corpId)];
    return { preferences, apps, calendarTimeZone: rules.calendar.timezone };
  }

  /** Saves a member's preferences (the email mode from `emailMode`, else the older `email` switch); muting an app of another corp (or none) is refused with the field. */
  async updatePreferences(trx: Trx, corpId: string, memberId: string, input: NotificationPreferences, ctx: ActorContext): Promise<void> {
    const muted = [...new Set(input.mutedAppIds.map((id) => id.toLowerCase()))];
    const known = new Set((await repo.corpApps(trx, corpId)).map((a) => a.id));
    const unknown = muted.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw new AppError('notifications.unknown_app', { fields: [{ path: `mutedAppIds.${unknown}`, reason: 'not an app of this organization' }] });
    const before = await repo.findPreferences(trx, memberId);
    const after = { quietHours: input.quietHours, timeZone: input.timeZone, mutedAppIds: muted, emailMode: emailModeOf(input) };
    await repo.upsertPreferences(trx, corpId, memberId, after, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.preferences_update', targetType: 'member', targetId: ctx.actorId ?? memberId, before, after });
  }

  async settings(db: Executor, corpId: string): Promise<CorpNotificationSettings> {
    const { workingHoursOnly, emailEnabled, webhooksEnabled } = await corpRules(db, corpId);
    return { workingHoursOnly, emailEnabled, webhooksEnabled };
  }

  async updateSettings(trx: Trx, corpId: string, input: CorpNotificationSettings, ctx: ActorContext): Promise<void> {
    const before = await this.settings(trx, corpId);
    await repo.upsertSettings(trx, corpId, input, this.clock.now());
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.settings_update', targetType: 'corp', targetId: corpId, before, after: input });
  }

  async webhooks(db: Executor, corpId: string): Promise<Webhook[]> {
    return (await repo.listWebhooks(db, corpId)).map(present);
  }

  /** Adds a webhook with a fresh signing secret, answered this once and stored sealed. */
  async createWebhook(trx: Trx, corpId: string, input: { name: string; url: string; enabled: boolean }, ctx: ActorContext): Promise<{ webhook: Webhook; secret: string }> {
    // Serializes concurrent adds of one corp, so the limit holds.
    await trx.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
    if ((await repo.listWebhooks(trx, corpId)).length >= MAX_WEBHOOKS) throw new AppError('notifications.webhook_limit');
    const secret = `whsec_${randomToken(24)}`;
    const now = this.clock.now();
    const row = await trx
      .insertInto('notification_webhooks')
      .values({ corp_id: corpId, name: input.name, url: input.url, enabled: input.enabled, secret_sealed: this.box.seal(secret), created_at: now, updated_at: now })
      .returning(['id', 'name', 'url', 'enabled', 'created_at'])
      .executeTakeFirstOrThrow();
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.webhook_create', targetType: 'webhook', targetId: row.id, after: { name: row.name, url: row.url, enabled: row.enabled } });
    return { webhook: present(row), secret };
  }

  async updateWebhook(trx: Trx, corpId: string, id: string, input: { name?: string; url?: string; enabled?: boolean }, ctx: ActorContext): Promise<Webhook> {
    const before = await repo.findWebhook(trx, corpId, id);
    if (!before) throw new AppError('notifications.webhook_not_found');
    const row = await trx
      .updateTable('notification_webhooks')
      .set({ ...input, updated_at: this.clock.now() })
      .where('corp_id', '=', corpId)
      .where('id', '=', id)
      .returning(['id', 'name', 'url', 'enabled', 'created_at'])
      .executeTakeFirstOrThrow();
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.webhook_update', targetType: 'webhook', targetId: id, before: { name: before.name, url: before.url, enabled: before.enabled }, after: { name: row.name, url: row.url, enabled: row.enabled } });
    return present(row);
  }

  /** A new signing secret; the old one stops signing at once. */
  async rotateWebhookSecret(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<{ webhook: Webhook; secret: string }> {
    const secret = `whsec_${randomToken(24)}`;
    const row = await trx
      .updateTable('notification_webhooks')
      .set({ secret_sealed: this.box.seal(secret), updated_at: this.clock.now() })
      .where('corp_id', '=', corpId)
      .where('id', '=', id)
      .returning(['id', 'name', 'url', 'enabled', 'created_at'])
      .executeTakeFirst();
    if (!row) throw new AppError('notifications.webhook_not_found');
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.webhook_secret_rotate', targetType: 'webhook', targetId: id, after: { secret: 'rotated' } });
    return { webhook: present(row), secret };
  }

  /** Removes a webhook; its pending deliveries are skipped when their turn comes. */
  async deleteWebhook(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<void> {
    const row = await trx.deleteFrom('notification_webhooks').where('corp_id', '=', corpId).where('id', '=', id).returning(['name', 'url']).executeTakeFirst();
    if (!row) throw new AppError('notifications.webhook_not_found');
    await this.audit.record(trx, corpId, ctx, { action: 'notifications.webhook_delete', targetType: 'webhook', targetId: id, before: row });
  }

  async deliveries(db: Executor, corpId: string, q: Parameters<typeof repo.listDeliveries>[2]): Promise<{ items: Delivery[]; total: number }> {
    const { rows, total } = await repo.listDeliveries(db, corpId, q);
    const items = rows.map((r) => {
      const body = (r.body ?? {}) as Record<string, unknown>;
      const title = r.digest_on ?? (typeof body.title === 'string' ? body.title : typeof body.content === 'string' ? body.content.slice(0, 60) : '');
      return {
        id: r.id,
        channel: r.channel,
        target: (r.channel === 'webhook' ? r.webhook : r.userid) ?? '',
        title,
        status: r.status,
        attempts: r.attempts,
        dueAt: r.next_attempt_at.toISOString(),
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at?.toISOString() ?? null,
      };
    });
    return { items, total };
  }
}
