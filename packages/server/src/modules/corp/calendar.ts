import { DateTime, IANAZone } from 'luxon';
import type { WorkCalendar } from '@orgdesk/contracts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const HORIZON_DAYS = 400;

/** A half-open working interval [start, end) in epoch milliseconds. */
interface Interval {
  start: number;
  end: number;
}

/** The IANA zone of that name, or an Error naming it when it is not a known zone. */
function zoneNamed(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new Error(`invalid time zone: ${JSON.stringify(name)}`);
  return zone;
}

/** The zone a calendar is evaluated in: the member's own zone when given, else the calendar's. */
function effectiveZone(calendar: WorkCalendar, memberTimeZone: string | undefined): IANAZone {
  // The calendar's zone is checked even when unused, so a broken calendar fails for everyone alike.
  const calendarZone = zoneNamed(calendar.timezone);
  return memberTimeZone === undefined ? calendarZone : zoneNamed(memberTimeZone);
}

/** Epoch ms of a Date, refusing an invalid one. */
function millisOf(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('invalid date');
  return ms;
}

/** Minutes after midnight of an 'HH:MM' string. */
function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The local date that an instant falls on in `zone`, as a UTC-midnight DateTime: local dates are
 * then stepped and compared as plain calendar days, free of any DST arithmetic.
 */
