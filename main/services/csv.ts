// Writing CSV as RFC 4180 describes it: comma-separated, CRLF between records, and a field quoted
// (with its quotes doubled) exactly when it holds a comma, a quote, CR or LF. Every text cell of every
// export goes through csvCell: control characters are dropped (no reader handles them alike) and a cell
// a spreadsheet would run as a formula is neutralised unless raw cells are asked for. Writing is this
// small; doing it here is several times faster than the general-purpose CSV libraries on large
// exports, and the tests read every export back with csv-parse.
import { CONTROL_CHARACTERS, removeControlCharacters } from './text/controls.ts';

const NEEDS_QUOTES = /[",\r\n]/;

export type CsvCell = string | number | null | undefined;

const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** OWASP's advice on CSV injection: a leading apostrophe keeps a spreadsheet from running the cell as a formula. */
export function neutralise(cell: string): string {
  return FORMULA_STARTS.has(cell.charAt(0)) ? `'${cell}` : cell;
}

/** One cell: numbers as they are (a negative count is data), text cleaned, neutralised unless raw, quoted when needed. */
export function csvCell(value: CsvCell, raw = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = CONTROL_CHARACTERS.test(value) ? removeControlCharacters(value).text : value;
  if (!raw) text = neutralise(text);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(cells: readonly CsvCell[], raw = false): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i], raw);
  return line + '\r\n';
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>, raw = false): string {
  const parts = [csvRecord(header)];
  for (const row of rows) parts.push(csvRecord(row, raw));
  return parts.join('');
}

/**
 * `csvCell(value, !neutraliseFormulas)` as an SQLite expression over a text column without control
 * characters (a caller tests the result with hasControlCharacters and formats such rare cells with
 * csvCell). Large exports let SQLite format their long text cells: it saves JavaScript a string per
 * cell. The unit tests hold both forms to the same output.
 */
export function sqlCsvField(column: string, neutraliseFormulas: boolean): string {
  const value = neutraliseFormulas
    ? `CASE WHEN substr(${column}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || ${column} ELSE ${column} END`
    : column;
  return (
    `CASE WHEN ${column} IS NULL THEN '' WHEN ${column} GLOB ('*[",' || char(13) || char(10) || ']*') ` +
    `THEN '"' || replace(${value}, '"', '""') || '"' ELSE ${value} END`
  );
}
