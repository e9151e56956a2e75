// Which tags meet: how often the passages of one tag overlap those of another, how many articles hold
// both, and Jaccard's index for each pair. Spans are UTF-16 offsets, end exclusive, as stored.
//
// Definitions, as an analyst reads them:
// - Two passages overlap when they are in the same article and start_a < end_b and start_b < end_a. Spans
//   that only touch (one ends where the other starts) do not overlap; neither does an empty span at the
//   edge of another (one strictly inside another does, by the same rule).
// - `aOverlappingB` is the number of passages of tag A that overlap at least one passage of tag B. It is
//   not symmetric: one long passage of A over three short passages of B counts 1 for A and 3 for B. It
//   never exceeds A's passage count, so "share of A's passages that also carry B" is aOverlappingB /
//   passages(A).
// - `sharedArticles` is the number of articles holding at least one passage of each tag; its Jaccard
//   index is taken over sets of articles.
// - `sharedLength` is the number of characters (code units) covered by a passage of each tag; its
//   Jaccard index is taken over sets of character positions: of the text tagged A or B, the share tagged
//   both. Positions covered twice by the same tag count once.
//
// The passages are ordered by article, tag and start with counting sorts (short runs sorted on their own),
// then each article is swept once: a running maximum of ends per run answers "does any passage of B reach
// into p" with one binary search, and merged coverage per run gives the shared length.
import { invalid } from '../errors.ts';
import { jaccard, type JaccardResult } from './stats.ts';

export type Id = number | string;

export interface Passage<A extends Id = Id, T extends Id = Id> {
  articleId: A;
  tagId: T;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character (end exclusive); equal to start for an empty span. */
  end: number;
}

export interface TagTotals<T extends Id = Id> {
  tagId: T;
  passages: number;
  /** Articles holding at least one passage of the tag. */
  articles: number;
  /** Characters covered by the tag's passages, overlaps within the tag counted once. */
  length: number;
}

export interface TagPair<T extends Id = Id> {
  a: T;
  b: T;
  /** Passages of `a` that overlap at least one passage of `b`. */
  aOverlappingB: number;
  /** Passages of `b` that overlap at least one passage of `a`. */
  bOverlappingA: number;
  sharedArticles: number;
  articleJaccard: JaccardResult;
  /** Characters covered by passages of both tags. */
  sharedLength: number;
  textJaccard: JaccardResult;
}

export interface Cooccurrence<T extends Id = Id> {
  /** One entry per tag, in the order of `options.tags` or else sorted by id. */
  tags: TagTotals<T>[];
  /** Every unordered pair of distinct tags once, `a` before `b` in the order of `tags`. */
  pairs: TagPair<T>[];
}

export interface CooccurrenceOptions<T extends Id> {
  /** The tags to report, in this order; passages of other tags are left out. Default: every tag seen, sorted. */
  tags?: readonly T[];
}

function checkPassage(p: Passage, index: number): void {
  const where = `Passage ${index + 1}`;
  if (p === null || typeof p !== 'object') throw invalid(`${where} is not a passage.`);
  if (typeof p.articleId !== 'number' && typeof p.articleId !== 'string') throw invalid(`${where} has no article id.`);
  if (typeof p.tagId !== 'number' && typeof p.tagId !== 'string') throw invalid(`${where} has no tag id.`);
  if (!Number.isSafeInteger(p.start) || p.start < 0 || !Number.isSafeInteger(p.end) || p.end < p.start) {
    throw invalid(`${where} has the span ${String(p.start)}–${String(p.end)}; a span is two whole offsets with 0 ≤ start ≤ end.`);
  }
}

const compareIds = (x: Id, y: Id) => {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === typeof y) return x < y ? -1 : x > y ? 1 : 0;
  return typeof x === 'number' ? -1 : 1;
};

/** The passages sorted by article, tag and start, the sweep's working columns and what it counts. */
interface Sweep {
  T: number;
  arts: Int32Array;
  tags: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** maxEnd[i]: the largest end among the passages of i's run up to and including i. */
  maxEnd: Float64Array;
  /** Merged coverage of each run of the article at hand, as [start, end) pairs. */
  cover: Float64Array;
  /** The runs of the article at hand: tag, passages [from, to), cover slots [coverFrom, coverTo). */
  runTag: Int32Array;
  runFrom: Int32Array;
  runTo: Int32Array;
  coverFrom: Int32Array;
  coverTo: Int32Array;
  passageCount: Float64Array;
  articleCount: Float64Array;
  coveredLength: Float64Array;
  /** Flat T × T matrices: overlapping[a * T + b] counts passages of a meeting b. */
  overlapping: Float64Array;
  sharedArticles: Float64Array;
  sharedLength: Float64Array;
}

const add = (counts: Float64Array, index: number, amount: number) => {
  counts[index] = counts[index]! + amount;
};

