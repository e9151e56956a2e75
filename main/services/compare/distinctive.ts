// Distinctive language: the words, or the entities, a side's passages use more than the other sides',
// ranked by the weighted log-odds z-score (Monroe, Colaresi & Quinn 2008) with counts on both sides,
// and the uses of one such term in their context.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, Comparison, DistinctiveTerm, TermLine } from '../../api/contract.ts';
import { invalid } from '../errors.ts';
import type { TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { weightedLogOdds } from '../analysis/logodds.ts';
import { createWordCounter, stopwordLanguages } from '../analysis/tokens.ts';
import { selectPassages, sidesByTag } from './passages.ts';
import { comparisonSides } from './summary.ts';
import { lineMaker, mergeSpans } from './lines.ts';

type Deps = { tags: TagService; variables: VariableService };
type Input = { comparison: Comparison; side: number; kind: 'words' | 'entities'; filter?: ArticleFilter };
type Span = { id: number; start: number; end: number };

/** Languages whose stop words are removed when an article's own language has no list or is unknown. */
const FALLBACK_LANGUAGES = ['sv', 'en'];

/**
 * The text each group covers, article by article: the side's passages merged where they overlap (a word
 * inside two overlapping passages counts once), and the other sides' passages that are not the side's.
 */
function coverage(db: Db, deps: Deps, input: Input) {
  const sides = comparisonSides(deps.tags, input.comparison);
  if (input.side >= sides.length) throw invalid(`There is no side ${input.side} in this comparison; it has ${sides.length}.`);
  const sidesOfTag = sidesByTag(sides);
  const { passages } = selectPassages(db, deps.variables, input.filter);
  const mine = new Map<number, Span[]>();
  const others = new Map<number, Span[]>();
  for (const [id, articleId, tagId, start, end] of passages) {
    const of = sidesOfTag.get(tagId);
    if (!of) continue;
    const target = of.includes(input.side) ? mine : others;
    const list = target.get(articleId);
    if (list) list.push({ id, start, end });
    else target.set(articleId, [{ id, start, end }]);
  }
  const merge = (m: Map<number, Span[]>) => new Map([...m].map(([a, spans]) => [a, mergeSpans(spans)]));
  return { sides, mine: merge(mine), others: merge(others) };
}

/** The word counter for a language: its own stop words when there is a list, else Swedish and English. */
function wordCounters() {
  const known = new Set(stopwordLanguages());
  const made = new Map<string, ReturnType<typeof createWordCounter>>();
  return (language: string | null) => {
    const code = (language ?? '').split('-')[0]!.toLowerCase();
    const languages = known.has(code) ? [code] : FALLBACK_LANGUAGES;
    const key = languages.join(',');
    let counter = made.get(key);
    if (!counter) made.set(key, (counter = createWordCounter({ languages })));
    return counter;
  };
}

type Counted = { counts: Map<string, number>; entityIds: Map<string, number> };
type Groups = [mine: Map<number, Span[]>, others: Map<number, Span[]>];

const add = (counts: Map<string, number>, term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);

/** Each article in either group, once, with its spans in both: an article's text or mentions are read once. */
function* byArticle([mine, others]: Groups): Generator<[articleId: number, mine: Span[], others: Span[]]> {
  for (const [articleId, list] of mine) yield [articleId, list, others.get(articleId) ?? []];
  for (const [articleId, list] of others) if (!mine.has(articleId)) yield [articleId, [], list];
}

function countWords(db: Db, groups: Groups): [Counted, Counted] {
  const article = db.prepare('SELECT text, language FROM articles WHERE id = ?').raw();
  const counterFor = wordCounters();
  // One tally of raw runs per counter (language) and group; turned into words at the end.
  const tallies = new Map<ReturnType<typeof createWordCounter>, [Map<string, number>, Map<string, number>]>();
  for (const [articleId, mine, others] of byArticle(groups)) {
    const [body, language] = article.get(articleId) as [string, string | null];
    const counter = counterFor(language);
    let tally = tallies.get(counter);
    if (!tally) tallies.set(counter, (tally = [new Map(), new Map()]));
    for (const s of mine) counter.add(body.slice(s.start, s.end), tally[0]);
    for (const s of others) counter.add(body.slice(s.start, s.end), tally[1]);
  }
  const side = new Map<string, number>();
  const rest = new Map<string, number>();
  for (const [counter, [mineTally, othersTally]] of tallies) {
    counter.words(mineTally, side);
    counter.words(othersTally, rest);
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
  for (const [articleId, mine, others] of byArticle(groups)) {
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
  const count = input.kind === 'words' ? countWords : countEntities;
  const [side, rest] = count(db, [mine, others]);
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
    for (const [articleId, spans] of mine) {
      const body = text.get(articleId) as string;
      for (const s of spans) {
        for (const match of body.slice(s.start, s.end).matchAll(pattern)) {
          const start = s.start + match.index;
          found.push(line(articleId, s.id, start, start + match[0].length));
        }
      }
    }
  }
  return { lines: found.slice(0, input.limit ?? 500), total: found.length };
}
