// What every comparison reads: the articles the filter matches and their passages (only the coders'
// the filter names, when it names any), with each tag's
// sides (a passage of a subtag belongs to every chosen tag above it).
import type { Db } from '../../../db/connection.ts';
import type { ArticleFilter, CompareResult } from '../../api/contract.ts';
import { articleFilterSql } from '../variables/filter.ts';
import type { VariableService } from '../variables/store.ts';

export type PassageRow = [id: number, articleId: number, tagId: number, start: number, end: number, annotator: string];

export type Selection = {
  articleIds: number[];
  passages: PassageRow[];
  /** The article filter as SQL over `articles a`, for further queries over the same articles. */
  where: { where: string; params: unknown[] };
  /** Only these coders' codes, when the filter names coders. */
  coders: readonly string[] | undefined;
};

/**
 * The filter's articles and their passages (in no particular order: reading the table in its own order
 * is several times faster than by the article index); with `tagIds`, only the passages of those tags;
 * the coder's name only when `annotators` asks for it.
 */
export function selectPassages(
  db: Db,
  variables: VariableService,
  filter: ArticleFilter | undefined,
  options: { tagIds?: readonly number[]; annotators?: boolean } = {},
): Selection {
  const { tagIds } = options;
  const where = articleFilterSql(filter, variables.lookup());
  const articleIds = db
    .prepare(`SELECT a.id FROM articles a WHERE ${where.where}`)
    .pluck()
    .all(...where.params) as number[];
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (where.where !== '1') {
    conditions.push(`n.article_id IN (SELECT a.id FROM articles a WHERE ${where.where})`);
    params.push(...where.params);
  }
  if (tagIds) {
    conditions.push('n.tag_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(tagIds));
  }
  if (filter?.coders) {
    conditions.push('n.annotator IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.coders));
  }
  // As one JSON array: 100,000 rows come out of SQLite about twice as fast this way as row by row.
  const passages = JSON.parse(
    db
      .prepare(
        `SELECT json_group_array(json_array(n.id, n.article_id, n.tag_id, n.start, n."end", ${options.annotators ? 'n.annotator' : "''"}))
         FROM annotations n ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`,
      )
      .pluck()
      .get(...params) as string,
  ) as PassageRow[];
  return { articleIds, passages, where, coders: filter?.coders };
}

export type ArticleCodeRow = [articleId: number, tagId: number, annotator: string];

/** The tags coders applied to whole articles, for the same filter and tags: they count as the article carrying the tag. */
export function selectArticleCodes(db: Db, selection: Selection, tagIds?: readonly number[]): ArticleCodeRow[] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (selection.where.where !== '1') {
    conditions.push(`c.article_id IN (SELECT a.id FROM articles a WHERE ${selection.where.where})`);
    params.push(...selection.where.params);
  }
  if (tagIds) {
    conditions.push('c.tag_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(tagIds));
  }
  if (selection.coders) {
    conditions.push('c.annotator IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(selection.coders));
  }
  return db
    .prepare(`SELECT c.article_id, c.tag_id, c.annotator FROM article_codes c ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`)
    .raw()
    .all(...params) as ArticleCodeRow[];
}

/** Which sides each tag belongs to, by tag id. */
export function sidesByTag(sides: CompareResult['sides']): Map<number, number[]> {
  const out = new Map<number, number[]>();
  sides.forEach((side, s) => side.tagIds.forEach((t) => out.set(t, [...(out.get(t) ?? []), s])));
  return out;
}
