// Passages in their context, for the lists behind a co-occurrence cell or a distinctive term: each line
// opens the passage in the reader.
import type { Db } from '../../../db/connection.ts';
import type { TermLine } from '../../api/contract.ts';

const CONTEXT = 60;

export function lineMaker(db: Db) {
  const article = db.prepare('SELECT title, text FROM articles WHERE id = ?');
  const cache = new Map<number, { title: string; text: string }>();
  const read = (id: number) => {
    let found = cache.get(id);
    if (!found) cache.set(id, (found = article.get(id) as { title: string; text: string }));
    return found;
  };
  return (articleId: number, annotationId: number | null, start: number, end: number): TermLine => {
    const { title, text } = read(articleId);
    return {
      articleId,
      articleTitle: title,
      annotationId,
      start,
      end,
      before: text.slice(Math.max(0, start - CONTEXT), start),
      text: text.slice(start, end),
      after: text.slice(end, end + CONTEXT),
    };
  };
}

/** Spans of one article merged where they overlap or touch, sorted; each keeps the first passage's id. */
export function mergeSpans<S extends { start: number; end: number }>(spans: readonly S[]): S[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: S[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
