import { describe, it, expect } from 'vitest';
import type { WorkCalendar } from '@orgdesk/contracts';
import { addWorkingHours, isWorkingDay, isWorkingTime, nextWorkingDayStart, nextWorkingTime } from './calendar';

/** An instant written with an explicit UTC offset, so expectations never depend on the code under test. */
const t = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

const calendar = (overrides: Partial<WorkCalendar>): WorkCalendar => ({
  timezone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: [{ start: '09:00', end: '18:00' }],
  holidays: [],
  makeupWorkdays: [],
  ...overrides,
});

const nationalDay = [
  '2025-10-01',
  '2025-10-02',
  '2025-10-03',
  '2025-10-04',
  '2025-10-05',
  '2025-10-06',
  '2025-10-07',
  '2025-10-08',
];

/** Shanghai office with a lunch break and the real 2025 National Day holiday and its 调休 days. */
const shanghai = calendar({
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  holidays: nationalDay,
  makeupWorkdays: ['2025-09-28', '2025-10-11'],
});

/** Night shift Monday to Friday; each shift belongs to the evening it starts on. */
const nightShift = calendar({ workingHours: [{ start: '22:00', end: '06:00' }], holidays: nationalDay });

const everyDay = [1, 2, 3, 4, 5, 6, 7];

describe('isWorkingDay', () => {
  it('takes working weekdays and refuses weekends', () => {
    expect(isWorkingDay(shanghai, '2025-09-22')).toBe(true); // Monday
    expect(isWorkingDay(shanghai, '2025-09-26')).toBe(true); // Friday
    expect(isWorkingDay(shanghai, '2025-09-20')).toBe(false); // Saturday
    expect(isWorkingDay(shanghai, '2025-09-21')).toBe(false); // Sunday
  });

  it('turns a holiday on a weekday into a day off', () => {
    expect(isWorkingDay(shanghai, '2025-10-01')).toBe(false); // Wednesday
    expect(isWorkingDay(shanghai, '2025-10-08')).toBe(false); // Wednesday
    expect(isWorkingDay(shanghai, '2025-10-09')).toBe(true);
  });

  it('turns a make-up weekend day into a working day', () => {
    expect(isWorkingDay(shanghai, '2025-09-28')).toBe(true); // Sunday
    expect(isWorkingDay(shanghai, '2025-10-11')).toBe(true); // Saturday
    expect(isWorkingDay(shanghai, '2025-10-12')).toBe(false); // the Sunday after
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay(shanghai, '2025-02-30')).toThrow(/2025-02-30/);
    expect(() => isWorkingDay(shanghai, '25-1-1')).toThrow(/25-1-1/);
  });
});

