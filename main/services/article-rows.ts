// How an article row is read from SQLite and turned into the API's summary shape.
import type { ArticleSummary } from '../api/contract.ts';

export type ArticleRow = {
  id: number;
  title: string;
  source: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  url: string | null;
  char_count: number;
  annotation_count: number;
  created_at: string;
  /** The own variables' values as a JSON object by variable id. */
  vals: string | null;
  copy_of: number | null;
};

export const SUMMARY_COLUMNS = `a.id, a.title, a.source, a.author, a.published_at, a.language, a.url, a.char_count, a.created_at,
  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count,
  (SELECT json_group_object(v.variable_id, CASE WHEN w.type = 'boolean' THEN json(CASE WHEN v.value THEN 'true' ELSE 'false' END) ELSE v.value END)
     FROM article_values v JOIN variables w ON w.id = v.variable_id WHERE v.article_id = a.id) AS vals,
  (SELECT c.original_id FROM article_copies c WHERE c.article_id = a.id) AS copy_of`;

export function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    author: row.author,
    publishedAt: row.published_at,
    language: row.language,
    url: row.url,
    charCount: row.char_count,
    annotationCount: row.annotation_count,
    createdAt: row.created_at,
    values: row.vals ? (JSON.parse(row.vals) as ArticleSummary['values']) : {},
    copyOf: row.copy_of,
  };
}
