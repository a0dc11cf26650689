import type { ImportFileError } from './import-error';

/** The details of a refused file in one English line, for the field reason beside the error's message. */
export function describeFileError(error: ImportFileError): string {
  const d = error.details;
  switch (error.code) {
    case 'imports.missing_header':
      return `missing columns: ${(d.titles ?? d.columns ?? []).join(', ')}`;
    case 'imports.duplicate_header':
      return `repeated columns: ${(d.columns ?? []).join(', ')}`;
    case 'imports.formula_found':
      return `formula in cell ${d.cell ?? '?'}`;
    case 'imports.too_many_rows':
      return `more than ${d.limit} rows`;
    case 'imports.file_too_large':
      return `larger than ${d.limit} bytes`;
    case 'imports.unsupported_type':
      return `the file is ${d.detected ?? d.extension ?? 'of an unknown type'}`;
    case 'imports.encoding_unreadable':
      return `unreadable text encoding${d.encoding ? ` (looks like ${d.encoding})` : ''}`;
    default:
      return d.reason ?? error.code;
  }
}
