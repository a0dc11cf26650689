import { useCallback, useState } from 'react';

/** A fresh random key. crypto.randomUUID exists only on https (or localhost); getRandomValues works everywhere. */
export function newIntentKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * An idempotency key for one user intent (one submit, one decision). The same key is sent again when the same
 * submit is retried (a double click, a network retry), so the server acts once; `renew` starts a new intent.
 */
export function useIntentKey(): [key: string, renew: () => void] {
  const [key, setKey] = useState(newIntentKey);
  const renew = useCallback(() => setKey(newIntentKey()), []);
  return [key, renew];
}
