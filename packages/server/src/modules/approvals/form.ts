import type { CellControl, Control, FieldError } from '@orgdesk/contracts';
import { DateTime } from 'luxon';

/** The largest amount a Money control takes: ¥100,000,000.00, in fen. */
export const MAX_MONEY_FEN = 10_000_000_000;
const MAX_TABLE_ROWS = 100;

/** A date range as a leave form holds it: whole local dates with 上午 (am) or 下午 (pm) halves. */
export interface HalfDayRange {
  start: string;
  startHalf: 'am' | 'pm';
  end: string;
  endHalf: 'am' | 'pm';
}

/** The form as the server keeps it: every value normalized (money as a yuan string with two decimals). */
export type Form = Record<string, unknown>;

/** Fen of a money value written as yuan ("3500", "3500.5", 3500.55); null when it is not one. */
export function toFen(value: unknown): number | null {
  const textual = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(2) : '') : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(textual);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Yuan with two decimals for fen. */
export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const isoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid;
const isoDateTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && DateTime.fromISO(v).isValid;
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Checks one value against its control; returns the normalized value, or pushes why it is wrong. */
function checkValue(control: CellControl, value: unknown, path: string, errors: FieldError[]): unknown {
  const fail = (reason: string) => {
    errors.push({ path, reason });
    return undefined;
  };
  switch (control.type) {
    case 'Text':
    case 'Textarea': {
      const max = control.type === 'Text' ? 200 : 2000;
      if (typeof value !== 'string') return fail('must be text');
      if (value.length > max) return fail(`must be at most ${max} characters`);
      return value.trim();
    }
    case 'Number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > 1e12) return fail('must be a number');
      return n;
    }
    case 'Money': {
      const fen = toFen(value);
      if (fen === null) return fail('must be an amount in yuan with at most two decimals');
      if (fen > MAX_MONEY_FEN) return fail('is too large');
      return yuan(fen);
    }
    case 'Date':
      if (control.withTime ? !isoDateTime(value) : !isoDate(value)) return fail(control.withTime ? 'must be YYYY-MM-DDTHH:MM' : 'must be YYYY-MM-DD');
      return value;
    case 'DateRange':
      return checkRange(control.unit, value, fail);
    case 'Selector': {
      if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) return fail('must be a list of option keys');
      const keys = [...new Set(value as string[])];
      if (!control.multi && keys.length !== 1) return fail('choose one option');
      const unknown = keys.filter((k) => !control.options.some((o) => o.key === k));
      if (unknown.length) return fail(`unknown: ${unknown.join('|')}`);
      return keys;
    }
    case 'Contact':
    case 'Department': {
      const valid = control.type === 'Contact' ? (v: unknown) => typeof v === 'string' && /^[\w@.-]{1,64}$/.test(v) : (v: unknown) => Number.isInteger(v) && (v as number) > 0;
      if (!Array.isArray(value) || !value.every(valid)) return fail(control.type === 'Contact' ? 'must be a list of userids' : 'must be a list of department ids');
      if (!control.multi && value.length > 1) return fail('choose one');
      if (value.length > 100) return fail('at most 100');
      return [...new Set(value)];
    }
    case 'File':
      if (!Array.isArray(value) || value.length > 20 || !value.every((f) => typeof f === 'string' && /^[\w-]{1,128}$/.test(f))) return fail('must be a list of at most 20 file ids');
      return value;
    case 'BankAccount': {
      const account = value as Record<string, unknown> | null;
      if (typeof account !== 'object' || account === null) return fail('must have bankName, accountName and accountNumber');
      const { bankName, accountName, accountNumber } = account;
      if (typeof bankName !== 'string' || !bankName.trim() || bankName.length > 100) return fail('bankName is required (at most 100 characters)');
      if (typeof accountName !== 'string' || !accountName.trim() || accountName.length > 100) return fail('accountName is required (at most 100 characters)');
      if (typeof accountNumber !== 'string' || !/^\d{8,32}$/.test(accountNumber.replace(/\s/g, ''))) return fail('accountNumber must be 8 to 32 digits');
      return { bankName: bankName.trim(), accountName: accountName.trim(), accountNumber: accountNumber.replace(/\s/g, '') };
    }
  }
}

