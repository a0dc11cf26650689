import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/**
 * A working calendar: which days and hours are work, in an IANA time zone, with public holidays
 * and make-up workdays (调休). A range whose end is not after its start runs past midnight and
 * belongs to the day it starts on.
 */
export const workCalendarSchema = z
  .object({
    timezone: z.string().min(1).max(64),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workingDays: z.array(z.number().int().min(1).max(7)).max(7),
    workingHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1).max(6),
    /** Days off although they fall on a working weekday. */
    holidays: z.array(isoDate).max(1000),
    /** Days worked although they fall on a weekend (调休). */
    makeupWorkdays: z.array(isoDate).max(1000),
  })
  .refine((c) => new Set(c.workingDays).size === c.workingDays.length, { message: 'working days must not repeat', path: ['workingDays'] })
  .refine((c) => c.workingHours.every((r) => r.start !== r.end), { message: 'a range must not start and end at the same time', path: ['workingHours'] })
  .refine((c) => !c.holidays.some((d) => c.makeupWorkdays.includes(d)), { message: 'a day cannot be both a holiday and a make-up workday', path: ['makeupWorkdays'] });

export type WorkCalendar = z.infer<typeof workCalendarSchema>;

/** What a new corp starts with: Monday to Friday, 09:00–18:00, Asia/Shanghai. */
export const defaultWorkCalendar: WorkCalendar = {
  timezone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: [{ start: '09:00', end: '18:00' }],
  holidays: [],
  makeupWorkdays: [],
};
