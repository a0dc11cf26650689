import { ImportFileError } from './import-error';

/** Whether a cell holds nothing but whitespace. */
export function isBlankCell(cell: string | undefined): boolean {
  return cell === undefined || cell.trim() === '';
}

/** Whether every cell of a row is blank. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => isBlankCell(c));
}

/** The grid without its trailing blank rows, and without the trailing columns that are blank in every row. */
export function trimGrid(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && isBlankRow(rows[end - 1]!)) end--;
  const kept = rows.slice(0, end);
  let width = 0;
  for (const row of kept) {
    for (let i = row.length - 1; i >= width; i--) {
      if (!isBlankCell(row[i])) {
        width = i + 1;
        break;
      }
    }
  }
  return kept.map((row) => (row.length > width ? row.slice(0, width) : row));
}

/**
 * Counts non-blank rows as they are read and throws 'imports.too_many_rows' as soon as there are more than
 * `maxRows` after the first (the header), so a huge file fails before it is all held in memory.
 */
export function rowBudget(maxRows: number): (cells: readonly string[], rowNumber: number) => void {
  let seen = 0;
  return (cells, rowNumber) => {
    if (isBlankRow(cells)) return;
    seen++;
    if (seen - 1 > maxRows) throw new ImportFileError('imports.too_many_rows', { limit: maxRows, row: rowNumber });
  };
}
