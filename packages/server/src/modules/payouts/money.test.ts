import { describe, expect, it } from 'vitest';
import { fenToYuan, isPayableFen, maskAccount, normalizeAccountNumber, yuanToFen } from './money';
import { offlineBankFileProvider } from './provider';

describe('amounts in fen', () => {
  it('writes yuan with two decimals without floating-point rounding', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(10)).toBe('0.10');
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(1_000_000_000)).toBe('10000000.00');
    expect(fenToYuan(-250)).toBe('-2.50');
    // 0.1 + 0.2 in yuan is exactly 30 fen here.
    expect(fenToYuan(10 + 20)).toBe('0.30');
    expect(() => fenToYuan(1.5)).toThrow();
  });

  it('reads yuan as a bank writes it back into fen', () => {
    expect(yuanToFen('1234.56')).toBe(123456);
    expect(yuanToFen('¥1,234.5')).toBe(123450);
    expect(yuanToFen(' 7 ')).toBe(700);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    for (const fen of [1, 99, 100, 101, 123456789]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('pays whole fen between 1 fen and ¥10,000,000.00', () => {
    expect(isPayableFen(1)).toBe(true);
    expect(isPayableFen(1_000_000_000)).toBe(true);
    expect(isPayableFen(0)).toBe(false);
    expect(isPayableFen(-5)).toBe(false);
    expect(isPayableFen(1_000_000_001)).toBe(false);
    expect(isPayableFen(10.5)).toBe(false);
    expect(isPayableFen(Number.NaN)).toBe(false);
  });

  it('keeps account numbers as digits and shows only the last four', () => {
    expect(normalizeAccountNumber('6222 0212 3456 7890 123')).toBe('6222021234567890123');
    expect(normalizeAccountNumber('6222-0212-3456')).toBe('622202123456');
    expect(normalizeAccountNumber('12ab34567')).toBeNull();
    expect(normalizeAccountNumber('1234567')).toBeNull();
    expect(maskAccount('0123')).toBe('**** 0123');
    expect(maskAccount(null)).toBe('');
  });
});

describe('the offline bank file', () => {
  const lines = [
    { lineNo: 1, payoutId: 'a', spNo: '202611260001', amountFen: 12345, payeeName: '张三', bankName: '招商银行北京分行', accountName: '张三', accountNumber: '6225880212345678' },
    { lineNo: 2, payoutId: 'b', spNo: '202611260002', amountFen: 5, payeeName: '李四', bankName: '中国工商银行, 上海分行', accountName: '', accountNumber: '6222021234567890123' },
  ];

  it('is a UTF-8 CSV with a BOM, the bank template columns and yuan with two decimals', () => {
    const file = offlineBankFileProvider.render({ batchNo: '20261126-0001' }, lines);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.fileName).toBe('payout-batch-20261126-0001.csv');
    const text = file.bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')).toEqual([
      '序号,收款人,收款账号,开户行,金额(元),用途/摘要',
      '1,张三,6225880212345678,招商银行北京分行,123.45,报销 202611260001',
      // An account without its own name falls back to the payee; a comma in a cell is quoted.
      '2,李四,6222021234567890123,"中国工商银行, 上海分行",0.05,报销 202611260002',
      '',
    ]);
  });

  it('renders the same batch to the same bytes and hash every time', () => {
    const first = offlineBankFileProvider.render({ batchNo: 'x' }, lines);
    const second = offlineBankFileProvider.render({ batchNo: 'x' }, structuredClone(lines));
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
