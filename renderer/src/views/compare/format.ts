// Numbers as a report prints them: p-values in APA style (p < .001, p = .034), statistics to two
// decimals with a real minus sign, shares as percentages. Nothing here ever prints NaN or Infinity.

const MINUS = '\u2212';

function finite(x: number): boolean {
  return typeof x === 'number' && Number.isFinite(x);
}

/** 2.4895 → "2.49", −2.4895 → "−2.49"; with `sign`, "+2.49". */
export function fixed(x: number, digits = 2, sign = false): string {
  if (!finite(x)) return '–';
  const text = Math.abs(x).toFixed(digits);
  const zero = Number(text) === 0;
  return `${x < 0 && !zero ? MINUS : sign && !zero ? '+' : ''}${text}`;
}

/** Without the leading zero, for numbers that cannot exceed 1 (p, Cramér's V, Jaccard): ".69". */
export function unitFixed(x: number, digits = 2): string {
  if (!finite(x)) return '–';
  return fixed(x, digits).replace(/^(−?)0\./, '$1.');
}

/** The p-value as it is reported: "p < .001", "p = .013", "p > .999". */
export function pValue(p: number): string {
  if (!finite(p)) return 'p not available';
  if (p < 0.001) return 'p < .001';
  if (p > 0.999) return 'p > .999';
  return `p = ${unitFixed(p, 3)}`;
}

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

/** 0.125 → "12.5%". */
export function share(x: number): string {
  return finite(x) ? percent.format(x) : '–';
}

export function count(n: number): string {
  return finite(n) ? whole.format(n) : '–';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A tag path as the interface writes it: "Threat › Military threat". */
export function pathLabel(label: string): string {
  return label.split(' > ').join(' › ');
}

/** The last part of a tag path, for tight spaces. */
export function shortLabel(label: string): string {
  const parts = label.split(' > ');
  return parts[parts.length - 1] ?? label;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time bucket as an axis label: "2024-W20" → "Week 20, 2024", "2024-05" → "May 2024", "2024". */
export function bucketLabel(bucket: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(bucket);
  if (week) return `Week ${Number(week[2])}, ${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(bucket);
  if (month) return `${months[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  return bucket;
}
