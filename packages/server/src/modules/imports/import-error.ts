import type { ColumnKey } from './template';

/** Every way an uploaded spreadsheet can be refused before its rows are looked at. */
export const importErrorCodes = [
  'imports.unsupported_type',
  'imports.file_too_large',
  'imports.empty_file',
  'imports.corrupt_file',
  'imports.missing_header',
  'imports.too_many_rows',
  'imports.formula_found',
  'imports.inflated_too_large',
  'imports.encoding_unreadable',
  'imports.duplicate_header',
] as const;

/** A stable code of a refused import file, `imports.reason`. */
export type ImportErrorCode = (typeof importErrorCodes)[number];

/** What the refusal is about, for the message shown to the admin. Only the fields that apply are set. */
export interface ImportErrorDetails {
  /** missing_header: the missing column keys; duplicate_header: the header texts that map to the same key. */
  columns?: string[];
  /** missing_header: the Chinese template titles of the missing columns. */
  titles?: string[];
  /** duplicate_header: the column key the headers share. */
  key?: ColumnKey;
  /** The row (1-based, as Excel numbers it) the problem was found in. */
  row?: number;
  /** formula_found: the cell address, e.g. "C5". */
  cell?: string;
  /** The limit that was exceeded (bytes, rows or a ratio). */
  limit?: number;
  /** The amount that exceeded it. */
  actual?: number;
  /** unsupported_type: what the file turned out to be (xls, ole2, xlsb, ods, numbers, zip, png, html, binary…). */
  detected?: string;
  /** The file name's extension, lower case, without the dot. */
  extension?: string;
  /** encoding_unreadable: the best guess of the character encoding. */
  encoding?: string;
  /** corrupt_file / inflated_too_large: a machine-readable reason, e.g. not_a_zip, unclosed_quote, ratio. */
  reason?: string;
  /** inflated_too_large / corrupt_file: the zip entry at fault. */
  entry?: string;
  /** empty_file: the worksheet that was read. */
  sheet?: string;
}

/** A refused import file: a stable code and the details to explain it. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly details: ImportErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`${code} ${JSON.stringify(details)}`, options);
    this.name = 'ImportFileError';
  }
}
