// Chart data as CSV, cell for cell as the project's own exports write it (main/services/csv.ts; a unit
// test holds the two to the same output): control characters dropped, cells that a spreadsheet would
// run as a formula neutralised with a leading apostrophe (OWASP CSV injection), RFC 4180 quoting, CRLF rows.
export type CsvCell = string | number | null | undefined;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // Numbers are written as numbers: a negative count is data, not a formula.
  const text = typeof cell === 'number' ? String(cell) : neutralise(cell.replace(CONTROL_CHARACTERS, ''));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
