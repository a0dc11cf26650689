import { extname } from 'node:path';
import { isBlankRow } from './grid';
import { ImportFileError } from './import-error';
import { parseCsv } from './parse-csv';
import { parseXlsx } from './parse-xlsx';
import { defaultZipLimits } from './xlsx-zip';
import { headerKey, isTemplateNote, requiredColumns, templateHeader, type ColumnKey } from './template';

const MiB = 1024 * 1024;

/** How much of a file is read: its size before parsing, its data rows while parsing, its inflated size if XLSX. */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxInflatedBytes?: number;
}

/** 50 MiB, 200 000 data rows, 512 MiB inflated. */
export const defaultImportLimits: ImportLimits = { maxBytes: 50 * MiB, maxRows: 200_000, maxInflatedBytes: defaultZipLimits.maxInflatedBytes };

/** A column of the header row: its position, its text, and the member column it names, if any. */
export interface SheetHeader {
  index: number;
  text: string;
  key: ColumnKey | null;
}

/** A data row: where the admin sees it in Excel (header row = 1 when it is the first), and its cells. */
export interface SheetRow {
  rowNumber: number;
  /** The trimmed cell of every mapped column, '' when blank: a column present but empty is not an absent one. */
  cells: Partial<Record<ColumnKey, string>>;
  /** Every trimmed cell, aligned with `headers` (and longer when a row runs past the header). */
  raw: string[];
}

/** An uploaded spreadsheet, read as a header and the non-blank rows below it. */
export interface Spreadsheet {
  format: 'csv' | 'xlsx';
  headers: SheetHeader[];
  rows: SheetRow[];
  /** Header texts that name no member column; their cells are ignored. */
  unknownColumns: string[];
}

const binarySignatures: readonly (readonly [string, readonly number[]])[] = [
  ['ole2', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
];

/**
 * Which reader a file needs, from its first bytes, then its name: a zip is XLSX whatever it is called; OLE2 (a
 * legacy .xls, or an .xlsx with a password) and other binary formats are refused; text is CSV when named
 * .csv, .tsv or .txt.
 */
export function detectFormat(bytes: Buffer, fileName: string): 'csv' | 'xlsx' {
  const extension = extname(fileName).slice(1).toLowerCase();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'xlsx';
  const signature = binarySignatures.find(([, magic]) => startsWith(bytes, magic))?.[0];
  if (signature === 'ole2') {
    const detected = extension === 'xlsx' ? 'encrypted_xlsx' : extension === 'xls' ? 'xls' : 'ole2';
    throw new ImportFileError('imports.unsupported_type', { detected, extension });
  }
  if (signature) throw new ImportFileError('imports.unsupported_type', { detected: signature, extension });
  const markup = markupKind(bytes);
  // Many systems "export to Excel" as an HTML table or SpreadsheetML named .xls.
  if (markup) throw new ImportFileError('imports.unsupported_type', { detected: markup, extension });
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw new ImportFileError('imports.unsupported_type', { detected: 'binary', extension });
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx' || extension === 'xlsm') throw new ImportFileError('imports.corrupt_file', { reason: 'not_a_zip', extension });
  throw new ImportFileError('imports.unsupported_type', { detected: extension === 'xls' ? 'xls' : 'unknown', extension });
}

function markupKind(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|table)\b/.test(head)) return 'html';
  if (head.startsWith('<?xml')) return 'xml';
  return null;
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Reads an uploaded spreadsheet (CSV or XLSX, detected) into a header and rows. The header row is the first
 * non-blank row; it must name the 姓名, 帐号 and 所在部门 columns, each once. Blank rows are skipped, cells
 * trimmed, unknown columns reported and ignored. Every refusal is an ImportFileError.
 */
export async function readSpreadsheet(bytes: Buffer, fileName: string, limits: ImportLimits = defaultImportLimits): Promise<Spreadsheet> {
  if (bytes.length > limits.maxBytes) throw new ImportFileError('imports.file_too_large', { limit: limits.maxBytes, actual: bytes.length });
  if (bytes.length === 0) throw new ImportFileError('imports.empty_file');
  const format = detectFormat(bytes, fileName);
  const grid =
    format === 'xlsx'
      ? await parseXlsx(bytes, { maxRows: limits.maxRows, zip: { maxInflatedBytes: limits.maxInflatedBytes ?? defaultZipLimits.maxInflatedBytes } })
      : parseCsv(bytes, { maxRows: limits.maxRows });

  const headerIndex = grid.findIndex((row) => !isBlankRow(row));
  if (headerIndex < 0) throw new ImportFileError('imports.empty_file');
  const headerRowNumber = headerIndex + 1;
  const headers: SheetHeader[] = grid[headerIndex]!.map((cell, index) => {
    const text = cell.trim();
    return { index, text, key: text ? headerKey(text) : null };
  });
  checkHeaders(headers, headerRowNumber);

  const rows: SheetRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const source = grid[i]!;
    if (isBlankRow(source)) continue;
    const raw = source.map((cell) => cell.trim());
    while (raw.length < headers.length) raw.push('');
    const cells: Partial<Record<ColumnKey, string>> = {};
    for (const header of headers) if (header.key) cells[header.key] = raw[header.index] ?? '';
    rows.push({ rowNumber: i + 1, cells, raw });
  }
  const unknownColumns = [...new Set(headers.filter((h) => h.key === null && h.text !== '' && !isTemplateNote(h.text)).map((h) => h.text))];
  return { format, headers, rows, unknownColumns };
}

function checkHeaders(headers: readonly SheetHeader[], row: number): void {
  const byKey = new Map<ColumnKey, string[]>();
  for (const header of headers) if (header.key) byKey.set(header.key, [...(byKey.get(header.key) ?? []), header.text]);
  const missing = requiredColumns.filter((key) => !byKey.has(key));
  if (missing.length > 0) throw new ImportFileError('imports.missing_header', { columns: missing, titles: missing.map(templateHeader), row });
  for (const [key, texts] of byKey) {
    if (texts.length > 1) throw new ImportFileError('imports.duplicate_header', { key, columns: texts, row });
  }
}
