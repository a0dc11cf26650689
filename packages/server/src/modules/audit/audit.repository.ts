import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB, Executor, Trx } from '../../db';
import type { AuditRow } from './audit.table';

/** Filters of the audit list. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Locks a chain's head for this transaction, creating it on first use, and returns it. */
export async function lockHead(trx: Trx, chain: string): Promise<{ seq: number; hash: string } | null> {
  await trx.insertInto('audit_heads').values({ chain, seq: 0, hash: '' }).onConflict((oc) => oc.column('chain').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
  return head.seq === 0 ? null : head;
}

/** Appends one entry and moves the head to it. */
export async function appendEntry(trx: Trx, row: Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null }): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_heads').set({ seq: row.seq, hash: row.hash }).where('chain', '=', row.chain).execute();
}

/** Reads the head without locking it. */
export async function findHead(db: Executor, chain: string): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
}

/** Entries of a chain in order, after `afterSeq`, `limit` at a time (keyset paging for verification and export). */
export async function entriesAfter(db: Executor, chain: string, afterSeq: number, limit: number, filter: AuditFilter = {}): Promise<AuditRow[]> {
  return applyFilter(db.selectFrom('audit_log').selectAll().where('chain', '=', chain).where('seq', '>', afterSeq), filter)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** One page of a chain, newest first, with the filtered total. */
export async function pageEntries(db: Executor, chain: string, filter: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
  const base = applyFilter(db.selectFrom('audit_log').where('chain', '=', chain), filter);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function applyFilter<O>(query: SelectQueryBuilder<DB, 'audit_log', O>, filter: AuditFilter): SelectQueryBuilder<DB, 'audit_log', O> {
  let q = query;
  if (filter.actor) {
    const like = `%${escapeLike(filter.actor)}%`;
    q = q.where((eb) => eb.or([eb('actor_id', 'ilike', like), eb('actor_name', 'ilike', like)]));
  }
  if (filter.action) q = q.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<=', filter.to);
  return q;
}
