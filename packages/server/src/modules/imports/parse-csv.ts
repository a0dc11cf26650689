import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { rowBudget, trimGrid } from './grid';
import { ImportFileError } from './import-error';

/** The character encodings a CSV file is read in. */
export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5';

/** Options of parseCsv. */
export interface CsvOptions {
  /** The most data rows (non-blank rows after the first) to read before refusing with 'imports.too_many_rows'. */
  maxRows?: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a CSV file in the encoding it turns out to be in, never one the admin picks: a BOM decides
 * (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8; otherwise chardet's guess among the Chinese legacy
 * encodings, falling back to GB18030 (a superset of GBK and GB2312, what Chinese Excel and WPS save as "CSV").
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: utf8(bytes.subarray(3)), encoding: 'UTF-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: clean(bytes.subarray(2), 'UTF-16LE'), encoding: 'UTF-16LE' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: clean(bytes.subarray(2), 'UTF-16BE'), encoding: 'UTF-16BE' };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: a legacy encoding, detected below
  }
  // A sample is enough for detection; chardet walks the whole buffer otherwise.
  const guesses = analyse(bytes.subarray(0, 64 * 1024));
  const guess = guesses.find((g) => g.name === 'GB18030' || g.name === 'Big5');
  // chardet ties on a few lines of text; only a clear Big5 verdict overrides GB18030, which decodes Big5 bytes too (wrongly).
  const order: CsvEncoding[] = guess?.name === 'Big5' && guess.confidence >= 50 ? ['Big5', 'GB18030'] : ['GB18030', 'Big5'];
  for (const encoding of order) {
    const text = iconv.decode(bytes, encoding, { stripBOM: false });
    if (!text.includes('\ufffd')) return { text, encoding };
  }
  throw new ImportFileError('imports.encoding_unreadable', { encoding: guesses[0]?.name ?? 'unknown' });
}

function utf8(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch (cause) {
    throw new ImportFileError('imports.encoding_unreadable', { encoding: 'UTF-8' }, { cause });
  }
}

function clean(bytes: Buffer, encoding: 'UTF-16LE' | 'UTF-16BE'): string {
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  if (bytes.length % 2 !== 0 || text.includes('\ufffd')) throw new ImportFileError('imports.encoding_unreadable', { encoding });
  return text;
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * The rows of a CSV file, cells untrimmed, with trailing blank rows and columns dropped. Quoted fields may hold
 * delimiters, doubled quotes and line breaks (kept as "\n"); records may end in CRLF, LF or CR. The delimiter
 * is a comma unless the first line says otherwise: a `sep=;` line (as Excel writes), or more tabs or semicolons
 * than commas (Excel's "Unicode text" is tab-separated; European Excel uses semicolons).
 */
export function parseCsv(bytes: Buffer, options: CsvOptions = {}): string[][] {
  let text = decodeCsv(bytes).text;
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new ImportFileError('imports.corrupt_file', { reason: 'nul_character', row: lineNumberAt(text, nul) });
  let delimiter: string | undefined;
  const sep = /^sep=(.)(?:\r\n|\n|\r|$)/i.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(text);

  const rows: string[][] = [];
  const budget = options.maxRows === undefined ? null : rowBudget(options.maxRows);
  let failure: unknown = null;
  // A throw inside Papa's step callback would leave the parser half-way: abort it and rethrow afterwards.
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (result, parser) => {
      const rowNumber = rows.length + 1;
      try {
        if (result.errors.some((e) => e.code === 'MissingQuotes')) {
          throw new ImportFileError('imports.corrupt_file', { reason: 'unclosed_quote', row: rowNumber });
        }
        budget?.(result.data, rowNumber);
        rows.push(result.data.map((cell) => cell.replace(/\r\n?/g, '\n')));
      } catch (error) {
        failure = error;
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  return trimGrid(rows);
}

function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0]]);
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    if (ch.trim() !== '') seenContent = true;
  }
  let best = ',';
  // Ties go to the comma: WeCom's template is comma-separated.
  for (const candidate of ['\t', ';']) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}

function lineNumberAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
