import { z } from 'zod';
import { auditEntry } from './audit';
import { pageQuery } from './common';

// 企业支付: payouts of approved expenses, paid in batches through a provider (by default an offline bank file).

/** The largest single payout: ¥10,000,000.00, in fen (far above any reimbursement, far below 2^53). */
export const MAX_PAYOUT_FEN = 1_000_000_000;

/** A payout's life: pending until a confirmed batch pays it, or it fails (and may be retried) or is cancelled. */
export const payoutStatuses = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type PayoutStatus = (typeof payoutStatuses)[number];

/** A batch is exported (the file is with the bank), settled once with the bank's reference, or voided unsent. */
export const payoutBatchStatuses = ['exported', 'settled', 'voided'] as const;
export type PayoutBatchStatus = (typeof payoutBatchStatuses)[number];

const id = z.uuid('must be an id given by the server');
const reason = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

/** A bank's transaction or batch reference (流水号/批次号): letters, digits and - _ / . only. */
export const bankReferenceSchema = z
  .string()
  .trim()
  .min(4, 'must be 4 to 64 characters')
  .max(64, 'must be 4 to 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, 'letters, digits and - _ / . only');

/** `:id` of a payout. */
export const payoutIdParams = z.object({ id });
/** `:id` of a batch. */
export const payoutBatchIdParams = z.object({ id });

/** Filters of the payout list and its CSV export; from/to bound the creation time. */
export const payoutFilter = z.object({
  status: z.enum(payoutStatuses).optional(),
  /** Pending payouts not yet in an exported batch (待支付). */
  unbatched: z.enum(['true', 'false']).optional(),
  /** What a new batch may take: pending payouts not in an exported batch, and failed ones to pay again. */
  payable: z.enum(['true']).optional(),
  batchId: id.optional(),
  payee: z.string().trim().max(64, 'must be at most 64 characters').optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export type PayoutFilter = z.infer<typeof payoutFilter>;
/** The payout list: a page and the filters. */
export const payoutListQuery = pageQuery.extend(payoutFilter.shape);

/** One payout as finance sees it; the bank account is masked (the full number is only in the batch file). */
export const payoutSchema = z.object({
  id: z.string(),
  approvalId: z.string(),
  spNo: z.string(),
  amountFen: z.number().int(),
  payee: z.object({ userid: z.string(), name: z.string() }),
  bankAccount: z.object({ bankName: z.string(), accountName: z.string(), accountMasked: z.string() }).nullable(),
  status: z.enum(payoutStatuses),
  batchId: z.string().nullable(),
  batchNo: z.string().nullable(),
  /** Whether the payout sits in an exported batch that is not settled yet (it cannot be cancelled then). */
  inOpenBatch: z.boolean(),
  bankReference: z.string().nullable(),
  failureReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type Payout = z.infer<typeof payoutSchema>;
/** A page of payouts, with the count and sum (fen) of everything the filter matches. */
/** A payout's history: what the audit log says about it, oldest first. */
export const payoutHistory = z.object({ items: z.array(auditEntry) });

export const payoutPage = z.object({ items: z.array(payoutSchema), total: z.number().int(), totalFen: z.number().int() });

/** Why a payout is cancelled or marked failed; kept with it and in the audit log. */
export const payoutReasonRequest = z.object({ reason });

/** A new batch: the chosen payouts (pending or failed), or every pending payout in the caller's scope. */
export const payoutBatchCreateRequest = z
  .object({
    payoutIds: z.array(id).min(1, 'is required').max(1000, 'at most 1000 at once').optional(),
    allPending: z.boolean().optional(),
  })
  .refine((b) => (b.payoutIds !== undefined) !== (b.allPending === true), { message: 'give payoutIds or allPending', path: ['payoutIds'] });

/** The bank's confirmation: its reference, and the lines it refused (every other line was paid). */
export const payoutBatchConfirmRequest = z.object({
  bankReference: bankReferenceSchema,
  failures: z.array(z.object({ payoutId: id, reason })).max(1000, 'at most 1000 at once').default([]),
});

/** A batch as finance sees it: totals exported and, once settled, paid and failed. */
export const payoutBatchSchema = z.object({
  id: z.string(),
  batchNo: z.string(),
  provider: z.string(),
  status: z.enum(payoutBatchStatuses),
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  paidCount: z.number().int(),
  paidFen: z.number().int(),
  failedCount: z.number().int(),
  failedFen: z.number().int(),
  fileName: z.string(),
  fileSha256: z.string(),
  bankReference: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type PayoutBatch = z.infer<typeof payoutBatchSchema>;
/** One line of a batch, in file order, with the bank's result once confirmed. */
export const payoutBatchLine = z.object({
  lineNo: z.number().int(),
  payoutId: z.string(),
  spNo: z.string(),
  payee: z.object({ userid: z.string(), name: z.string() }),
  amountFen: z.number().int(),
  result: z.enum(['paid', 'failed']).nullable(),
  failureReason: z.string().nullable(),
});
/** A batch with its lines. */
export const payoutBatchDetail = payoutBatchSchema.extend({ lines: z.array(payoutBatchLine) });
/** The batch list: a page and an optional status. */
export const payoutBatchQuery = pageQuery.extend({ status: z.enum(payoutBatchStatuses).optional() });
/** A page of batches. */
export const payoutBatchPage = z.object({ items: z.array(payoutBatchSchema), total: z.number().int() });
/** The answer of a confirmation: the batch, and whether it had already been settled with the same reference. */
export const payoutBatchConfirmResponse = z.object({ batch: payoutBatchSchema, alreadySettled: z.boolean() });

/** The period reconciliation covers (creation times). */
export const reconciliationQuery = z.object({ from: z.string().datetime({ offset: true }).optional(), to: z.string().datetime({ offset: true }).optional() });

/** Something that does not add up, for finance to look at. */
export const reconciliationIssue = z.object({
  kind: z.enum(['paid_without_reference', 'paid_outside_settled_batch', 'batch_total_mismatch', 'batch_settlement_mismatch']),
  payoutId: z.string().nullable(),
  batchId: z.string().nullable(),
  batchNo: z.string().nullable(),
  detail: z.string(),
});
/** 对账: totals by status, batches exported against confirmed, and what does not add up. */
export const reconciliationSummary = z.object({
  byStatus: z.array(z.object({ status: z.enum(payoutStatuses), count: z.number().int(), amountFen: z.number().int() })),
  batches: z.array(
    z.object({
      id: z.string(),
      batchNo: z.string(),
      status: z.enum(payoutBatchStatuses),
      bankReference: z.string().nullable(),
      exportedFen: z.number().int(),
      paidFen: z.number().int(),
      failedFen: z.number().int(),
      /** Exported minus paid minus failed: zero once a batch is settled and everything adds up. */
      differenceFen: z.number().int(),
      createdAt: z.string(),
      settledAt: z.string().nullable(),
    }),
  ),
  issues: z.array(reconciliationIssue),
});
export type ReconciliationSummary = z.infer<typeof reconciliationSummary>;

/** A bank statement matched against settled batches: per reference, the statement's sum against what was confirmed. */
export const statementMatch = z.object({
  rows: z.number().int(),
  /** References on the statement no batch was settled with (other transactions). */
  unrelatedReferences: z.number().int(),
  matches: z.array(
    z.object({
      reference: z.string(),
      batchId: z.string(),
      batchNo: z.string(),
      statementFen: z.number().int(),
      paidFen: z.number().int(),
      status: z.enum(['matched', 'amount_mismatch']),
    }),
  ),
});
export type StatementMatch = z.infer<typeof statementMatch>;
