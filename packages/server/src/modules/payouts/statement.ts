import type { StatementMatch } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import { detectFormat, ImportFileError, parseCsv, parseXlsx } from '../imports';
import { yuanToFen } from './money';
import { batchWithin } from './payouts.repository';

/** A bank statement export is a few thousand rows; anything far larger is not one. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 50_000;
/** Statements open with the account, holder and period before the table: look this far down for its header. */
const HEADER_SEARCH_ROWS = 30;

const referenceHeader = /流水号|参考号|凭证号|批次号|业务编号|交易编号|reference/i;
// The amount paid out: a debit column when the statement splits them, else the one amount column.
const debitHeader = /支出|借方|付款金额|转出|debit/i;
const amountHeader = /交易金额|发生额|金额|amount/i;

/** Where the statement's table starts and which columns hold the reference and the amount paid out. */
function findColumns(grid: string[][]): { headerRow: number; reference: number; amount: number } | null {
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const cells = grid[r]!.map((c) => c.trim());
    const reference = cells.findIndex((c) => referenceHeader.test(c));
    const debit = cells.findIndex((c) => debitHeader.test(c));
    const amount = debit >= 0 ? debit : cells.findIndex((c) => amountHeader.test(c));
    if (reference >= 0 && amount >= 0) return { headerRow: r, reference, amount };
  }
  return null;
}

async function readGrid(bytes: Buffer, fileName: string): Promise<string[][]> {
  try {
    return detectFormat(bytes, fileName) === 'xlsx' ? await parseXlsx(bytes, { maxRows: MAX_ROWS }) : parseCsv(bytes, { maxRows: MAX_ROWS });
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError('payouts.statement_unreadable', { fields: [{ path: 'file', reason: 'is not a readable CSV or XLSX bank statement' }] });
    throw error;
  }
}

/**
 * Matches a bank statement against the settled batches: the statement's lines are summed by reference, and each
 * reference a batch was settled with is compared with what the batch recorded as paid. Lines of other
 * transactions are only counted. Reading, not writing: nothing changes and nothing is audited.
 */
export async function matchStatement(db: Executor, corpId: string, reach: Reach, bytes: Buffer, fileName: string): Promise<StatementMatch> {
  if (bytes.length === 0) throw new AppError('payouts.statement_unreadable', { fields: [{ path: 'file', reason: 'is required' }] });
  const grid = await readGrid(bytes, fileName);
  const columns = findColumns(grid);
  if (!columns) throw new AppError('payouts.statement_unreadable', { fields: [{ path: 'file', reason: 'has no reference and amount columns' }] });
  const byReference = new Map<string, number>();
  let rows = 0;
  for (const row of grid.slice(columns.headerRow + 1)) {
    const reference = (row[columns.reference] ?? '').trim();
    const fen = yuanToFen(row[columns.amount] ?? '');
    if (!reference || fen === null) continue;
    rows++;
    byReference.set(reference, (byReference.get(reference) ?? 0) + Math.abs(fen));
  }
  const references = [...byReference.keys()];
  const batches = references.length
    ? await db
        .selectFrom('payout_batches as b')
        .select(['b.id', 'b.batch_no', 'b.bank_reference', 'b.paid_fen'])
        .where('b.corp_id', '=', corpId)
        .where('b.status', '=', 'settled')
        .where('b.bank_reference', 'in', references)
        .where(batchWithin(corpId, reach, 'b.id'))
        .execute()
    : [];
  const matches = batches
    .map((b) => {
      const statementFen = byReference.get(b.bank_reference!) ?? 0;
      return { reference: b.bank_reference!, batchId: b.id, batchNo: b.batch_no, statementFen, paidFen: Number(b.paid_fen), status: statementFen === Number(b.paid_fen) ? ('matched' as const) : ('amount_mismatch' as const) };
    })
    .sort((a, b) => a.batchNo.localeCompare(b.batchNo));
  return { rows, unrelatedReferences: references.length - matches.length, matches };
}
