// The project's copy families: found over every article's text and kept (article_copies), so the
// article list can mark copies and every count can take each family once.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { now } from '../clock.ts';
import { DEFAULT_THRESHOLD, findCopyFamilies } from './minhash.ts';

export type CopyFamily = { original: number; copies: { id: number; similarity: number }[] };

export function copyService(db: Db) {
  const clear = db.prepare('DELETE FROM article_copies');
  const insert = db.prepare('INSERT INTO article_copies (article_id, original_id, similarity, threshold, found_at) VALUES (?, ?, ?, ?, ?)');
  const store = writeTransaction(db, (families: CopyFamily[], threshold: number) => {
    clear.run();
    const at = now();
    for (const f of families) for (const c of f.copies) insert.run(c.id, f.original, c.similarity, threshold, at);
  });

  /** Finds the families among all articles and keeps them, replacing the last search's. */
  function find(threshold = DEFAULT_THRESHOLD, onProgress?: (done: number, total: number) => void) {
    const articles = db.prepare('SELECT id, text, published_at AS publishedAt FROM articles ORDER BY id').iterate() as Iterable<{
      id: number;
      text: string;
      publishedAt: string | null;
    }>;
    const found = findCopyFamilies(articles, { threshold, onProgress });
    const families = found.families.map((f) => ({
      original: f.original,
      copies: f.copies.map((id) => ({ id, similarity: Number((f.similarity.get(id) ?? threshold).toFixed(4)) })),
    }));
    store(families, threshold);
    return { families: families.length, copies: families.reduce((n, f) => n + f.copies.length, 0), threshold };
  }

  /** The kept families, originals in id order, each with its copies. */
  function list(): CopyFamily[] {
    const rows = db.prepare('SELECT article_id, original_id, similarity FROM article_copies ORDER BY original_id, article_id').raw().all() as [
      number,
      number,
      number,
    ][];
    const byOriginal = new Map<number, CopyFamily>();
    for (const [id, original, similarity] of rows) {
      let family = byOriginal.get(original);
      if (!family) byOriginal.set(original, (family = { original, copies: [] }));
      family.copies.push({ id, similarity });
    }
    return [...byOriginal.values()];
  }

  return { find, list };
}

export type CopyService = ReturnType<typeof copyService>;
