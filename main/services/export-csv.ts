// The tagged CSV export: one row per annotation with article metadata, the tag and its path,
// code-point offsets (what Python and R index by), the quote with context, note, coder, dates and
// the entities mentioned inside the passage; and the tags coders applied to whole articles, as rows of
// their own with empty offsets.
// RFC 4180; cells a spreadsheet would run as a formula are neutralised unless raw.
import { csvCell, csvRecord, sqlCsvField } from './csv.ts';
import { hasControlCharacters } from './text/controls.ts';
import type { Db } from '../../db/connection.ts';
import { codePointMapper } from './text/offsets.ts';
import type { TagService } from './tags.ts';
import type { EntityStore } from './entities/store.ts';
import { PATH_SEPARATOR } from './tags.ts';
import { now } from './clock.ts';
import type { ArticleFilter } from '../api/contract.ts';
import type { VariableService } from './variables/store.ts';
import { articleFilterSql } from './variables/filter.ts';
import { valuesByArticle } from './variables/csv.ts';
import { showValue } from './variables/values.ts';

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
  // Passage rows say "passage"; a tag applied to the article as a whole says "article", with empty offsets.
  'unit',
  'annotation_uuid',
  // The article_id of the original when the article is a near-duplicate copy of it (see copies.find).
  'copy_of',
] as const;

/** After the fixed columns, one `var_<name>` column per variable of the project, in the codebook's order. */
export const VARIABLE_COLUMN_PREFIX = 'var_';

export type CsvOptions = { tagIds?: number[]; articleIds?: number[]; filter?: ArticleFilter; bom?: boolean; raw?: boolean };

