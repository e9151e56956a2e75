// The tagged CSV export: one row per annotation with article metadata, the tag and its path,
// code-point offsets (what Python and R index by), the quote with context, note, coder, dates and
// the entities mentioned inside the passage.
// RFC 4180 via csv-stringify; cells a spreadsheet would run as a formula are neutralised unless raw.
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connection.ts';
import { codePointMapper } from './text/offsets.ts';
import type { TagService } from './tags.ts';
import type { EntityStore } from './entities/store.ts';
import { PATH_SEPARATOR } from './tags.ts';
import { now } from './clock.ts';

export const CSV_COLUMNS = [
  'annotation_id',
  'article_id',
  'article_title',
  'source',
  'author',
  'published_at',
  'url',
  'language',
  'tag',
  'tag_path',
  'start',
  'end',
  'quote',
  'context_before',
  'context_after',
  'note',
  'annotator',
  'created_at',
  'updated_at',
  'entities',
] as const;

export type CsvOptions = { tagIds?: number[]; articleIds?: number[]; bom?: boolean; raw?: boolean };

/** OWASP's advice on CSV injection: a leading apostrophe keeps a spreadsheet from evaluating the cell. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

type ExportRow = {
  id: number;
  article_id: number;
  title: string;
  source: string | null;
  author: string | null;
  published_at: string | null;
  url: string | null;
  language: string | null;
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

export function exportCsv(db: Db, deps: { tags: TagService; entities: EntityStore }, options: CsvOptions = {}) {
  const { tags } = deps;
  const allTags = tags.list();
  const tagById = new Map(allTags.map((t) => [t.id, t]));

  // Choosing a tag includes its subtags: "Rhetoric" exports "Rhetoric > Threat" too.
  let tagFilter: number[] | undefined;
  if (options.tagIds?.length) {
    const chosen = new Set(options.tagIds);
    const included = (id: number) => {
      for (let t = tagById.get(id); t; t = t.parentId ? tagById.get(t.parentId) : undefined) if (chosen.has(t.id)) return true;
      return false;
    };
    tagFilter = allTags.filter((t) => included(t.id)).map((t) => t.id);
  }
  const where: string[] = [];
  const params: number[] = [];
  if (tagFilter) {
    where.push(`n.tag_id IN (${tagFilter.map(() => '?').join(',') || 'NULL'})`);
    params.push(...tagFilter);
  }
  if (options.articleIds?.length) {
    where.push(`n.article_id IN (${options.articleIds.map(() => '?').join(',')})`);
    params.push(...options.articleIds);
  }
  const statement = db.prepare(
    `SELECT n.id, n.article_id, a.title, a.source, a.author, a.published_at, a.url, a.language, n.tag_id,
            n.start, n."end", n.quote, n.context_before, n.context_after, n.note, n.annotator, n.created_at, n.updated_at
     FROM annotations n JOIN articles a ON a.id = n.article_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY n.article_id, n.start, n.id`,
  );
  const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  // SQLite's length() counts code points and char_count holds UTF-16 units: where they differ the text
  // has astral characters (emoji) and its offsets need converting; elsewhere they are the same numbers.
  const astral = new Set(db.prepare('SELECT id FROM articles WHERE char_count <> length(text)').pluck().all() as number[]);

  const cell = options.raw ? (v: string | null) => v ?? '' : (v: string | null) => neutralise(v ?? '');
  const records: (string | number)[][] = [];
  let mapArticle = -1;
  let toCodePoints: (offset: number) => number = (o) => o;
  let entitiesWithin: (start: number, end: number) => string[] = () => [];
  for (const r of statement.iterate(...params) as IterableIterator<ExportRow>) {
    if (r.article_id !== mapArticle) {
      mapArticle = r.article_id;
      toCodePoints = astral.has(r.article_id) ? codePointMapper(textOf.get(r.article_id) as string) : (o) => o;
      entitiesWithin = deps.entities.entitiesWithin(r.article_id);
    }
    const tag = tagById.get(r.tag_id);
    records.push([
      r.id,
      r.article_id,
      cell(r.title),
      cell(r.source),
      cell(r.author),
      cell(r.published_at),
      cell(r.url),
      cell(r.language),
      cell(tag?.name ?? ''),
      cell(tag?.path.join(PATH_SEPARATOR) ?? ''),
      toCodePoints(r.start),
      toCodePoints(r.end),
      cell(r.quote),
      cell(r.context_before),
      cell(r.context_after),
      cell(r.note),
      cell(r.annotator),
      r.created_at,
      r.updated_at,
      cell(entitiesWithin(r.start, r.end).join('; ')),
    ]);
  }
  const body = stringify(records, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  const csv = (options.bom ? '\uFEFF' : '') + body;
  return { fileName: `framelens-annotations-${now().slice(0, 10)}.csv`, csv, rows: records.length };
}
