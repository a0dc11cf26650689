import type { AuditEntry, FieldError, Payout, PayoutFilter } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { SecretBox } from '../../platform/kernel/crypto';
import { csvLine } from '../../platform/kernel/csv';
import type { AuditLog } from '../audit';
import { PayoutBatches } from './batch.service';
import { fenToYuan, isPayableFen, maskAccount, normalizeAccountNumber } from './money';
import { presentPayout } from './payout.present';
import { offlineBankFileProvider, type PayoutProvider } from './provider';
import * as repo from './payouts.repository';
import type { PayoutRow } from './payouts.table';

/** What an approved expense asks to be paid. */
export interface PayoutRequest {
  approvalId: string;
  spNo: string;
  amountFen: number;
  payeeMemberId: string;
  bankAccount: { bankName: string; accountName: string; accountNumber: string } | null;
}

/** Told, in the same transaction, which approvals were just paid (approvals then moves them to status 10). */
export type PaidListener = (trx: Trx, corpId: string, approvalIds: string[], ctx: ActorContext) => Promise<void>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_ZH: Record<Payout['status'], string> = { pending: '待支付', paid: '已支付', failed: '支付失败', cancelled: '已取消' };

/** 企业支付: one payout per approved expense, paid in batches through a provider, every change audited. */
export class PayoutService {
  private readonly paidListeners: PaidListener[] = [];
  /** Batches: export, confirmation, void, reconciliation. */
  readonly batches: PayoutBatches;

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    provider: PayoutProvider = offlineBankFileProvider,
  ) {
    this.batches = new PayoutBatches(audit, clock, box, provider, (trx, corpId, ids, ctx) => this.paid(trx, corpId, ids, ctx));
  }

  /** Adds a listener told of approvals whose payout was just paid, inside the paying transaction. */
  onPaid(listener: PaidListener): void {
    this.paidListeners.push(listener);
  }

  /**
   * Creates the one payout of an approval; a repeated call returns the same payout with created false. The
   * database's unique (corp, approval) makes this hold under concurrent retries: the insert does nothing when the
   * row exists, and waits for a concurrent insert to commit or roll back before deciding.
   */
  async createForApproval(trx: Trx, corpId: string, ctx: ActorContext, request: PayoutRequest): Promise<{ payoutId: string; created: boolean }> {
    const fields: FieldError[] = [];
    if (!request.approvalId || request.approvalId.length > 64) fields.push({ path: 'approvalId', reason: 'is required' });
    if (!request.spNo || request.spNo.length > 64) fields.push({ path: 'spNo', reason: 'is required' });
    if (!isPayableFen(request.amountFen)) fields.push({ path: 'amountFen', reason: 'must be between 1 fen and ¥10,000,000.00' });
    const account = request.bankAccount;
    const accountNumber = account ? normalizeAccountNumber(account.accountNumber) : null;
    if (account && !accountNumber) fields.push({ path: 'bankAccount.accountNumber', reason: 'is invalid' });
    if (account && !account.bankName.trim()) fields.push({ path: 'bankAccount.bankName', reason: 'is required' });
    const payee = UUID.test(request.payeeMemberId) ? await trx.selectFrom('members').select(['name', 'userid']).where('corp_id', '=', corpId).where('id', '=', request.payeeMemberId).executeTakeFirst() : undefined;
    if (!payee) fields.push({ path: 'payeeMemberId', reason: 'no such member in this corp' });
    if (fields.length || !payee) throw new AppError('payouts.invalid_request', { fields });

    const now = this.clock.now();
    const sealed = account && accountNumber ? { bankName: account.bankName.trim(), accountName: account.accountName.trim() || payee.name, accountNumber } : null;
    const id = await repo.insertPayoutOnce(trx, {
      corp_id: corpId,
      approval_id: request.approvalId,
      sp_no: request.spNo,
      amount_fen: request.amountFen,
      payee_member_id: request.payeeMemberId,
      payee_name: payee.name,
      bank_account_sealed: sealed ? this.box.seal(JSON.stringify(sealed)) : null,
      bank_name: sealed?.bankName ?? null,
      account_name: sealed?.accountName ?? null,
      account_last4: sealed ? sealed.accountNumber.slice(-4) : null,
      status: 'pending',
      created_at: now,
      updated_at: now,
    });
    if (!id) {
      // A concurrent retry inserted it first (and has committed, or the insert would still be waiting).
      const row = await repo.findByApproval(trx, corpId, request.approvalId);
      if (!row) throw new Error(`payout of approval ${request.approvalId} neither inserted nor found`);
      return { payoutId: row.id, created: false };
    }
    await this.audit.record(trx, corpId, ctx, {
      action: 'payouts.create',
      targetType: 'payout',
      targetId: id,
      after: { approvalId: request.approvalId, spNo: request.spNo, amountFen: request.amountFen, payee: payee.userid, bankAccount: sealed ? `${sealed.bankName} ${maskAccount(sealed.accountNumber.slice(-4))}` : null },
    });
    return { payoutId: id, created: true };
  }

  /** Cancels an approval's unpaid payout; 'none' when it has none. Refuses (AppError) when it is paid or being paid. */
  async cancelForApproval(trx: Trx, corpId: string, ctx: ActorContext, approvalId: string): Promise<'cancelled' | 'none'> {
    const row = await repo.findByApproval(trx, corpId, approvalId, true);
    if (!row) return 'none';
    if (row.status === 'cancelled') return 'cancelled';
    await this.cancelRow(trx, corpId, row, null, ctx);
    return 'cancelled';
  }

  /** A page of payouts inside the caller's reach, with the sum of everything the filter matches. */
  async list(db: Executor, corpId: string, reach: Reach, filter: PayoutFilter, page: number, pageSize: number): Promise<{ items: Payout[]; total: number; totalFen: number }> {
    const { rows, total, totalFen } = await repo.pagePayouts(db, corpId, reach, filter, (page - 1) * pageSize, pageSize);
    return { items: rows.map(presentPayout), total, totalFen };
  }

  /** One payout inside the caller's reach; out of reach is not found. */
  async get(db: Executor, corpId: string, reach: Reach, id: string): Promise<Payout> {
    const row = await repo.viewById(db, corpId, reach, id);
    if (!row) throw new AppError('payouts.not_found');
    return presentPayout(row);
  }

  /** A payout's history, from the audit log alone: created, batched, paid, failed, cancelled — who, when, why. */
  async history(db: Executor, corpId: string, reach: Reach, id: string): Promise<AuditEntry[]> {
    if (!(await repo.viewById(db, corpId, reach, id))) throw new AppError('payouts.not_found');
    return this.audit.historyOf(db, corpId, 'payout', id);
  }

  /** Cancels a payout that is not paid and not in a batch with the bank (an admin's decision, with a reason). */
  async cancel(trx: Trx, corpId: string, reach: Reach, id: string, reason: string, ctx: ActorContext): Promise<Payout> {
    const row = await repo.lockPayout(trx, corpId, reach, id);
    if (!row) throw new AppError('payouts.not_found');
    if (row.status === 'cancelled') throw new AppError('payouts.invalid_state');
    await this.cancelRow(trx, corpId, row, reason, ctx);
    return this.get(trx, corpId, reach, id);
  }

  /** Records that the bank refused one line of an exported batch before the batch is confirmed. */
  async markFailed(trx: Trx, corpId: string, reach: Reach, id: string, reason: string, ctx: ActorContext): Promise<Payout> {
    const row = await repo.lockPayout(trx, corpId, reach, id);
    if (!row) throw new AppError('payouts.not_found');
    if (row.status === 'paid') throw new AppError('payouts.already_paid');
    if (row.status !== 'pending' || !(await this.inOpenBatch(trx, row))) throw new AppError('payouts.invalid_state');
    const now = this.clock.now();
    await repo.updatePayouts(trx, [row.id], { status: 'failed', failure_reason: reason, failed_at: now, updated_at: now });
    await repo.setItemResults(trx, row.batch_id!, [row.id], 'failed', reason);
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.fail', targetType: 'payout', targetId: row.id, before: { status: row.status }, after: { status: 'failed', reason, batchId: row.batch_id } });
    return this.get(trx, corpId, reach, id);
  }

  /** The history as CSV lines (after a BOM the route writes), in the caller's reach and filter. */
  async *exportCsv(db: Executor, corpId: string, reach: Reach, filter: PayoutFilter): AsyncGenerator<string> {
    yield csvLine(['审批单号', '收款人', '帐号', '金额(元)', '状态', '开户行', '收款账号', '批次号', '银行流水号', '创建时间', '支付时间', '失败/取消原因']);
    for await (const row of repo.streamPayouts(db, corpId, reach, filter)) {
      const p = presentPayout(row);
      yield csvLine([p.spNo, p.payee.name, p.payee.userid, fenToYuan(p.amountFen), STATUS_ZH[p.status], p.bankAccount?.bankName, p.bankAccount?.accountMasked, p.batchNo, p.bankReference, p.createdAt, p.paidAt, p.status === 'cancelled' ? (p.cancelReason ?? '审批已撤回') : p.failureReason]);
    }
  }

  private async inOpenBatch(db: Executor, row: PayoutRow): Promise<boolean> {
    if (row.batch_id === null) return false;
    const batch = await db.selectFrom('payout_batches').select('status').where('id', '=', row.batch_id).executeTakeFirst();
    return batch?.status === 'exported';
  }

  private async cancelRow(trx: Trx, corpId: string, row: PayoutRow, reason: string | null, ctx: ActorContext): Promise<void> {
    if (row.status === 'paid') throw new AppError('payouts.already_paid');
    if (row.status === 'pending' && (await this.inOpenBatch(trx, row))) throw new AppError('payouts.in_open_batch');
    const now = this.clock.now();
    await repo.updatePayouts(trx, [row.id], { status: 'cancelled', cancel_reason: reason, cancelled_at: now, updated_at: now });
    await this.audit.record(trx, corpId, ctx, { action: 'payouts.cancel', targetType: 'payout', targetId: row.id, before: { status: row.status }, after: { status: 'cancelled', reason: reason ?? 'approval withdrawn', approvalId: row.approval_id } });
  }

  /** Tells every listener, in the paying transaction, which approvals were just paid. */
  private async paid(trx: Trx, corpId: string, approvalIds: string[], ctx: ActorContext): Promise<void> {
    if (approvalIds.length === 0) return;
    for (const listener of this.paidListeners) await listener(trx, corpId, approvalIds, ctx);
  }
}
