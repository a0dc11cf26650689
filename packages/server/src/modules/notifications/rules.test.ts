import { defaultWorkCalendar } from '@orgdesk/contracts';
import { describe, expect, it } from 'vitest';
import { digestTime, dueTime, inQuietHours, type Rules } from './rules';

const base: Rules = { workingHoursOnly: true, calendar: defaultWorkCalendar, timeZone: null, quiet: null };
const at = (iso: string) => new Date(iso);

describe('dueTime', () => {
  it('is now during working hours, and the next working start outside them (a Friday evening waits for Monday)', () => {
    expect(dueTime(base, at('2026-11-30T02:00:00Z'), false)).toEqual(at('2026-11-30T02:00:00Z'));
    expect(dueTime(base, at('2026-12-04T11:00:00Z'), false)).toEqual(at('2026-12-07T01:00:00Z'));
    expect(dueTime({ ...base, workingHoursOnly: false }, at('2026-12-04T11:00:00Z'), false)).toEqual(at('2026-12-04T11:00:00Z'));
  });

  it('is now for an urgent notice, whatever the rules', () => {
    expect(dueTime({ ...base, quiet: { start: '00:00', end: '23:59' } }, at('2026-12-05T11:00:00Z'), true)).toEqual(at('2026-12-05T11:00:00Z'));
  });

  it("uses the member's zone: 09:00 in New York, across the change back from daylight saving time", () => {
    // Saturday 2026-10-31 in New York (EDT, UTC-4); the clocks go back on Sunday; Monday 09:00 is EST (UTC-5).
    expect(dueTime({ ...base, timeZone: 'America/New_York' }, at('2026-10-31T16:00:00Z'), false)).toEqual(at('2026-11-02T14:00:00Z'));
  });

  it('waits out quiet hours that run past midnight, then working hours', () => {
    const quiet = { ...base, workingHoursOnly: false, quiet: { start: '22:00', end: '07:30' } };
    expect(dueTime(quiet, at('2026-11-30T15:00:00Z'), false)).toEqual(at('2026-11-30T23:30:00Z')); // 23:00 → 07:30
    expect(dueTime({ ...quiet, workingHoursOnly: true }, at('2026-11-30T15:00:00Z'), false)).toEqual(at('2026-12-01T01:00:00Z')); // → 09:00
    expect(inQuietHours(quiet.quiet!, at('2026-11-30T23:29:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(inQuietHours(quiet.quiet!, at('2026-11-30T23:30:00Z'), 'Asia/Shanghai')).toBe(false);
  });

  it('never holds a notice for ever: quiet hours over every working hour give way to working hours', () => {
    const always = { ...base, quiet: { start: '08:00', end: '20:00' } };
    expect(dueTime(always, at('2026-11-30T14:00:00Z'), false)).toEqual(at('2026-12-01T01:00:00Z'));
    const noWork = { ...base, calendar: { ...defaultWorkCalendar, workingDays: [] } };
    expect(dueTime(noWork, at('2026-11-30T14:00:00Z'), false)).toEqual(at('2026-11-30T14:00:00Z'));
  });
});

describe('digestTime', () => {
  it("is the start of the member's next working day, or the same morning for a notice due at its start", () => {
    // Monday 10:00 in Shanghai → Tuesday 09:00; Friday 20:00 → Monday 09:00; due Tuesday 09:00 → that very digest.
    expect(digestTime(base, at('2026-11-30T02:00:00Z'))).toEqual({ at: at('2026-12-01T01:00:00Z'), day: '2026-12-01' });
    expect(digestTime(base, at('2026-12-04T12:00:00Z'))).toEqual({ at: at('2026-12-07T01:00:00Z'), day: '2026-12-07' });
    expect(digestTime(base, at('2026-12-01T01:00:00Z'))).toEqual({ at: at('2026-12-01T01:00:00Z'), day: '2026-12-01' });
  });

  it("reads the calendar on the member's clock and waits out their quiet hours", () => {
    // Monday 2026-11-30 10:00 in New York (EST, UTC-5) → Tuesday 09:00 there.
    expect(digestTime({ ...base, timeZone: 'America/New_York' }, at('2026-11-30T15:00:00Z'))).toEqual({ at: at('2026-12-01T14:00:00Z'), day: '2026-12-01' });
    expect(digestTime({ ...base, quiet: { start: '22:00', end: '09:30' } }, at('2026-11-30T02:00:00Z'))).toEqual({ at: at('2026-12-01T01:30:00Z'), day: '2026-12-01' });
  });

  it('follows a lunch break without taking the afternoon for the start of a day', () => {
    const split = { ...base, calendar: { ...defaultWorkCalendar, workingHours: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }] } };
    expect(digestTime(split, at('2026-11-30T04:30:00Z'))).toEqual({ at: at('2026-12-01T01:00:00Z'), day: '2026-12-01' }); // Monday 12:30
  });
});
