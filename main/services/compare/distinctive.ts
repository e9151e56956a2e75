// Distinctive language: the words, or the entities, a side's passages use more than the other sides',
// ranked by the weighted log-odds z-score (Monroe, Colaresi & Quinn 2008) with counts on both sides,
// and the uses of one such term in their context.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, Comparison, DistinctiveTerm, TermLine } from '../../api/contract.ts';
import { invalid } from '../errors.ts';
import type { TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { weightedLogOdds } from '../analysis/logodds.ts';
import { createTokenizer, stopwordLanguages } from '../analysis/tokens.ts';
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

function tokenizerFor(db: Db) {
  const known = new Set(stopwordLanguages());
  const tokenizers = new Map<string, (text: string) => string[]>();
  const languageOf = db.prepare('SELECT language FROM articles WHERE id = ?').pluck();
  return (articleId: number) => {
    const code = ((languageOf.get(articleId) as string | null) ?? '').split('-')[0]!.toLowerCase();
    const languages = known.has(code) ? [code] : FALLBACK_LANGUAGES;
    const key = languages.join(',');
    let tokenizer = tokenizers.get(key);
    if (!tokenizer) tokenizers.set(key, (tokenizer = createTokenizer({ languages })));
    return tokenizer;
  };
}

type Counted = { counts: Map<string, number>; entityIds: Map<string, number> };

function countWords(db: Db, spans: Map<number, Span[]>): Counted {
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  const tokenizer = tokenizerFor(db);
  const counts = new Map<string, number>();
  for (const [articleId, list] of spans) {
    const body = text.get(articleId) as string;
    const tokenize = tokenizer(articleId);
    for (const s of list) for (const word of tokenize(body.slice(s.start, s.end))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return { counts, entityIds: new Map() };
}

function countEntities(db: Db, spans: Map<number, Span[]>): Counted {
  const mentions = db.prepare(
    'SELECT m.start, m."end", e.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start',
  );
  const counts = new Map<string, number>();
  const entityIds = new Map<string, number>();
  for (const [articleId, list] of spans) {
    for (const m of mentions.all(articleId) as { start: number; end: number; id: number; name: string }[]) {
      if (!list.some((s) => m.start >= s.start && m.end <= s.end)) continue;
      counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
      entityIds.set(m.name, m.id);
    }
  }
  return { counts, entityIds };
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

export function compareDistinctive(db: Db, deps: Deps, input: Input & { limit?: number }) {
  const { mine, others } = coverage(db, deps, input);
  const count = input.kind === 'words' ? countWords : countEntities;
  const side = count(db, mine);
  const rest = count(db, others);
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
