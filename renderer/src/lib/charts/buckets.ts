// Time buckets for the timeline: the query returns only days, months or years that have mentions; the
// chart shows every bucket between the first and the last, so a quiet stretch reads as zero, not as
// nothing.
export type Granularity = 'day' | 'month' | 'year';

/** More buckets than this are shown as they come rather than filled in. */
const MAX_FILLED = 1500;

function nextBucket(bucket: string, granularity: Granularity): string {
  if (granularity === 'year') return String(Number(bucket) + 1).padStart(4, '0');
  if (granularity === 'month') {
    const [y, m] = bucket.split('-').map(Number) as [number, number];
    return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
  }
  const date = new Date(`${bucket}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const shapes: Record<Granularity, RegExp> = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ };

/** Every bucket from the first to the last of `buckets` (sorted), or `buckets` itself if that would be too many. */
export function fillBuckets(buckets: readonly string[], granularity: Granularity): string[] {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last || !buckets.every((b) => shapes[granularity].test(b))) return [...buckets];
  const filled: string[] = [];
  for (let b = first; b <= last; b = nextBucket(b, granularity)) {
    filled.push(b);
    if (filled.length > MAX_FILLED) return [...buckets];
  }
  return filled;
}

/** Counts laid out on the filled buckets (zero where the query had none). */
export function spreadCounts(buckets: readonly string[], counts: readonly number[], filled: readonly string[]): number[] {
  const byBucket = new Map(buckets.map((b, i) => [b, counts[i] ?? 0]));
  return filled.map((b) => byBucket.get(b) ?? 0);
}

/** A sensible first granularity for a span of publication dates (YYYY-MM-DD). */
export function granularityFor(dates: readonly string[]): Granularity {
  const sorted = dates.filter((d) => shapes.day.test(d)).sort();
  if (sorted.length < 2) return 'month';
  const days = (Date.parse(sorted[sorted.length - 1]!) - Date.parse(sorted[0]!)) / 86_400_000;
  // News is sparse: a day-by-day line over months is mostly zeros.
  if (days <= 31) return 'day';
  if (days <= 366 * 5) return 'month';
  return 'year';
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A bucket as an axis label: "16 May" (or "16 May 2024"), "May 2024", "2024". */
export function bucketLabel(bucket: string, granularity: Granularity, withYear = false): string {
  if (granularity === 'year') return bucket;
  const [y, m, d] = bucket.split('-');
  const month = months[Number(m) - 1] ?? m ?? '';
  if (granularity === 'month') return `${month} ${y}`;
  return withYear ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
}

/** Where a bucket's mentions come from, in words: "on 16 May 2024", "in May 2024", "in 2024". */
export function bucketScope(bucket: string, granularity: Granularity): string {
  return `${granularity === 'day' ? 'on' : 'in'} ${bucketLabel(bucket, granularity, true)}`;
}
