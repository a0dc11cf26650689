import ExcelJS from 'exceljs';
import { csvLine, UTF8_BOM } from '../../platform/kernel/csv';

/** A sheet as bytes in the format asked for: CSV in UTF-8 with a BOM (what Excel opens), or XLSX. */
export async function writeSheet(rows: string[][], format: 'csv' | 'xlsx', sheetName = '成员'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(UTF8_BOM + rows.map((r) => csvLine(r)).join(''), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  // Strings are written as string cells, which a spreadsheet never evaluates: "=1+1" stays text without the
  // apostrophe CSV needs.
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The content type and file extension of a format. */
export function sheetMime(format: 'csv' | 'xlsx'): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}
