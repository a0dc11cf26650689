import type { FastifyRequest } from 'fastify';
import { fieldError } from '../kernel/app-error';

/** Finds a NUL character anywhere in a parsed value; PostgreSQL text cannot hold one, so we refuse it up front. */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (depth > 32) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : null;
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

/** Refuses NUL characters in the body, query and params with a field error instead of a database failure. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const path = nulPath(request.body, '') ?? nulPath(request.query, 'query') ?? nulPath(request.params, 'params');
  if (path) throw fieldError(path, 'must not contain NUL characters');
}
