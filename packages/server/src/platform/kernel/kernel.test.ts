import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvLine } from './csv';
import { SecretBox } from './crypto';
import { newCorpId } from './ids';

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 3])).toBe('"a,b","say ""hi""","two\nlines",,3\r\n');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(csvLine(['=1+1', '+86 138', '-2', '@SUM(A1)', 'plain'])).toBe("'=1+1,'+86 138,'-2,'@SUM(A1),plain\r\n");
  });
});

describe('SecretBox', () => {
  it('round-trips and refuses a tampered or foreign ciphertext', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1:/);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('same')).not.toBe(box.seal('same'));
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});

describe('CorpID', () => {
  it('is ww and 16 lowercase hex characters, and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, newCorpId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^ww[0-9a-f]{16}$/);
  });
});

describe('FileOffsetClock', () => {
  it('runs ahead of the system clock by the milliseconds in its file, and on time without one', async () => {
    const { FileOffsetClock } = await import('./clock');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'clock-')), 'offset');
    expect(Math.abs(new FileOffsetClock(file).now().getTime() - Date.now())).toBeLessThan(50);
    writeFileSync(file, String(3 * 3_600_000));
    const ahead = new FileOffsetClock(file).now().getTime() - Date.now();
    expect(ahead).toBeGreaterThan(3 * 3_600_000 - 50);
    expect(ahead).toBeLessThan(3 * 3_600_000 + 50);
  });
});
