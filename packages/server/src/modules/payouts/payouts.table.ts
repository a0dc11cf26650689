import type { PayoutBatchStatus, PayoutStatus } from '@orgdesk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** One payout of an approved expense; (corp_id, approval_id) is unique. Amounts are fen (bigint, read as numbers). */
export interface PayoutsTable {
  id: Generated<string>;
  corp_id: string;
  approval_id: string;
  sp_no: string;
  amount_fen: number;
  payee_member_id: string;
  payee_name: string;
  bank_account_sealed: string | null;
  bank_name: string | null;
  account_name: string | null;
  account_last4: string | null;
  status: PayoutStatus;
  batch_id: string | null;
  bank_reference: string | null;
  failure_reason: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  paid_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
}

/** A batch handed to a provider (by default: a bank file), settled once with the bank's reference. */
export interface PayoutBatchesTable {
  id: Generated<string>;
  corp_id: string;
  batch_no: string;
  provider: string;
  status: PayoutBatchStatus;
  item_count: number;
  total_fen: number;
  paid_count: WithDefault<number>;
  paid_fen: WithDefault<number>;
  failed_count: WithDefault<number>;
  failed_fen: WithDefault<number>;
  file_name: string;
  file_sha256: string;
  bank_reference: string | null;
  created_by: string | null;
  created_at: Timestamp;
  settled_at: NullableTimestamp;
  settled_by: string | null;
  voided_at: NullableTimestamp;
}

/** A line of a batch as exported, with the bank's result once the batch is confirmed. */
export interface PayoutBatchItemsTable {
  batch_id: string;
  line_no: number;
  payout_id: string;
  amount_fen: number;
  result: 'paid' | 'failed' | null;
  failure_reason: string | null;
}

/** The payouts module's tables. */
export interface PayoutsTables {
  payouts: PayoutsTable;
  payout_batches: PayoutBatchesTable;
  payout_batch_items: PayoutBatchItemsTable;
}

/** A payouts row as read. */
export type PayoutRow = Selectable<PayoutsTable>;
/** A payout_batches row as read. */
export type PayoutBatchRow = Selectable<PayoutBatchesTable>;
