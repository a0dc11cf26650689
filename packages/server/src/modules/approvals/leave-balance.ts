import { balancedLeaveTypes, type LeaveType } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { memberWithin } from '../directory';

/** One member's balance of one leave type, in days. */
export interface LeaveBalance {
  userid: string;
  name: string;
  type: LeaveType;
  totalDays: number;
  usedDays: number;
  remainingDays: number;
}

/** Balances of the balanced leave types (年假, 调休假): one member's, or every member's within an admin's reach. */
export async function leaveBalances(db: Executor, corpId: string, who: { memberId: string } | { reach: Reach }): Promise<LeaveBalance[]> {
  let query = db
    .selectFrom('members as m')
    .leftJoin('leave_balances as b', (join) => join.onRef('b.member_id', '=', 'm.id').on('b.corp_id', '=', corpId))
    .select(['m.userid', 'm.name', 'b.leave_type', 'b.total_half_days', 'b.used_half_days'])
    .where('m.corp_id', '=', corpId)
    .where('m.status', 'in', [1, 4]);
  query = 'memberId' in who ? query.where('m.id', '=', who.memberId) : query.where(memberWithin(corpId, who.reach, 'm.id')).where('b.leave_type', 'is not', null);
  const rows = await query.orderBy('m.name_sort').limit(5000).execute();
  const byMember = new Map<string, LeaveBalance[]>();
  for (const row of rows) {
    const list = byMember.get(row.userid) ?? [];
    if (row.leave_type) {
      const total = row.total_half_days ?? 0;
      const used = row.used_half_days ?? 0;
      list.push({ userid: row.userid, name: row.name, type: row.leave_type as LeaveType, totalDays: total / 2, usedDays: used / 2, remainingDays: (total - used) / 2 });
    }
    byMember.set(row.userid, list);
  }
  // A member without a row for a type has none of it, and sees that as zero.
  if ('memberId' in who) {
    const [first] = rows;
    const mine = first ? (byMember.get(first.userid) ?? []) : [];
    return balancedLeaveTypes.map((type) => mine.find((b) => b.type === type) ?? { userid: first?.userid ?? '', name: first?.name ?? '', type, totalDays: 0, usedDays: 0, remainingDays: 0 });
  }
  return [...byMember.values()].flat();
}

/** Sets a member's yearly allowance of a balanced leave type (what they used stays). */
export async function setLeaveBalance(trx: Trx, audit: AuditLog, now: Date, corpId: string, reach: Reach, input: { userid: string; type: LeaveType; totalDays: number }, ctx: ActorContext): Promise<void> {
  const member = await trx
    .selectFrom('members as m')
    .select('m.id')
    .where('m.corp_id', '=', corpId)
    .where((eb) => eb(eb.fn('lower', ['m.userid']), '=', input.userid.toLowerCase()))
    .where(memberWithin(corpId, reach, 'm.id'))
    .executeTakeFirst();
  if (!member) throw new AppError('directory.member_not_found', { fields: [{ path: 'userid', reason: 'unknown: ' + input.userid }] });
  const halfDays = Math.round(input.totalDays * 2);
  const before = await trx.selectFrom('leave_balances').select('total_half_days').where('corp_id', '=', corpId).where('member_id', '=', member.id).where('leave_type', '=', input.type).executeTakeFirst();
  await trx
    .insertInto('leave_balances')
    .values({ corp_id: corpId, member_id: member.id, leave_type: input.type, total_half_days: halfDays, used_half_days: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['corp_id', 'member_id', 'leave_type']).doUpdateSet({ total_half_days: halfDays, updated_at: now }))
    .execute();
  await audit.record(trx, corpId, ctx, { action: 'approvals.leave_balance_set', targetType: 'member', targetId: input.userid, before: before ? { totalDays: before.total_half_days / 2 } : null, after: { type: input.type, totalDays: input.totalDays } });
}
