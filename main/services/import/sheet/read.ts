// A spreadsheet of articles, one row per article: CSV (any of comma, semicolon and tab, quoted
// newlines, a BOM, UTF-8 or Windows-1252 as the analyst chooses) through csv-parse, and XLSX (its first
// sheet) through read-excel-file, after the zip guard has checked the file. Every cell comes back as
// text; dates in XLSX cells as YYYY-MM-DD.
import { parse } from 'csv-parse/sync';
import readXlsx from 'read-excel-file/node';
import { invalid } from '../../errors.ts';
import { decodeWindows1252 } from '../../text/windows-1252.ts';
import { sniffDelimiter } from '../../variables/csv.ts';
import { checkZip, looksLikeZip } from '../zip-guard.ts';

export type SheetEncoding = 'utf-8' | 'windows-1252';
export type SheetOptions = { encoding?: SheetEncoding; delimiter?: ',' | ';' | '\t' };
/** `line` is a row's place in the file (the header is line 1), blank rows skipped. */
export type Sheet = { columns: string[]; rows: { cells: string[]; line: number }[] };

/** A sheet of 20,000 long articles is about 50 MB; the web host takes uploads of up to 80 MB of base64. */
export const MAX_SHEET_BYTES = 60 * 1024 * 1024;

/** Rows beyond which a sheet is refused: a million articles is past what one import should hold. */
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

function csvRows(bytes: Uint8Array, name: string, options: SheetOptions): string[][] {
  const text = decode(bytes, name, options.encoding ?? 'utf-8').replace(/^\uFEFF/, '');
  if (text.includes('\0')) throw invalid(`${name} looks like a binary file (it contains NUL bytes), not a CSV.`);
  try {
    return parse(text, {
      delimiter: options.delimiter ?? sniffDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      to: MAX_SHEET_ROWS + 2,
    }) as string[][];
  } catch (error) {
    throw invalid(`${name} could not be read as CSV: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

const cellText = (cell: unknown): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
};

async function xlsxRows(bytes: Uint8Array, name: string): Promise<string[][]> {
  checkZip(bytes, name);
  try {
    const rows = await readXlsx(Buffer.from(bytes));
    return (rows[0]?.data ?? []).map((row) => row.map(cellText));
  } catch (error) {
    throw invalid(`${name} could not be read as an Excel workbook (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 160)}).`);
  }
}

/** The sheet's header and rows (blank rows dropped); throws INVALID_INPUT naming the file when it cannot be read. */
export async function readSheet(bytes: Uint8Array, name: string, options: SheetOptions = {}): Promise<Sheet> {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  if (bytes.length > MAX_SHEET_BYTES) throw invalid(`${name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Framelens reads spreadsheets of up to 60 MB.`);
  const all = (isXlsx(bytes, name) ? await xlsxRows(bytes, name) : csvRows(bytes, name, options))
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter((row) => row.cells.some((c) => c.trim() !== ''));
  if (all.length === 0) throw invalid(`${name} has no rows.`);
  if (all.length > MAX_SHEET_ROWS + 1) throw invalid(`${name} has more than ${MAX_SHEET_ROWS.toLocaleString('en-US')} rows; split it into smaller files.`);
  const [header, ...rows] = all;
  const width = Math.max(...all.slice(0, 1000).map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => header!.cells[i]?.trim() || `Column ${i + 1}`);
  return { columns, rows };
}
