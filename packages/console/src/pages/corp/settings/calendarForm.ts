import { memberEditableFieldOptions, type Language, type MemberEditableField } from '@orgdesk/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import type { CorpInfo, CorpSettings } from '../../../api/types';
import { pathToName, type FieldName } from '../../../api/useErrorReporter';

export type HoursRange = [Dayjs | null, Dayjs | null] | null;

/** The settings form: the PUT body, except working hours are time-picker ranges. */
export interface SettingsForm {
  defaultLanguage: Language;
  calendar: Omit<CorpSettings['calendar'], 'workingHours'> & { workingHours: HoursRange[] };
  memberTotpRequired: boolean;
  memberEditableFields: MemberEditableField[];
}

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

function parseHhmm(text: string): Dayjs {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return dayjs().hour(hour).minute(minute).second(0).millisecond(0);
}

export function toSettingsForm(settings: CorpInfo['settings']): SettingsForm {
  return {
    defaultLanguage: settings.defaultLanguage,
    memberTotpRequired: settings.memberTotpRequired,
    memberEditableFields: settings.memberEditableFields,
    calendar: {
      ...settings.calendar,
      workingHours: settings.calendar.workingHours.map(({ start, end }) => [parseHhmm(start), parseHhmm(end)]),
    },
  };
}

/** Call only after validation: every range then has both ends. */
export function toSettingsRequest(form: SettingsForm): CorpSettings {
  const { workingHours, workingDays, holidays, makeupWorkdays, timezone } = form.calendar;
  return {
    defaultLanguage: form.defaultLanguage,
    memberTotpRequired: form.memberTotpRequired,
    // In the options' order, so the audit log's before and after compare alike.
    memberEditableFields: memberEditableFieldOptions.filter((field) => form.memberEditableFields.includes(field)),
    calendar: {
      timezone,
      workingDays: [...workingDays].sort((a, b) => a - b),
      workingHours: workingHours.map((range) => ({
        start: range?.[0]?.format('HH:mm') ?? '',
        end: range?.[1]?.format('HH:mm') ?? '',
      })),
      holidays,
      makeupWorkdays,
    },
  };
}

const calendarLists = ['workingDays', 'holidays', 'makeupWorkdays'];

/** Server paths such as 'calendar.workingHours.0.start' land on the form field showing them. */
export function settingsFieldName(path: string): FieldName | null {
  const [head, key, index] = pathToName(path);
  if (head === 'defaultLanguage' || head === 'memberTotpRequired' || head === 'memberEditableFields') return [head];
  if (head !== 'calendar') return null;
  if (key === 'workingHours') return typeof index === 'number' ? ['calendar', 'workingHours', index] : ['calendar', 'workingHours'];
  if (key === 'timezone') return ['calendar', 'timezone'];
  if (typeof key === 'string' && calendarLists.includes(key)) return ['calendar', key];
  return null;
}
