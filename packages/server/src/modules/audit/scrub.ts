const secretKeys = /pass(word)?|secret|token|code_?hash|recovery|totp|otp|^code$|key$/i;

/** Replaces the values of secret-looking fields, at any depth, before they reach the audit log. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKeys.test(k) ? '[scrubbed]' : scrubSecrets(v)]),
    );
  }
  return value;
}
