import type { TimeLimit, WorkCalendar } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { addWorkingHours } from '../corp';

/** The corp's working calendar: leave is counted on it, sp_no takes its local date, time limits run on its hours. */
export async function corpCalendar(db: Executor, corpId: string): Promise<WorkCalendar> {
  return (await db.selectFrom('corps').select('calendar').where('id', '=', corpId).executeTakeFirstOrThrow()).calendar as WorkCalendar;
}

/**
 * When a task that turns pending at `from` falls overdue: `limit.hours` of working time later on the calendar. A
 * calendar with no working time ahead never lets working hours pass, so such a task never falls overdue (null).
 */
export function dueAfter(calendar: WorkCalendar, limit: TimeLimit, from: Date): Date | null {
  try {
    return addWorkingHours(calendar, from, limit.hours);
  } catch {
    return null;
  }
}
