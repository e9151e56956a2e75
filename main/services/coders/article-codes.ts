// Article-level codes: a tag applied to an article as a whole (its primary frame, its tone) by a coder.
// A coder applies a tag to an article once; applying it again finds the code that is there.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/connection.ts';
import { writeTransaction } from '../../../db/connection.ts';
import type { ArticleCode } from '../../api/team-methods.ts';
import { notFound } from '../errors.ts';
import { now } from '../clock.ts';
import type { ArticleService } from '../articles.ts';
import type { TagService } from '../tags.ts';
import type { SettingsService } from '../settings.ts';
import type { CoderService } from './store.ts';

type CodeRow = { id: number; uuid: string; article_id: number; tag_id: number; annotator: string; note: string; created_at: string; updated_at: string };

const toCode = (r: CodeRow): ArticleCode => ({
  id: r.id,
  uuid: r.uuid,
  articleId: r.article_id,
  tagId: r.tag_id,
  annotator: r.annotator,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function articleCodeService(db: Db, deps: { articles: ArticleService; tags: TagService; settings: SettingsService; coders: CoderService }) {
  const byId = db.prepare('SELECT * FROM article_codes WHERE id = ?');
  const existing = db.prepare('SELECT * FROM article_codes WHERE article_id = ? AND tag_id = ? AND annotator = ?');

  function get(id: number): ArticleCode {
    const row = byId.get(id) as CodeRow | undefined;
    if (!row) throw notFound(`Article-level code ${id}`);
    return toCode(row);
  }

  function list(articleId: number): ArticleCode[] {
    deps.articles.summary(articleId);
    return (db.prepare('SELECT * FROM article_codes WHERE article_id = ? ORDER BY annotator, id').all(articleId) as CodeRow[]).map(toCode);
  }

  const add = writeTransaction(db, (input: { articleId: number; tagId: number; annotator?: string; note?: string }): ArticleCode => {
    deps.articles.summary(input.articleId);
    deps.tags.get(input.tagId);
    const annotator = deps.coders.ensure(deps.settings.annotatorFor(input.annotator));
    const there = existing.get(input.articleId, input.tagId, annotator) as CodeRow | undefined;
    if (there) return toCode(there);
    const stamp = now();
    const info = db
      .prepare('INSERT INTO article_codes (uuid, article_id, tag_id, annotator, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), input.articleId, input.tagId, annotator, input.note ?? '', stamp, stamp);
    return get(Number(info.lastInsertRowid));
  });

  const remove = writeTransaction(db, (id: number) => {
    const removed = get(id);
    db.prepare('DELETE FROM article_codes WHERE id = ?').run(id);
    return { removed };
  });

  return { get, list, add, remove };
}

export type ArticleCodeService = ReturnType<typeof articleCodeService>;
