import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    for (const code of ['9144030071526726XG', '91350100M000100Y43', '91110000100006485K']) expect(creditCodeProblem(code)).toBeNull();
  });

  it('refuses a wrong check character, and says so', () => {
    expect(creditCodeProblem('9144030071526726XA')).toMatch(/check character/);
  });

  it('refuses letters the standard excludes, letters in the region code, and wrong lengths', () => {
    expect(creditCodeProblem('9144030071526726IG')).toMatch(/capital letters/);
    expect(creditCodeProblem('91A4030071526726XG')).toMatch(/capital letters/);
    expect(creditCodeProblem('9144030071526726X')).toMatch(/18/);
  });

  it('computes a check character that every code it completes passes', () => {
    const body = '91310115MA1K3YJ2B';
    const code = body + creditCodeCheckChar(body);
    expect(creditCodeProblem(code)).toBeNull();
    const other = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(creditCodeProblem(other)).not.toBeNull();
  });
});