function checkRange(unit: 'day' | 'halfday' | 'hour', value: unknown, fail: (reason: string) => undefined): unknown {
  const range = value as Record<string, unknown> | null;
  if (typeof range !== 'object' || range === null) return fail('must have a start and an end');
  if (unit === 'hour') {
    if (!isoDateTime(range.start) || !isoDateTime(range.end)) return fail('start and end must be YYYY-MM-DDTHH:MM');
    if (range.end <= range.start) return fail('must end after it starts');
    return { start: range.start, end: range.end };
  }
  if (!isoDate(range.start) || !isoDate(range.end)) return fail('start and end must be YYYY-MM-DD');
  if (unit === 'day') {
    if (range.end < range.start) return fail('must not end before it starts');
    return { start: range.start, end: range.end };
  }
  const halves = ['am', 'pm'];
  if (!halves.includes(range.startHalf as string) || !halves.includes(range.endHalf as string)) return fail('startHalf and endHalf must be am or pm');
  const startKey = `${range.start}${range.startHalf}`;
  const endKey = `${range.end}${range.endHalf}`;
  // 'am' < 'pm', so the keys order as the halves do.
  if (endKey < startKey) return fail('must not end before it starts');
  return { start: range.start, startHalf: range.startHalf, end: range.end, endHalf: range.endHalf };
}

/**
 * Checks a submitted form against a template's controls: every value has its control's shape, required ones are
 * present, nothing else is there. Returns the normalized form, or the field errors (paths `form.<control id>`).
 */
export function checkForm(controls: readonly Control[], submitted: Record<string, unknown>): { form: Form; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const form: Form = {};
  for (const key of Object.keys(submitted)) {
    if (!controls.some((c) => c.id === key)) errors.push({ path: `form.${key}`, reason: 'is not a field of this template' });
  }
  for (const control of controls) {
    const value = submitted[control.id];
    const path = `form.${control.id}`;
    if (isEmpty(value)) {
      if (control.required) errors.push({ path, reason: 'is required' });
      continue;
    }
    if (control.type !== 'Table') {
      const normalized = checkValue(control, value, path, errors);
      if (normalized !== undefined) form[control.id] = normalized;
      continue;
    }
    if (!Array.isArray(value) || value.length > MAX_TABLE_ROWS) {
      errors.push({ path, reason: `must be a list of at most ${MAX_TABLE_ROWS} rows` });
      continue;
    }
    form[control.id] = value.map((row: unknown, index) => {
      const cells = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
      const normalized: Record<string, unknown> = {};
      for (const column of control.columns) {
        const cellPath = `${path}.${index}.${column.id}`;
        if (isEmpty(cells[column.id])) {
          if (column.required) errors.push({ path: cellPath, reason: 'is required' });
          continue;
        }
        const cell = checkValue(column, cells[column.id], cellPath, errors);
        if (cell !== undefined) normalized[column.id] = cell;
      }
      return normalized;
    });
  }
  return { form, errors };
}

/** The sum, in fen, of a Money control or of a Table's Money column (`Table-1.Money-2`); null when there is none. */
export function moneyTotal(controls: readonly Control[], form: Form, field: string): number | null {
  const [tableId, columnId] = field.split('.');
  const control = controls.find((c) => c.id === tableId);
  if (!control) return null;
  if (columnId === undefined) return control.type === 'Money' && form[control.id] !== undefined ? toFen(form[control.id]) : null;
  if (control.type !== 'Table') return null;
  const rows = (form[control.id] as Record<string, unknown>[] | undefined) ?? [];
  return rows.reduce((sum, row) => sum + (toFen(row[columnId]) ?? 0), 0);
}
