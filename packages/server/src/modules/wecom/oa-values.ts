import type { CellControl, Control } from '@orgdesk/contracts';
import { DateTime } from 'luxon';

// WeCom's apply_data.contents values ⇄ our form values (../shared/wecom-api.md §9.3, §9.5). Dates travel as Unix
// seconds in WeCom and as local dates and times in our forms, so both directions take the corp's time zone.

/** One item of apply_data.contents as a caller sends it. */
export interface WecomContent {
  control?: string;
  id: string;
  value?: unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A text as WeCom writes one: [{text, lang}]. */
export const texts = (text: string) => [{ text, lang: 'zh_CN' }];

/** WeCom's name of one of our controls: a department picker is WeCom's Contact in department mode. */
export function wecomControlName(control: CellControl | Control): string {
  return control.type === 'Department' ? 'Contact' : control.type;
}

/** Seconds (a number or a digit string) as a local DateTime; null when it is not one. */
function localTime(seconds: unknown, zone: string): DateTime | null {
  const n = typeof seconds === 'string' && /^\d{1,10}$/.test(seconds) ? Number(seconds) : seconds;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 9_999_999_999) return null;
  return DateTime.fromSeconds(n, { zone });
}

/**
 * A WeCom value as the form value of our control. What does not have the expected shape is passed on as it is
 * (or left out), so the form check names the field and says what it wants, as it does for the console.
 */
function valueIn(control: CellControl, value: Obj, zone: string): unknown {
  switch (control.type) {
    case 'Text':
    case 'Textarea':
      return value.text;
    case 'Number':
      return value.new_number;
    case 'Money':
      return value.new_money;
    case 'Date': {
      const at = localTime(obj(value.date).s_timestamp, zone);
      return at ? at.toFormat(control.withTime ? "yyyy-LL-dd'T'HH:mm" : 'yyyy-LL-dd') : value.date;
    }
    case 'DateRange': {
      const range = obj(value.date_range);
      const [begin, end] = [localTime(range.new_begin, zone), localTime(range.new_end, zone)];
      if (!begin || !end) return value.date_range;
      if (control.unit === 'hour') return { start: begin.toFormat("yyyy-LL-dd'T'HH:mm"), end: end.toFormat("yyyy-LL-dd'T'HH:mm") };
      const day = (t: DateTime) => t.toFormat('yyyy-LL-dd');
      if (control.unit === 'day') return { start: day(begin), end: day(end) };
      // A half day is the morning before noon, the afternoon from noon.
      const half = (t: DateTime) => (t.hour < 12 ? 'am' : 'pm');
      return { start: day(begin), startHalf: half(begin), end: day(end), endHalf: half(end) };
    }
    case 'Selector':
      return value.selector === undefined ? undefined : list(obj(value.selector).options).map((o) => obj(o).key);
    case 'Contact':
      return value.members === undefined ? undefined : list(value.members).map((m) => obj(m).userid);
    case 'Department':
      return value.departments === undefined ? undefined : list(value.departments).map((d) => Number(obj(d).openapi_id));
    case 'File':
      return value.files === undefined ? undefined : list(value.files).map((f) => obj(f).file_id);
    case 'BankAccount': {
      if (value.bank_account === undefined) return undefined;
      const account = obj(value.bank_account);
      const bank = obj(account.bank);
      return { bankName: account.bank_name ?? bank.bank_name ?? bank.bank_alias, accountName: account.account_name, accountNumber: account.account_number };
    }
  }
}

/** apply_data.contents as the form of a template; an id the template lacks is kept, for the check to name it. */
export function formFromContents(controls: readonly Control[], contents: readonly WecomContent[], zone: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const item of contents) {
    const control = controls.find((c) => c.id === item.id);
    const value = obj(item.value);
    if (!control) form[item.id] = item.value ?? null;
    else if (control.type !== 'Table') form[item.id] = valueIn(control, value, zone);
    else {
      // A table's rows: children[].list, each a contents list of the row's cells.
      form[item.id] = value.children === undefined ? undefined : list(value.children).map((row) => Object.fromEntries(list(obj(row).list).map((cell) => {
        const c = obj(cell);
        const column = control.columns.find((col) => col.id === c.id);
        return [String(c.id), column ? valueIn(column, obj(c.value), zone) : c.value];
      })));
    }
  }
  return form;
}