function localDate(zone: IANAZone, ms: number): DateTime {
  const local = DateTime.fromMillis(ms, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** Whether a local date (as a UTC-midnight DateTime) is a working day. */
function isWorkingDate(calendar: WorkCalendar, date: DateTime): boolean {
  const iso = date.toFormat('yyyy-MM-dd');
  if (calendar.makeupWorkdays.includes(iso)) return true;
  return calendar.workingDays.includes(date.weekday) && !calendar.holidays.includes(iso);
}

/** Whether the local date 'YYYY-MM-DD' is a working day: a working weekday that is not a holiday, or a make-up workday. */
export function isWorkingDay(calendar: WorkCalendar, isoDate: string): boolean {
  const date = DateTime.fromFormat(isoDate, 'yyyy-MM-dd', { zone: 'utc' });
  if (!date.isValid) throw new Error(`invalid date: ${JSON.stringify(isoDate)}`);
  return isWorkingDate(calendar, date);
}

/**
 * The instant at which a local wall-clock time (given as ms since the epoch as if the zone were
 * UTC) happens in `zone`: a time skipped by a DST gap maps to the first instant after the gap, a
 * time repeated by a fall-back maps to its earlier instant. Offsets come from luxon's zone data.
 */
function resolveWallTime(zone: IANAZone, wall: number): number {
  const offsets = new Set([zone.offset(wall - DAY), zone.offset(wall), zone.offset(wall + DAY)]);
  const guesses = [...offsets].map((offset) => wall - offset * MINUTE);
  const valid = guesses.filter((instant) => instant + zone.offset(instant) * MINUTE === wall);
  if (valid.length > 0) return Math.min(...valid);
  // No reading exists: the transition instant lies between the readings under the old and new offsets.
  let before = Math.min(...guesses);
  let after = Math.max(...guesses);
  const oldOffset = zone.offset(before);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (zone.offset(mid) === oldOffset) before = mid;
    else after = mid;
  }
  return after;
}

/** The non-empty working intervals that start on a local date (a UTC-midnight DateTime) in `zone`. */
function intervalsOn(calendar: WorkCalendar, zone: IANAZone, date: DateTime): Interval[] {
  if (!isWorkingDate(calendar, date)) return [];
  const midnight = date.toMillis();
  // Every instant this date's ranges can map to lies within these bounds; equal offsets there mean no transition.
  const steadyOffset = zone.offset(midnight - DAY);
  const steady = steadyOffset === zone.offset(midnight + 3 * DAY);
  const resolve = (wall: number): number => (steady ? wall - steadyOffset * MINUTE : resolveWallTime(zone, wall));
  const intervals: Interval[] = [];
  for (const range of calendar.workingHours) {
    const start = minutesOf(range.start);
    const end = minutesOf(range.end) <= start ? minutesOf(range.end) + 24 * 60 : minutesOf(range.end);
    const interval = { start: resolve(midnight + start * MINUTE), end: resolve(midnight + end * MINUTE) };
    // A range lying wholly inside a DST gap never happens that day.
    if (interval.start < interval.end) intervals.push(interval);
  }
  return intervals;
}

/** Whether `at` is working time under the calendar, on the member's wall clock when `memberTimeZone` is given. */
export function isWorkingTime(calendar: WorkCalendar, at: Date, memberTimeZone?: string): boolean {
  const zone = effectiveZone(calendar, memberTimeZone);
  const ms = millisOf(at);
  const today = localDate(zone, ms);
  // A range belongs to the day it starts on, so yesterday's overnight range may still be running.
  return [today.minus({ days: 1 }), today].some((date) =>
    intervalsOn(calendar, zone, date).some((interval) => interval.start <= ms && ms < interval.end),
  );
}

/** `from` when it is working time, else the start of the next working range; throws when none lies within 400 days. */
export function nextWorkingTime(calendar: WorkCalendar, from: Date, memberTimeZone?: string): Date {
  const zone = effectiveZone(calendar, memberTimeZone);
  const ms = millisOf(from);
  if (isWorkingTime(calendar, from, memberTimeZone)) return new Date(ms);
  const today = localDate(zone, ms);
  for (let day = 0; day <= HORIZON_DAYS; day++) {
    // Later dates only start later, so the first date with a start after `from` holds the answer.
    const starts = intervalsOn(calendar, zone, today.plus({ days: day }))
      .map((interval) => interval.start)
      .filter((start) => start > ms);
    if (starts.length > 0) return new Date(Math.min(...starts));
  }
  throw new Error(`calendar has no working time within ${HORIZON_DAYS} days`);
}

/**
 * The start of the first working day at or after `from` — its first working range, on the member's wall clock when
 * `memberTimeZone` is given; throws when none lies within 400 days.
 */
export function nextWorkingDayStart(calendar: WorkCalendar, from: Date, memberTimeZone?: string): Date {
  const zone = effectiveZone(calendar, memberTimeZone);
  const ms = millisOf(from);
  const today = localDate(zone, ms);
  for (let day = 0; day <= HORIZON_DAYS; day++) {
    const starts = intervalsOn(calendar, zone, today.plus({ days: day })).map((interval) => interval.start);
    if (starts.length > 0 && Math.min(...starts) >= ms) return new Date(Math.min(...starts));
  }
  throw new Error(`calendar has no working time within ${HORIZON_DAYS} days`);
}

/**
 * The instant `hours` of working time after `from` on the calendar's own clock: only working intervals count, so
 * nights, lunch breaks, weekends and holidays pass without using any of it (an approver's time limit runs on it).
 * Throws when the calendar runs out of working time within 400 days.
 */
export function addWorkingHours(calendar: WorkCalendar, from: Date, hours: number): Date {
  const zone = effectiveZone(calendar, undefined);
  let left = hours * HOUR;
  // Counted up to here; intervals that overlap (an overnight range into the next day's) are not counted twice.
  let cursor = millisOf(from);
  // Yesterday's overnight range may still be running at `from`.
  const first = localDate(zone, cursor).minus({ days: 1 });
  for (let day = 0; day <= HORIZON_DAYS + 1; day++) {
    const intervals = intervalsOn(calendar, zone, first.plus({ days: day })).sort((a, b) => a.start - b.start);
    for (const interval of intervals) {
      const begin = Math.max(interval.start, cursor);
      if (begin >= interval.end) continue;
      if (left <= interval.end - begin) return new Date(begin + left);
      left -= interval.end - begin;
      cursor = interval.end;
    }
  }
  throw new Error(`calendar has no working time within ${HORIZON_DAYS} days`);
}
