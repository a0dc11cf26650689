import type { ReconciliationSummary } from '@orgdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { memberWithin } from '../directory';
import { batchWithin } from './payouts.repository';

type Range = { from?: string; to?: string };
type Issue = ReconciliationSummary['issues'][number];

/**
 * 对账: totals by status, each batch's exported against confirmed amounts, and what does not add up — a payout
 * paid without a bank reference or outside a settled batch, a batch whose lines do not sum to its total, a settled
 * batch whose paid and failed lines do not sum to what was exported. All inside the caller's reach, in SQL.
 */
export async function reconciliation(db: Executor, corpId: string, reach: Reach, range: Range): Promise<ReconciliationSummary> {
  const from = range.from ? new Date(range.from) : null;
  const to = range.to ? new Date(range.to) : null;

  let payouts = db.selectFrom('payouts as p').where('p.corp_id', '=', corpId).where(memberWithin(corpId, reach, 'p.payee_member_id'));
  if (from) payouts = payouts.where('p.created_at', '>=', from);
  if (to) payouts = payouts.where('p.created_at', '<', to);
  const byStatus = await payouts
    .select((eb) => ['p.status', eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(p.amount_fen), 0)::bigint`.as('fen')])
    .groupBy('p.status')
    .execute();

  let batches = db.selectFrom('payout_batches as b').where('b.corp_id', '=', corpId).where(batchWithin(corpId, reach, 'b.id'));
  if (from) batches = batches.where('b.created_at', '>=', from);
  if (to) batches = batches.where('b.created_at', '<', to);
  const batchRows = await batches
    .selectAll('b')
    .select((eb) => [
      eb.selectFrom('payout_batch_items as i').select(sql<number>`coalesce(sum(i.amount_fen), 0)::bigint`.as('s')).whereRef('i.batch_id', '=', 'b.id').as('lines_fen'),
      eb.selectFrom('payout_batch_items as i').select(sql<number>`count(*)`.as('c')).whereRef('i.batch_id', '=', 'b.id').as('lines_count'),
      eb
        .selectFrom('payouts as q')
        .select(sql<number>`coalesce(sum(q.amount_fen), 0)::bigint`.as('s'))
        .whereRef('q.batch_id', '=', 'b.id')
        .where('q.status', '=', 'paid')
        .whereRef('q.bank_reference', '=', 'b.bank_reference')
        .as('paid_by_payouts'),
    ])
    .orderBy('b.created_at', 'desc')
    .limit(500)
    .execute();

  const issues: Issue[] = [];
  for (const b of batchRows) {
    const total = Number(b.total_fen);
    if (Number(b.lines_fen) !== total || Number(b.lines_count) !== b.item_count) {
      issues.push({ kind: 'batch_total_mismatch', payoutId: null, batchId: b.id, batchNo: b.batch_no, detail: `exported ${total} fen in ${b.item_count} lines; lines hold ${Number(b.lines_fen)} fen in ${Number(b.lines_count)}` });
    }
    if (b.status === 'settled' && (Number(b.paid_fen) + Number(b.failed_fen) !== total || Number(b.paid_by_payouts) !== Number(b.paid_fen))) {
      issues.push({ kind: 'batch_settlement_mismatch', payoutId: null, batchId: b.id, batchNo: b.batch_no, detail: `exported ${total} fen; confirmed paid ${Number(b.paid_fen)} + failed ${Number(b.failed_fen)}; payouts paid under the reference ${Number(b.paid_by_payouts)}` });
    }
  }

  const suspicious = await payouts
    .leftJoin('payout_batches as pb', 'pb.id', 'p.batch_id')
    .select(['p.id', 'p.sp_no', 'p.bank_reference', 'pb.id as batch_id', 'pb.batch_no', 'pb.status as batch_status', 'pb.bank_reference as batch_reference'])
    .where('p.status', '=', 'paid')
    .where((eb) => eb.or([eb('p.bank_reference', 'is', null), eb('pb.id', 'is', null), eb('pb.status', '!=', 'settled'), eb('pb.bank_reference', 'is distinct from', eb.ref('p.bank_reference'))]))
    .limit(500)
    .execute();
  for (const p of suspicious) {
    if (p.bank_reference === null) issues.push({ kind: 'paid_without_reference', payoutId: p.id, batchId: p.batch_id, batchNo: p.batch_no, detail: `${p.sp_no} is paid without a bank reference` });
    else issues.push({ kind: 'paid_outside_settled_batch', payoutId: p.id, batchId: p.batch_id, batchNo: p.batch_no, detail: `${p.sp_no} is paid under ${p.bank_reference}, not by a batch settled with it` });
  }

  return {
    byStatus: (['pending', 'paid', 'failed', 'cancelled'] as const).map((status) => {
      const row = byStatus.find((r) => r.status === status);
      return { status, count: Number(row?.n ?? 0), amountFen: Number(row?.fen ?? 0) };
    }),
    batches: batchRows.map((b) => ({
      id: b.id,
      batchNo: b.batch_no,
      status: b.status,
      bankReference: b.bank_reference,
      exportedFen: Number(b.total_fen),
      paidFen: Number(b.paid_fen),
      failedFen: Number(b.failed_fen),
      differenceFen: b.status === 'voided' ? 0 : Number(b.total_fen) - Number(b.paid_fen) - Number(b.failed_fen),
      createdAt: b.created_at.toISOString(),
      settledAt: b.settled_at?.toISOString() ?? null,
    })),
    issues,
  };
}
