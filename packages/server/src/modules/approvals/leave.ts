import type { LeaveType, WorkCalendar } from '@orgdesk/contracts';
import { DateTime } from 'luxon';
import { isWorkingDay } from '../corp';
import type { HalfDayRange } from './form';

/** The longest leave one request may ask for, so a range cannot make us count days for ever. */
const MAX_RANGE_DAYS = 366;

/**
 * Half days of leave a range takes on the working calendar: each working day counts two halves, less the morning
 * of the first day when leave starts in the afternoon and the afternoon of the last when it ends in the morning.
 * Weekends, holidays and other non-working days cost nothing; make-up workdays (调休上班) do.
 */
export function leaveHalfDays(calendar: WorkCalendar, range: HalfDayRange): number {
  const start = DateTime.fromISO(range.start, { zone: 'utc' });
  const end = DateTime.fromISO(range.end, { zone: 'utc' });
  const days = Math.round(end.diff(start, 'days').days);
  if (days < 0 || days > MAX_RANGE_DAYS) return -1;
  let halves = 0;
  for (let d = 0; d <= days; d++) {
    const iso = start.plus({ days: d }).toISODate()!;
    if (!isWorkingDay(calendar, iso)) continue;
    halves += 2;
    if (d === 0 && range.startHalf === 'pm') halves -= 1;
    if (d === days && range.endHalf === 'am') halves -= 1;
  }
  return halves;
}

/** Days of a plain date range counted on the working calendar. */
export function workingDays(calendar: WorkCalendar, start: string, end: string): number {
  return leaveHalfDays(calendar, { start, startHalf: 'am', end, endHalf: 'pm' }) / 2;
}

/** 请假类型 in Chinese, as the built-in leave template offers them. */
export const leaveTypeNames: Record<LeaveType, string> = {
  annual: '年假',
  personal: '事假',
  sick: '病假',
  compensatory: '调休假',
  marriage: '婚假',
  maternity: '产假',
  paternity: '陪产假',
  other: '其他',
};
