// Writing CSV as RFC 4180 describes it: comma-separated, CRLF between records, and a field quoted
// (with its quotes doubled) exactly when it holds a comma, a quote, CR or LF. Writing is this small;
// doing it here is several times faster than the general-purpose CSV libraries on large exports, and
// the tests read every export back with csv-parse.
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvCell = string | number | null | undefined;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvField(cells[i]);
  return line + '\r\n';
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const parts = [csvRecord(header)];
  for (const row of rows) parts.push(csvRecord(row));
  return parts.join('');
}

const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** OWASP's advice on CSV injection: a leading apostrophe keeps a spreadsheet from running the cell as a formula. */
export function neutralise(cell: string): string {
  return FORMULA_STARTS.has(cell.charAt(0)) ? `'${cell}` : cell;
}
