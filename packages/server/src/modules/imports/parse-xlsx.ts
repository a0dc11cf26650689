import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { rowBudget, trimGrid } from './grid';
import { ImportFileError } from './import-error';
import { checkXlsxZip, defaultZipLimits, type ZipLimits } from './xlsx-zip';

/** Options of parseXlsx. */
export interface XlsxOptions {
  /** The most data rows (non-blank rows after the first) before refusing with 'imports.too_many_rows'. */
  maxRows?: number;
  zip?: Partial<ZipLimits>;
}

/**
 * The rows of the first visible worksheet of an XLSX file as text, with trailing blank rows and columns
 * dropped. Refuses zip bombs (see checkXlsxZip) and any formula ('imports.formula_found', with its cell).
 *
 * The sheet is streamed, not loaded: exceljs's Workbook.xlsx.load holds every cell of every sheet as objects
 * (a 200 000-row sheet took over 1.5 GB), while its streaming WorkbookReader gives one row at a time, turned
 * into text at once and dropped. The parts are read here through yauzl, from the central directory
 * checkXlsxZip vetted, and handed to the WorkbookReader's part parsers one by one, rather than giving it the
 * file: fed a whole file, its zip reader parks sheets that precede the shared strings (as Excel writes them)
 * in temporary files, reads dates as numbers in a sheet that precedes styles.xml, and decodes each inflated
 * chunk on its own, garbling a Chinese character cut by a chunk's end. The streaming reader also knows
 * neither which sheet is first nor merged ranges (it skips <mergeCell>), so the sheet list comes from
 * xl/workbook.xml and its rels, and the merged ranges from one scan of the sheet part before it is read.
 * A workbook whose sheet list cannot be made out this way is loaded whole, as before.
 */
export async function parseXlsx(bytes: Buffer, options: XlsxOptions = {}): Promise<string[][]> {
  await checkXlsxZip(bytes, { ...defaultZipLimits, ...options.zip });
  const budget = options.maxRows === undefined ? null : rowBudget(options.maxRows);
  let result: { name: string; rows: string[][] } | null;
  let zip: ZipFile | null = null;
  try {
    zip = await fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    result = await streamSheet(zip, budget);
  } catch (cause) {
    if (cause instanceof ImportFileError) throw cause;
    throw new ImportFileError('imports.corrupt_file', { reason: 'unreadable_workbook' }, { cause });
  } finally {
    zip?.close();
  }
  const { name, rows } = result ?? (await loadSheet(bytes, budget));
  const grid = trimGrid(rows);
  if (grid.length === 0) throw new ImportFileError('imports.empty_file', { sheet: name });
  return grid;
}

type RowBudget = ReturnType<typeof rowBudget>;