/** What every value WeCom answers carries, whatever its control. */
const emptyValue = () => ({ text: '', tips: [], members: [] as unknown[], departments: [] as unknown[], files: [] as unknown[], children: [] as unknown[], stat_field: [] });

/** Names for member and department values, looked up once per answer. */
export interface Names {
  members: Map<string, string>;
  departments: Map<number, string>;
}

const seconds = (t: DateTime) => Math.floor(t.toSeconds());

/** A stored form value as WeCom's value object: every common key present, plus the control's own. */
function valueOut(control: CellControl, stored: unknown, zone: string, names: Names): Obj {
  const value: Obj = emptyValue();
  const present = stored !== undefined && stored !== null;
  switch (control.type) {
    case 'Text':
    case 'Textarea':
      value.text = present ? String(stored) : '';
      break;
    case 'Number':
      value.new_number = present ? String(stored) : '';
      break;
    case 'Money':
      value.new_money = present ? String(stored) : '';
      break;
    case 'Date': {
      const at = present ? DateTime.fromISO(String(stored), { zone }) : null;
      value.date = { type: control.withTime ? 'hour' : 'day', s_timestamp: at?.isValid ? String(seconds(at)) : '' };
      break;
    }
    case 'DateRange': {
      const range = obj(stored);
      // A half starts at 00:00 (上午) or 12:00 (下午); new_end is the start of the last day or half, as applyevent reads it.
      const at = (date: unknown, half: unknown) => DateTime.fromISO(String(date), { zone }).plus({ hours: half === 'pm' ? 12 : 0 });
      const begin = present ? at(range.start, range.startHalf) : null;
      const last = present ? at(range.end, range.endHalf) : null;
      const length = { hour: 0, day: 24, halfday: 12 }[control.unit];
      value.date_range =
        begin?.isValid && last?.isValid
          ? { type: control.unit, new_begin: seconds(begin), new_end: seconds(last), new_duration: seconds(last.plus({ hours: length })) - seconds(begin) }
          : { type: control.unit, new_begin: 0, new_end: 0, new_duration: 0 };
      break;
    }
    case 'Selector': {
      const keys = present ? (stored as string[]) : [];
      value.selector = { type: control.multi ? 'multi' : 'single', options: keys.map((key) => ({ key, value: texts(control.options.find((o) => o.key === key)?.text ?? key) })), exp_type: 0 };
      break;
    }
    case 'Contact':
      value.members = (present ? (stored as string[]) : []).map((userid) => ({ userid, name: names.members.get(userid.toLowerCase()) ?? '' }));
      break;
    case 'Department':
      value.departments = (present ? (stored as number[]) : []).map((id) => ({ openapi_id: String(id), name: names.departments.get(id) ?? '' }));
      break;
    case 'File':
      value.files = (present ? (stored as string[]) : []).map((file_id) => ({ file_id }));
      break;
    case 'BankAccount': {
      const account = obj(stored);
      value.bank_account = { account_type: 2, account_name: account.accountName ?? '', account_number: account.accountNumber ?? '', bank_name: account.bankName ?? '' };
      break;
    }
  }
  return value;
}

/** One control and its value as an item of getapprovaldetail's apply_data.contents. */
export function contentOut(control: Control, stored: unknown, zone: string, names: Names): Obj {
  const head = { control: wecomControlName(control), id: control.id, title: texts(control.title) };
  if (control.type !== 'Table') return { ...head, value: valueOut(control, stored, zone, names) };
  const rows = Array.isArray(stored) ? (stored as Obj[]) : [];
  const children = rows.map((row) => ({ list: control.columns.map((column) => ({ control: wecomControlName(column), id: column.id, title: texts(column.title), value: valueOut(column, row[column.id], zone, names) })) }));
  return { ...head, value: { ...emptyValue(), children } };
}

/** The userids and department ids a form's values name (to look their names up). */
export function namedInForm(controls: readonly Control[], form: Record<string, unknown>): { userids: string[]; departmentIds: number[] } {
  const userids: string[] = [];
  const departmentIds: number[] = [];
  const take = (control: CellControl, value: unknown) => {
    if (control.type === 'Contact' && Array.isArray(value)) userids.push(...(value as string[]));
    if (control.type === 'Department' && Array.isArray(value)) departmentIds.push(...(value as number[]));
  };
  for (const control of controls) {
    if (control.type !== 'Table') take(control, form[control.id]);
    else for (const row of list(form[control.id])) for (const column of control.columns) take(column, obj(row)[column.id]);
  }
  return { userids, departmentIds };
}
