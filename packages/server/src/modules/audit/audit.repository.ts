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

/** Claims `count` consecutive seqs of a chain, returning the first and the hash before it (locks the head). */
export async function claimSeqs(trx: Trx, chain: string, count: number, genesisHash: string): Promise<{ firstSeq: number; prevHash: string }> {
  const first = await claimNextSeq(trx, chain, genesisHash);
  if (count > 1) await trx.updateTable('audit_heads').set((eb) => ({ seq: eb('seq', '+', count - 1) })).where('chain', '=', chain).execute();
  return { firstSeq: first.seq, prevHash: first.prevHash };
}

/** Inserts entries already chained, in order (2,000 per statement: 15 columns stay under PostgreSQL's parameter limit). */
export async function insertEntries(trx: Trx, rows: (Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('audit_log').values(rows.slice(i, i + 2000)).execute();
}

/** Points a chain's head at its last entry. */
export async function setHeadHash(trx: Trx, chain: string, hash: string): Promise<void> {
  await trx.updateTable('audit_heads').set({ hash }).where('chain', '=', chain).execute();
}

/**
 * Claims the next seq of a chain and returns it with the previous entry's hash. Bumping the head row locks
 * it until the transaction ends, which serializes appends per chain across processes.
 */
export async function claimNextSeq(trx: Trx, chain: string, genesisHash: string): Promise<{ seq: number; prevHash: string }> {
  for (;;) {
    // RETURNING gives the row after the update; `hash` is untouched by it, so it is still the previous entry's.
    const bumped = await trx.updateTable('audit_heads').set((eb) => ({ seq: eb('seq', '+', 1) })).where('chain', '=', chain).returning(['seq', 'hash']).executeTakeFirst();
    if (bumped) return { seq: bumped.seq, prevHash: bumped.hash };
    // The chain's first entry. A concurrent first writer makes this insert wait, then do nothing; the bump then finds its row.
    const created = await trx.insertInto('audit_heads').values({ chain, seq: 1, hash: genesisHash }).onConflict((oc) => oc.column('chain').doNothing()).returning('seq').executeTakeFirst();
    if (created) return { seq: 1, prevHash: genesisHash };
  }
}

/** Appends one entry and points the chain's head at it, in one statement. */
export async function appendEntry(trx: Trx, row: Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null }): Promise<void> {
  await trx
    .with('entry', (db) => db.insertInto('audit_log').values(row))
    .updateTable('audit_heads')
    .set({ hash: row.hash })
    .where('chain', '=', row.chain)
    .execute();
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