export function exportCsv(db: Db, deps: { tags: TagService; entities: EntityStore; variables: VariableService }, options: CsvOptions = {}) {
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
  // Id lists go in as one JSON parameter each: any number of ids, where SQLite caps `?` parameters.
  const where: string[] = [];
  const params: unknown[] = [];
  if (tagFilter) {
    where.push('n.tag_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(tagFilter));
  }
  if (options.articleIds?.length) {
    where.push('n.article_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(options.articleIds));
  }
  if (options.filter) {
    const filter = articleFilterSql(options.filter, deps.variables.lookup());
    where.push(`n.article_id IN (SELECT a.id FROM articles a WHERE ${filter.where})`);
    params.push(...filter.params);
  }
  if (options.filter?.coders) {
    where.push('n.annotator IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(options.filter.coders));
  }
  const codeWhere = where.map((w) => w.replaceAll('n.', 'c.'));
  const variables = deps.variables.list();
  const values = valuesByArticle(db);
  // Annotation rows alone, as arrays: article and tag columns are the same for many rows, so they are
  // read, neutralised and quoted once each and reused. SQLite writes the run of text cells from quote
  // to updated_at as one finished piece of CSV (large exports are dominated by this loop). SQLite's
  // formatting does not remove control characters: a piece holding one (rare; a regular expression finds
  // it far faster than SQLite's GLOB) is formatted again by csvCell, which does.
  const cell = (column: string) => sqlCsvField(column, !options.raw);
  const textColumns = ['n.quote', 'n.context_before', 'n.context_after', 'n.note', 'n.annotator', 'n.created_at', 'n.updated_at'];
  const statement = db
    .prepare(
      `SELECT n.id, n.article_id, n.tag_id, n.start, n."end",
         ${textColumns.map(cell).join(" || ',' || ")}, n.uuid
       FROM annotations n ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY n.article_id, n.start, n.id`,
    )
    .raw();
  // Article-level codes by article, to be written before that article's passages.
  const codes = new Map<number, [number, number, string, string, string, string, string][]>();
  const codeRows = db
    .prepare(
      `SELECT c.article_id, c.tag_id, c.uuid, c.note, c.annotator, c.created_at, c.updated_at FROM article_codes c
       ${codeWhere.length ? `WHERE ${codeWhere.join(' AND ')}` : ''} ORDER BY c.article_id, c.annotator, c.id`,
    )
    .raw()
    .all(...params) as [number, number, string, string, string, string, string][];
  for (const row of codeRows) {
    const list = codes.get(row[0]);
    if (list) list.push(row);
    else codes.set(row[0], [row]);
  }
  const rawTextCells = db.prepare(`SELECT ${textColumns.join(', ')} FROM annotations n WHERE n.id = ?`).raw();
  const articleColumns = db.prepare('SELECT title, source, author, published_at, url, language FROM articles WHERE id = ?').raw();
  const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  // SQLite's length() counts code points and char_count holds UTF-16 units: where they differ the text
  // has astral characters (emoji) and its offsets need converting; elsewhere they are the same numbers.
  const astral = new Set(db.prepare('SELECT id FROM articles WHERE char_count <> length(text)').pluck().all() as number[]);

  const field = (v: string | null) => csvCell(v ?? '', options.raw);
  const tagColumns = new Map(allTags.map((t) => [t.id, `${field(t.name)},${field(t.path.join(PATH_SEPARATOR))}`]));
  const lines = [csvRecord([...CSV_COLUMNS, ...variables.map((v) => VARIABLE_COLUMN_PREFIX + v.name)])];
  let currentArticle = -1;
  let articlePart = '';
  let toCodePoints: (offset: number) => number = (o) => o;
  let entitiesWithin: (start: number, end: number) => string[] = () => [];
  // copy_of and the var_ columns, the same for every row of an article.
  let variablePart = '';
  const copyOf = new Map(db.prepare('SELECT article_id, original_id FROM article_copies').raw().all() as [number, number][]);
  const enterArticle = (articleId: number) => {
    currentArticle = articleId;
    articlePart = (articleColumns.get(articleId) as (string | null)[]).map(field).join(',');
    toCodePoints = astral.has(articleId) ? codePointMapper(textOf.get(articleId) as string) : (o) => o;
    entitiesWithin = deps.entities.entitiesWithin(articleId);
    const own = values.get(articleId);
    variablePart = `,${copyOf.get(articleId) ?? ''}` + variables.map((v) => ',' + field(showValue(v.type, own?.get(v.id)))).join('');
  };
  const pendingCodes = [...codes.keys()];
  let nextCode = 0;
  /** Writes the article-level codes of every article up to this one that has not had them written. */
  const writeCodesUpTo = (articleId: number) => {
    for (; nextCode < pendingCodes.length && pendingCodes[nextCode]! <= articleId; nextCode++) {
      const codeArticle = pendingCodes[nextCode]!;
      if (codeArticle !== currentArticle) enterArticle(codeArticle);
      for (const [, tagId, uuid, note, annotator, created, updated] of codes.get(codeArticle)!) {
        lines.push(
          `,${codeArticle},${articlePart},${tagColumns.get(tagId)},,,,,,${[note, annotator, created, updated].map(field).join(',')},,article,${uuid}${variablePart}\r\n`,
        );
      }
    }
  };
  type Row = [number, number, number, number, number, string, string];
  for (const [id, articleId, tagId, start, end, textCells, uuid] of statement.all(...params) as Row[]) {
    if (articleId !== currentArticle) {
      writeCodesUpTo(articleId);
      if (articleId !== currentArticle) enterArticle(articleId);
    }
    lines.push(
      `${id},${articleId},${articlePart},${tagColumns.get(tagId)},${toCodePoints(start)},${toCodePoints(end)},` +
        `${hasControlCharacters(textCells) ? (rawTextCells.get(id) as (string | null)[]).map(field).join(',') : textCells},` +
        `${field(entitiesWithin(start, end).join('; '))},passage,${uuid}${variablePart}\r\n`,
    );
  }
  writeCodesUpTo(Number.MAX_SAFE_INTEGER);
  const csv = (options.bom ? '\uFEFF' : '') + lines.join('');
  return { fileName: `framelens-annotations-${now().slice(0, 10)}.csv`, csv, rows: lines.length - 1 };
}
