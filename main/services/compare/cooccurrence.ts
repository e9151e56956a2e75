// Which frames go together: for chosen tags (each with its subtags) or the whole codebook (each tag on
// its own), how many passages of one overlap a passage of the other, how many articles hold both, and
// the Jaccard index of each; and the passages or articles behind one cell.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, CooccurrenceResult, TermLine } from '../../api/contract.ts';
import { notFound } from '../errors.ts';
import { PATH_SEPARATOR, type TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { cooccurrence, type Passage } from '../analysis/cooccurrence.ts';
import { selectArticleCodes, selectPassages, type PassageRow } from './passages.ts';
import { jaccard } from '../analysis/stats.ts';
import { lineMaker } from './lines.ts';

type Deps = { tags: TagService; variables: VariableService };

/** For each tag id, the chosen tags it counts for: itself and its chosen ancestors (rolled up), or itself. */
function countingFor(tags: TagService, chosen: number[], rollup: boolean): Map<number, number[]> {
  const all = tags.list();
  const byId = new Map(all.map((t) => [t.id, t]));
  for (const id of chosen) if (!byId.has(id)) throw notFound(`Tag ${id}`);
  const wanted = new Set(chosen);
  const out = new Map<number, number[]>();
  for (const t of all) {
    const into: number[] = [];
    if (rollup) {
      for (let x = byId.get(t.id); x; x = x.parentId ? byId.get(x.parentId) : undefined) if (wanted.has(x.id)) into.push(x.id);
    } else if (wanted.has(t.id)) into.push(t.id);
    if (into.length) out.set(t.id, into);
  }
  return out;
}

function asPassages(rows: PassageRow[], counting: Map<number, number[]>): (Passage<number, number> & { id: number })[] {
  const out: (Passage<number, number> & { id: number })[] = [];
  for (const [id, articleId, tagId, start, end] of rows) for (const into of counting.get(tagId) ?? []) out.push({ id, articleId, tagId: into, start, end });
  return out;
}

export function compareCooccurrence(db: Db, deps: Deps, input: { tagIds?: number[]; filter?: ArticleFilter }): CooccurrenceResult {
  const all = deps.tags.list();
  const rollup = input.tagIds !== undefined;
  const chosen = input.tagIds ?? all.map((t) => t.id);
  const counting = countingFor(deps.tags, chosen, rollup);
  const selection = selectPassages(db, deps.variables, input.filter);
  const result = cooccurrence(asPassages(selection.passages, counting), { tags: chosen });
  const tagById = new Map(all.map((t) => [t.id, t]));
  const totals = new Map(result.tags.map((t) => [t.tagId, t]));
  // Articles count a tag applied to the whole article too; passages and their overlaps do not.
  const articlesOf = new Map(chosen.map((id) => [id, new Set<number>()]));
  for (const [, articleId, tagId] of selection.passages) for (const into of counting.get(tagId) ?? []) articlesOf.get(into)!.add(articleId);
  for (const [articleId, tagId] of selectArticleCodes(db, selection)) for (const into of counting.get(tagId) ?? []) articlesOf.get(into)!.add(articleId);
  return {
    tags: chosen.map((id) => ({
      id,
      label: tagById.get(id)!.path.join(PATH_SEPARATOR),
      color: tagById.get(id)!.color,
      passages: totals.get(id)?.passages ?? 0,
      articles: articlesOf.get(id)!.size,
    })),
    pairs: result.pairs.map((p) => {
      const [inA, inB] = [articlesOf.get(p.a)!, articlesOf.get(p.b)!];
      const shared = [...inA].filter((id) => inB.has(id)).length;
      const either = (totals.get(p.a)?.passages ?? 0) + (totals.get(p.b)?.passages ?? 0);
      return {
        a: p.a,
        b: p.b,
        aOverlappingB: p.aOverlappingB,
        bOverlappingA: p.bOverlappingA,
        passageJaccard: either ? (p.aOverlappingB + p.bOverlappingA) / either : 0,
        sharedArticles: shared,
        articleJaccard: jaccard(inA.size, inB.size, shared).value,
      };
    }),
  };
}

/** How much of an article's start shows it in a list: its first line, at most 120 characters. */
function openingLength(db: Db, articleId: number): number {
  const text = db.prepare('SELECT substr(text, 1, 121) FROM articles WHERE id = ?').pluck().get(articleId) as string;
  // Whole code points, so an emoji at the edge is never cut in half.
  const line = [...text.split('\n')[0]!].slice(0, 120).join('');
  return Math.max(1, Math.min(line.length, text.length));
}

/** The passages of a that overlap one of b and the other way round, or one line per article holding both. */
export function cooccurrenceList(
  db: Db,
  deps: Deps,
  input: { a: number; b: number; rollup?: boolean; scope: 'passage' | 'article'; filter?: ArticleFilter; limit?: number },
): { lines: TermLine[]; total: number } {
  const counting = countingFor(deps.tags, [input.a, input.b], input.rollup ?? false);
  const selection = selectPassages(db, deps.variables, input.filter);
  type Entry = { a: PassageRow[]; b: PassageRow[]; wholeA: boolean; wholeB: boolean };
  const byArticle = new Map<number, Entry>();
  const entryOf = (articleId: number) => {
    let entry = byArticle.get(articleId);
    if (!entry) byArticle.set(articleId, (entry = { a: [], b: [], wholeA: false, wholeB: false }));
    return entry;
  };
  for (const row of selection.passages) for (const into of counting.get(row[2]) ?? []) (into === input.a ? entryOf(row[1]).a : entryOf(row[1]).b).push(row);
  if (input.scope === 'article') {
    for (const [articleId, tagId] of selectArticleCodes(db, selection)) {
      for (const into of counting.get(tagId) ?? []) {
        if (into === input.a) entryOf(articleId).wholeA = true;
        else entryOf(articleId).wholeB = true;
      }
    }
  }
  const line = lineMaker(db);
  const found: TermLine[] = [];
  const overlaps = (x: PassageRow, y: PassageRow) => x[3] < y[4] && y[3] < x[4];
  for (const [articleId, { a, b, wholeA, wholeB }] of byArticle) {
    if (input.scope === 'article') {
      if ((a.length === 0 && !wholeA) || (b.length === 0 && !wholeB)) continue;
      // The first passage of either tag shows the article; with whole-article codes alone, its opening.
      const first = [...a, ...b].reduce<PassageRow | null>((x, y) => (x === null || y[3] < x[3] ? y : x), null);
      found.push(first ? line(articleId, first[0], first[3], first[4]) : line(articleId, null, 0, openingLength(db, articleId)));
      continue;
    }
    if (a.length === 0 || b.length === 0) continue;
    const seen = new Set<number>();
    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const p of mine)
        if (!seen.has(p[0]) && theirs.some((q) => overlaps(p, q))) {
          seen.add(p[0]);
          found.push(line(articleId, p[0], p[3], p[4]));
        }
    }
  }
  return { lines: found.slice(0, input.limit ?? 500), total: found.length };
}
