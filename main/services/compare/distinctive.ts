// Distinctive language: the words, or the entities, a side's passages use more than the other sides',
// ranked by the weighted log-odds z-score (Monroe, Colaresi & Quinn 2008) with counts on both sides,
// and the uses of one such term in their context.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, Comparison, DistinctiveTerm, TermLine } from '../../api/contract.ts';
import { invalid } from '../errors.ts';
import type { TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { weightedLogOdds } from '../analysis/logodds.ts';
import { runReader, stopwordLanguages } from '../analysis/tokens.ts';
import type { WordIndex } from '../analysis/word-index.ts';
import { selectArticleCodes, selectPassages, sidesByTag } from './passages.ts';
import { comparisonSides } from './summary.ts';
import { lineMaker, mergeSpans } from './lines.ts';

type Deps = { tags: TagService; variables: VariableService; words: WordIndex };
type Input = { comparison: Comparison; side: number; kind: 'words' | 'entities'; filter?: ArticleFilter };
/** A passage, or a whole article (id null, to the end of its text) that a coder gave the tag as a whole. */
type Span = { id: number | null; start: number; end: number };

const WHOLE_ARTICLE = Number.MAX_SAFE_INTEGER;

/** Languages whose stop words are removed when an article's own language has no list or is unknown. */
const FALLBACK_LANGUAGES = ['sv', 'en'];

/**
 * The text each group covers, article by article: the side's passages merged where they overlap (a word
 * inside two overlapping passages counts once), and the other sides' passages that are not the side's.
 * A tag given to a whole article covers all of its text.
 */
function coverage(db: Db, deps: Deps, input: Input) {
  const sides = comparisonSides(deps.tags, input.comparison);
  if (input.side >= sides.length) throw invalid(`There is no side ${input.side} in this comparison; it has ${sides.length}.`);
  const sidesOfTag = sidesByTag(sides);
  const selection = selectPassages(db, deps.variables, input.filter);
  const mine = new Map<number, Span[]>();
  const others = new Map<number, Span[]>();
  const place = (articleId: number, tagId: number, span: Span) => {
    const of = sidesOfTag.get(tagId);
    if (!of) return;
    const target = of.includes(input.side) ? mine : others;
    const list = target.get(articleId);
    if (list) list.push(span);
    else target.set(articleId, [span]);
  };
  for (const [id, articleId, tagId, start, end] of selection.passages) place(articleId, tagId, { id, start, end });
  for (const [articleId, tagId] of selectArticleCodes(db, selection)) place(articleId, tagId, { id: null, start: 0, end: WHOLE_ARTICLE });
  const merge = (m: Map<number, Span[]>) => new Map([...m].map(([a, spans]) => [a, mergeSpans(spans)]));
  return { sides, mine: merge(mine), others: merge(others) };
}

/** The words of a run for a language: its own stop words when there is a list, else Swedish and English. */
function runReaders() {
  const known = new Set(stopwordLanguages());
  const made = new Map<string, ReturnType<typeof runReader>>();
  return (language: string | null) => {
    const code = (language ?? '').split('-')[0]!.toLowerCase();
    const languages = known.has(code) ? [code] : FALLBACK_LANGUAGES;
    const key = languages.join(',');
    let reader = made.get(key);
    if (!reader) made.set(key, (reader = runReader({ languages })));
    return reader;
  };
}

type Counted = { counts: Map<string, number>; entityIds: Map<string, number> };
type Groups = [mine: Map<number, Span[]>, others: Map<number, Span[]>];

const add = (counts: Map<string, number>, term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);

/** Each article in either group, once, with its spans in both: an article's text or mentions are read once. */
function* byArticle([mine, others]: Groups): Generator<[articleId: number, spans: [mine: Span[], others: Span[]]]> {
  for (const [articleId, list] of mine) yield [articleId, [list, others.get(articleId) ?? []]];
  for (const [articleId, list] of others) if (!mine.has(articleId)) yield [articleId, [[], list]];
}

/** Words wholly inside each group's spans, counted from the project's word index. */
function countWords(index: WordIndex, groups: Groups): [Counted, Counted] {
  const runs = index.count(byArticle(groups), 2);
  const readerFor = runReaders();
  const side = new Map<string, number>();
  const rest = new Map<string, number>();
  for (const [language, [mineCounts, othersCounts]] of runs.byLanguage) {
    const wordsOf = readerFor(language);
    const addAll = (counts: Uint32Array, into: Map<string, number>) => {
      for (let id = 0; id < counts.length; id++) {
        const n = counts[id]!;
        if (n) for (const word of wordsOf(runs.run(id))) into.set(word, (into.get(word) ?? 0) + n);
      }
    };
    addAll(mineCounts!, side);
    addAll(othersCounts!, rest);
  }
  return [
    { counts: side, entityIds: new Map() },
    { counts: rest, entityIds: new Map() },
  ];
}

function countEntities(db: Db, groups: Groups): [Counted, Counted] {
  const mentions = db.prepare(
    'SELECT m.start, m."end", e.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start',
  );
  const side = new Map<string, number>();
  const rest = new Map<string, number>();
  const entityIds = new Map<string, number>();
  for (const [articleId, [mine, others]] of byArticle(groups)) {
    for (const m of mentions.all(articleId) as { start: number; end: number; id: number; name: string }[]) {
      const inside = (s: Span) => m.start >= s.start && m.end <= s.end;
      const inMine = mine.some(inside);
      const inOthers = others.some(inside);
      if (inMine) add(side, m.name);
      if (inOthers) add(rest, m.name);
      if (inMine || inOthers) entityIds.set(m.name, m.id);
    }
  }
  return [
    { counts: side, entityIds },
    { counts: rest, entityIds },
  ];
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

export function compareDistinctive(db: Db, deps: Deps, input: Input & { limit?: number }) {
  const { mine, others } = coverage(db, deps, input);
  const [side, rest] = input.kind === 'words' ? countWords(deps.words, [mine, others]) : countEntities(db, [mine, others]);
  const total = sum(side.counts);
  const otherTotal = sum(rest.counts);
  const what = input.kind === 'words' ? 'words' : 'entity mentions';
  if (total === 0 || otherTotal === 0) {
    const empty = total === 0 ? 'this side’s passages hold' : 'the other side’s passages hold';
    return { terms: [], total, otherTotal, message: `No ranking: ${empty} no ${what}${input.kind === 'entities' ? ' (has entity detection run?)' : ''}.` };
  }
  const ranking = weightedLogOdds(side.counts, rest.counts);
  if (!ranking.ok) return { terms: [], total, otherTotal, message: ranking.message };
  const terms: DistinctiveTerm[] = ranking.terms
    .filter((t) => t.countI > 0)
    .slice(0, input.limit ?? 30)
    .map((t) => ({ term: t.term, entityId: side.entityIds.get(t.term) ?? null, count: t.countI, otherCount: t.countJ, delta: t.delta, z: t.z }));
  return { terms, total, otherTotal, message: null };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every use of the term inside the side's passages, in its context. */
export function compareTermLines(db: Db, deps: Deps, input: Input & { term: string; limit?: number }): { lines: TermLine[]; total: number } {
  const { mine } = coverage(db, deps, input);
  const line = lineMaker(db);
  const found: TermLine[] = [];
  if (input.kind === 'entities') {
    const mentions = db.prepare(
      'SELECT m.start, m."end" FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND e.name = ? ORDER BY m.start',
    );
    for (const [articleId, spans] of mine) {
      for (const m of mentions.all(articleId, input.term) as { start: number; end: number }[]) {
        const inside = spans.find((s) => m.start >= s.start && m.end <= s.end);
        if (inside) found.push(line(articleId, inside.id, m.start, m.end));
      }
    }
  } else {
    // The word as a whole word, whatever its case (the ranking counts lowercased words).
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(input.term)}(?![\\p{L}\\p{N}])`, 'giu');
    const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
    // A use counts when it lies wholly inside a passage, as in the ranking.
    for (const [articleId, spans] of mine) {
      const body = text.get(articleId) as string;
      let s = 0;
      for (const match of body.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        while (s < spans.length && spans[s]!.end < end) s++;
        if (s === spans.length) break;
        if (spans[s]!.start <= start) found.push(line(articleId, spans[s]!.id, start, end));
      }
    }
  }
  return { lines: found.slice(0, input.limit ?? 500), total: found.length };
}
