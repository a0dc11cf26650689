const secretKeys = /pass(word)?|secret|token|code_?hash|recovery|totp|otp|^code$|key$/i;

/**
 * What the log stores for a value, in one pass: secret-looking fields replaced at any depth, the value as JSON
 * would give it back (Dates as ISO strings, undefined dropped, non-finite numbers null) and object keys sorted,
 * so its `JSON.stringify` is the canonical text the hash covers.
 */
export function storedForm(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => storedForm(item) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = secretKeys.test(key) ? '[scrubbed]' : storedForm((value as Record<string, unknown>)[key]);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }
  return undefined; // undefined, functions, symbols: JSON drops them
}
