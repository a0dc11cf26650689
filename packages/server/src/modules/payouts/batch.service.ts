import type { FieldError, PayoutBatch } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { AuditInput, AuditLog } from '../audit';
import { presentBatch } from './payout.present';
import type { BatchFile, PayoutLine, PayoutProvider } from './provider';
import * as repo from './payouts.repository';
import type { PayoutBatchRow } from './payouts.table';

/** A bank file of more lines than this is split by finance into several batches (banks cap their templates too). */
export const MAX_BATCH_LINES = 1000;

type PaidHook = (trx: Trx, corpId: string, approvalIds: string[], ctx: ActorContext) => Promise<void>;
type Line = Awaited<ReturnType<typeof repo.batchLines>>[number];

/** The batch date in China time, as finance reads it on the file (20261126). */
const batchDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replace(/-/g, '');

/** Payout batches: created from pending payouts, rendered by the provider, confirmed once with the bank's reference. */
export class PayoutBatches {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly provider: PayoutProvider,
    private readonly paid: PaidHook,
  ) {}

  /** A batch of the chosen payouts (pending, or failed and retried), or of the oldest pending ones in reach. */
  async create(trx: Trx, corpId: string, reach: Reach, input: { payoutIds?: string[]; allPending?: boolean }, ctx: ActorContext): Promise<PayoutBatch> {
    const serial = await repo.nextBatchSerial(trx, corpId);
    let rows: repo.PayoutView[];
    if (input.payoutIds) {
      const ids = [...new Set(input.payoutIds)];
      rows = await repo.lockPayouts(trx, corpId, reach, ids);
      if (rows.length !== ids.length) throw new AppError('payouts.not_found');
      const byId = new Map(rows.map((r) => [r.id, r]));
      rows = ids.map((id) => byId.get(id)!);
      const fields: FieldError[] = [];
      rows.forEach((r, i) => {
        const free = r.batch_id === null || r.batch_status === 'voided';
        if (!((r.status === 'pending' && free) || r.status === 'failed')) fields.push({ path: `payoutIds.${i}`, reason: 'is not pending' });
      });
      if (fields.length) throw new AppError('payouts.not_payable', { fields });
    } else {
      rows = await repo.lockUnbatchedPending(trx, corpId, reach, MAX_BATCH_LINES);
      if (rows.length === 0) throw new AppError('payouts.nothing_to_pay');
    }
    const now = this.clock.now();
    const batchNo = `${batchDate(now)}-${String(serial).padStart(4, '0')}`;
    const lines = rows.map((r, i) => this.line(i + 1, r.id, r.sp_no, Number(r.amount_fen), r.payee_name, r.bank_account_sealed));
    const file = this.provider.render({ batchNo }, lines);
    const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
    const batch = await repo.insertBatch(trx, { corp_id: corpId, batch_no: batchNo, provider: this.provider.key, status: 'exported', item_count: lines.length, total_fen: totalFen, file_name: file.fileName, file_sha256: file.sha256, bank_reference: null, created_by: ctx.actorId, created_at: now });
    await repo.insertItems(trx, batch.id, lines.map((l) => ({ lineNo: l.lineNo, payoutId: l.payoutId, amountFen: l.amountFen })));
    await repo.updatePayouts(trx, rows.map((r) => r.id), { status: 'pending', batch_id: batch.id, failure_reason: null, failed_at: null, updated_at: now });
    const retried = rows.filter((r) => r.status === 'failed').map((r) => r.id);
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.batch_create', targetType: 'payout_batch', targetId: batch.id, after: { batchNo, provider: this.provider.key, count: lines.length, totalFen, fileSha256: file.sha256, retried } });
    await this.recordEach(trx, corpId, ctx, rows.map((r) => ({ action: 'payouts.batch_add', targetType: 'payout', targetId: r.id, before: { status: r.status }, after: { status: 'pending', batchNo } })));
    return presentBatch(batch);
  }

  /** A page of batches inside the caller's reach, newest first. */
  async list(db: Executor, corpId: string, reach: Reach, query: { status?: PayoutBatch['status']; page: number; pageSize: number }): Promise<{ items: PayoutBatch[]; total: number }> {
    const { rows, total } = await repo.pageBatches(db, corpId, reach, query.status, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: rows.map(presentBatch), total };
  }

  /** A batch with its lines in file order. */
  async detail(db: Executor, corpId: string, reach: Reach, id: string) {
    const batch = await this.find(db, corpId, reach, id);
    const lines = await repo.batchLines(db, batch.id);
    return {
      ...presentBatch(batch),
      lines: lines.map((l) => ({ lineNo: l.line_no, payoutId: l.payout_id, spNo: l.sp_no, payee: { userid: l.payee_userid, name: l.payee_name }, amountFen: Number(l.amount_fen), result: l.result, failureReason: l.failure_reason })),
    };
  }

  /**
   * The batch's file, rendered again from its lines; the hash recorded at export proves it is the same file.
   * Audited: the file carries full account numbers.
   */
  async file(trx: Trx, corpId: string, reach: Reach, id: string, ctx: ActorContext): Promise<BatchFile> {
    const batch = await this.find(trx, corpId, reach, id);
    const lines = (await repo.batchLines(trx, batch.id)).map((l) => this.line(l.line_no, l.payout_id, l.sp_no, Number(l.amount_fen), l.payee_name, l.bank_account_sealed));
    const file = this.provider.render({ batchNo: batch.batch_no }, lines);
    if (file.sha256 !== batch.file_sha256) throw new Error(`payout batch ${batch.id} renders differently from its export`);
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.batch_download', targetType: 'payout_batch', targetId: batch.id, after: { batchNo: batch.batch_no, fileSha256: file.sha256 } });
    return file;
  }

  /**
   * Records the bank's confirmation: every open line paid under the reference, except the listed failures.
   * Exactly once: the same batch with the same reference again answers the settled batch and changes nothing; another
   * reference, or a reference another batch settled with, is refused.
   */
  async confirm(trx: Trx, corpId: string, reach: Reach, id: string, input: { bankReference: string; failures: { payoutId: string; reason: string }[] }, ctx: ActorContext): Promise<{ batch: PayoutBatch; alreadySettled: boolean }> {
    const batch = await this.find(trx, corpId, reach, id, true);
    if (batch.status === 'settled') {
      if (batch.bank_reference === input.bankReference) return { batch: presentBatch(batch), alreadySettled: true };
      throw new AppError('payouts.batch_settled');
    }
    if (batch.status === 'voided') throw new AppError('payouts.batch_not_open');
    if (await repo.findBatchByReference(trx, corpId, input.bankReference)) throw new AppError('payouts.reference_taken', { fields: [{ path: 'bankReference', reason: 'already used' }] });
    // Lock the batch's payouts, then read the lines again: a line failed or cancelled meanwhile is seen as it now is.
    await repo.lockPayouts(trx, corpId, 'all', (await repo.batchLines(trx, batch.id)).map((l) => l.payout_id));
    const open = (await repo.batchLines(trx, batch.id)).filter((l) => l.status === 'pending' && l.batch_id === batch.id);
    const failures = this.checkFailures(open, input.failures);
    const paid = open.filter((l) => !failures.has(l.payout_id));
    const now = this.clock.now();
    await repo.updatePayouts(trx, paid.map((l) => l.payout_id), { status: 'paid', bank_reference: input.bankReference, paid_at: now, updated_at: now });
    await repo.setItemResults(trx, batch.id, paid.map((l) => l.payout_id), 'paid', null);
    for (const [payoutId, reason] of failures) {
      await repo.updatePayouts(trx, [payoutId], { status: 'failed', failure_reason: reason, failed_at: now, updated_at: now });
      await repo.setItemResults(trx, batch.id, [payoutId], 'failed', reason);
    }
    const totals = await repo.itemTotals(trx, batch.id);
    let settled: PayoutBatchRow;
    try {
      settled = await repo.updateBatch(trx, batch.id, { status: 'settled', bank_reference: input.bankReference, settled_at: now, settled_by: ctx.actorId, paid_count: totals.paidCount, paid_fen: totals.paidFen, failed_count: totals.failedCount, failed_fen: totals.failedFen });
    } catch (error) {
      // Another batch took the reference between the check and here: the unique index is the last word.
      if ((error as { code?: string }).code === '23505') throw new AppError('payouts.reference_taken', { fields: [{ path: 'bankReference', reason: 'already used' }] });
      throw error;
    }
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.batch_confirm', targetType: 'payout_batch', targetId: batch.id, before: { status: batch.status }, after: { status: 'settled', bankReference: input.bankReference, ...totals } });
    await this.recordEach(trx, corpId, ctx, [
      ...paid.map((l) => ({ action: 'payouts.paid', targetType: 'payout', targetId: l.payout_id, before: { status: 'pending' }, after: { status: 'paid', bankReference: input.bankReference, batchNo: batch.batch_no } })),
      ...[...failures].map(([payoutId, reason]) => ({ action: 'payouts.fail', targetType: 'payout', targetId: payoutId, before: { status: 'pending' }, after: { status: 'failed', reason, batchNo: batch.batch_no } })),
    ]);
    await this.paid(trx, corpId, paid.map((l) => l.approval_id), ctx);
    return { batch: presentBatch(settled), alreadySettled: false };
  }

  /** Voids a batch the bank never received: its unpaid payouts are pending again, free for another batch. */
  async void(trx: Trx, corpId: string, reach: Reach, id: string, ctx: ActorContext): Promise<PayoutBatch> {
    const batch = await this.find(trx, corpId, reach, id, true);
    if (batch.status !== 'exported') throw new AppError('payouts.batch_not_open');
    const lines = await repo.batchLines(trx, batch.id);
    await repo.lockPayouts(trx, corpId, 'all', lines.map((l) => l.payout_id));
    const released = (await repo.batchLines(trx, batch.id)).filter((l) => l.status === 'pending' && l.batch_id === batch.id).map((l) => l.payout_id);
    const now = this.clock.now();
    await repo.updatePayouts(trx, released, { batch_id: null, updated_at: now });
    const voided = await repo.updateBatch(trx, batch.id, { status: 'voided', voided_at: now });
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.batch_void', targetType: 'payout_batch', targetId: batch.id, before: { status: batch.status }, after: { status: 'voided', released } });
    return presentBatch(voided);
  }

  private async find(db: Executor, corpId: string, reach: Reach, id: string, lock = false): Promise<PayoutBatchRow> {
    const batch = await repo.findBatch(db, corpId, reach, id, lock);
    if (!batch) throw new AppError('payouts.batch_not_found');
    return batch;
  }

  /** The failures as payout → reason; each must be an open line of the batch, listed once. */
  private checkFailures(open: Line[], failures: { payoutId: string; reason: string }[]): Map<string, string> {
    const openIds = new Set(open.map((l) => l.payout_id));
    const result = new Map<string, string>();
    const fields: FieldError[] = [];
    failures.forEach((f, i) => {
      if (!openIds.has(f.payoutId)) fields.push({ path: `failures.${i}.payoutId`, reason: 'is not a pending line of this batch' });
      else if (result.has(f.payoutId)) fields.push({ path: `failures.${i}.payoutId`, reason: 'listed twice' });
      else result.set(f.payoutId, f.reason);
    });
    if (fields.length) throw new AppError('common.validation_failed', { fields });
    return result;
  }

  /**
   * A line of the file. Without an account the expense is paid to the payroll card finance keeps on record (as the
   * expense form says): the line names the payee and leaves the account cells for finance to fill in.
   */
  private line(lineNo: number, payoutId: string, spNo: string, amountFen: number, payeeName: string, sealed: string | null): PayoutLine {
    const account = sealed ? (JSON.parse(this.box.open(sealed)) as { bankName: string; accountName: string; accountNumber: string }) : { bankName: '', accountName: payeeName, accountNumber: '' };
    return { lineNo, payoutId, spNo, amountFen, payeeName, ...account };
  }

  /** One audit entry per payout a batch operation changed, so a payout's history reads from the log alone. */
  private async recordEach(trx: Trx, corpId: string, ctx: ActorContext, inputs: AuditInput[]): Promise<void> {
    await this.audit.recordMany(trx, corpId, ctx, inputs.length, inputs);
  }
}