/** Tag × tag overlap, same-article counts and Jaccard indices. Throws INVALID_INPUT on a malformed passage. */
export function cooccurrence<A extends Id, T extends Id>(passages: readonly Passage<A, T>[], options: CooccurrenceOptions<T> = {}): Cooccurrence<T> {
  passages.forEach(checkPassage);

  const tagIds: T[] = options.tags ? [...options.tags] : [...new Set(passages.map((p) => p.tagId))].sort(compareIds);
  const tagIndex = new Map<T, number>();
  tagIds.forEach((t, i) => {
    if (tagIndex.has(t)) throw invalid(`The tag ${String(t)} is listed twice.`);
    tagIndex.set(t, i);
  });
  const T = tagIds.length;

  // The passages of the tags asked for, as columns of numbers, articles and tags as small integers.
  const articleIndex = new Map<A, number>();
  const kept = passages.filter((p) => tagIndex.has(p.tagId));
  const m = kept.length;
  const art = new Int32Array(m);
  const tag = new Int32Array(m);
  const st = new Float64Array(m);
  const en = new Float64Array(m);
  kept.forEach((p, i) => {
    let a = articleIndex.get(p.articleId);
    if (a === undefined) articleIndex.set(p.articleId, (a = articleIndex.size));
    art[i] = a;
    tag[i] = tagIndex.get(p.tagId)!;
    st[i] = p.start;
    en[i] = p.end;
  });

  // Order by article, tag and start without one big comparison sort: counting sorts by article and then,
  // within each article, by tag; each run of one tag is then short and sorted by start on its own.
  const order = groupBy(art, articleIndex.size);
  const byTag = new Uint32Array(m);
  const tagStart = new Int32Array(T + 1);
  for (let i = 0; i < m;) {
    let j = i;
    while (j < m && art[order[j]!] === art[order[i]!]) j++;
    tagStart.fill(0);
    for (let k = i; k < j; k++) tagStart[tag[order[k]!]! + 1]! += 1;
    for (let t = 0; t < T; t++) tagStart[t + 1]! += tagStart[t]!;
    for (let k = i; k < j; k++) {
      const o = order[k]!;
      byTag[i + tagStart[tag[o]!]!++] = o;
    }
    i = j;
  }
  const s: Sweep = {
    T,
    arts: new Int32Array(m),
    tags: new Int32Array(m),
    starts: new Float64Array(m),
    ends: new Float64Array(m),
    maxEnd: new Float64Array(m),
    cover: new Float64Array(2 * m),
    runTag: new Int32Array(T),
    runFrom: new Int32Array(T),
    runTo: new Int32Array(T),
    coverFrom: new Int32Array(T),
    coverTo: new Int32Array(T),
    passageCount: new Float64Array(T),
    articleCount: new Float64Array(T),
    coveredLength: new Float64Array(T),
    overlapping: new Float64Array(T * T),
    sharedArticles: new Float64Array(T * T),
    sharedLength: new Float64Array(T * T),
  };
  for (let i = 0; i < m; i++) {
    const o = byTag[i]!;
    s.arts[i] = art[o]!;
    s.tags[i] = tag[o]!;
  }
  for (let i = 0; i < m;) {
    let j = i;
    while (j < m && s.arts[j] === s.arts[i] && s.tags[j] === s.tags[i]) j++;
    sortByStart(byTag, i, j, st);
    for (let k = i; k < j; k++) {
      s.starts[k] = st[byTag[k]!]!;
      s.ends[k] = en[byTag[k]!]!;
    }
    i = j;
  }
  for (let i = 0; i < m;) {
    let j = i;
    while (j < m && s.arts[j] === s.arts[i]) j++;
    sweepArticle(s, i, j);
    i = j;
  }

  const { passageCount, articleCount, coveredLength, overlapping, sharedArticles, sharedLength } = s;
  const totals: TagTotals<T>[] = tagIds.map((tagId, i) => ({
    tagId,
    passages: passageCount[i]!,
    articles: articleCount[i]!,
    length: coveredLength[i]!,
  }));
  const pairs: TagPair<T>[] = [];
  for (let a = 0; a < T; a++) {
    for (let b = a + 1; b < T; b++) {
      const articles = sharedArticles[a * T + b]!;
      const shared = sharedLength[a * T + b]!;
      pairs.push({
        a: tagIds[a]!,
        b: tagIds[b]!,
        aOverlappingB: overlapping[a * T + b]!,
        bOverlappingA: overlapping[b * T + a]!,
        sharedArticles: articles,
        articleJaccard: jaccard(articleCount[a]!, articleCount[b]!, articles),
        sharedLength: shared,
        textJaccard: jaccard(coveredLength[a]!, coveredLength[b]!, shared),
      });
    }
  }
  return { tags: totals, pairs };
}

