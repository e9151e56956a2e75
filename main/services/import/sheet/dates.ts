// Publication dates as spreadsheets of articles write them: ISO (2024-03-05, with or without a time),
// 05.03.2024 (day first, as in Sweden and Germany), 3/5/2024 (month first in US exports, day first in
// British ones: the analyst chooses when the file leaves it open), and Excel's serial day numbers.

export type DateOrder = 'dmy' | 'mdy';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug makes that the epoch for all modern dates). */
export function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const yearOf = (text: string) => {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
};

/** The date as YYYY-MM-DD, or null when the text is not a date in one of these forms. */
export function parseDate(raw: string, order: DateOrder = 'dmy'): string | null {
  const text = raw.trim();
  if (!text) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+[\d:.]+)?$/.exec(text);
  if (m) return valid(yearOf(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:\s+[\d:.]+(?:\s*[AP]M)?)?$/i.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'mdy' ? valid(yearOf(m[3]!), a, b) : valid(yearOf(m[3]!), b, a);
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromExcelSerial(Number(text));
  return null;
}

/** Whether slashed dates in these values could be read either way (both parts 12 or less in every one). */
export function slashOrderOpen(values: Iterable<string>): boolean {
  let seen = false;
  for (const value of values) {
    const m = /^(\d{1,2})\/(\d{1,2})\/\d{2,4}/.exec(value.trim());
    if (!m) continue;
    seen = true;
    if (Number(m[1]) > 12 || Number(m[2]) > 12) return false;
  }
  return seen;
}

/** The order the slashed dates themselves show (a first part over 12 is a day), else the given default. */
export function slashOrder(values: Iterable<string>, fallback: DateOrder = 'dmy'): DateOrder {
  for (const value of values) {
    const m = /^(\d{1,2})\/(\d{1,2})\/\d{2,4}/.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return fallback;
}
