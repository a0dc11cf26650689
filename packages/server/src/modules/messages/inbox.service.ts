import type { InboxItem, InboxItemType } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import { announceInboxChange } from '../notifications';

/**
 * A member's inbox in the portal: app messages and the system's notices, newest first, and what is still unread.
 * A notice deferred by the member's rules (working hours, quiet hours) is not there until its due time.
 */
export class InboxService {
  constructor(private readonly clock: Clock) {}

  async page(db: Executor, memberId: string, options: { page: number; pageSize: number; unreadOnly: boolean }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
    const now = this.clock.now();
    let base = db.selectFrom('inbox_items as i').where('i.member_id', '=', memberId).where('i.due_at', '<=', now);
    if (options.unreadOnly) base = base.where('i.read_at', 'is', null);
    const rows = await base
      .innerJoin('messages as msg', 'msg.id', 'i.message_id')
      .leftJoin('apps as a', 'a.id', 'msg.app_id')
      .select(['msg.id', 'msg.kind', 'msg.urgent', 'msg.msgtype', 'msg.body', 'i.due_at', 'i.read_at', 'a.agent_id', 'a.name'])
      .orderBy('i.due_at', 'desc')
      .orderBy('msg.id', 'desc')
      .offset((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({
        id: r.id,
        app: r.name === null ? null : { agentId: r.agent_id, name: r.name },
        kind: r.kind,
        msgtype: r.msgtype as InboxItemType,
        body: r.body as Record<string, unknown>,
        urgent: r.urgent,
        // When it reached the member: the send time, or the end of the wait their rules imposed.
        createdAt: r.due_at.toISOString(),
        read: r.read_at !== null,
      })),
      total: Number(total.n),
      unread: await this.unread(db, memberId),
    };
  }

  async unread(db: Executor, memberId: string): Promise<number> {
    const row = await db
      .selectFrom('inbox_items')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('member_id', '=', memberId)
      .where('read_at', 'is', null)
      .where('due_at', '<=', this.clock.now())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one message read; another member's message, or one not yet due, is not found. */
  async markRead(db: Executor, memberId: string, messageId: string): Promise<void> {
    const now = this.clock.now();
    const result = await db.updateTable('inbox_items').set({ read_at: now }).where('member_id', '=', memberId).where('message_id', '=', messageId).where('read_at', 'is', null).where('due_at', '<=', now).returning('corp_id').executeTakeFirst();
    if (!result) {
      const exists = await db.selectFrom('inbox_items').select('message_id').where('member_id', '=', memberId).where('message_id', '=', messageId).where('due_at', '<=', now).executeTakeFirst();
      if (!exists) throw new AppError('messages.not_found');
      return;
    }
    // The member's other tabs and devices update their unread badge.
    await announceInboxChange(db, result.corp_id, [memberId]);
  }

  async markAllRead(db: Executor, memberId: string): Promise<void> {
    const now = this.clock.now();
    const marked = await db.updateTable('inbox_items').set({ read_at: now }).where('member_id', '=', memberId).where('read_at', 'is', null).where('due_at', '<=', now).executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return;
    const member = await db.selectFrom('members').select('corp_id').where('id', '=', memberId).executeTakeFirst();
    if (member) await announceInboxChange(db, member.corp_id, [memberId]);
  }
}
