import ExcelJS from 'exceljs';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { rowBudget, trimGrid } from './grid';
import { ImportFileError } from './import-error';

const MiB = 1024 * 1024;

/** How far an XLSX file may inflate: its parts together, and one large part relative to its compressed size. */
export interface ZipLimits {
  /** The most bytes all entries may inflate to. */
  maxInflatedBytes: number;
  /** The highest compression ratio of an entry larger than `ratioAppliesAbove`. */
  maxRatio: number;
  ratioAppliesAbove: number;
  /** The most entries; a real workbook has tens, a few hundred with many images. */
  maxEntries: number;
}

/** The zip limits unless told otherwise: 512 MiB in all, 200:1 for parts over 10 MiB, 10 000 entries. */
export const defaultZipLimits: ZipLimits = { maxInflatedBytes: 512 * MiB, maxRatio: 200, ratioAppliesAbove: 10 * MiB, maxEntries: 10_000 };

/** Options of parseXlsx. */
export interface XlsxOptions {
  /** The most data rows (non-blank rows after the first) before refusing with 'imports.too_many_rows'. */
  maxRows?: number;
  zip?: Partial<ZipLimits>;
}

/**
 * Checks that bytes are a zip holding an XLSX workbook that inflates within limits, before anything is
 * inflated into memory: the sizes the central directory declares are checked first, then every entry is
 * inflated and discarded to prove it is no larger than declared (the parser behind exceljs trusts the
 * declaration, so a zip that lies about its sizes would otherwise get through).
 */
export async function checkXlsxZip(bytes: Buffer, limits: ZipLimits = defaultZipLimits): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (cause) {
    throw new ImportFileError('imports.corrupt_file', { reason: 'not_a_zip' }, { cause });
  }
  try {
    const entries = await declaredEntries(zip, limits);
    const kind = zipKind(new Set(entries.map((e) => e.fileName)));
    if (kind !== 'xlsx') throw new ImportFileError('imports.unsupported_type', { detected: kind });
    await inflateAndDiscard(zip, entries, limits);
  } finally {
    zip.close();
  }
}

async function declaredEntries(zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw new ImportFileError('imports.inflated_too_large', { reason: 'entries', limit: limits.maxEntries, actual: zip.entryCount });
  }
  const entries: Entry[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      total += entry.uncompressedSize;
      if (total > limits.maxInflatedBytes) {
        throw new ImportFileError('imports.inflated_too_large', { reason: 'total', limit: limits.maxInflatedBytes, actual: total, entry: entry.fileName });
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > limits.ratioAppliesAbove && ratio > limits.maxRatio) {
        throw new ImportFileError('imports.inflated_too_large', { reason: 'ratio', limit: limits.maxRatio, actual: Math.round(ratio), entry: entry.fileName });
      }
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('imports.corrupt_file', { reason: 'bad_zip' }, { cause: error });
  }
  return entries;
}

async function inflateAndDiscard(zip: ZipFile, entries: readonly Entry[], limits: ZipLimits): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    if (!entry.canDecodeFileData()) throw new ImportFileError('imports.corrupt_file', { reason: 'unreadable_entry', entry: entry.fileName });
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limits.maxInflatedBytes) {
          stream.destroy();
          throw new ImportFileError('imports.inflated_too_large', { reason: 'total', limit: limits.maxInflatedBytes, actual: total, entry: entry.fileName });
        }
      }
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      // yauzl stops a stream that inflates past its declared size; a lying zip lands here, as does bad deflate data.
      throw new ImportFileError('imports.corrupt_file', { reason: 'bad_entry', entry: entry.fileName }, { cause: error });
    }
  }
}

function zipKind(names: ReadonlySet<string>): string {
  // exceljs reads the workbook from exactly this path, as Excel, WPS, Numbers and LibreOffice write it.
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('xl/workbook.bin')) return 'xlsb';
  if (names.has('mimetype') && names.has('content.xml')) return 'ods';
  if ([...names].some((n) => n.startsWith('Index/') && n.endsWith('.iwa'))) return 'numbers';
  if (names.has('word/document.xml')) return 'docx';
  return 'zip';
}

/**
 * The rows of the first visible worksheet of an XLSX file as text, with trailing blank rows and columns
 * dropped. Refuses zip bombs (see checkXlsxZip) and any formula ('imports.formula_found', with its cell).
 */
export async function parseXlsx(bytes: Buffer, options: XlsxOptions = {}): Promise<string[][]> {
  await checkXlsxZip(bytes, { ...defaultZipLimits, ...options.zip });
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; at run time it hands it to JSZip, which takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (cause) {
    throw new ImportFileError('imports.corrupt_file', { reason: 'unreadable_workbook' }, { cause });
  }
  // A hidden first sheet (lists behind drop-downs, instructions) is not what the admin sees as "the" sheet.
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('imports.empty_file', { reason: 'no_worksheet' });
  const budget = options.maxRows === undefined ? null : rowBudget(options.maxRows);
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    const cells: string[] = [];
    if (row) for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.findCell(c)));
    budget?.(cells, r);
    rows.push(cells);
  }
  const grid = trimGrid(rows);
  if (grid.length === 0) throw new ImportFileError('imports.empty_file', { sheet: sheet.name });
  return grid;
}

/**
 * A cell as text as Excel shows it: numbers in full (13800000000, not 1.38E+10), dates as YYYY-MM-DD, TRUE /
 * FALSE, the text of rich text and hyperlinks, error values as written (#N/A). A merged range keeps its value
 * in its first cell only. A formula is refused: in an import it is either an injection or a mistake.
 */
export function cellText(cell: ExcelJS.Cell | undefined): string {
  if (!cell) return '';
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, cell.numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('formula' in value || 'sharedFormula' in value) {
    throw new ImportFileError('imports.formula_found', { cell: cell.address, row: Number(cell.row) });
  }
  if ('richText' in value) return richText(value);
  if ('hyperlink' in value) return richText(value.text as unknown);
  if ('error' in value) return value.error;
  return '';
}

function richText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => (typeof run === 'object' && run !== null && 'text' in run ? String(run.text) : '')).join('');
  }
  return '';
}

function numberText(value: number, numFmt: string | undefined): string {
  // Zero-padded codes ("000123" under format 000000) and fixed decimals are shown as formatted.
  const fixed = numFmt ? /^(0+)(?:\.(0+))?$/.exec(numFmt) : null;
  if (fixed) {
    const text = Math.abs(value).toFixed(fixed[2]?.length ?? 0);
    const [int = '', frac] = text.split('.');
    const padded = int.padStart(fixed[1]!.length, '0') + (frac === undefined ? '' : `.${frac}`);
    return value < 0 ? `-${padded}` : padded;
  }
  // Excel shows 15 significant digits; below 1e21 String() never switches to exponent notation.
  return String(Number(value.toPrecision(15)));
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // exceljs turns serial dates into UTC instants, so UTC fields are the calendar date Excel shows.
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}
