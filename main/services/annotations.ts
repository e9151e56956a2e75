// Annotations: a tag on a passage of an article. Spans are UTF-16 offsets, end exclusive, stored with
// the quoted text and its context so a span can always be checked against the text it came from.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db } from '../../db/connection.ts';
import type { Annotation } from '../api/contract.ts';
import { invalid, notFound } from './errors.ts';
import { now } from './clock.ts';
import { quoteWithContext, splitsSurrogatePair } from './text/offsets.ts';
import type { ArticleService } from './articles.ts';
import type { TagService } from './tags.ts';
import type { SettingsService } from './settings.ts';
import type { CoderService } from './coders/store.ts';

type AnnotationRow = {
  id: number;
  uuid: string;
  article_id: number;
  tag_id: number;
  start: number;
  end: number;
  quote: string;
  context_before: string;
  context_after: string;
  note: string;
  annotator: string;
  created_at: string;
  updated_at: string;
};

const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  uuid: r.uuid,
  articleId: r.article_id,
  tagId: r.tag_id,
  start: r.start,
  end: r.end,
  quote: r.quote,
  contextBefore: r.context_before,
  contextAfter: r.context_after,
  note: r.note,
  annotator: r.annotator,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type CreateAnnotation = { articleId: number; tagId: number; start: number; end: number; note?: string; annotator?: string };

/** How many deleted annotations the project keeps for undo. */
export const KEPT_DELETIONS = 5000;

export function annotationService(db: Db, deps: { articles: ArticleService; tags: TagService; settings: SettingsService; coders: CoderService }) {
  const byArticle = db.prepare('SELECT * FROM annotations WHERE article_id = ? ORDER BY start, "end", id');
  const byId = db.prepare('SELECT * FROM annotations WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO annotations (id, uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at)
     VALUES (@id, @uuid, @articleId, @tagId, @start, @end, @quote, @contextBefore, @contextAfter, @note, @annotator, @createdAt, @updatedAt)`,
  );
  // A new annotation never takes the id of one that undo may still bring back.
  const nextId = db.prepare('SELECT max(coalesce((SELECT max(id) FROM annotations), 0), coalesce((SELECT max(id) FROM deleted_annotations), 0)) + 1').pluck();
  const keepDeleted = db.prepare(
    `INSERT OR REPLACE INTO deleted_annotations
       (id, uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at, deleted_at)
     SELECT id, uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at, ?
     FROM annotations WHERE id = ?`,
  );
  const deletedById = db.prepare('SELECT * FROM deleted_annotations WHERE id = ?');
  const forgetDeleted = db.prepare('DELETE FROM deleted_annotations WHERE id = ?');
  // Undo reaches back this far; older deletions are forgotten.
  const pruneDeleted = db.prepare(
    `DELETE FROM deleted_annotations WHERE id IN (SELECT id FROM deleted_annotations ORDER BY deleted_at DESC, id DESC LIMIT -1 OFFSET ${KEPT_DELETIONS})`,
  );

  function get(id: number): Annotation {
    const row = byId.get(id) as AnnotationRow | undefined;
    if (!row) throw notFound(`Annotation ${id}`);
    return toAnnotation(row);
  }

  function list(articleId: number): Annotation[] {
    deps.articles.summary(articleId);
    return (byArticle.all(articleId) as AnnotationRow[]).map(toAnnotation);
  }

  /** Checks a span against the article's text and returns the quote and context it cuts. */
  function anchor(articleId: number, start: number, end: number) {
    const text = deps.articles.text(articleId);
    if (end <= start) throw invalid('A passage must end after it starts (end > start).');
    if (end > text.length) throw invalid(`The passage ${start}–${end} lies outside the article, whose text is ${text.length} code units long.`);
    if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
      throw invalid('The passage would cut a character (such as an emoji) in half; widen it by one position.');
    }
    return quoteWithContext(text, start, end);
  }

  const create = writeTransaction(db, (input: CreateAnnotation): Annotation => {
    deps.tags.get(input.tagId);
    const anchored = anchor(input.articleId, input.start, input.end);
    const stamp = now();
    const annotator = deps.coders.ensure(deps.settings.annotatorFor(input.annotator));
    const info = insert.run({
      id: nextId.get(),
      uuid: randomUUID(),
      articleId: input.articleId,
      tagId: input.tagId,
      start: input.start,
      end: input.end,
      ...anchored,
      note: input.note ?? '',
      annotator,
      createdAt: stamp,
      updatedAt: stamp,
    });
    return get(Number(info.lastInsertRowid));
  });

  const update = writeTransaction(db, (input: { id: number; tagId?: number; note?: string }): Annotation => {
    const current = get(input.id);
    if (input.tagId !== undefined) deps.tags.get(input.tagId);
    db.prepare('UPDATE annotations SET tag_id = ?, note = ?, updated_at = ? WHERE id = ?').run(
      input.tagId ?? current.tagId,
      input.note ?? current.note,
      now(),
      input.id,
    );
    return get(input.id);
  });

  const remove = writeTransaction(db, (id: number) => {
    const deleted = get(id);
    keepDeleted.run(now(), id);
    db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
    pruneDeleted.run();
    return { deleted };
  });

  /**
   * Undo of a delete: the annotation the project deleted comes back as it was, with its id unless that
   * has been taken since. Only the id comes from the caller; everything else is what the project kept.
   */
  const restore = writeTransaction(db, (id: number): Annotation => {
    const row = deletedById.get(id) as AnnotationRow | undefined;
    if (!row) throw notFound(`A deleted annotation ${id} to restore`);
    const kept = toAnnotation(row);
    deps.tags.get(kept.tagId);
    const anchored = anchor(kept.articleId, kept.start, kept.end);
    if (anchored.quote !== kept.quote) throw invalid('The passage no longer matches the article text, so it cannot be restored.');
    const restoredId = byId.get(id) ? (nextId.get() as number) : id;
    // Deleted before annotations had a uuid, or its uuid taken since by a merge: it gets a new one.
    const uuidFree = kept.uuid && !db.prepare('SELECT 1 FROM annotations WHERE uuid = ?').get(kept.uuid);
    insert.run({ ...kept, ...anchored, id: restoredId, uuid: uuidFree ? kept.uuid : randomUUID() });
    forgetDeleted.run(id);
    return get(restoredId);
  });

  return { get, list, create, update, remove, restore };
}

export type AnnotationService = ReturnType<typeof annotationService>;
