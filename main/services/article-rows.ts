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
};

export const SUMMARY_COLUMNS = `a.id, a.title, a.source, a.author, a.published_at, a.language, a.url, a.char_count, a.created_at,
  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count`;

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
  };
}

