import type { PayoutFilter } from '@orgdesk/contracts';
import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Executor, Trx } from '../../db';
import type { Reach } from '../../platform/http/access';
import { memberWithin } from '../directory';
import type { PayoutBatchesTable, PayoutBatchRow, PayoutRow, PayoutsTable } from './payouts.table';

/** A payout with what lists show beside it: the payee's userid and the batch's number and status. */
export type PayoutView = PayoutRow & { payee_userid: string; batch_no: string | null; batch_status: string | null };

/**
 * A batch is inside a scope when every payee in it is: a scoped admin must not see, download or confirm a file
 * that pays people outside their scope.
 */
export function batchWithin(corpId: string, reach: Reach, column: string): RawBuilder<boolean> {
  if (reach === 'all') return sql<boolean>`true`;
  return sql<boolean>`not exists (
    select 1 from payout_batch_items bi join payouts bp on bp.id = bi.payout_id
     where bi.batch_id = ${sql.ref(column)} and not ${memberWithin(corpId, reach, 'bp.payee_member_id')})`;
}

/** Inserts the payout of an approval unless it exists; the id when this call created it. */
export async function insertPayoutOnce(trx: Trx, row: Insertable<PayoutsTable>): Promise<string | undefined> {
  const inserted = await trx
    .insertInto('payouts')
    .values(row)
    .onConflict((oc) => oc.columns(['corp_id', 'approval_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** The payout of an approval; locked when asked, so a concurrent batch or cancellation waits. */
export async function findByApproval(db: Executor, corpId: string, approvalId: string, lock = false): Promise<PayoutRow | undefined> {
  let query = db.selectFrom('payouts').selectAll().where('corp_id', '=', corpId).where('approval_id', '=', approvalId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** One payout inside the reach, locked for a state change. */
export async function lockPayout(trx: Trx, corpId: string, reach: Reach, id: string): Promise<PayoutRow | undefined> {
  return trx.selectFrom('payouts as p').selectAll('p').where('p.corp_id', '=', corpId).where('p.id', '=', id).where(memberWithin(corpId, reach, 'p.payee_member_id')).forUpdate().executeTakeFirst();
}

/** Sets the same columns on several payouts. */
export async function updatePayouts(trx: Trx, ids: readonly string[], patch: Updateable<PayoutsTable>): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('payouts').set(patch).where('id', 'in', [...ids]).execute();
}

function viewQuery(db: Executor, corpId: string, reach: Reach) {
  return db
    .selectFrom('payouts as p')
    .innerJoin('members as m', 'm.id', 'p.payee_member_id')
    .leftJoin('payout_batches as b', 'b.id', 'p.batch_id')
    .where('p.corp_id', '=', corpId)
    .where(memberWithin(corpId, reach, 'p.payee_member_id'));
}

function filtered(db: Executor, corpId: string, reach: Reach, filter: PayoutFilter) {
  let query = viewQuery(db, corpId, reach);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.unbatched === 'true') query = query.where((eb) => eb.or([eb('p.batch_id', 'is', null), eb('b.status', '=', 'voided')]));
  if (filter.unbatched === 'false') query = query.where('b.status', '=', 'exported');
  if (filter.payable === 'true') query = query.where((eb) => eb.or([eb('p.status', '=', 'failed'), eb.and([eb('p.status', '=', 'pending'), eb.or([eb('p.batch_id', 'is', null), eb('b.status', '=', 'voided')])])]));
  if (filter.batchId) query = query.where((eb) => eb.or([eb('p.batch_id', '=', filter.batchId!), eb.exists(eb.selectFrom('payout_batch_items as i').select('i.line_no').where('i.batch_id', '=', filter.batchId!).whereRef('i.payout_id', '=', 'p.id'))]));
  if (filter.payee) {
    const like = `%${filter.payee.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['m.userid']), 'like', like), eb(eb.fn('lower', ['p.payee_name']), 'like', like), eb(eb.fn('lower', ['p.sp_no']), 'like', like)]));
  }
  if (filter.from) query = query.where('p.created_at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('p.created_at', '<', new Date(filter.to));
  return query;
}

/** A page of payouts inside the reach, newest first, with the count and sum of all that match. */
export async function pagePayouts(db: Executor, corpId: string, reach: Reach, filter: PayoutFilter, offset: number, limit: number): Promise<{ rows: PayoutView[]; total: number; totalFen: number }> {
  const rows = await filtered(db, corpId, reach, filter)
    .selectAll('p')
    .select(['m.userid as payee_userid', 'b.batch_no', 'b.status as batch_status'])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .offset(offset)
    .limit(limit)
    .execute();
  const sums = await filtered(db, corpId, reach, filter)
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(p.amount_fen), 0)::bigint`.as('fen')])
    .executeTakeFirstOrThrow();
  return { rows, total: Number(sums.n), totalFen: Number(sums.fen) };
}

/** Every matching payout, oldest first, a page at a time (the CSV export). */
export async function* streamPayouts(db: Executor, corpId: string, reach: Reach, filter: PayoutFilter, pageSize = 500): AsyncGenerator<PayoutView> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await filtered(db, corpId, reach, filter)
      .selectAll('p')
      .select(['m.userid as payee_userid', 'b.batch_no', 'b.status as batch_status'])
      .orderBy('p.created_at')
      .orderBy('p.id')
      .offset(offset)
      .limit(pageSize)
      .execute();
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/** One payout inside the reach, as lists show it. */
export async function viewById(db: Executor, corpId: string, reach: Reach, id: string): Promise<PayoutView | undefined> {
  return viewQuery(db, corpId, reach).selectAll('p').select(['m.userid as payee_userid', 'b.batch_no', 'b.status as batch_status']).where('p.id', '=', id).executeTakeFirst();
}

/** Payouts by id, inside the reach, locked (in id order, so two batch creations cannot deadlock). */
export async function lockPayouts(trx: Trx, corpId: string, reach: Reach, ids: readonly string[]): Promise<PayoutView[]> {
  if (ids.length === 0) return [];
  return viewQuery(trx, corpId, reach)
    .selectAll('p')
    .select(['m.userid as payee_userid', 'b.batch_no', 'b.status as batch_status'])
    .where('p.id', 'in', [...ids])
    .orderBy('p.id')
    .forUpdate('p')
    .execute();
}

/** The oldest pending payouts not in a batch, inside the reach. */
export async function lockUnbatchedPending(trx: Trx, corpId: string, reach: Reach, limit: number): Promise<PayoutView[]> {
  return viewQuery(trx, corpId, reach)
    .selectAll('p')
    .select(['m.userid as payee_userid', 'b.batch_no', 'b.status as batch_status'])
    .where('p.status', '=', 'pending')
    .where((eb) => eb.or([eb('p.batch_id', 'is', null), eb('b.status', '=', 'voided')]))
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(limit)
    .forUpdate('p')
    .execute();
}

/** The corp's next batch number; locks the corp's row, so numbers are handed out one at a time. */
export async function nextBatchSerial(trx: Trx, corpId: string): Promise<number> {
  await trx.selectFrom('corps').select('id').where('id', '=', corpId).forUpdate().execute();
  const row = await trx.selectFrom('payout_batches').select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corpId).executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** Inserts a batch and returns its row. */
export async function insertBatch(trx: Trx, row: Insertable<PayoutBatchesTable>): Promise<PayoutBatchRow> {
  return trx.insertInto('payout_batches').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts a batch's lines in file order. */
export async function insertItems(trx: Trx, batchId: string, items: { lineNo: number; payoutId: string; amountFen: number }[]): Promise<void> {
  if (items.length === 0) return;
  await trx.insertInto('payout_batch_items').values(items.map((i) => ({ batch_id: batchId, line_no: i.lineNo, payout_id: i.payoutId, amount_fen: i.amountFen, result: null, failure_reason: null }))).execute();
}

/** One batch inside the reach; locked when asked, so confirmations of it run one at a time. */
export async function findBatch(db: Executor, corpId: string, reach: Reach, id: string, lock = false): Promise<PayoutBatchRow | undefined> {
  let query = db.selectFrom('payout_batches as b').selectAll('b').where('b.corp_id', '=', corpId).where('b.id', '=', id).where(batchWithin(corpId, reach, 'b.id'));
  if (lock) query = query.forUpdate('b');
  return query.executeTakeFirst();
}

/** The batch a reference settled, whoever's scope it is in (a reference is the corp's, not the admin's). */
export async function findBatchByReference(db: Executor, corpId: string, reference: string): Promise<PayoutBatchRow | undefined> {
  return db.selectFrom('payout_batches').selectAll().where('corp_id', '=', corpId).where('bank_reference', '=', reference).executeTakeFirst();
}

/** Updates a batch and returns its row. */
export async function updateBatch(trx: Trx, id: string, patch: Updateable<PayoutBatchesTable>): Promise<PayoutBatchRow> {
  return trx.updateTable('payout_batches').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A page of batches inside the reach, newest first. */
export async function pageBatches(db: Executor, corpId: string, reach: Reach, status: string | undefined, offset: number, limit: number): Promise<{ rows: PayoutBatchRow[]; total: number }> {
  let base = db.selectFrom('payout_batches as b').where('b.corp_id', '=', corpId).where(batchWithin(corpId, reach, 'b.id'));
  if (status) base = base.where('b.status', '=', status as PayoutBatchRow['status']);
  const rows = await base.selectAll('b').orderBy('b.created_at', 'desc').orderBy('b.batch_no', 'desc').offset(offset).limit(limit).execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** A batch's lines in file order, with what the file and the page need of each payout. */
export async function batchLines(db: Executor, batchId: string) {
  return db
    .selectFrom('payout_batch_items as i')
    .innerJoin('payouts as p', 'p.id', 'i.payout_id')
    .innerJoin('members as m', 'm.id', 'p.payee_member_id')
    .select(['i.line_no', 'i.payout_id', 'i.amount_fen', 'i.result', 'i.failure_reason', 'p.sp_no', 'p.payee_name', 'p.bank_account_sealed', 'p.status', 'p.batch_id', 'p.approval_id', 'm.userid as payee_userid'])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.line_no')
    .execute();
}

/** Sets the bank's result on lines of a batch. */
export async function setItemResults(trx: Trx, batchId: string, payoutIds: readonly string[], result: 'paid' | 'failed', reason: string | null): Promise<void> {
  if (payoutIds.length === 0) return;
  await trx.updateTable('payout_batch_items').set({ result, failure_reason: reason }).where('batch_id', '=', batchId).where('payout_id', 'in', [...payoutIds]).execute();
}

/** A batch's confirmed counts and sums, from its lines. */
export async function itemTotals(trx: Trx, batchId: string): Promise<{ paidCount: number; paidFen: number; failedCount: number; failedFen: number }> {
  const row = await trx
    .selectFrom('payout_batch_items')
    .select([
      sql<number>`count(*) filter (where result = 'paid')`.as('paid_count'),
      sql<number>`coalesce(sum(amount_fen) filter (where result = 'paid'), 0)::bigint`.as('paid_fen'),
      sql<number>`count(*) filter (where result = 'failed')`.as('failed_count'),
      sql<number>`coalesce(sum(amount_fen) filter (where result = 'failed'), 0)::bigint`.as('failed_fen'),
    ])
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return { paidCount: Number(row.paid_count), paidFen: Number(row.paid_fen), failedCount: Number(row.failed_count), failedFen: Number(row.failed_fen) };
}
