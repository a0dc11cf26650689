import type { InboxItem, MessageType } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';

/** A member's inbox in the portal: the messages apps sent them, newest first, and what is still unread. */
export class InboxService {
  constructor(private readonly clock: Clock) {}

  async page(db: Executor, memberId: string, options: { page: number; pageSize: number; unreadOnly: boolean }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
    let base = db.selectFrom('inbox_items as i').where('i.member_id', '=', memberId);
    if (options.unreadOnly) base = base.where('i.read_at', 'is', null);
    const rows = await base
      .innerJoin('messages as msg', 'msg.id', 'i.message_id')
      .innerJoin('apps as a', 'a.id', 'msg.app_id')
      .select(['msg.id', 'msg.msgtype', 'msg.body', 'i.created_at', 'i.read_at', 'a.agent_id', 'a.name'])
      .orderBy('i.created_at', 'desc')
      .orderBy('msg.id', 'desc')
      .offset((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({ id: r.id, app: { agentId: r.agent_id, name: r.name }, msgtype: r.msgtype as MessageType, body: r.body as Record<string, unknown>, createdAt: r.created_at.toISOString(), read: r.read_at !== null })),
      total: Number(total.n),
      unread: await this.unread(db, memberId),
    };
  }

  async unread(db: Executor, memberId: string): Promise<number> {
    const row = await db.selectFrom('inbox_items').select((eb) => eb.fn.countAll<string>().as('n')).where('member_id', '=', memberId).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one message read; another member's message is not found. */
  async markRead(db: Executor, memberId: string, messageId: string): Promise<void> {
    const result = await db.updateTable('inbox_items').set({ read_at: this.clock.now() }).where('member_id', '=', memberId).where('message_id', '=', messageId).where('read_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await db.selectFrom('inbox_items').select('message_id').where('member_id', '=', memberId).where('message_id', '=', messageId).executeTakeFirst();
      if (!exists) throw new AppError('messages.not_found');
    }
  }

  async markAllRead(db: Executor, memberId: string): Promise<void> {
    await db.updateTable('inbox_items').set({ read_at: this.clock.now() }).where('member_id', '=', memberId).where('read_at', 'is', null).execute();
  }
}
