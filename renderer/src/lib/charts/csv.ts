// Chart data as CSV: RFC 4180 quoting, CRLF rows, and cells that a spreadsheet would run as a formula
// neutralised with a leading apostrophe, as the project's annotation export does (OWASP CSV injection).
export type CsvCell = string | number | null | undefined;

export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // Numbers are written as numbers: a negative count is data, not a formula.
  const text = typeof cell === 'number' ? String(cell) : neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
