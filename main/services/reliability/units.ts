// The data behind inter-coder agreement: which articles every chosen coder coded, and each coder's
// passages and article-level codes in them, with offsets in code points (the units of the figures are
// the code points of those articles, as Python and R count them).
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter } from '../../api/contract.ts';
import { invalid } from '../errors.ts';
import { codePointMapper } from '../text/offsets.ts';
import { articleFilterSql } from '../variables/filter.ts';
import type { VariableService } from '../variables/store.ts';
import type { CoderService } from '../coders/store.ts';

/** A stretch of an article in code points, end exclusive. */
export type Span = { start: number; end: number };

export type CodingData = {
  coders: string[];
  /** Articles coded by every chosen coder, in id order, with their length in code points. */
  articles: { id: number; length: number }[];
  /** How many articles of the selection each coder coded. */
  codedBy: number[];
  /** tag id → article id → each coder's passages with that tag (the tag's own, not its subtags'). */
  passages: Map<number, Map<number, Span[][]>>;
  /** tag id → article id → whether each coder applied the tag to the whole article. */
  articleCodes: Map<number, Map<number, boolean[]>>;
};

export type Selection = { coders: string[]; articleIds?: readonly number[]; filter?: ArticleFilter };

export function gatherCoding(db: Db, deps: { variables: VariableService; coders: CoderService }, selection: Selection): CodingData {
  const coders = [...selection.coders];
  if (new Set(coders).size !== coders.length) throw invalid('A coder is named twice; name each coder once.');
  for (const name of coders) deps.coders.named(name);
  const where = articleFilterSql(selection.filter, deps.variables.lookup());
  let candidates = db
    .prepare(`SELECT a.id FROM articles a WHERE ${where.where} ORDER BY a.id`)
    .pluck()
    .all(...where.params) as number[];
  if (selection.articleIds) {
    const only = new Set(selection.articleIds);
    candidates = candidates.filter((id) => only.has(id));
  }
  const inSelection = new Set(candidates);
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const coded = db
    .prepare(
      `SELECT DISTINCT article_id FROM (SELECT article_id FROM annotations WHERE annotator = ?
         UNION SELECT article_id FROM article_codes WHERE annotator = ? UNION SELECT article_id FROM article_done WHERE annotator = ?)`,
    )
    .pluck();
  const codedSets = coders.map((c) => new Set((coded.all(c, c, c) as number[]).filter((id) => inSelection.has(id))));
  const common = candidates.filter((id) => codedSets.every((s) => s.has(id)));

  const lengths = db.prepare('SELECT char_count, length(text) FROM articles WHERE id = ?').raw();
  const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  const mappers = new Map<number, (utf16: number) => number>();
  const articles = common.map((id) => {
    const [units, points] = lengths.get(id) as [number, number];
    // Only an article with astral characters (emoji and the like) needs its offsets converted.
    if (units !== points) mappers.set(id, codePointMapper(textOf.get(id) as string));
    return { id, length: points };
  });

  const commonIds = JSON.stringify(common);
  const names = JSON.stringify(coders);
  const passages = new Map<number, Map<number, Span[][]>>();
  const rows = db
    .prepare(
      `SELECT tag_id, article_id, annotator, start, "end" FROM annotations
       WHERE article_id IN (SELECT value FROM json_each(?)) AND annotator IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .iterate(commonIds, names) as Iterable<[number, number, string, number, number]>;
  for (const [tagId, articleId, annotator, start, end] of rows) {
    let byArticle = passages.get(tagId);
    if (!byArticle) passages.set(tagId, (byArticle = new Map()));
    let perCoder = byArticle.get(articleId);
    if (!perCoder) byArticle.set(articleId, (perCoder = coders.map(() => [])));
    const toPoints = mappers.get(articleId);
    perCoder[coderIndex.get(annotator)!]!.push(toPoints ? { start: toPoints(start), end: toPoints(end) } : { start, end });
  }

  const articleCodes = new Map<number, Map<number, boolean[]>>();
  const codeRows = db
    .prepare(
      `SELECT tag_id, article_id, annotator FROM article_codes
       WHERE article_id IN (SELECT value FROM json_each(?)) AND annotator IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(commonIds, names) as [number, number, string][];
  for (const [tagId, articleId, annotator] of codeRows) {
    let byArticle = articleCodes.get(tagId);
    if (!byArticle) articleCodes.set(tagId, (byArticle = new Map()));
    let perCoder = byArticle.get(articleId);
    if (!perCoder) byArticle.set(articleId, (perCoder = coders.map(() => false)));
    perCoder[coderIndex.get(annotator)!] = true;
  }
  return { coders, articles, codedBy: codedSets.map((s) => s.size), passages, articleCodes };
}

/** Spans merged where they overlap or touch, sorted. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * How many code points of an article carry each pattern of coders: bit i of the pattern is set where
 * coder i's (merged) spans cover the unit. Index 0 holds the units no coder marked.
 */
export function patternLengths(length: number, perCoder: readonly (readonly Span[])[]): Float64Array {
  const out = new Float64Array(1 << perCoder.length);
  const events: [at: number, bit: number][] = [];
  perCoder.forEach((spans, i) => {
    for (const s of spans) {
      const start = Math.min(s.start, length);
      const end = Math.min(s.end, length);
      if (end > start) events.push([start, 1 << i], [end, -(1 << i)]);
    }
  });
  events.sort((a, b) => a[0] - b[0]);
  let mask = 0;
  let at = 0;
  for (const [position, bit] of events) {
    out[mask]! += position - at;
    at = position;
    mask += bit;
  }
  out[mask]! += length - at;
  return out;
}
