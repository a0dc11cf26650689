import type { Payout, PayoutBatch } from '@orgdesk/contracts';
import { maskAccount } from './money';
import type { PayoutView } from './payouts.repository';
import type { PayoutBatchRow } from './payouts.table';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A payout as the API shows it: amounts in fen, the bank account masked. */
export function presentPayout(row: PayoutView): Payout {
  const inOpenBatch = row.status === 'pending' && row.batch_id !== null && row.batch_status === 'exported';
  return {
    id: row.id,
    approvalId: row.approval_id,
    spNo: row.sp_no,
    amountFen: Number(row.amount_fen),
    payee: { userid: row.payee_userid, name: row.payee_name },
    bankAccount: row.bank_name === null ? null : { bankName: row.bank_name, accountName: row.account_name ?? '', accountMasked: maskAccount(row.account_last4) },
    status: row.status,
    // A voided batch gave its payouts back: they are no longer in it.
    batchId: row.batch_status === 'voided' ? null : row.batch_id,
    batchNo: row.batch_status === 'voided' ? null : row.batch_no,
    inOpenBatch,
    bankReference: row.bank_reference,
    failureReason: row.failure_reason,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at.toISOString(),
    paidAt: iso(row.paid_at),
    failedAt: iso(row.failed_at),
    cancelledAt: iso(row.cancelled_at),
  };
}

/** A batch as the API shows it. */
export function presentBatch(row: PayoutBatchRow): PayoutBatch {
  return {
    id: row.id,
    batchNo: row.batch_no,
    provider: row.provider,
    status: row.status,
    itemCount: row.item_count,
    totalFen: Number(row.total_fen),
    paidCount: row.paid_count,
    paidFen: Number(row.paid_fen),
    failedCount: row.failed_count,
    failedFen: Number(row.failed_fen),
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    bankReference: row.bank_reference,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    settledAt: iso(row.settled_at),
  };
}
