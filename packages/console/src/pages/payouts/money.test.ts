import { describe, expect, it } from 'vitest';
import { formatYuan } from './money';

describe('amounts on the payouts pages', () => {
  it('shows fen as yuan with a ¥, thousands separators and two decimals', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(132256)).toBe('¥1,322.56');
    expect(formatYuan(1_000_000_000)).toBe('¥10,000,000.00');
    expect(formatYuan(-8800)).toBe('-¥88.00');
  });
});
