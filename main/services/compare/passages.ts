// What every comparison reads: the articles the filter matches and their passages, with each tag's
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
};

export function selectPassages(db: Db, variables: VariableService, filter: ArticleFilter | undefined): Selection {
  const where = articleFilterSql(filter, variables.lookup());
  const articleIds = db
    .prepare(`SELECT a.id FROM articles a WHERE ${where.where}`)
    .pluck()
    .all(...where.params) as number[];
  const passages = db
    .prepare(
      `SELECT n.id, n.article_id, n.tag_id, n.start, n."end", n.annotator FROM annotations n
       WHERE n.article_id IN (SELECT a.id FROM articles a WHERE ${where.where}) ORDER BY n.article_id, n.start`,
    )
    .raw()
    .all(...where.params) as PassageRow[];
  return { articleIds, passages, where };
}

/** Which sides each tag belongs to, by tag id. */
export function sidesByTag(sides: CompareResult['sides']): Map<number, number[]> {
  const out = new Map<number, number[]>();
  sides.forEach((side, s) => side.tagIds.forEach((t) => out.set(t, [...(out.get(t) ?? []), s])));
  return out;
}
