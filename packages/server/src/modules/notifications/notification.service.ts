import type { Trx } from '../../db';
import type { Clock } from '../../platform/kernel/clock';

/** One thing to tell members about, from an app or from the system. */
export interface Notice {
  /** What happened, e.g. 'approval.pending'; members' settings and the inbox group by it. */
  kind: string;
  /** One copy per (eventKey, recipient, channel): notifying the same event twice is harmless. */
  eventKey: string;
  title: string;
  body: string;
  /** Where the portal or console opens it. */
  url?: string | null;
  /** Urgent notices skip the working-hours and quiet-hours waits. */
  urgent?: boolean;
  /** The app that sent it; null or absent for the system (approvals, security). */
  appId?: string | null;
}

/** The one way every module tells members something (skeleton: the notifications module fills it in). */
export class NotificationService {
  constructor(private readonly clock: Clock) {}

  /** Queues a notice for members in the caller's transaction: it exists exactly when the change that caused it does. */
  async notify(_trx: Trx, _corpId: string, _memberIds: readonly string[], _notice: Notice): Promise<void> {
    void this.clock;
  }
}
