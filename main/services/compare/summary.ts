// The comparison of frames an analyst starts with: for each side (a tag with its subtags, or all other
// tagged passages) its passages, articles, characters coded and share of articles, overall and per
// group, and the group × side crosstab of article counts with Pearson's chi-square, Cramér's V,
// adjusted residuals and, for 2 × 2, Fisher's exact test.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, CompareResult, Comparison } from '../../api/contract.ts';
import { notFound } from '../errors.ts';
import { PATH_SEPARATOR, type TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { chiSquareTest, fisherExact } from '../analysis/stats.ts';
import { annotatorOrder, articleGroups, type GroupKey } from './groups.ts';
import { selectArticleCodes, selectPassages, sidesByTag } from './passages.ts';

export const REST_COLOR = '#8a8f98';

type Side = CompareResult['sides'][number];
type Cell = CompareResult['overall'][number];

/** The sides of a comparison: each chosen tag with its subtags, and the rest when asked. */
export function comparisonSides(tags: TagService, comparison: Comparison): Side[] {
  const all = tags.list();
  const byId = new Map(all.map((t) => [t.id, t]));
  const within = (root: number) =>
    all.filter((t) => {
      for (let x = byId.get(t.id); x; x = x.parentId ? byId.get(x.parentId) : undefined) if (x.id === root) return true;
      return false;
    });
  const sides: Side[] = comparison.tagIds.map((id) => {
    const tag = byId.get(id);
    if (!tag) throw notFound(`Tag ${id}`);
    return { key: `tag:${id}`, label: tag.path.join(PATH_SEPARATOR), color: tag.color, tagIds: within(id).map((t) => t.id) };
  });
  if (comparison.rest) {
    const chosen = new Set(sides[0]!.tagIds);
    sides.push({ key: 'rest', label: `all other tagged passages`, color: REST_COLOR, tagIds: all.filter((t) => !chosen.has(t.id)).map((t) => t.id) });
  }
  return sides;
}

/** Characters covered by spans of one article, overlaps counted once. */
function coveredLength(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let [from, to] = [-1, -1];
  for (const [s, e] of spans) {
    if (s > to) {
      total += to - from;
      [from, to] = [s, e];
    } else if (e > to) to = e;
  }
  return total + (to - from);
}

export function compareSummary(
  db: Db,
  deps: { tags: TagService; variables: VariableService },
  input: { comparison: Comparison; filter?: ArticleFilter },
): CompareResult {
  const { comparison } = input;
  const sides = comparisonSides(deps.tags, comparison);
  // By coder, every passage counts towards the coders' articles; otherwise only the sides' passages matter.
  const byCoder = comparison.groupBy?.kind === 'annotator';
  const tagIds = byCoder ? undefined : [...new Set(sides.flatMap((s) => s.tagIds))];
  const selection = selectPassages(db, deps.variables, input.filter, { tagIds, annotators: byCoder });
  const { articleIds, passages } = selection;
  const articleCodes = selectArticleCodes(db, selection, tagIds);
  // Which sides each tag belongs to (a tag may be on two sides when one chosen tag is inside another).
  const sidesOfTag = sidesByTag(sides);

  // Group keys: per article, or per passage when grouping by coder.
  const grouping = comparison.groupBy && comparison.groupBy.kind !== 'annotator' ? articleGroups(db, comparison.groupBy, deps.variables) : null;
  const articleKey = (id: number): GroupKey => (grouping ? grouping.ofArticle(id) : 'all');
  // Articles in each group: the denominator of shares. By coder, the articles that coder coded anything in.
  const groupArticles = new Map<GroupKey, Set<number>>();
  const addArticle = (key: GroupKey, id: number) => {
    let set = groupArticles.get(key);
    if (!set) groupArticles.set(key, (set = new Set()));
    set.add(id);
  };
  if (byCoder) {
    for (const [, articleId, , , , annotator] of passages) addArticle(annotator, articleId);
    for (const [articleId, , annotator] of articleCodes) addArticle(annotator, articleId);
  } else for (const id of articleIds) addArticle(articleKey(id), id);
  const keys = byCoder ? annotatorOrder(groupArticles.keys()) : grouping ? grouping.order(groupArticles.keys()) : ['all'];
  const groupIndex = new Map(keys.map((k, i) => [k, i]));

  // Tally per group and side: passages, the articles carrying the side, the spans for characters coded.
  type Tally = { passages: number; articles: Set<number>; spans: Map<number, [number, number][]> };
  const blank = (): Tally => ({ passages: 0, articles: new Set(), spans: new Map() });
  const tallies = keys.map(() => sides.map(blank));
  const overall = sides.map(blank);
  const count = (t: Tally, articleId: number, start: number, end: number) => {
    t.passages++;
    t.articles.add(articleId);
    const list = t.spans.get(articleId);
    if (list) list.push([start, end]);
    else t.spans.set(articleId, [[start, end]]);
  };
  for (const [, articleId, tagId, start, end, annotator] of passages) {
    const inSides = sidesOfTag.get(tagId);
    if (!inSides) continue;
    const g = groupIndex.get(byCoder ? annotator : articleKey(articleId));
    for (const s of inSides) {
      count(overall[s]!, articleId, start, end);
      if (g !== undefined) count(tallies[g]![s]!, articleId, start, end);
    }
  }
  // A tag applied to the whole article: the article carries the side, with no passage or characters.
  for (const [articleId, tagId, annotator] of articleCodes) {
    const inSides = sidesOfTag.get(tagId);
    if (!inSides) continue;
    const g = groupIndex.get(byCoder ? annotator : articleKey(articleId));
    for (const s of inSides) {
      overall[s]!.articles.add(articleId);
      if (g !== undefined) tallies[g]![s]!.articles.add(articleId);
    }
  }
  const cell = (t: Tally, denominator: number): Cell => {
    let characters = 0;
    for (const spans of t.spans.values()) characters += coveredLength(spans);
    return { passages: t.passages, articles: t.articles.size, characters, articleShare: denominator ? t.articles.size / denominator : 0 };
  };

  const groups = keys.map((key) => ({
    key,
    label: byCoder ? (key ?? '') : grouping ? grouping.label(key) : 'All articles',
    articles: groupArticles.get(key)?.size ?? 0,
  }));
  const totalArticles = byCoder ? new Set([...passages.map((p) => p[1]), ...articleCodes.map((c) => c[0])]).size : articleIds.length;
  const counts = tallies.map((row) => row.map((t) => t.articles.size));
  return {
    sides,
    groups,
    articles: articleIds.length,
    overall: overall.map((t) => cell(t, totalArticles)),
    byGroup: tallies.map((row, g) => row.map((t) => cell(t, groups[g]!.articles))),
    crosstab: crosstab(counts),
  };
}

function crosstab(counts: number[][]): CompareResult['crosstab'] {
  const result = chiSquareTest(counts);
  const base = { counts, rows: result.rows, columns: result.columns, rowShares: result.rowShares, columnShares: result.columnShares };
  if (!result.ok) return { ...base, test: { ok: false, reason: result.reason, message: result.message } };
  const kept = result.rows.map((r) => result.columns.map((c) => counts[r]![c]!));
  const fisher = kept.length === 2 && kept[0]!.length === 2 ? fisherExact(kept) : null;
  return {
    ...base,
    test: {
      ok: true,
      chiSquare: result.chiSquare,
      df: result.df,
      p: result.p,
      cramersV: result.cramersV,
      expected: result.expected,
      adjustedResiduals: result.adjustedResiduals,
      expectedBelow5: result.expectedBelow5,
      minExpected: result.minExpected,
      fisher: fisher?.ok ? { twoSided: fisher.twoSided, less: fisher.less, greater: fisher.greater } : null,
    },
  };
}
