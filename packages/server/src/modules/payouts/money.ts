import { MAX_PAYOUT_FEN } from '@orgdesk/contracts';

/**
 * Yuan with two decimals from fen, in integer arithmetic: 123456 → "1234.56". A bank file must never carry a
 * binary-float rounding (0.1 + 0.2), so no division happens here.
 */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen from a yuan amount as a bank writes it ("1,234.5", "¥1234.56"); null when it is not one. */
export function yuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** Whether an amount can be paid: whole fen, at least 1, at most MAX_PAYOUT_FEN. */
export function isPayableFen(fen: number): boolean {
  return Number.isSafeInteger(fen) && fen >= 1 && fen <= MAX_PAYOUT_FEN;
}

/** A bank account number as the bank file carries it: digits only (spaces and dashes people type are dropped). */
export function normalizeAccountNumber(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{8,32}$/.test(digits) ? digits : null;
}

/** How an account shows outside the bank file: only its last four digits. */
export function maskAccount(last4: string | null): string {
  return last4 ? `**** ${last4}` : '';
}
