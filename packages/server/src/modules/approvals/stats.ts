import type { ApprovalStats, WorkCalendar } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import { departmentWithin } from '../directory';

/** The longest period one statistics request covers. */
const MAX_DAYS = 366;

/**
 * 审批统计 for an admin: the requests submitted in [from, to] (local dates of the corp) whose department lies in
 * their scope — counted by status and template, with decision times and a count per day for a chart.
 */
export async function approvalStats(db: Executor, corpId: string, reach: Reach, period: { from: string; to: string }): Promise<ApprovalStats> {
  const { calendar } = await db.selectFrom('corps').select('calendar').where('id', '=', corpId).executeTakeFirstOrThrow();
  const zone = (calendar as WorkCalendar).timezone;
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (!(days >= 0 && days < MAX_DAYS)) throw new AppError('common.validation_failed', { fields: [{ path: 'to', reason: `must be on or after from, within ${MAX_DAYS} days` }] });
  const local = sql`(r.created_at at time zone ${zone})::date`;
  const base = db
    .selectFrom('approval_requests as r')
    .where('r.corp_id', '=', corpId)
    .where(departmentWithin(corpId, reach, 'r.department_id'))
    .where(sql<boolean>`${local} between ${period.from}::date and ${period.to}::date`);
  const [byStatus, byTemplate, timing, perDay] = await Promise.all([
    base.select(['r.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('r.status').orderBy('r.status').execute(),
    base
      .select(['r.template_id', sql<string>`max(r.name)`.as('name'), (eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(*) filter (where r.status in (2, 10))`.as('approved'), sql<string>`coalesce(sum(r.amount_fen) filter (where r.status in (2, 10)), 0)`.as('amount')])
      .groupBy('r.template_id')
      .orderBy('n', 'desc')
      .execute(),
    base
      .where('r.finished_at', 'is not', null)
      .where('r.status', 'in', [2, 3, 10])
      .select([
        sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from r.finished_at - r.created_at) / 3600)`.as('median'),
        sql<number | null>`percentile_cont(0.9) within group (order by extract(epoch from r.finished_at - r.created_at) / 3600)`.as('p90'),
      ])
      .executeTakeFirstOrThrow(),
    base.select([sql<string>`to_char(${local}, 'YYYY-MM-DD')`.as('day'), (eb) => eb.fn.countAll<string>().as('n')]).groupBy(sql`1`).orderBy(sql`1`).execute(),
  ]);
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    total: byStatus.reduce((sum, s) => sum + Number(s.n), 0),
    byStatus: byStatus.map((s) => ({ status: s.status, count: Number(s.n) })),
    byTemplate: byTemplate.map((t) => ({ templateId: t.template_id, name: t.name, count: Number(t.n), approved: Number(t.approved), amountFen: Number(t.amount) })),
    hoursToDecide: { median: round(timing.median), p90: round(timing.p90) },
    perDay: perDay.map((d) => ({ day: d.day, submitted: Number(d.n) })),
  };
}
