// Each side over time: passages and the share of articles carrying it per week, month or year, over
// every bucket from the first dated article to the last (empty buckets included, so lines do not lie).
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, Comparison } from '../../api/contract.ts';
import type { TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { timeKey } from './groups.ts';
import { selectArticleCodes, selectPassages, sidesByTag } from './passages.ts';
import { comparisonSides } from './summary.ts';

type Unit = 'week' | 'month' | 'year';

/** Longest run of buckets filled in; beyond it only the buckets with articles are shown. */
const MAX_BUCKETS = 2000;

/** Every bucket from the first date to the last, in order. */
export function bucketsBetween(first: string, last: string, unit: Unit): string[] {
  const out: string[] = [];
  const day = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  const step = unit === 'week' ? 7 : 1;
  if (unit === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7)); // the Monday of the first week
  while (day <= end && out.length <= MAX_BUCKETS) {
    const key = timeKey(day.toISOString().slice(0, 10), unit)!;
    if (out[out.length - 1] !== key) out.push(key);
    if (unit === 'week') day.setUTCDate(day.getUTCDate() + step);
    else if (unit === 'month') day.setUTCMonth(day.getUTCMonth() + 1, 1);
    else day.setUTCFullYear(day.getUTCFullYear() + 1, 0, 1);
  }
  return out;
}

export function compareTimeline(
  db: Db,
  deps: { tags: TagService; variables: VariableService },
  input: { comparison: Comparison; unit?: Unit; filter?: ArticleFilter },
) {
  const unit = input.unit ?? 'month';
  const sides = comparisonSides(deps.tags, input.comparison);
  const tagIds = [...new Set(sides.flatMap((s) => s.tagIds))];
  const selection = selectPassages(db, deps.variables, input.filter, { tagIds });
  const { articleIds, passages } = selection;
  const dates = new Map(db.prepare('SELECT id, published_at FROM articles WHERE published_at IS NOT NULL').raw().all() as [number, string][]);
  const dated = articleIds.filter((id) => dates.has(id)).map((id) => dates.get(id)!);
  if (dated.length === 0)
    return { buckets: [], articles: [], series: sides.map((s) => ({ key: s.key, passages: [], articleShare: [] })), undated: articleIds.length };
  dated.sort();
  let buckets = bucketsBetween(dated[0]!, dated[dated.length - 1]!, unit);
  if (buckets.length > MAX_BUCKETS) buckets = [...new Set(dated.map((d) => timeKey(d, unit)!))];
  const index = new Map(buckets.map((b, i) => [b, i]));
  const bucketOf = (articleId: number) => {
    const date = dates.get(articleId);
    return date === undefined ? undefined : index.get(timeKey(date, unit)!);
  };
  const articles = buckets.map(() => 0);
  for (const id of articleIds) {
    const b = bucketOf(id);
    if (b !== undefined) articles[b]!++;
  }
  const sidesOfTag = sidesByTag(sides);
  const passagesBy = sides.map(() => buckets.map(() => 0));
  const carrying = sides.map(() => buckets.map(() => new Set<number>()));
  for (const [, articleId, tagId] of passages) {
    const b = bucketOf(articleId);
    if (b === undefined) continue;
    for (const s of sidesOfTag.get(tagId) ?? []) {
      passagesBy[s]![b]!++;
      carrying[s]![b]!.add(articleId);
    }
  }
  // A tag applied to a whole article: the article carries the side in its period.
  for (const [articleId, tagId] of selectArticleCodes(db, selection, tagIds)) {
    const b = bucketOf(articleId);
    if (b === undefined) continue;
    for (const s of sidesOfTag.get(tagId) ?? []) carrying[s]![b]!.add(articleId);
  }
  return {
    buckets,
    articles,
    series: sides.map((side, s) => ({
      key: side.key,
      passages: passagesBy[s]!,
      articleShare: carrying[s]!.map((set, b) => (articles[b] ? set.size / articles[b]! : 0)),
    })),
    undated: articleIds.length - dated.length,
  };
}