/** Counts one article, the passages [i, j) of the sweep: its runs of one tag each, then every pair of runs. */
function sweepArticle(s: Sweep, i: number, j: number): void {
  const { T, tags, starts, ends, maxEnd, cover, runTag, runFrom, runTo, coverFrom, coverTo } = s;
  let runs = 0;
  let used = 0;
  for (let u = i; u < j;) {
    const t = tags[u]!;
    const c0 = used;
    let reach = -1;
    let v = u;
    for (; v < j && tags[v] === t; v++) {
      const start = starts[v]!;
      const end = ends[v]!;
      reach = Math.max(reach, end);
      maxEnd[v] = reach;
      // Passages arrive by start, so coverage merges as it goes; empty spans cover nothing.
      if (end > start) {
        if (used > c0 && start <= cover[used - 1]!) cover[used - 1] = Math.max(cover[used - 1]!, end);
        else {
          cover[used++] = start;
          cover[used++] = end;
        }
      }
    }
    runTag[runs] = t;
    runFrom[runs] = u;
    runTo[runs] = v;
    coverFrom[runs] = c0;
    coverTo[runs] = used;
    runs++;
    add(s.passageCount, t, v - u);
    add(s.articleCount, t, 1);
    for (let k = c0; k < used; k += 2) add(s.coveredLength, t, cover[k + 1]! - cover[k]!);
    u = v;
  }
  for (let x = 0; x < runs; x++) {
    const a = runTag[x]!;
    for (let y = x + 1; y < runs; y++) {
      const b = runTag[y]!;
      add(s.sharedArticles, a * T + b, 1);
      add(s.sharedLength, a * T + b, intersectionLength(cover, coverFrom[x]!, coverTo[x]!, coverFrom[y]!, coverTo[y]!));
      add(s.overlapping, a * T + b, countMeeting(s, runFrom[x]!, runTo[x]!, runFrom[y]!, runTo[y]!));
      add(s.overlapping, b * T + a, countMeeting(s, runFrom[y]!, runTo[y]!, runFrom[x]!, runTo[x]!));
    }
  }
}

/** The pair of two distinct tags, whichever order they are named in, with the directions swapped to match. */
export function pairOf<T extends Id>(result: Cooccurrence<T>, a: T, b: T): TagPair<T> | undefined {
  for (const pair of result.pairs) {
    if (pair.a === a && pair.b === b) return pair;
    if (pair.a === b && pair.b === a) {
      return { ...pair, a, b, aOverlappingB: pair.bOverlappingA, bOverlappingA: pair.aOverlappingB };
    }
  }
  return undefined;
}

/**
 * How many passages of the run [fromU, fromV) overlap at least one passage of the run [toU, toV), both in
 * one article. A passage p meets the other run exactly when some q has start_q < end_p and end_q > start_p.
 * The q with start_q < end_p are a prefix of the run (sorted by start), found by binary search; one of
 * them reaches past start_p exactly when the prefix's running maximum of ends does.
 */
function countMeeting(s: Sweep, fromU: number, fromV: number, toU: number, toV: number): number {
  const { starts, ends, maxEnd } = s;
  let count = 0;
  for (let i = fromU; i < fromV; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    // First index whose start is ≥ end: every passage before it starts before p ends.
    let lo = toU;
    let hi = toV;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > toU && maxEnd[lo - 1]! > start) count++;
  }
  return count;
}

/** Total length of the intersection of two runs of sorted, disjoint [start, end) pairs held in one buffer. */
function intersectionLength(cover: Float64Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let total = 0;
  while (i < iEnd && j < jEnd) {
    const start = Math.max(cover[i]!, cover[j]!);
    const end = Math.min(cover[i + 1]!, cover[j + 1]!);
    if (end > start) total += end - start;
    if (cover[i + 1]! < cover[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}

/** Indices 0..n−1 grouped by key (0..keys−1), stable: a counting sort. */
function groupBy(key: Int32Array, keys: number): Uint32Array {
  const first = new Int32Array(keys + 1);
  for (let i = 0; i < key.length; i++) first[key[i]! + 1]! += 1;
  for (let k = 0; k < keys; k++) first[k + 1]! += first[k]!;
  const out = new Uint32Array(key.length);
  for (let i = 0; i < key.length; i++) out[first[key[i]!]!++] = i;
  return out;
}

/** Sorts order[from..to) by start: insertion sort for the short runs a tag has in one article. */
function sortByStart(order: Uint32Array, from: number, to: number, start: Float64Array): void {
  if (to - from > 48) {
    order.subarray(from, to).sort((x, y) => start[x]! - start[y]!);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const o = order[i]!;
    const key = start[o]!;
    let k = i - 1;
    while (k >= from && start[order[k]!]! > key) {
      order[k + 1] = order[k]!;
      k--;
    }
    order[k + 1] = o;
  }
}
