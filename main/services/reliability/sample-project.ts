// A reliability sample as a project file of its own, for a colleague to code blind: the sampled
// articles with their variables, and the codebook, with no one's codes. Merging the colleague's file
// back brings their codes in beside the project's (articles match by their text).
import { existsSync } from 'node:fs';
import type { Db } from '../../../db/connection.ts';
import { conflict } from '../errors.ts';
import { openProject } from '../project.ts';

const ARTICLE_COLUMNS = 'id, title, source, author, published_at, language, url, text, text_hash, char_count, created_at';

export function writeSampleProject(source: Db, articleIds: readonly number[], outPath: string): { path: string; articles: number; tags: number } {
  if (existsSync(outPath)) throw conflict(`${outPath} exists already; a sample is written to a new file, so name one that does not exist.`);
  const target = openProject(outPath, { create: true });
  try {
    const ids = JSON.stringify(articleIds);
    const copy = target.db.transaction(() => {
      const insertArticle = target.db.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (${ARTICLE_COLUMNS.replace(/\w+/g, '?')})`);
      for (const row of source.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).raw().iterate(ids)) {
        insertArticle.run(...(row as unknown[]));
      }
      // Parents before children, so every parent exists when its subtag arrives.
      const tags = source
        .prepare(
          `WITH RECURSIVE tree(id, depth) AS (SELECT id, 0 FROM tags WHERE parent_id IS NULL
             UNION ALL SELECT t.id, tree.depth + 1 FROM tags t JOIN tree ON t.parent_id = tree.id)
           SELECT t.id, t.parent_id, t.name, t.color, t.description, t.shortcut, t.position, t.created_at FROM tags t JOIN tree USING (id) ORDER BY tree.depth, t.id`,
        )
        .raw()
        .all();
      const insertTag = target.db.prepare(
        'INSERT INTO tags (id, parent_id, name, color, description, shortcut, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const row of tags) insertTag.run(...(row as unknown[]));
      const insertVariable = target.db.prepare('INSERT INTO variables (id, name, type, description, position, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const row of source.prepare('SELECT id, name, type, description, position, created_at FROM variables').raw().iterate())
        insertVariable.run(...(row as unknown[]));
      const insertCategory = target.db.prepare('INSERT INTO variable_categories (variable_id, value, position) VALUES (?, ?, ?)');
      for (const row of source.prepare('SELECT variable_id, value, position FROM variable_categories').raw().iterate())
        insertCategory.run(...(row as unknown[]));
      const insertValue = target.db.prepare('INSERT INTO article_values (article_id, variable_id, value) VALUES (?, ?, ?)');
      for (const row of source
        .prepare('SELECT article_id, variable_id, value FROM article_values WHERE article_id IN (SELECT value FROM json_each(?))')
        .raw()
        .iterate(ids))
        insertValue.run(...(row as unknown[]));
      return { articles: articleIds.length, tags: tags.length };
    });
    return { path: target.path, ...copy.immediate() };
  } finally {
    target.close();
  }
}
