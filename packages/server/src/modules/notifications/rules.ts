import type { WorkCalendar } from '@orgdesk/contracts';
import { DateTime } from 'luxon';
import { isWorkingTime, nextWorkingDayStart, nextWorkingTime } from '../corp';

/** Quiet hours on a member's clock, 'HH:MM'; an end not after the start runs past midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

/** What decides when a member is told: the corp's rule and calendar, and the member's own zone and quiet hours. */
export interface Rules {
  workingHoursOnly: boolean;
  calendar: WorkCalendar;
  timeZone: string | null;
  quiet: QuietHours | null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the quiet hours on the wall clock of `zone`. */
export function inQuietHours(quiet: QuietHours, at: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The first instant after `at` when the quiet hours end on the wall clock of `zone`. */
function quietEnd(quiet: QuietHours, at: Date, zone: string): Date {
  const local = DateTime.fromJSDate(at, { zone });
  let end = local.set({ hour: Number(quiet.end.slice(0, 2)), minute: Number(quiet.end.slice(3, 5)), second: 0, millisecond: 0 });
  if (end.toMillis() <= at.getTime()) end = end.plus({ days: 1 });
  return end.toJSDate();
}

/** The member's zone when it is one luxon knows, else the calendar's (a stale zone must not lose a notice). */
export function zoneOf(rules: Pick<Rules, 'timeZone' | 'calendar'>): string {
  if (rules.timeZone && DateTime.now().setZone(rules.timeZone).isValid) return rules.timeZone;
  return rules.calendar.timezone;
}

/** The zone to read the calendar in when it is not the calendar's own (the calendar functions' optional argument). */
function calendarZoneArgument(rules: Rules): string | undefined {
  const zone = zoneOf(rules);
  return zone === rules.calendar.timezone ? undefined : zone;
}

/**
 * When a notice created at `now` reaches a member: at once when urgent or when the rules allow now; else the next
 * instant that is working time (if the corp asks for working hours only) and outside the member's quiet hours. A
 * calendar with no working time ahead, or quiet hours covering every working hour, never holds a notice back for
 * ever: the working-hours answer wins, and failing that, now.
 */
export function dueTime(rules: Rules, now: Date, urgent: boolean): Date {
  if (urgent) return now;
  const zone = zoneOf(rules);
  const memberZone = calendarZoneArgument(rules);
  let at = now;
  try {
    for (let step = 0; step < 16; step++) {
      let moved = false;
      if (rules.workingHoursOnly && !isWorkingTime(rules.calendar, at, memberZone)) {
        at = nextWorkingTime(rules.calendar, at, memberZone);
        moved = true;
      }
      if (rules.quiet && inQuietHours(rules.quiet, at, zone)) {
        at = quietEnd(rules.quiet, at, zone);
        moved = true;
      }
      if (!moved) return at;
    }
    return rules.workingHoursOnly ? nextWorkingTime(rules.calendar, now, memberZone) : now;
  } catch {
    return now;
  }
}

/**
 * When the daily digest that gathers a notice due at `due` goes out, and the member's local date it goes out on: the
 * start of their first working day at or after `due` (what waited overnight is in that morning's digest), moved past
 * their quiet hours. A calendar with no working day ahead sends it at `due`.
 */
export function digestTime(rules: Rules, due: Date): { at: Date; day: string } {
  let start = due;
  try {
    start = nextWorkingDayStart(rules.calendar, due, calendarZoneArgument(rules));
  } catch {
    // No working day within the calendar's horizon: the digest goes out when the notice falls due.
  }
  const at = dueTime({ ...rules, workingHoursOnly: false }, start, false);
  return { at, day: DateTime.fromJSDate(at, { zone: zoneOf(rules) }).toISODate() ?? at.toISOString().slice(0, 10) };
}
