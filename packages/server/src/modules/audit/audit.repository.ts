import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB, Executor, Trx } from '../../db';
import type { AuditRow } from './audit.table';

/** An entry as inserted: chained, with before/after as the JSON text the hash covers. */
export type NewEntry = Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null };

/** Filters of the audit list. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/**
 * Claims `count` consecutive seqs of a chain and returns the first with the hash before it. Bumping the head row locks
 * it until the transaction ends, which serializes appends per chain across processes.
 */
export async function claimSeqs(trx: Trx, chain: string, count: number, genesisHash: string): Promise<{ firstSeq: number; prevHash: string }> {
  for (;;) {
    // RETURNING gives the row after the update; `hash` is untouched by it, so it is still the previous entry's.
    const bumped = await trx.updateTable('audit_heads').set((eb) => ({ seq: eb('seq', '+', count) })).where('chain', '=', chain).returning(['seq', 'hash']).executeTakeFirst();
    if (bumped) return { firstSeq: Number(bumped.seq) - count + 1, prevHash: bumped.hash };
    // The chain's first entries. A concurrent first writer makes this insert wait, then do nothing; the bump then finds its row.
    const created = await trx.insertInto('audit_heads').values({ chain, seq: count, hash: genesisHash }).onConflict((oc) => oc.column('chain').doNothing()).returning('seq').executeTakeFirst();
    if (created) return { firstSeq: 1, prevHash: genesisHash };
  }
}

/** Inserts entries already chained, in order (2,000 per statement: 15 columns stay under PostgreSQL's parameter limit). */
export async function insertEntries(trx: Trx, rows: NewEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('audit_log').values(rows.slice(i, i + 2000)).execute();
}

/** Points a chain's head at its last entry. */
export async function setHeadHash(trx: Trx, chain: string, hash: string): Promise<void> {
  await trx.updateTable('audit_heads').set({ hash }).where('chain', '=', chain).execute();
}

/** Appends entries already chained, in order, and points the chain's head at the last, in one statement. */
export async function appendEntries(trx: Trx, rows: NewEntry[]): Promise<void> {
  const last = rows[rows.length - 1];
  if (!last) return;
  await trx
    .with('entries', (db) => db.insertInto('audit_log').values(rows))
    .updateTable('audit_heads')
    .set({ hash: last.hash })
    .where('chain', '=', last.chain)
    .execute();
}

/** The entries about one target (e.g. a payout), oldest first, at most `limit`. */
export async function entriesOfTarget(db: Executor, chain: string, targetType: string, targetId: string, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('chain', '=', chain).where('target_type', '=', targetType).where('target_id', '=', targetId).orderBy('seq').limit(limit).execute();
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
