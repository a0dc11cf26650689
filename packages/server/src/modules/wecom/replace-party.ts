import { departmentNameSchema } from '@orgdesk/contracts';
import type { Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import { directoryBulk, ROOT_DEPARTMENT_ID, type DepartmentService, type DirectoryScope } from '../directory';
import { ImportFileError, normalizeHeader, parseCsv } from '../imports';
import { BatchError, INVALID_CONTENT } from './batch-errors';
import type { BatchResultRow } from './batch-jobs';
import { wecomError } from './errcodes';

/** One row of the department template (部门名称, 部门ID, 父部门ID, 排序). */
export interface PartyRow {
  row: number;
  name: string;
  id: number;
  parentId: number;
  /** 0 or blank: keep the current order. */
  order: number;
}

const columns = { name: '部门名称', id: '部门id', parentId: '父部门id', order: '排序' } as const;
type PartyResult = Extract<BatchResultRow, { partyid: number }>;

/** A file that cannot be imported: 40092 with the rows at fault. */
export class PartyFileError extends BatchError {
  constructor(
    errmsg: string,
    readonly rows: PartyResult[],
  ) {
    super(INVALID_CONTENT.errcode, errmsg);
  }
}

/** Reads the department CSV; refuses it whole, naming every bad row, if any row breaks a rule. */
export function readPartyCsv(bytes: Buffer): PartyRow[] {
  let grid: string[][];
  try {
    grid = parseCsv(bytes).filter((r) => r.some((c) => c.trim() !== ''));
  } catch (error) {
    if (error instanceof ImportFileError) throw new PartyFileError(`${INVALID_CONTENT.errmsg}: ${error.code}`, []);
    throw error;
  }
  const header = (grid[0] ?? []).map((c) => normalizeHeader(c));
  const at = Object.fromEntries(Object.entries(columns).map(([k, title]) => [k, header.indexOf(normalizeHeader(title))])) as Record<keyof typeof columns, number>;
  if (at.name < 0 || at.id < 0 || at.parentId < 0) throw new PartyFileError(`${INVALID_CONTENT.errmsg}: 部门名称, 部门ID and 父部门ID are required columns`, []);
  const rows: PartyRow[] = [];
  const bad: PartyResult[] = [];
  const seen = new Set<number>();
  for (const [i, cells] of grid.slice(1).entries()) {
    const cell = (k: keyof typeof columns) => (at[k] < 0 ? '' : (cells[at[k]] ?? '').trim());
    const fail = (partyid: number, reason: string) => bad.push({ action: 0, partyid, errcode: INVALID_CONTENT.errcode, errmsg: `${INVALID_CONTENT.errmsg}: row ${i + 2}, ${reason}` });
    const id = /^\d{1,9}$/.test(cell('id')) ? Number(cell('id')) : null;
    const parentId = /^\d{1,9}$/.test(cell('parentId')) ? Number(cell('parentId')) : null;
    const order = cell('order') === '' ? 0 : /^\d{1,10}$/.test(cell('order')) && Number(cell('order')) <= 4_294_967_295 ? Number(cell('order')) : null;
    const name = departmentNameSchema.safeParse(cell('name'));
    if (id === null || id === 0) fail(0, `部门ID "${cell('id')}" must be a positive number`);
    else if (seen.has(id)) fail(id, `部门ID ${id} appears twice`);
    else if (!name.success) fail(id, `部门名称 ${name.error.issues[0]?.message ?? 'is invalid'}`);
    else if (parentId === null && id !== ROOT_DEPARTMENT_ID) fail(id, `父部门ID "${cell('parentId')}" must be a number`);
    else if (order === null) fail(id, `排序 "${cell('order')}" must be a number`);
    else rows.push({ row: i + 2, name: name.data, id, parentId: parentId ?? 0, order });
    if (id) seen.add(id);
  }
  if (bad.length) throw new PartyFileError(INVALID_CONTENT.errmsg, bad);
  if (rows.length === 0) throw new PartyFileError(`${INVALID_CONTENT.errmsg}: the file has no department`, []);
  return rows;
}

/**
 * Makes the tree what the file says, inside the caller's transaction, through the department service (its checks
 * and audit): parents first, then create or update each row; then deletes departments the file does not list,
 * deepest first, when they are empty (the others stay until a member import empties them, as in WeCom).
 */
export async function replaceParty(trx: Trx, departments: DepartmentService, scope: DirectoryScope, rows: PartyRow[], ctx: ActorContext, onRow: (done: number) => void): Promise<PartyResult[]> {
  const current = new Map((await directoryBulk.snapshotDepartments(trx, scope.corpId)).map((d) => [d.id, d]));
  const known = new Set(current.keys());
  const results: PartyResult[] = [];
  let pending = rows;
  while (pending.length) {
    const ready = pending.filter((r) => r.id === ROOT_DEPARTMENT_ID || known.has(r.parentId));
    if (ready.length === 0) {
      const first = pending[0]!;
      throw new PartyFileError(`department not found: row ${first.row}, 父部门ID ${first.parentId} is neither in the directory nor in the file`, [{ action: 0, partyid: first.id, errcode: 60003, errmsg: 'parent department not found' }]);
    }
    for (const row of ready) {
      results.push(await upsert(trx, departments, scope, row, current.get(row.id), ctx));
      known.add(row.id);
      onRow(results.length);
    }
    pending = pending.filter((r) => !ready.includes(r));
  }
  const listed = new Set(rows.map((r) => r.id));
  const depth = (id: number): number => {
    const parent = current.get(id)?.parentId;
    return parent === null || parent === undefined ? 0 : 1 + depth(parent);
  };
  const missing = [...current.keys()].filter((id) => id !== ROOT_DEPARTMENT_ID && !listed.has(id)).sort((a, b) => depth(b) - depth(a));
  for (const id of missing) {
    try {
      await departments.delete(trx, scope, id, ctx);
    } catch (error) {
      // Not empty: kept. The service refuses before writing, so the transaction goes on.
      if (!(error instanceof AppError && error.code === 'directory.department_not_empty')) throw error;
    }
  }
  return results;
}

async function upsert(trx: Trx, departments: DepartmentService, scope: DirectoryScope, row: PartyRow, before: { name: string; parentId: number | null; order: number } | undefined, ctx: ActorContext): Promise<PartyResult> {
  try {
    if (!before) {
      await departments.create(trx, scope, { id: row.id, name: row.name, parentId: row.parentId, order: row.order }, ctx);
      return { action: 1, partyid: row.id, errcode: 0, errmsg: 'ok' };
    }
    const moved = row.id !== ROOT_DEPARTMENT_ID && row.parentId !== before.parentId;
    const patch = { name: row.name !== before.name ? row.name : undefined, parentId: moved ? row.parentId : undefined, order: row.order !== 0 && row.order !== before.order ? row.order : undefined };
    const action = (patch.name !== undefined ? 2 : 0) | (moved ? 4 : 0) | (patch.order !== undefined ? 8 : 0);
    if (action) await departments.update(trx, scope, row.id, patch, ctx);
    return { action, partyid: row.id, errcode: 0, errmsg: 'ok' };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const mapped = wecomError(error.code, error.status);
    throw new PartyFileError(`${mapped.errmsg}: row ${row.row}, 部门ID ${row.id}`, [{ action: 0, partyid: row.id, errcode: mapped.errcode, errmsg: mapped.errmsg }]);
  }
}
