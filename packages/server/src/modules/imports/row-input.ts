import { emailSchema, genderSchema, mobileSchema, telephoneSchema, useridSchema } from '@orgdesk/contracts';
import { displayName } from '@orgdesk/contracts';
import { z } from 'zod';
import type { SheetRow } from './read-file';
import { templateHeader, type ColumnKey } from './template';

/** A problem with one cell of one row, as the preview and the error report show it. */
export interface RowError {
  row: number;
  column: ColumnKey | null;
  value: string;
  code: string;
  /** In English as our rules write it; presented through the contracts' reasons table. */
  reason: string;
}

/** A department as a row names it: by id, or by path from the root (总部/研发部/前端组). */
export type DepartmentRef = { kind: 'id'; id: number; text: string } | { kind: 'path'; segments: string[]; text: string };

/** A row turned into a member's fields; only the columns the file has are set. */
export interface MemberRowInput {
  row: number;
  userid: string;
  name?: string;
  mobile?: string;
  email?: string;
  position?: string;
  gender?: '0' | '1' | '2';
  alias?: string;
  address?: string;
  telephone?: string;
  departments?: { ref: DepartmentRef; isLeader: boolean; order: number }[];
  disabled?: boolean;
}

const fieldSchemas: Partial<Record<ColumnKey, z.ZodType<string>>> = {
  userid: useridSchema,
  name: displayName(64),
  mobile: mobileSchema,
  email: emailSchema,
  position: z.string().max(128, 'must be at most 128 characters'),
  alias: z.string().max(64, 'must be at most 64 characters'),
  address: z.string().max(128, 'must be at most 128 characters'),
  telephone: telephoneSchema,
};

const genders: Record<string, '0' | '1' | '2'> = { 男: '1', 女: '2', 未知: '0', '1': '1', '2': '2', '0': '0', male: '1', female: '2', m: '1', f: '2' };
const yes = new Set(['是', '1', 'y', 'yes', 'true', '禁用']);
const no = new Set(['否', '0', 'n', 'no', 'false', '启用', '']);

/** Splits a list cell on ; or ；(what Chinese keyboards type). */
function listItems(text: string): string[] {
  return text.split(/[;；]/).map((s) => s.trim());
}

function parseDepartmentRef(text: string): DepartmentRef | null {
  if (/^\d{1,10}$/.test(text)) return { kind: 'id', id: Number(text), text };
  const segments = text.split(/[/／]/).map((s) => s.trim());
  if (segments.some((s) => s === '')) return null;
  return { kind: 'path', segments, text };
}

/** Turns one sheet row into member fields, with an error for every cell that breaks a rule. */
export function rowToInput(row: SheetRow): { input: MemberRowInput | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: ColumnKey, value: string, reason: string, code = 'imports.invalid_value') => errors.push({ row: row.rowNumber, column, value, code, reason });
  const cells = row.cells;
  const input: MemberRowInput = { row: row.rowNumber, userid: cells.userid ?? '' };

  if (!cells.userid) fail('userid', '', 'is required');
  if (cells.name !== undefined && cells.name === '') fail('name', '', 'is required');
  for (const key of ['userid', 'name', 'mobile', 'email', 'position', 'alias', 'address', 'telephone'] as const) {
    const value = cells[key];
    if (value === undefined || value === '') continue;
    const parsed = fieldSchemas[key]!.safeParse(value);
    if (parsed.success) input[key] = parsed.data.trim();
    else fail(key, value, parsed.error.issues[0]?.message ?? 'is invalid');
  }
  if (cells.gender) {
    const gender = genders[cells.gender.toLowerCase()];
    if (gender && genderSchema.safeParse(gender).success) input.gender = gender;
    else fail('gender', cells.gender, 'must be 男, 女 or 未知');
  }
  if (cells.disabled !== undefined) {
    const text = cells.disabled.toLowerCase();
    if (yes.has(text)) input.disabled = true;
    else if (no.has(text)) input.disabled = false;
    else fail('disabled', cells.disabled, 'must be 是 or 否');
  }
  if (cells.departments !== undefined) {
    const departments = departmentCells(row.rowNumber, cells.departments, cells.isLeader, cells.order, errors);
    if (departments) input.departments = departments;
  }
  return { input: errors.length === 0 ? input : null, errors };
}

/** The department list with its aligned leader flags and orders (one value applies to every department). */
function departmentCells(rowNumber: number, text: string, leaderText: string | undefined, orderText: string | undefined, errors: RowError[]): MemberRowInput['departments'] | null {
  const fail = (column: ColumnKey, value: string, reason: string) => errors.push({ row: rowNumber, column, value, code: 'imports.invalid_value', reason });
  if (text === '') {
    fail('departments', text, 'is required');
    return null;
  }
  const refs = listItems(text).filter((s) => s !== '').map(parseDepartmentRef);
  if (refs.some((r) => r === null) || refs.length === 0) {
    fail('departments', text, 'must be department ids or paths such as 总部/研发部, separated by ;');
    return null;
  }
  if (refs.length > 100) {
    fail('departments', text, 'at most 100 departments');
    return null;
  }
  const aligned = (value: string | undefined, column: ColumnKey, parse: (s: string) => number | boolean | null): (number | boolean)[] | null => {
    if (value === undefined || value === '') return refs.map(() => parse('')!);
    const items = listItems(value).map(parse);
    if (items.some((i) => i === null) || (items.length !== 1 && items.length !== refs.length)) {
      fail(column, value, `must be one value, or one per department (${refs.length})`);
      return null;
    }
    return items.length === 1 ? refs.map(() => items[0]!) : (items as (number | boolean)[]);
  };
  const leaders = aligned(leaderText, 'isLeader', (s) => (yes.has(s.toLowerCase()) ? true : no.has(s.toLowerCase()) ? false : null));
  const orders = aligned(orderText, 'order', (s) => (s === '' ? 0 : /^\d{1,10}$/.test(s) && Number(s) <= 4_294_967_295 ? Number(s) : null));
  if (!leaders || !orders) return null;
  return refs.map((ref, i) => ({ ref: ref!, isLeader: leaders[i] as boolean, order: orders[i] as number }));
}

/** The column's header as the template writes it, for messages and the error report. */
export function columnLabel(column: ColumnKey | null): string {
  return column ? templateHeader(column) : '';
}