describe('isWorkingTime: days and hours', () => {
  it('is working on a weekday morning and not at the same hour on a weekend', () => {
    expect(isWorkingTime(shanghai, t('2025-09-22T10:00:00+08:00'))).toBe(true);
    expect(isWorkingTime(shanghai, t('2025-09-20T10:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(shanghai, t('2025-09-21T10:00:00+08:00'))).toBe(false);
  });

  it('treats each range as half-open, including the lunch break boundaries', () => {
    const at = (time: string) => isWorkingTime(shanghai, t(`2025-09-22T${time}+08:00`));
    expect(at('08:59:59.999')).toBe(false);
    expect(at('09:00:00.000')).toBe(true);
    expect(at('11:59:59.999')).toBe(true);
    expect(at('12:00:00.000')).toBe(false);
    expect(at('12:45:00.000')).toBe(false);
    expect(at('13:29:59.999')).toBe(false);
    expect(at('13:30:00.000')).toBe(true);
    expect(at('17:59:59.999')).toBe(true);
    expect(at('18:00:00.000')).toBe(false);
    expect(at('23:00:00.000')).toBe(false);
  });

  it('is not working during a holiday on a weekday, and working again right after', () => {
    expect(isWorkingTime(shanghai, t('2025-10-01T10:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(shanghai, t('2025-10-08T15:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(shanghai, t('2025-10-09T09:00:00+08:00'))).toBe(true);
  });

  it('works the normal hours on a make-up Sunday, lunch break included', () => {
    expect(isWorkingTime(shanghai, t('2025-09-28T09:00:00+08:00'))).toBe(true);
    expect(isWorkingTime(shanghai, t('2025-09-28T12:30:00+08:00'))).toBe(false);
    expect(isWorkingTime(shanghai, t('2025-09-28T17:00:00+08:00'))).toBe(true);
    expect(isWorkingTime(shanghai, t('2025-09-28T18:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(shanghai, t('2025-10-11T10:00:00+08:00'))).toBe(true); // make-up Saturday
  });

  it('refuses an invalid Date', () => {
    expect(() => isWorkingTime(shanghai, new Date(Number.NaN))).toThrow();
  });
});

describe('isWorkingTime: ranges across midnight', () => {
  it('runs a 22:00–06:00 shift from the evening into the next morning', () => {
    expect(isWorkingTime(nightShift, t('2025-09-22T21:59:59.999+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-09-22T22:00:00+08:00'))).toBe(true); // Monday evening
    expect(isWorkingTime(nightShift, t('2025-09-23T00:00:00+08:00'))).toBe(true);
    expect(isWorkingTime(nightShift, t('2025-09-23T05:59:59.999+08:00'))).toBe(true);
    expect(isWorkingTime(nightShift, t('2025-09-23T06:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-09-23T12:00:00+08:00'))).toBe(false);
  });

  it('carries a Friday night shift into Saturday morning but starts none on Saturday', () => {
    expect(isWorkingTime(nightShift, t('2025-09-26T23:30:00+08:00'))).toBe(true);
    expect(isWorkingTime(nightShift, t('2025-09-27T03:00:00+08:00'))).toBe(true); // Saturday
    expect(isWorkingTime(nightShift, t('2025-09-27T06:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-09-27T23:00:00+08:00'))).toBe(false);
  });

  it('has no Sunday night shift, so early Monday is not working', () => {
    expect(isWorkingTime(nightShift, t('2025-09-21T23:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-09-22T00:30:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-09-22T05:00:00+08:00'))).toBe(false);
  });

  it('lets the shift started before a holiday run into it, and starts none on the holiday', () => {
    expect(isWorkingTime(nightShift, t('2025-10-01T03:00:00+08:00'))).toBe(true); // from Tuesday 30 Sep
    expect(isWorkingTime(nightShift, t('2025-10-01T22:30:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-10-02T03:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(nightShift, t('2025-10-09T01:00:00+08:00'))).toBe(false); // 8 Oct was a holiday
    expect(isWorkingTime(nightShift, t('2025-10-09T22:00:00+08:00'))).toBe(true);
  });

  it('still counts a day’s own range that starts at midnight when the day before is off', () => {
    const earlyAndLate = calendar({
      workingHours: [
        { start: '00:00', end: '04:00' },
        { start: '20:00', end: '02:00' },
      ],
    });
    expect(isWorkingTime(earlyAndLate, t('2025-09-22T00:30:00+08:00'))).toBe(true); // Monday's own range
    expect(isWorkingTime(earlyAndLate, t('2025-09-27T01:00:00+08:00'))).toBe(true); // Friday's late range
    expect(isWorkingTime(earlyAndLate, t('2025-09-27T03:00:00+08:00'))).toBe(false); // Saturday is off
  });
});

describe('isWorkingTime: member time zone', () => {
  const wide = calendar({ workingHours: [{ start: '08:00', end: '18:00' }], holidays: nationalDay, makeupWorkdays: ['2025-09-28'] });

  it('evaluates hours on the member’s wall clock, not the corp’s', () => {
    const londonEvening = t('2025-09-22T17:30:00+01:00'); // Tuesday 00:30 in Shanghai
    expect(isWorkingTime(wide, londonEvening, 'Europe/London')).toBe(true);
    expect(isWorkingTime(wide, londonEvening)).toBe(false);
    const shanghaiMorning = t('2025-09-22T10:00:00+08:00'); // 03:00 in London
    expect(isWorkingTime(wide, shanghaiMorning)).toBe(true);
    expect(isWorkingTime(wide, shanghaiMorning, 'Europe/London')).toBe(false);
  });

  it('matches holidays against the member’s local date', () => {
    const instant = t('2025-10-01T00:00:00Z'); // 30 Sep 17:00 in Los Angeles, 1 Oct 08:00 in Shanghai
    expect(isWorkingTime(wide, instant, 'America/Los_Angeles')).toBe(true);
    expect(isWorkingTime(wide, instant)).toBe(false);
    const after = t('2025-10-09T00:30:00Z'); // 8 Oct 17:30 in Los Angeles, 9 Oct 08:30 in Shanghai
    expect(isWorkingTime(wide, after, 'America/Los_Angeles')).toBe(false);
    expect(isWorkingTime(wide, after)).toBe(true);
  });

  it('matches make-up workdays against the member’s local date', () => {
    const instant = t('2025-09-28T10:00:00-07:00'); // Sunday 28 Sep in Los Angeles, Monday 01:00 in Shanghai
    expect(isWorkingTime(wide, instant, 'America/Los_Angeles')).toBe(true);
    expect(isWorkingTime(wide, instant)).toBe(false);
  });
});

describe('isWorkingTime: DST transitions', () => {
  const nyEarly = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '01:00', end: '03:00' }] });
  const londonEarly = calendar({ timezone: 'Europe/London', workingDays: everyDay, workingHours: [{ start: '01:00', end: '03:00' }] });

  it('shortens 01:00–03:00 to one hour on the New York spring-forward day', () => {
    expect(isWorkingTime(nyEarly, t('2025-03-09T05:59:59.999Z'))).toBe(false);
    expect(isWorkingTime(nyEarly, t('2025-03-09T06:00:00Z'))).toBe(true); // 01:00 EST
    expect(isWorkingTime(nyEarly, t('2025-03-09T06:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(nyEarly, t('2025-03-09T07:00:00Z'))).toBe(false); // 03:00 EDT
  });

  it('stretches 01:00–03:00 to three hours on the New York fall-back day, from the earlier 01:00', () => {
    expect(isWorkingTime(nyEarly, t('2025-11-02T04:59:59.999Z'))).toBe(false);
    expect(isWorkingTime(nyEarly, t('2025-11-02T05:00:00Z'))).toBe(true); // 01:00 EDT
    expect(isWorkingTime(nyEarly, t('2025-11-02T06:30:00Z'))).toBe(true); // the second 01:30, EST
    expect(isWorkingTime(nyEarly, t('2025-11-02T07:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(nyEarly, t('2025-11-02T08:00:00Z'))).toBe(false); // 03:00 EST
  });

  it('starts a London 01:00 range (inside the gap) when the clocks jump, on the spring-forward day', () => {
    expect(isWorkingTime(londonEarly, t('2025-03-30T00:59:59.999Z'))).toBe(false); // 00:59 GMT
    expect(isWorkingTime(londonEarly, t('2025-03-30T01:00:00Z'))).toBe(true); // 02:00 BST
    expect(isWorkingTime(londonEarly, t('2025-03-30T02:00:00Z'))).toBe(false); // 03:00 BST
  });

  it('runs a London 01:00–03:00 range for three hours on the fall-back day', () => {
    expect(isWorkingTime(londonEarly, t('2025-10-25T23:59:59.999Z'))).toBe(false);
    expect(isWorkingTime(londonEarly, t('2025-10-26T00:00:00Z'))).toBe(true); // 01:00 BST
    expect(isWorkingTime(londonEarly, t('2025-10-26T01:30:00Z'))).toBe(true); // the second 01:30, GMT
    expect(isWorkingTime(londonEarly, t('2025-10-26T02:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(londonEarly, t('2025-10-26T03:00:00Z'))).toBe(false);
  });

  it('gives overnight shifts over a transition their true length (7 h in spring, 9 h in autumn)', () => {
    const nyNight = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '22:00', end: '06:00' }] });
    expect(isWorkingTime(nyNight, t('2025-03-09T03:00:00Z'))).toBe(true); // Sat 22:00 EST
    expect(isWorkingTime(nyNight, t('2025-03-09T09:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(nyNight, t('2025-03-09T10:00:00Z'))).toBe(false); // 06:00 EDT
    expect(isWorkingTime(nyNight, t('2025-11-02T02:00:00Z'))).toBe(true); // Sat 22:00 EDT
    expect(isWorkingTime(nyNight, t('2025-11-02T10:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(nyNight, t('2025-11-02T11:00:00Z'))).toBe(false); // 06:00 EST
  });

  it('ends a range whose end falls in the gap when the clocks jump', () => {
    const intoGap = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '22:00', end: '02:30' }] });
    expect(isWorkingTime(intoGap, t('2025-03-09T06:59:59.999Z'))).toBe(true); // 01:59 EST
    expect(isWorkingTime(intoGap, t('2025-03-09T07:00:00Z'))).toBe(false); // 03:00 EDT
  });

  it('never works a range lying wholly inside the gap on that day', () => {
    const inGap = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '02:00', end: '02:45' }] });
    expect(isWorkingTime(inGap, t('2025-03-09T07:00:00Z'))).toBe(false);
    expect(isWorkingTime(inGap, t('2025-03-10T06:00:00Z'))).toBe(true); // 02:00 EDT the next day
  });
});

describe('nextWorkingTime', () => {
  it('returns the same instant when already working, as a fresh Date', () => {
    const inside = t('2025-09-22T10:15:30.123+08:00');
    const next = nextWorkingTime(shanghai, inside);
    expect(next.getTime()).toBe(inside.getTime());
    expect(next).not.toBe(inside);
    expect(iso(nextWorkingTime(shanghai, t('2025-09-22T09:00:00+08:00')))).toBe('2025-09-22T01:00:00.000Z');
  });

  it('goes from Friday evening to Monday 09:00', () => {
    expect(iso(nextWorkingTime(shanghai, t('2025-09-19T18:00:00+08:00')))).toBe('2025-09-22T01:00:00.000Z');
    expect(iso(nextWorkingTime(shanghai, t('2025-09-20T23:59:00+08:00')))).toBe('2025-09-22T01:00:00.000Z');
  });

  it('goes from early morning to 09:00 and from the lunch break to 13:30', () => {
    expect(iso(nextWorkingTime(shanghai, t('2025-09-23T07:00:00+08:00')))).toBe('2025-09-23T01:00:00.000Z');
    expect(iso(nextWorkingTime(shanghai, t('2025-09-23T12:00:00+08:00')))).toBe('2025-09-23T05:30:00.000Z');
    expect(iso(nextWorkingTime(shanghai, t('2025-09-23T18:00:00+08:00')))).toBe('2025-09-24T01:00:00.000Z');
  });

  it('lands on make-up weekend days', () => {
    expect(iso(nextWorkingTime(shanghai, t('2025-09-27T10:00:00+08:00')))).toBe('2025-09-28T01:00:00.000Z'); // Sunday
    expect(iso(nextWorkingTime(shanghai, t('2025-10-10T18:00:00+08:00')))).toBe('2025-10-11T01:00:00.000Z'); // Saturday
  });

  it('skips the whole National Day holiday', () => {
    expect(iso(nextWorkingTime(shanghai, t('2025-09-30T18:00:00+08:00')))).toBe('2025-10-09T01:00:00.000Z');
    expect(iso(nextWorkingTime(shanghai, t('2025-10-03T12:00:00+08:00')))).toBe('2025-10-09T01:00:00.000Z');
  });

  it('finds the next night shift, skipping the weekend and the missing Sunday shift', () => {
    expect(iso(nextWorkingTime(nightShift, t('2025-09-27T06:00:00+08:00')))).toBe('2025-09-29T14:00:00.000Z');
    expect(iso(nextWorkingTime(nightShift, t('2025-09-22T00:30:00+08:00')))).toBe('2025-09-22T14:00:00.000Z');
    expect(iso(nextWorkingTime(nightShift, t('2025-09-27T03:00:00+08:00')))).toBe('2025-09-26T19:00:00.000Z'); // inside
  });

  it('uses the member’s wall clock and dates', () => {
    // Friday 18:00 in London → Monday 09:00 London (BST)
    expect(iso(nextWorkingTime(shanghai, t('2025-09-19T18:00:00+01:00'), 'Europe/London'))).toBe('2025-09-22T08:00:00.000Z');
    // Sunday 28 Sep is a make-up day on the London calendar page too.
    expect(iso(nextWorkingTime(shanghai, t('2025-09-26T18:00:00+01:00'), 'Europe/London'))).toBe('2025-09-28T08:00:00.000Z');
    // The holiday dates are London dates for a London member.
    expect(iso(nextWorkingTime(shanghai, t('2025-09-30T18:00:00+01:00'), 'Europe/London'))).toBe('2025-10-09T08:00:00.000Z');
    // Friday → Monday over the London spring-forward weekend: 09:00 BST, not GMT.
    const plain = calendar({});
    expect(iso(nextWorkingTime(plain, t('2025-03-28T18:00:00Z'), 'Europe/London'))).toBe('2025-03-31T08:00:00.000Z');
  });

  describe('across DST in America/New_York', () => {
    const weekdays = calendar({ timezone: 'America/New_York' });
    const sundaysWorked = calendar({ timezone: 'America/New_York', makeupWorkdays: ['2025-03-09', '2025-11-02'] });
    const early = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '01:00', end: '03:00' }] });

    it('goes from Friday to Monday 09:00 with the new offset', () => {
      expect(iso(nextWorkingTime(weekdays, t('2025-03-07T18:00:00-05:00')))).toBe('2025-03-10T13:00:00.000Z'); // EDT
      expect(iso(nextWorkingTime(weekdays, t('2025-10-31T18:00:00-04:00')))).toBe('2025-11-03T14:00:00.000Z'); // EST
    });

    it('starts 09:00 on the transition days themselves', () => {
      expect(iso(nextWorkingTime(sundaysWorked, t('2025-03-08T12:00:00-05:00')))).toBe('2025-03-09T13:00:00.000Z');
      expect(iso(nextWorkingTime(sundaysWorked, t('2025-11-01T12:00:00-04:00')))).toBe('2025-11-02T14:00:00.000Z');
    });

    it('starts 01:00 before the gap in spring and at the earlier 01:00 in autumn', () => {
      expect(iso(nextWorkingTime(early, t('2025-03-08T12:00:00-05:00')))).toBe('2025-03-09T06:00:00.000Z');
      expect(iso(nextWorkingTime(early, t('2025-03-09T07:00:00Z')))).toBe('2025-03-10T05:00:00.000Z'); // 01:00 EDT
      expect(iso(nextWorkingTime(early, t('2025-11-01T12:00:00-04:00')))).toBe('2025-11-02T05:00:00.000Z');
      expect(iso(nextWorkingTime(early, t('2025-11-02T08:00:00Z')))).toBe('2025-11-03T06:00:00.000Z'); // 01:00 EST
    });

    it('starts a nonexistent 02:30 at the first instant after the gap', () => {
      const gapStart = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '02:30', end: '04:00' }] });
      expect(iso(nextWorkingTime(gapStart, t('2025-03-09T00:00:00-05:00')))).toBe('2025-03-09T07:00:00.000Z');
      expect(isWorkingTime(gapStart, t('2025-03-09T06:59:59.999Z'))).toBe(false);
      expect(isWorkingTime(gapStart, t('2025-03-09T07:59:59.999Z'))).toBe(true);
      expect(isWorkingTime(gapStart, t('2025-03-09T08:00:00Z'))).toBe(false); // 04:00 EDT
    });

    it('starts an ambiguous 01:30 at its earlier instant', () => {
      const ambiguous = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '01:30', end: '04:00' }] });
      expect(iso(nextWorkingTime(ambiguous, t('2025-11-02T00:00:00-04:00')))).toBe('2025-11-02T05:30:00.000Z');
    });

    it('skips a range lying wholly inside the gap', () => {
      const inGap = calendar({ timezone: 'America/New_York', workingDays: everyDay, workingHours: [{ start: '02:00', end: '02:45' }] });
      expect(iso(nextWorkingTime(inGap, t('2025-03-09T00:00:00-05:00')))).toBe('2025-03-10T06:00:00.000Z');
    });
  });

  describe('across DST in Europe/London', () => {
    const early = calendar({ timezone: 'Europe/London', workingDays: everyDay, workingHours: [{ start: '01:00', end: '03:00' }] });
    const sundaysWorked = calendar({ timezone: 'Europe/London', makeupWorkdays: ['2025-03-30', '2025-10-26'] });

    it('starts a nonexistent 01:00 when the clocks jump, and the ambiguous 01:00 at its BST instant', () => {
      expect(iso(nextWorkingTime(early, t('2025-03-29T12:00:00Z')))).toBe('2025-03-30T01:00:00.000Z');
      expect(iso(nextWorkingTime(early, t('2025-10-25T12:00:00+01:00')))).toBe('2025-10-26T00:00:00.000Z');
      expect(iso(nextWorkingTime(early, t('2025-10-26T03:00:00Z')))).toBe('2025-10-27T01:00:00.000Z'); // 01:00 GMT
    });

    it('starts 09:00 on the transition days themselves', () => {
      expect(iso(nextWorkingTime(sundaysWorked, t('2025-03-29T12:00:00Z')))).toBe('2025-03-30T08:00:00.000Z');
      expect(iso(nextWorkingTime(sundaysWorked, t('2025-10-25T12:00:00+01:00')))).toBe('2025-10-26T09:00:00.000Z');
    });
  });

  describe('when there is no working time', () => {
    const message = 'calendar has no working time within 400 days';

    it('throws for a calendar without working days or make-up days', () => {
      const never = calendar({ workingDays: [] });
      expect(() => nextWorkingTime(never, t('2025-09-22T10:00:00+08:00'))).toThrow(message);
      expect(isWorkingTime(never, t('2025-09-22T10:00:00+08:00'))).toBe(false);
    });

    it('throws when the only working day is beyond the horizon, and finds it when within', () => {
      const far = calendar({ workingDays: [], makeupWorkdays: ['2027-06-01'] });
      expect(() => nextWorkingTime(far, t('2025-01-01T00:00:00+08:00'))).toThrow(message);
      const near = calendar({ workingDays: [], makeupWorkdays: ['2025-12-31'] });
      expect(iso(nextWorkingTime(near, t('2025-01-01T00:00:00+08:00')))).toBe('2025-12-31T01:00:00.000Z');
    });

    it('throws when the only working range never happens because it lies in a DST gap', () => {
      const gapOnly = calendar({
        timezone: 'Europe/London',
        workingDays: [],
        workingHours: [{ start: '01:00', end: '01:30' }],
        makeupWorkdays: ['2025-03-30'],
      });
      expect(() => nextWorkingTime(gapOnly, t('2025-03-01T00:00:00Z'))).toThrow(message);
    });
  });
});

