// Where each run of letters lies in each article's text, kept in memory for an open project: counting the
// words of 100,000 passages is then array work instead of tokenizing 10 MB of text on every click. The
// first count reads and indexes the articles it needs; later counts read only their hash and language.
// An article's text never changes under its id, but an id can be reused after a deletion, so each entry
// is checked against the article's text hash.
import type { Db } from '../../../db/connection.ts';
import { createRunTable } from './run-table.ts';

/** A span of an article's text; a run counts when it lies wholly inside. */
export type TextSpan = { start: number; end: number };

type Entry = { hash: string; runs: Uint32Array; starts: Uint32Array; ends: Uint32Array };

export type RunCounts = {
  /** Per article language (null when unknown): for each group, how often each run id occurs. */
  byLanguage: Map<string | null, Uint32Array[]>;
  /** The run (as written) of an id. */
  run: (id: number) => string;
};

export type WordIndexLimits = { tokens: number; runs: number };

/** About 160 MB of positions at most, and a vocabulary of two million distinct runs. */
const DEFAULT_LIMITS: WordIndexLimits = { tokens: 20_000_000, runs: 2_000_000 };

export function createWordIndex(db: Db, limits: WordIndexLimits = DEFAULT_LIMITS) {
  // Made on first use: opening a project for one command should not pay for a table of all characters.
  let made: ReturnType<typeof createRunTable> | null = null;
  const runTable = () => (made ??= createRunTable());
  let entries = new Map<number, Entry>();
  let tokens = 0;
  const head = db.prepare('SELECT json_group_array(json_array(id, text_hash, language)) FROM articles WHERE id IN (SELECT value FROM json_each(?))').pluck();
  const body = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();

  const forgetAll = () => {
    made?.clear();
    entries = new Map();
    tokens = 0;
  };
  // Scratch space for one text's runs: a text of n characters has at most (n + 1) / 2 runs.
  let scratch = { runs: new Uint32Array(0), starts: new Uint32Array(0), ends: new Uint32Array(0) };

  function index(text: string, hash: string): Entry {
    const most = (text.length + 1) >>> 1;
    if (scratch.runs.length < most) {
      const size = Math.max(most, scratch.runs.length * 2);
      scratch = { runs: new Uint32Array(size), starts: new Uint32Array(size), ends: new Uint32Array(size) };
    }
    const { runs, starts, ends } = scratch;
    let n = 0;
    runTable().scan(text, (id, start, end) => {
      runs[n] = id;
      starts[n] = start;
      ends[n++] = end;
    });
    return { hash, runs: runs.slice(0, n), starts: starts.slice(0, n), ends: ends.slice(0, n) };
  }

  function entryFor(articleId: number, hash: string): Entry {
    const known = entries.get(articleId);
    if (known && known.hash === hash) {
      // Most recently used last, so the oldest go first when memory runs short.
      entries.delete(articleId);
      entries.set(articleId, known);
      return known;
    }
    if (known) {
      entries.delete(articleId);
      tokens -= known.runs.length;
    }
    const entry = index(body.get(articleId) as string, hash);
    for (const [id, old] of entries) {
      if (tokens + entry.runs.length <= limits.tokens) break;
      entries.delete(id);
      tokens -= old.runs.length;
    }
    if (entry.runs.length <= limits.tokens) {
      entries.set(articleId, entry);
      tokens += entry.runs.length;
    }
    return entry;
  }

  /** Adds one to `into` for each run wholly inside one of the spans (sorted, not overlapping). */
  function countInto(entry: Entry, spans: readonly TextSpan[], into: Uint32Array) {
    const { starts, ends, runs: runIds } = entry;
    for (const span of spans) {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid]! < span.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < starts.length && starts[i]! < span.end; i++) if (ends[i]! <= span.end) into[runIds[i]!]!++;
    }
  }

  return {
    /**
     * How often each run lies inside each group's spans, article by article (`groups[g]` holds group g's
     * spans of that article, sorted and merged).
     */
    count(articles: Iterable<[articleId: number, groups: readonly (readonly TextSpan[])[]]>, groupCount: number): RunCounts {
      // The vocabulary is shared by every entry, so it is only ever dropped whole, between counts.
      if (runTable().size() > limits.runs) forgetAll();
      const asked = [...articles];
      const heads = new Map(
        (JSON.parse(head.get(JSON.stringify(asked.map(([id]) => id))) as string) as [number, string, string | null][]).map(([id, hash, language]) => [
          id,
          { hash, language },
        ]),
      );
      const perArticle: [Entry, string | null, readonly (readonly TextSpan[])[]][] = [];
      for (const [articleId, groups] of asked) {
        const found = heads.get(articleId);
        if (found) perArticle.push([entryFor(articleId, found.hash), found.language, groups]);
      }
      // Sized after indexing, when the vocabulary holds every run these articles use.
      const byLanguage = new Map<string | null, Uint32Array[]>();
      for (const [entry, language, groups] of perArticle) {
        let counts = byLanguage.get(language);
        if (!counts) byLanguage.set(language, (counts = Array.from({ length: groupCount }, () => new Uint32Array(runTable().size()))));
        groups.forEach((spans, g) => countInto(entry, spans, counts[g]!));
      }
      return { byLanguage, run: runTable().run };
    },
    /** How much is held, for tests and the benchmark. */
    size: () => ({ articles: entries.size, tokens, runs: made?.size() ?? 0 }),
  };
}

export type WordIndex = ReturnType<typeof createWordIndex>;
