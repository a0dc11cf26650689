import type { Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';

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

/** 企业支付 (skeleton: the payouts module fills it in). */
export class PayoutService {
  private readonly paidListeners: PaidListener[] = [];

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onPaid(listener: PaidListener): void {
    this.paidListeners.push(listener);
  }

  /** Creates the one payout of an approval; a repeated call returns the same payout with created false. */
  async createForApproval(_trx: Trx, _corpId: string, _ctx: ActorContext, _request: PayoutRequest): Promise<{ payoutId: string; created: boolean }> {
    void this.audit;
    void this.clock;
    throw new Error('payouts: not built yet');
  }

  /** Cancels an approval's unpaid payout; 'none' when it has none. Refuses (AppError) when it is paid or being paid. */
  async cancelForApproval(_trx: Trx, _corpId: string, _ctx: ActorContext, _approvalId: string): Promise<'cancelled' | 'none'> {
    return 'none';
  }
}
