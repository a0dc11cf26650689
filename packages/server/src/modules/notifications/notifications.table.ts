import type { EmailMode } from '@orgdesk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** The outbound channels; the in-app copy is the inbox row itself; a digest is one member's daily email of what is unread. */
export type DeliveryChannel = 'email' | 'webhook' | 'digest';
/** pending until sent; delivered; failed after the last retry; skipped when no longer wanted (channel turned off, member left). */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

/** A corp's notification settings; a corp without a row has the defaults (all on). */
export interface NotificationSettingsTable {
  corp_id: string;
  working_hours_only: ColumnType<boolean, boolean | undefined, boolean>;
  email_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  webhooks_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

/** A member's own rules; a member without a row has the defaults (no quiet hours, the calendar's zone, email each notice). */
export interface NotificationPreferencesTable {
  member_id: string;
  corp_id: string;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string | null;
  muted_app_ids: ColumnType<string[], string[] | undefined, string[]>;
  email_mode: ColumnType<EmailMode, EmailMode | undefined, EmailMode>;
  updated_at: Timestamp;
}

/** A URL every notice of the corp is POSTed to, signed with HMAC-SHA256 under its sealed secret. */
export interface NotificationWebhooksTable {
  id: Generated<string>;
  corp_id: string;
  name: string;
  url: string;
  secret_sealed: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One email or webhook copy of a notice, or one member's digest of a day (no notice), and how its delivery went. */
export interface NotificationDeliveriesTable {
  id: Generated<string>;
  seq: Generated<number>;
  corp_id: string;
  message_id: string | null;
  channel: DeliveryChannel;
  target: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  leased_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
  /** A digest's local date (member's zone), 'YYYY-MM-DD': one digest per member and day. */
  digest_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The notifications module's tables. */
export interface NotificationsTables {
  notification_settings: NotificationSettingsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_webhooks: NotificationWebhooksTable;
  notification_deliveries: NotificationDeliveriesTable;
}

/** A delivery row as read. */
export type NotificationDeliveryRow = Selectable<NotificationDeliveriesTable>;
