import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The fields an entry's hash covers; everything but the hash itself. `before` and `after` are canonical JSON text. */
export interface ChainedFields {
  chain: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The genesis value a chain's first entry points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and the entry's canonical form. */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(fields)).digest('hex');
}

const text = JSON.stringify;

/**
 * The canonical JSON of an entry (keys in sorted order), written out so the large values, already canonical
 * text, are not parsed and serialized again: a bulk import hashes 100,000 of these.
 */
function canonicalEntry(f: ChainedFields): string {
  return (
    `{"action":${text(f.action)},"actorId":${text(f.actorId)},"actorName":${text(f.actorName)},"after":${f.after ?? 'null'},` +
    `"at":${text(f.at.toISOString())},"before":${f.before ?? 'null'},"chain":${text(f.chain)},"ip":${text(f.ip)},` +
    `"requestId":${text(f.requestId)},"seq":${text(f.seq)},"targetId":${text(f.targetId)},"targetType":${text(f.targetType)},` +
    `"userAgent":${text(f.userAgent)}}`
  );
}
