// A spreadsheet of articles, one row per article: CSV (any of comma, semicolon and tab, quoted
// newlines, a BOM, UTF-8 or Windows-1252 as the analyst chooses) through csv-parse, and XLSX (its first
// sheet) through read-excel-file, after the zip guard has checked the file. Every cell comes back as
// text; dates in XLSX cells as YYYY-MM-DD.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { invalid } from '../../errors.ts';
import { decodeWindows1252 } from '../../text/windows-1252.ts';
import { sniffDelimiter } from '../../variables/csv.ts';
import { checkZip, looksLikeZip } from '../zip-guard.ts';

export type SheetEncoding = 'utf-8' | 'windows-1252';
export type SheetOptions = { encoding?: SheetEncoding; delimiter?: ',' | ';' | '\t' };

/** A sheet of 20,000 long articles is about 50 MB; the web host takes uploads of up to 80 MB of base64. */
export const MAX_SHEET_BYTES = 60 * 1024 * 1024;

/** Rows beyond which a sheet is refused: past a million articles, one file is better split. */
export const MAX_SHEET_ROWS = 1_000_000;

const isXlsx = (bytes: Uint8Array, name: string) => looksLikeZip(bytes) || /\.xlsx$/i.test(name);

function decode(bytes: Uint8Array, name: string, encoding: SheetEncoding): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(`${name} is not UTF-8 text; if it was saved from Excel on Windows, choose Windows-1252 and try again.`);
  }
}

/** Characters handed to the CSV parser at a time: between them the host answers other calls. */
const CSV_CHUNK = 1 << 20;

/** The file's records as csv-parse reads them, fed in chunks, with how far into the text it has come. */
async function* csvRecords(bytes: Uint8Array, name: string, options: SheetOptions): AsyncGenerator<{ cells: string[]; read: number; length: number }> {
  const text = decode(bytes, name, options.encoding ?? 'utf-8').replace(/^\uFEFF/, '');
  if (text.includes('\0')) throw invalid(`${name} looks like a binary file (it contains NUL bytes), not a CSV.`);
  const parser = parse({ delimiter: options.delimiter ?? sniffDelimiter(text), relax_column_count: true, skip_empty_lines: true });
  Readable.from(
    (function* chunks() {
      for (let i = 0; i < text.length; i += CSV_CHUNK) yield text.slice(i, i + CSV_CHUNK);
    })(),
  ).pipe(parser);
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { cells, read: parser.info.bytes, length: text.length };
  } catch (error) {
    throw invalid(`${name} could not be read as CSV: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

const cellText = (cell: unknown): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
};

/** An XLSX workbook's first sheet: read-excel-file reads it whole, so its progress is row by row after that. */
async function* xlsxRecords(bytes: Uint8Array, name: string): AsyncGenerator<{ cells: string[]; read: number; length: number }> {
  checkZip(bytes, name);
  let data: unknown[][];
  try {
    // Loaded when a workbook comes: it is large, and most sheets are CSV.
    const { default: readXlsx } = await import('read-excel-file/node');
    data = (await readXlsx(Buffer.from(bytes)))[0]?.data ?? [];
  } catch (error) {
    throw invalid(`${name} could not be read as an Excel workbook (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 160)}).`);
  }
  for (let i = 0; i < data.length; i++) yield { cells: data[i]!.map(cellText), read: i + 1, length: data.length };
}

export type SheetRow = { cells: string[]; line: number };
/** A run of rows as the file is read: the columns (from the header), the rows, and how far the reading is. */
export type SheetBatch = { columns: string[]; rows: SheetRow[]; done: number; total: number };

/** Rows a batch holds: the first batch's rows are where the mapping and the date order are guessed from. */
export const BATCH_ROWS = 2000;

/**
 * The sheet's rows in batches, blank rows dropped, read as they are parsed (a CSV of a million rows is
 * never held as one array); throws INVALID_INPUT naming the file when it cannot be read.
 */
export async function* sheetBatches(bytes: Uint8Array, name: string, options: SheetOptions = {}): AsyncGenerator<SheetBatch> {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  if (bytes.length > MAX_SHEET_BYTES) throw invalid(`${name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Framelens reads spreadsheets of up to 60 MB.`);
  const records = isXlsx(bytes, name) ? xlsxRecords(bytes, name) : csvRecords(bytes, name, options);
  let header: string[] | null = null;
  let columns: string[] = [];
  let rows: SheetRow[] = [];
  let count = 0;
  let line = 0;
  let progress = { done: 0, total: 1 };
  for await (const { cells, read, length } of records) {
    line++;
    progress = { done: read, total: length };
    if (!cells.some((c) => c.trim() !== '')) continue;
    if (header === null) {
      header = cells;
      continue;
    }
    if (++count > MAX_SHEET_ROWS) throw invalid(`${name} has more than ${MAX_SHEET_ROWS.toLocaleString('en-US')} rows; split it into smaller files.`);
    rows.push({ cells, line });
    if (rows.length === BATCH_ROWS) {
      if (!columns.length) columns = columnNames(header, rows);
      yield { columns, rows, ...progress };
      rows = [];
    }
  }
  if (header === null) throw invalid(`${name} has no rows.`);
  if (!columns.length) columns = columnNames(header, rows);
  if (rows.length || count === 0) yield { columns, rows, done: progress.total, total: progress.total };
}

/** The header's names, as wide as the widest of the first rows; a column without a name is numbered. */
function columnNames(header: string[], rows: SheetRow[]): string[] {
  const width = Math.max(header.length, ...rows.slice(0, 1000).map((r) => r.cells.length));
  return Array.from({ length: width }, (_, i) => header[i]?.trim() || `Column ${i + 1}`);
}
