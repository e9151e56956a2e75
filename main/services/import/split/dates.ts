// Publication dates as news databases print them on an article's date line: month names in English,
// Swedish and German ("October 8, 2024", "8 oktober 2024", "8. Oktober 2024", "8th October 2024",
// "Oct. 8, 2024"), with or without a weekday before or after ("Tuesday, October 8, 2024",
// "October 8, 2024 Tuesday", "tisdag 8 oktober 2024") and a time of day after ("9:15 AM EST",
// "kl. 09.15"), plus the numeric forms 2024-10-08 and 08.10.2024. The whole line must be the date, so
// a headline that mentions one is not taken for it. Slashed dates are left out: on a date line nothing
// says which of 3/5 is the month.
import { parseDate } from '../sheet/dates.ts';

/** Each month's names and abbreviations in English, Swedish and German, lowercase. */
const MONTH_NAMES = [
  'january jan januari januar jänner',
  'february feb februari februar feber',
  'march mar mars märz maerz mär mrz',
  'april apr',
  'may maj mai',
  'june jun juni',
  'july jul juli',
  'august aug augusti',
  'september sep sept',
  'october oct oktober okt',
  'november nov',
  'december dec dezember dez',
];
const MONTHS = new Map(MONTH_NAMES.flatMap((names, i) => names.split(' ').map((name) => [name, i + 1] as const)));

const WEEKDAYS = new Set(
  [
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun',
    'måndag tisdag onsdag torsdag fredag lördag söndag mån tis ons tors fre lör sön',
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag',
  ].flatMap((names) => names.split(' ')),
);

const LEADING_WEEKDAY = /^(\p{L}+)\.?,?\s+/u;
const TRAILING_WEEKDAY = /,?\s+(\p{L}+)\.?$/u;
// A time of day with an optional a.m./p.m., "Uhr" or time zone (EST, CET, GMT+1, UTC+02:00).
const TRAILING_TIME = /,?\s+(?:kl\.?\s*|um\s+|at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:uhr|[a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?$/;
const LEADING_TIME = /^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?,?\s+/;

const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(\p{L}+)\.?,?\s+(\d{4})$/u;
const MONTH_DAY_YEAR = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

const stripWeekday = (text: string, pattern: RegExp) => {
  const m = pattern.exec(text);
  return m && WEEKDAYS.has(m[1]!) ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : text;
};

/** The calendar date alone: weekday, "den" and time of day taken off. */
function core(raw: string): string {
  let text = raw.replace(/\s+/g, ' ').trim().toLowerCase();
  text = stripWeekday(text, LEADING_WEEKDAY)
    .replace(/^den\s+/, '')
    .replace(LEADING_TIME, '');
  text = text.replace(TRAILING_TIME, '');
  text = stripWeekday(text, TRAILING_WEEKDAY);
  return text.replace(TRAILING_TIME, '').trim();
}

/** Validated YYYY-MM-DD (no 31 February), through the same check the spreadsheet importer uses. */
const ymd = (year: string, month: number, day: string) => parseDate(`${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`);

/** The date on a database's date line as YYYY-MM-DD, or null when the line is not just a date. */
export function parseHeaderDate(raw: string): string | null {
  const text = core(raw);
  let m = DAY_MONTH_YEAR.exec(text);
  if (m && MONTHS.has(m[2]!)) return ymd(m[3]!, MONTHS.get(m[2]!)!, m[1]!);
  m = MONTH_DAY_YEAR.exec(text);
  if (m && MONTHS.has(m[1]!)) return ymd(m[3]!, MONTHS.get(m[1]!)!, m[2]!);
  m = ISO.exec(text);
  if (m) return ymd(m[1]!, Number(m[2]), m[3]!);
  m = DOTTED.exec(text);
  if (m) return ymd(m[3]!, Number(m[2]), m[1]!);
  return null;
}
