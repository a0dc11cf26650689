import { authenticator } from 'otplib';
import { safeEqual } from '../../platform/kernel/crypto';

const STEP_SECONDS = 30;
authenticator.options = { step: STEP_SECONDS, window: 1, digits: 6 };

/** A new base32 TOTP secret. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URL an authenticator app reads from a QR code. */
export function otpauthUrl(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/**
 * The time step a code is valid for (current step ±1), or null when it matches none.
 * The caller refuses a step not later than the last one used, so a code works once.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const epochSeconds = Math.floor(now.getTime() / 1000);
  const currentStep = Math.floor(epochSeconds / STEP_SECONDS);
  for (const delta of [0, -1, 1]) {
    const step = currentStep + delta;
    const expected = authenticator.clone({ epoch: step * STEP_SECONDS * 1000, window: 0 }).generate(secret);
    if (safeEqual(expected, code)) return step;
  }
  return null;
}

/** The code for a given instant; used by tests and the CLI demo, never to check input. */
export function totpCodeAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime(), window: 0 }).generate(secret);
}
