/** A UTF-8 byte-order mark: Excel opens UTF-8 CSV correctly only with it. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV line (CRLF-terminated, RFC 4180 quoting). A cell starting with = + - @ or a tab/CR gets a
 * leading apostrophe so a spreadsheet shows it as text instead of running it as a formula.
 */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