/** A merged range, 1-based and inclusive. */
interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The part parsers of exceljs's streaming WorkbookReader (private and untyped, as of exceljs 4.4; recheck on upgrade): each takes the part's text as it streams. */
interface PartParsers {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

const sheetPart = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** The first visible sheet's rows as text, or null when the sheet list cannot be made out. */
async function streamSheet(zip: ZipFile, budget: RowBudget | null): Promise<{ name: string; rows: string[][] } | null> {
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  const workbookEntry = entries.get('xl/workbook.xml');
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbookEntry || !relsEntry) return null;
  const targets = new Map<string, string>();
  for (const tag of xmlTags(await entryText(zip, relsEntry), 'Relationship')) {
    const id = tag.get('Id');
    const target = tag.get('Target');
    // As exceljs resolves a worksheet's part from its relationship.
    if (id !== undefined && target !== undefined) targets.set(id, `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
  }
  const sheets: { name: string; path: string; state: string }[] = [];
  for (const tag of xmlTags(await entryText(zip, workbookEntry), 'sheet')) {
    const rId = [...tag].find(([key]) => key === 'id' || key.endsWith(':id'))?.[1];
    const path = rId === undefined ? undefined : targets.get(rId);
    // Like exceljs: only parts named xl/worksheets/sheetN.xml are worksheets (chart sheets are not).
    if (path === undefined || !sheetPart.test(path) || !entries.has(path)) continue;
    sheets.push({ name: tag.get('name') ?? '', path, state: tag.get('state') ?? 'visible' });
  }
  // A hidden first sheet (lists behind drop-downs, instructions) is not what the admin sees as "the" sheet.
  const sheet = sheets.find((s) => s.state === 'visible') ?? sheets[0];
  if (!sheet) {
    if ([...entries.keys()].some((n) => sheetPart.test(n))) return null;
    throw new ImportFileError('imports.empty_file', { reason: 'no_worksheet' });
  }
  const sheetEntry = entries.get(sheet.path)!;
  const pending = await mergedRanges(zip, sheetEntry);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  const parsers = reader as unknown as PartParsers;
  const part = async (entry: Entry): Promise<Readable> => Readable.from(utf8Text(await zip.openReadStreamPromise(entry)));
  await parsers._parseRels(await part(relsEntry));
  await parsers._parseWorkbook(await part(workbookEntry));
  const styles = entries.get('xl/styles.xml');
  if (styles) await parsers._parseStyles(await part(styles));
  const strings = entries.get('xl/sharedStrings.xml');
  if (strings) for await (const _ of parsers._parseSharedStrings(await part(strings))) void _;

  const rows: string[][] = [];
  let active: MergeRange[] = [];
  const sheetNo = sheetPart.exec(sheet.path)![1]!;
  for (const { value: worksheet } of parsers._parseWorksheet(utf8Text(await zip.openReadStreamPromise(sheetEntry)), sheetNo)) {
    for await (const row of worksheet) {
      // Rows come in order; one without a number (or out of order) is taken as the next.
      const r = Number.isInteger(row.number) && row.number > rows.length ? row.number : rows.length + 1;
      while (rows.length < r - 1) {
        budget?.([], rows.length + 1);
        rows.push([]);
      }
      active = active.filter((m) => m.bottom >= r);
      while (pending.length > 0 && pending[0]!.top <= r) {
        const merge = pending.shift()!;
        if (merge.bottom >= r) active.push(merge);
      }
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        // A merged range keeps its value in its first cell only (as exceljs's loaded cells report it).
        const slave = active.some((m) => c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
        cells.push(slave ? '' : cellText(row.findCell(c)));
      }
      budget?.(cells, r);
      rows.push(cells);
    }
  }
  return { name: sheet.name, rows };
}

/** A part's bytes as text, decoded across chunk boundaries (a character may be cut by a chunk's end). */
async function* utf8Text(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } finally {
    stream.destroy();
  }
}

async function entryText(zip: ZipFile, entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  const stream = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The attributes of every `<name …>` element (any namespace prefix) in a small XML part. */
function xmlTags(xml: string, name: string): Map<string, string>[] {
  const tags: Map<string, string>[] = [];
  for (const [tag] of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>`, 'g'))) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes.set(m[1]!, xmlUnescape(m[2] ?? m[3] ?? ''));
    tags.push(attributes);
  }
  return tags;
}

function xmlUnescape(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_, hex?: string, dec?: string, named?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named!.toLowerCase() as 'lt'] ?? '';
  });
}

/** The sheet's merged ranges, from one pass over its part holding only a chunk and a partial tag at a time. */
async function mergedRanges(zip: ZipFile, entry: Entry): Promise<MergeRange[]> {
  const ranges: MergeRange[] = [];
  const stream = await zip.openReadStreamPromise(entry);
  let carry = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // Only whole tags are searched; a tag cut by the chunk's end waits for the next chunk.
    const close = data.lastIndexOf(0x3e);
    const open = data.lastIndexOf(0x3c);
    carry = open > close ? Buffer.from(data.subarray(open, open + 1024)) : Buffer.alloc(0);
    const whole = data.subarray(0, close + 1);
    if (!whole.includes('mergeCell')) continue;
    // References are ASCII, so latin1 keeps them intact whatever the multi-byte text around them.
    for (const m of whole.toString('latin1').matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?["']/g)) {
      const left = columnNumber(m[1]!);
      const top = Number(m[2]);
      ranges.push({ top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left });
    }
  }
  return ranges.sort((a, b) => a.top - b.top);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** The whole-workbook path, for files whose sheet list planSheet cannot make out. */
async function loadSheet(bytes: Buffer, budget: RowBudget | null): Promise<{ name: string; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; at run time it hands it to JSZip, which takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (cause) {
    throw new ImportFileError('imports.corrupt_file', { reason: 'unreadable_workbook' }, { cause });
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('imports.empty_file', { reason: 'no_worksheet' });
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    const cells: string[] = [];
    if (row) for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.findCell(c)));
    budget?.(cells, r);
    rows.push(cells);
  }
  return { name: sheet.name, rows };
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