describe('invalid time zones', () => {
  it('throws naming the calendar zone', () => {
    const broken = calendar({ timezone: 'Mars/Olympus_Mons' });
    expect(() => isWorkingTime(broken, t('2025-09-22T10:00:00Z'))).toThrow(/Mars\/Olympus_Mons/);
    expect(() => nextWorkingTime(broken, t('2025-09-22T10:00:00Z'))).toThrow(/Mars\/Olympus_Mons/);
  });

  it('throws naming the member zone', () => {
    expect(() => isWorkingTime(shanghai, t('2025-09-22T10:00:00Z'), 'Not/A_Zone')).toThrow(/Not\/A_Zone/);
    expect(() => nextWorkingTime(shanghai, t('2025-09-22T10:00:00Z'), 'Not/A_Zone')).toThrow(/Not\/A_Zone/);
    expect(() => isWorkingTime(shanghai, t('2025-09-22T10:00:00Z'), '')).toThrow(/time zone/);
  });
});

describe('nextWorkingTime properties over a year of random instants', () => {
  /** mulberry32: a small deterministic PRNG, so failures reproduce. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = state;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  const yearStart = Date.parse('2025-01-01T00:00:00Z');
  const yearMs = 365 * 86_400_000;
  const cases: [string, WorkCalendar, string | undefined][] = [
    ['Shanghai with lunch break, holidays and 调休', shanghai, undefined],
    ['Shanghai calendar seen from New York', shanghai, 'America/New_York'],
    [
      'New York night shift and early range over DST',
      calendar({
        timezone: 'America/New_York',
        workingDays: [1, 2, 3, 4, 5, 7],
        workingHours: [
          { start: '01:00', end: '03:00' },
          { start: '22:00', end: '06:00' },
        ],
      }),
      undefined,
    ],
    [
      'London split day over DST',
      calendar({
        timezone: 'Europe/London',
        workingDays: [1, 3, 5, 7],
        workingHours: [
          { start: '01:30', end: '02:30' },
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:30' },
        ],
        holidays: ['2025-12-25'],
        makeupWorkdays: ['2025-03-29', '2025-10-25'],
      }),
      undefined,
    ],
  ];

  for (const [name, cal, memberZone] of cases) {
    it(`holds for ${name}`, () => {
      const random = prng(0xc0ffee ^ name.length);
      const samples = Array.from({ length: 40 }, () => yearStart + Math.floor(random() * yearMs));
      // Always probe the hours around both 2025 DST transitions of the zones involved.
      for (const edge of ['2025-03-09T06:30:00Z', '2025-11-02T05:30:00Z', '2025-03-30T00:45:00Z', '2025-10-26T00:30:00Z']) {
        samples.push(Date.parse(edge));
      }
      const failures: string[] = [];
      for (const x of samples) {
        const from = new Date(x);
        const next = nextWorkingTime(cal, from, memberZone).getTime();
        if (next < x) failures.push(`${from.toISOString()}: next is earlier`);
        if (!isWorkingTime(cal, new Date(next), memberZone)) failures.push(`${from.toISOString()}: next is not working`);
        if (next > x && isWorkingTime(cal, new Date(next - 1), memberZone)) failures.push(`${from.toISOString()}: next is not a range start`);
        if (next - x < 3 * 86_400_000) {
          for (let probe = x; probe < next; probe += 60_000) {
            if (isWorkingTime(cal, new Date(probe), memberZone)) {
              failures.push(`${from.toISOString()}: working at ${new Date(probe).toISOString()} before next`);
              break;
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('addWorkingHours', () => {
  const plain = calendar({});

  it('counts within one working range, up to its very end', () => {
    expect(iso(addWorkingHours(plain, t('2025-09-22T10:00:00+08:00'), 3))).toBe('2025-09-22T05:00:00.000Z'); // Monday 13:00
    expect(iso(addWorkingHours(plain, t('2025-09-22T09:00:00+08:00'), 9))).toBe('2025-09-22T10:00:00.000Z'); // Monday 18:00
  });

  it('skips the lunch break', () => {
    // Monday 11:00 + 2 h: one hour to 12:00, the second from 13:30.
    expect(iso(addWorkingHours(shanghai, t('2025-09-22T11:00:00+08:00'), 2))).toBe('2025-09-22T06:30:00.000Z'); // 14:30
  });

  it('carries over the night into the next working morning', () => {
    expect(iso(addWorkingHours(plain, t('2025-09-22T17:00:00+08:00'), 2))).toBe('2025-09-23T02:00:00.000Z'); // Tuesday 10:00
  });

  it('skips a weekend, and counts a make-up Sunday', () => {
    expect(iso(addWorkingHours(plain, t('2025-09-19T17:00:00+08:00'), 2))).toBe('2025-09-22T02:00:00.000Z'); // Friday → Monday 10:00
    expect(iso(addWorkingHours(shanghai, t('2025-09-26T17:00:00+08:00'), 2))).toBe('2025-09-28T02:00:00.000Z'); // Friday → make-up Sunday 10:00
  });

  it('skips holidays', () => {
    // Tuesday 30 Sep 17:00 + 2 h: National Day (1–8 Oct, with its weekend) passes; Thursday 9 Oct 10:00.
    expect(iso(addWorkingHours(shanghai, t('2025-09-30T17:00:00+08:00'), 2))).toBe('2025-10-09T02:00:00.000Z');
  });

  it('starts counting at the next working time when started outside it', () => {
    expect(iso(addWorkingHours(plain, t('2025-09-20T10:00:00+08:00'), 1))).toBe('2025-09-22T02:00:00.000Z'); // Saturday → Monday 10:00
    expect(iso(addWorkingHours(shanghai, t('2025-09-22T12:30:00+08:00'), 1))).toBe('2025-09-22T06:30:00.000Z'); // lunch → 14:30
  });

  it("counts the rest of last night's shift first", () => {
    // Tuesday 05:00 is in Monday's 22:00–06:00 shift: one hour to 06:00, the second from Tuesday 22:00.
    expect(iso(addWorkingHours(nightShift, t('2025-09-23T05:00:00+08:00'), 2))).toBe('2025-09-23T15:00:00.000Z'); // Tuesday 23:00
  });

  it('counts overlapping ranges once', () => {
    const overlapping = calendar({ workingHours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] });
    expect(iso(addWorkingHours(overlapping, t('2025-09-22T09:00:00+08:00'), 5))).toBe('2025-09-23T02:00:00.000Z'); // 09:00–13:00 is 4 h: Tuesday 10:00
  });

  it('reaches the longest limit (720 working hours) without running out', () => {
    const due = addWorkingHours(plain, t('2025-09-22T09:00:00+08:00'), 720);
    // 80 working days of 9 hours: 16 weeks, ending at Friday 18:00.
    expect(iso(due)).toBe('2026-01-09T10:00:00.000Z');
  });
});

describe('nextWorkingDayStart', () => {
  it("is the first range's start of the first working day at or after the instant, never an afternoon range", () => {
    expect(iso(nextWorkingDayStart(shanghai, t('2025-09-22T09:00:00+08:00')))).toBe('2025-09-22T01:00:00.000Z');
    expect(iso(nextWorkingDayStart(shanghai, t('2025-09-22T12:30:00+08:00')))).toBe('2025-09-23T01:00:00.000Z');
    expect(iso(nextWorkingDayStart(shanghai, t('2025-09-19T18:00:00+08:00')))).toBe('2025-09-22T01:00:00.000Z');
  });

  it('skips holidays, keeps make-up workdays, and reads the member zone when given', () => {
    // The National Day week is off; Saturday 2025-10-11 is a make-up workday.
    expect(iso(nextWorkingDayStart(shanghai, t('2025-09-30T10:00:00+08:00')))).toBe('2025-10-09T01:00:00.000Z');
    expect(iso(nextWorkingDayStart(shanghai, t('2025-10-10T10:00:00+08:00')))).toBe('2025-10-11T01:00:00.000Z');
    expect(iso(nextWorkingDayStart(calendar({}), t('2025-09-22T10:00:00+08:00'), 'Europe/London'))).toBe('2025-09-22T08:00:00.000Z');
  });

  it('throws when no working day lies ahead', () => {
    expect(() => nextWorkingDayStart(calendar({ workingDays: [] }), t('2025-09-22T10:00:00+08:00'))).toThrow(/no working time/);
  });
});
