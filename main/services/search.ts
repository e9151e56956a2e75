// Full-text search over articles with SQLite FTS5 (unicode61, diacritics removed, so "overraskade"
// finds "överraskade"). Snippets come back from FTS5 with marker characters that are mapped to
// offsets here, so the renderer can highlight them without ever treating text as HTML.
import type { Db } from '../../db/connection.ts';
import type { ArticleListItem, Snippet } from '../api/contract.ts';
import { SUMMARY_COLUMNS, toSummary, type ArticleRow } from './article-rows.ts';

// Private-use characters cannot occur in imported text's FTS output by accident often enough to matter,
// and they are stripped from the snippet before it is returned.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const ELLIPSIS = '…';

/**
 * Builds an FTS5 query from what an analyst types: every word must occur (AND); the last word also
 * matches as a prefix so results follow typing. Quotes keep FTS5 operators in the input literal.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}\p{M}_]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function parseSnippet(raw: string): Snippet {
  const marks: Snippet['marks'] = [];
  let text = '';
  let openAt = -1;
  for (const ch of raw) {
    if (ch === OPEN) openAt = text.length;
    else if (ch === CLOSE) {
      if (openAt >= 0 && text.length > openAt) marks.push({ start: openAt, end: text.length });
      openAt = -1;
    } else text += ch;
  }
  return { text, marks };
}

/** Above this many matches, relevance ranking costs more than it tells: such results are listed newest first. */
export const RANKED_MATCH_LIMIT = 1000;

/** Search results, narrowed by a condition over `articles a` when given (the article filter). */
export function searchArticles(db: Db, input: string, limit: number, filter: { where: string; params: unknown[] } = { where: '1', params: [] }) {
  const query = toFtsQuery(input);
  if (!query) return { articles: [], total: 0 };
  const filtered = filter.where !== '1';
  const matching = filtered ? `AND rowid IN (SELECT a.id FROM articles a WHERE ${filter.where})` : '';
  const total = db
    .prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? ${matching}`)
    .pluck()
    .get(query, ...filter.params) as number;
  const ranked = total <= RANKED_MATCH_LIMIT;
  const order = ranked ? 'rank' : 'rowid DESC';
  const rows = db
    .prepare(
      `WITH hits AS (
         SELECT rowid AS id, rank AS r, snippet(articles_fts, 1, '${OPEN}', '${CLOSE}', '${ELLIPSIS}', 16) AS snip
         FROM articles_fts WHERE articles_fts MATCH ? ${matching} ORDER BY ${order} LIMIT ?
       )
       SELECT ${SUMMARY_COLUMNS}, hits.snip FROM hits JOIN articles a ON a.id = hits.id ORDER BY ${ranked ? 'hits.r' : 'hits.id DESC'}`,
    )
    .all(query, ...filter.params, limit) as (ArticleRow & { snip: string })[];
  return { articles: rows.map((row): ArticleListItem => ({ ...toSummary(row), snippet: parseSnippet(row.snip) })), total };
}
