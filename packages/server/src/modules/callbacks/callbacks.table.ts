import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one app's callback URL, and how its delivery went. */
export interface CallbackDeliveriesTable {
  id: Generated<string>;
  seq: Generated<string>;
  corp_id: string;
  app_id: string;
  event: string;
  change_type: string | null;
  target_url: string | null;
  target_token_sealed: string | null;
  target_aes_key_sealed: string | null;
  message: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  leased_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface CallbackTables {
  callback_deliveries: CallbackDeliveriesTable;
}

export type DeliveryRow = Selectable<CallbackDeliveriesTable>;
