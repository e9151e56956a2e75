// Articles: import (text or file bytes), listing and full-text search, reading, metadata edits, deletion.
import { createHash } from 'node:crypto';
import { writeTransaction, type Db } from '../../db/connection.ts';
import type { Article, ArticleListItem, ArticleMetaInput, ArticleSummary, ImportResult } from '../api/contract.ts';
import { AppError, notFound } from './errors.ts';
import { now } from './clock.ts';
import { checkText, defaultTitle, normaliseLineEndings } from './text/decode.ts';
import { searchArticles } from './search.ts';
import { cleanImportedText } from './text/controls.ts';
import { SUMMARY_COLUMNS, toSummary, type ArticleRow } from './article-rows.ts';

const emptyToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export type ImportInput = { text: string; title?: string; name: string; meta?: ArticleMetaInput };

export function articleService(db: Db) {
  const insert = db.prepare(
    `INSERT INTO articles (title, source, author, published_at, language, url, text, text_hash, char_count, created_at)
     VALUES (@title, @source, @author, @publishedAt, @language, @url, @text, @hash, @charCount, @createdAt)`,
  );
  const byHash = db.prepare('SELECT id, title FROM articles WHERE text_hash = ?');
  const summaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`);
  const textById = db.prepare('SELECT text, text_hash AS hash FROM articles WHERE id = ?');
  // Through the unique index on text_hash (the + keeps SQLite from the rowid, whose row holds the text
  // before the hash): answers without reading the article's text.
  const stillHolds = db.prepare('SELECT 1 FROM articles WHERE text_hash = ? AND +id = ?').pluck();
  const recentTexts = new Map<number, { text: string; hash: string }>();
  const countAll = db.prepare('SELECT count(*) FROM articles').pluck();
  const listAll = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC LIMIT ?`);

  /** Stores one article unless the same text is already there. Runs inside the caller's transaction. */
  function store(input: ImportInput): ImportResult {
    const cleaned = cleanImportedText(normaliseLineEndings(input.text));
    const text = checkText(cleaned.text, input.name);
    const hash = createHash('sha256').update(text).digest('hex');
    const existing = byHash.get(hash) as { id: number; title: string } | undefined;
    if (existing) {
      return { name: input.name, status: 'duplicate', id: existing.id, title: existing.title, message: `Already in the project as “${existing.title}”.` };
    }
    const meta = input.meta ?? {};
    const title = emptyToNull(input.title) ?? defaultTitle(text, input.name);
    const info = insert.run({
      title,
      source: emptyToNull(meta.source),
      author: emptyToNull(meta.author),
      publishedAt: emptyToNull(meta.publishedAt),
      language: emptyToNull(meta.language),
      url: emptyToNull(meta.url),
      text,
      hash,
      charCount: text.length,
      createdAt: now(),
    });
    const result: ImportResult = { name: input.name, status: 'imported', id: Number(info.lastInsertRowid), title };
    const notes: string[] = [];
    if (cleaned.removed) notes.push(`removed ${cleaned.removed} control character${cleaned.removed === 1 ? '' : 's'} (invisible codes that are not text)`);
    if (cleaned.replaced) notes.push(`replaced ${cleaned.replaced} broken half character${cleaned.replaced === 1 ? '' : 's'} with �`);
    if (notes.length) result.message = `Framelens ${notes.join(' and ')} in the article.`;
    return result;
  }

  const storeOne = writeTransaction(db, store);

  /** Imports one item, turning a refusal into an `error` result so a batch goes on. */
  function importOne(input: ImportInput): ImportResult {
    try {
      return storeOne(input);
    } catch (error) {
      if (error instanceof AppError) return { name: input.name, status: 'error', message: error.message };
      throw error;
    }
  }

  /** Many articles in one transaction: the fast path for batch imports. Refused items are reported, not fatal. */
  const importMany = writeTransaction(db, (items: ImportInput[]): ImportResult[] =>
    items.map((item) => {
      try {
        return store(item);
      } catch (error) {
        if (error instanceof AppError) return { name: item.name, status: 'error', message: error.message };
        throw error;
      }
    }),
  );

  function summary(id: number): ArticleSummary {
    const row = summaryById.get(id) as ArticleRow | undefined;
    if (!row) throw notFound(`Article ${id}`);
    return toSummary(row);
  }

  function get(id: number): Article {
    const base = summary(id);
    return { ...base, text: text(id) };
  }

  /**
   * The article's text. The last few texts asked for are kept, so tagging a long article does not read
   * its megabytes again for every passage; a kept text is used only while the article still holds it
   * (checked through the hash index, which also catches an id taken again after a deletion, a rolled
   * back import and a change by another program).
   */
  function text(id: number): string {
    const kept = recentTexts.get(id);
    if (kept && stillHolds.get(kept.hash, id)) {
      recentTexts.delete(id);
      recentTexts.set(id, kept);
      return kept.text;
    }
    const row = textById.get(id) as { text: string; hash: string } | undefined;
    if (!row) {
      recentTexts.delete(id);
      throw notFound(`Article ${id}`);
    }
    recentTexts.set(id, row);
    if (recentTexts.size > KEPT_TEXTS) recentTexts.delete(recentTexts.keys().next().value!);
    return row.text;
  }

  /**
   * The article list, or with a search the best matches (at most 100 unless asked) and how many matched
   * in all; `filter` (a condition over `articles a`, from the article filter) narrows both.
   */
  function list(search: string | undefined, limit?: number, filter?: { where: string; params: unknown[] }): { articles: ArticleListItem[]; total: number } {
    if (search && search.trim()) return searchArticles(db, search, limit ?? 100, filter);
    if (filter && filter.where !== '1') {
      const rows = db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${filter.where} ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC LIMIT ?`)
        .all(...filter.params, limit ?? 5000) as ArticleRow[];
      const total = db
        .prepare(`SELECT count(*) FROM articles a WHERE ${filter.where}`)
        .pluck()
        .get(...filter.params) as number;
      return { articles: rows.map((row) => ({ ...toSummary(row), snippet: null })), total };
    }
    const articles = (listAll.all(limit ?? 5000) as ArticleRow[]).map((row) => ({ ...toSummary(row), snippet: null }));
    return { articles, total: countAll.get() as number };
  }

  const update = writeTransaction(db, (input: ArticleMetaInput & { id: number; title?: string }): ArticleSummary => {
    summary(input.id);
    const fields: Record<string, string | null> = {};
    if (input.title !== undefined) fields.title = input.title.trim();
    if (input.source !== undefined) fields.source = emptyToNull(input.source);
    if (input.author !== undefined) fields.author = emptyToNull(input.author);
    if (input.publishedAt !== undefined) fields.published_at = emptyToNull(input.publishedAt);
    if (input.language !== undefined) fields.language = emptyToNull(input.language);
    if (input.url !== undefined) fields.url = emptyToNull(input.url);
    const columns = Object.keys(fields);
    if (columns.length > 0) {
      db.prepare(`UPDATE articles SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...fields, id: input.id });
    }
    return summary(input.id);
  });

  const remove = writeTransaction(db, (id: number) => {
    const { annotationCount } = summary(id);
    db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    return { deletedAnnotations: annotationCount };
  });

  return { importOne, importMany, summary, get, text, list, update, remove };
}

export type ArticleService = ReturnType<typeof articleService>;

/** Texts kept by articleService.text: the articles open in a window or two, and the detection queue's next. */
const KEPT_TEXTS = 8;
