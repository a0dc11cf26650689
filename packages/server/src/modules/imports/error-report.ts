import { localizeReason, type Language } from '@orgdesk/contracts';
import type { Spreadsheet } from './read-file';
import { columnLabel, type RowError } from './row-input';

/** The uploaded rows as they were, with a column saying what is wrong with each: the admin fixes and re-uploads it. */
export function errorReportRows(sheet: Spreadsheet, errors: RowError[], language: Language): string[][] {
  const byRow = new Map<number, string[]>();
  for (const e of errors) {
    const message = `${columnLabel(e.column) ? `${columnLabel(e.column)}: ` : ''}${localizeReason(e.reason, language) ?? e.reason}`;
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), message]);
  }
  const width = sheet.headers.length;
  const header = [...sheet.headers.map((h) => h.text), language === 'en' ? 'Errors' : '错误原因'];
  const rows = sheet.rows.map((r) => [...r.raw.slice(0, width), ...Array(Math.max(0, width - r.raw.length)).fill(''), (byRow.get(r.rowNumber) ?? []).join('；')]);
  return [header, ...rows];
}
