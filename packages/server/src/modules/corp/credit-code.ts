// GB 32100-2015: 31 characters (no I, O, S, V, Z) and weights 3^(i) mod 31 for the first 17 positions.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a unified social credit code (统一社会信用代码) is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (!SHAPE.test(code)) return 'must be digits and capital letters other than I, O, S, V, Z, with digits in positions 3–8';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'the check character (last) does not match';
  return null;
}
