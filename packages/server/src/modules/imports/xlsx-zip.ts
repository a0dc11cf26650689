import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
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
