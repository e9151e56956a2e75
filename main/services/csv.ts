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

/**
 * `csvField(neutralise(value ?? ''))` (or `csvField(value ?? '')` when `neutraliseFormulas` is false) as an
 * SQLite expression over a text column. Large exports let SQLite format their long text cells: it saves
 * JavaScript a string per cell. The unit tests hold both forms to the same output.
 */
export function sqlCsvField(column: string, neutraliseFormulas: boolean): string {
  const value = neutraliseFormulas
    ? `CASE WHEN substr(${column}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || ${column} ELSE ${column} END`
    : column;
  return `CASE WHEN ${column} IS NULL THEN '' WHEN ${column} GLOB ('*[",' || char(13) || char(10) || ']*') ` +
    `THEN '"' || replace(${value}, '"', '""') || '"' ELSE ${value} END`;
}
