import type { FastifyRequest } from 'fastify';
import { fieldError } from '../kernel/app-error';

// An unpaired UTF-16 surrogate: JSON can carry one ("\ud800"), UTF-8 cannot, so the database would silently store U+FFFD instead.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Finds a NUL character or an unpaired surrogate anywhere in a parsed value. PostgreSQL text cannot hold
 * either as sent (a NUL fails the query; a lone surrogate is replaced, so what is stored, and hashed into
 * the audit chain, would differ from what was checked), so we refuse them up front.
 */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (depth > 32) return null;
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, path, depth + 1) ?? nulPath(item, path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses NUL characters and unpaired surrogates in the body, query and params with a field error instead of a database failure. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const path = nulPath(request.body, '') ?? nulPath(request.query, 'query') ?? nulPath(request.params, 'params');
  if (path) throw fieldError(path, 'must not contain NUL characters or unpaired surrogates');
}
