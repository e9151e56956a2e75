// Tables for R, Python, SPSS and Stata. The code matrix: one row per article (or passage) with its
// built-in and own variables, one column per tag (its path as the header) holding counts or 0/1;
// subtags count in their parents unless asked not to; per article, a tag applied to the whole article
// counts as one. The co-occurrence matrix: tag × tag counts.
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter } from '../../api/contract.ts';
import { csvDocument, type CsvCell } from '../csv.ts';
import { now } from '../clock.ts';
import { PATH_SEPARATOR, type TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import { valuesByArticle } from '../variables/csv.ts';
import { showValue } from '../variables/values.ts';
import { codePointMapper } from '../text/offsets.ts';
import { selectArticleCodes, selectPassages } from './passages.ts';
import { compareCooccurrence } from './cooccurrence.ts';

type Deps = { tags: TagService; variables: VariableService };

export type MatrixOptions = { unit?: 'article' | 'passage'; measure?: 'count' | 'presence'; rollup?: boolean; filter?: ArticleFilter; bom?: boolean };

export function codeMatrix(db: Db, deps: Deps, options: MatrixOptions = {}) {
  const unit = options.unit ?? 'article';
  const presence = options.measure === 'presence';
  const rollup = options.rollup ?? true;
  const tags = deps.tags.list();
  const column = new Map(tags.map((t, i) => [t.id, i]));
  const byId = new Map(tags.map((t) => [t.id, t]));
  // The columns each tag's passage adds to: its own, and its ancestors' when rolled up.
  const columnsOf = new Map(
    tags.map((t) => {
      const cols = [column.get(t.id)!];
      if (rollup)
        for (let x = t.parentId ? byId.get(t.parentId) : undefined; x; x = x.parentId ? byId.get(x.parentId) : undefined) cols.push(column.get(x.id)!);
      return [t.id, cols];
    }),
  );
  const variables = deps.variables.list();
  const values = valuesByArticle(db);
  const selection = selectPassages(db, deps.variables, options.filter, { annotators: unit === 'passage' });
  const { passages, where } = selection;
  const articles = db
    .prepare(`SELECT a.id, a.title, a.source, a.author, a.published_at, a.language, a.url FROM articles a WHERE ${where.where} ORDER BY a.id`)
    .raw()
    .all(...where.params) as CsvCell[][];
  const articleColumns = ['article_id', 'article_title', 'source', 'author', 'published_at', 'language', 'url', ...variables.map((v) => `var_${v.name}`)];
  const articleCells = new Map(
    articles.map((a) => {
      const own = values.get(a[0] as number);
      return [a[0] as number, [...a, ...variables.map((v) => showValue(v.type, own?.get(v.id)))]];
    }),
  );
  const tagHeaders = tags.map((t) => t.path.join(PATH_SEPARATOR));
  const rows: CsvCell[][] = [];
  if (unit === 'article') {
    const counts = new Map<number, number[]>();
    for (const [, articleId, tagId] of passages) {
      let row = counts.get(articleId);
      if (!row) counts.set(articleId, (row = tags.map(() => 0)));
      for (const c of columnsOf.get(tagId) ?? []) row[c]!++;
    }
    // A tag applied to the whole article counts once, like a passage.
    for (const [articleId, tagId] of selectArticleCodes(db, selection)) {
      let row = counts.get(articleId);
      if (!row) counts.set(articleId, (row = tags.map(() => 0)));
      for (const c of columnsOf.get(tagId) ?? []) row[c]!++;
    }
    for (const [id, cells] of articleCells) {
      const row = counts.get(id) ?? tags.map(() => 0);
      rows.push([...cells, ...(presence ? row.map((n) => (n > 0 ? 1 : 0)) : row)]);
    }
    const csv = (options.bom ? '\uFEFF' : '') + csvDocument([...articleColumns, ...tagHeaders], rows);
    return { fileName: `framelens-matrix-articles-${now().slice(0, 10)}.csv`, csv, rows: rows.length, columns: tagHeaders.length };
  }
  passages.sort((x, y) => x[1] - y[1] || x[3] - y[3] || x[0] - y[0]);
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  let mapperFor = -1;
  let toCodePoints: (offset: number) => number = (o) => o;
  for (const [id, articleId, tagId, start, end, annotator] of passages) {
    if (articleId !== mapperFor) {
      mapperFor = articleId;
      toCodePoints = codePointMapper(text.get(articleId) as string);
    }
    const row = tags.map(() => 0);
    for (const c of columnsOf.get(tagId) ?? []) row[c] = 1;
    rows.push([id, ...articleCells.get(articleId)!, toCodePoints(start), toCodePoints(end), annotator, ...row]);
  }
  const header = ['annotation_id', ...articleColumns, 'start', 'end', 'annotator', ...tagHeaders];
  const csv = (options.bom ? '\uFEFF' : '') + csvDocument(header, rows);
  return { fileName: `framelens-matrix-passages-${now().slice(0, 10)}.csv`, csv, rows: rows.length, columns: tagHeaders.length };
}

/**
 * Tag × tag: with scope passage, the passages of the row's tag that overlap a passage of the column's
 * (the diagonal: the tag's passages); with scope article, the articles holding both (the diagonal: the
 * articles holding the tag). Each tag on its own, as in the whole-codebook view.
 */
export function cooccurrenceMatrix(db: Db, deps: Deps, options: { scope?: 'passage' | 'article'; filter?: ArticleFilter; bom?: boolean } = {}) {
  const scope = options.scope ?? 'passage';
  const result = compareCooccurrence(db, deps, { filter: options.filter });
  const index = new Map(result.tags.map((t, i) => [t.id, i]));
  const grid = result.tags.map(() => result.tags.map(() => 0));
  result.tags.forEach((t, i) => (grid[i]![i] = scope === 'passage' ? t.passages : t.articles));
  for (const p of result.pairs) {
    const [a, b] = [index.get(p.a)!, index.get(p.b)!];
    grid[a]![b] = scope === 'passage' ? p.aOverlappingB : p.sharedArticles;
    grid[b]![a] = scope === 'passage' ? p.bOverlappingA : p.sharedArticles;
  }
  const labels = result.tags.map((t) => t.label);
  const csv =
    (options.bom ? '\uFEFF' : '') +
    csvDocument(
      ['tag', ...labels],
      grid.map((row, i) => [labels[i]!, ...row]),
    );
  return { fileName: `framelens-cooccurrence-${scope}-${now().slice(0, 10)}.csv`, csv, rows: labels.length, columns: labels.length };
}
