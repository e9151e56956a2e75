// The data behind the entity charts: top entities, mentions over time, entities × framing tags,
// mentions per article, and the mentions in context behind any bar or cell. All share one filter.
import type { Db } from '../../../db/connection.ts';
import type { ChartFilters, KwicLine } from '../../api/contract.ts';
import type { TagService } from '../tags.ts';
import { PATH_SEPARATOR } from '../tags.ts';
import { backCodePoints, forwardCodePoints } from '../text/offsets.ts';
import type { VariableService } from '../variables/store.ts';
import { articleFilterSql } from '../variables/filter.ts';

const KWIC_CONTEXT = 60;

type Sql = { where: string; params: (string | number)[] };

export function chartService(db: Db, deps: { tags: TagService; variables: VariableService }) {
  /** The tag ids a filter or a cell means: each chosen tag with all its subtags. */
  function withSubtags(tagIds: number[]): number[] {
    const all = deps.tags.list();
    const chosen = new Set(tagIds);
    const byId = new Map(all.map((t) => [t.id, t]));
    return all
      .filter((t) => {
        for (let x = byId.get(t.id); x; x = x.parentId ? byId.get(x.parentId) : undefined) if (chosen.has(x.id)) return true;
        return false;
      })
      .map((t) => t.id);
  }

  // Lists arrive as one JSON parameter (json_each): any length, where SQLite caps `?` parameters.
  const byCoders = (alias: string, coders: readonly string[] | undefined) => (coders ? ` AND ${alias}.annotator IN (SELECT value FROM json_each(?))` : '');
  const coderParams = (filters: ChartFilters | undefined) => (filters?.articles?.coders ? [JSON.stringify(filters.articles.coders)] : []);
  /**
   * Inside a passage of these tags, or in an article a coder gave one of them as a whole; by the filter's
   * coders when it names any. Its parameters: `insideTagsParams`.
   */
  const insideTags = (coders: readonly string[] | undefined) =>
    `(EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = m.article_id AND n.tag_id IN (SELECT value FROM json_each(?))
       AND n.start <= m.start AND n."end" >= m."end"${byCoders('n', coders)})
     OR EXISTS (SELECT 1 FROM article_codes c WHERE c.article_id = m.article_id AND c.tag_id IN (SELECT value FROM json_each(?))${byCoders('c', coders)}))`;
  const insideTagsParams = (tagIds: number[], filters: ChartFilters | undefined) => {
    const one = [JSON.stringify(tagIds), ...coderParams(filters)];
    return [...one, ...one];
  };

  /** SQL conditions over mentions m, entities e and articles a for a filter. */
  function filterSql(filters: ChartFilters = {}): Sql {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filters.types?.length) {
      where.push('e.type IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filters.types));
    }
    if (filters.sources?.length) {
      where.push('a.source IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filters.sources));
    }
    if (filters.from) {
      where.push('a.published_at >= ?');
      params.push(filters.from);
    }
    if (filters.to) {
      where.push('a.published_at <= ?');
      params.push(filters.to);
    }
    if (filters.tagIds?.length) {
      const ids = withSubtags(filters.tagIds);
      where.push(insideTags(filters.articles?.coders));
      params.push(...insideTagsParams(ids, filters));
    }
    if (filters.articles) {
      // The article filter is written over `articles a`, as these queries name the article too.
      const articles = articleFilterSql(filters.articles, deps.variables.lookup());
      where.push(`(${articles.where})`);
      params.push(...(articles.params as (string | number)[]));
    }
    return { where: where.length ? where.join(' AND ') : '1', params };
  }

  const FROM = 'FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id';

  function topEntities(filters: ChartFilters | undefined, limit = 20) {
    const f = filterSql(filters);
    const rows = db
      .prepare(
        `SELECT e.id AS entityId, e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
         ${FROM} WHERE ${f.where} GROUP BY e.id ORDER BY mentions DESC, e.name COLLATE NOCASE LIMIT ?`,
      )
      .all(...f.params, limit);
    return { rows: rows as { entityId: number; name: string; type: 'PER' | 'LOC' | 'ORG' | 'MISC'; mentions: number; articles: number }[] };
  }

  const bucketExpr = (granularity: 'day' | 'month' | 'year') =>
    granularity === 'day' ? 'a.published_at' : granularity === 'month' ? 'substr(a.published_at, 1, 7)' : 'substr(a.published_at, 1, 4)';

  function timeline(entityIds: number[], filters: ChartFilters | undefined, granularity: 'day' | 'month' | 'year' = 'month') {
    const f = filterSql(filters);
    const ids = entityIds.map(() => '?').join(',');
    const rows = db
      .prepare(
        `SELECT e.id AS entityId, e.name, ${bucketExpr(granularity)} AS bucket, count(*) AS n
         ${FROM} WHERE ${f.where} AND m.entity_id IN (${ids}) GROUP BY e.id, bucket ORDER BY bucket`,
      )
      .all(...f.params, ...entityIds) as { entityId: number; name: string; bucket: string | null; n: number }[];
    const buckets = [...new Set(rows.filter((r) => r.bucket).map((r) => r.bucket!))].sort();
    const names = new Map<number, string>(
      (db.prepare(`SELECT id, name FROM entities WHERE id IN (${ids})`).all(...entityIds) as { id: number; name: string }[]).map((r) => [r.id, r.name]),
    );
    const series = entityIds
      .filter((id) => names.has(id))
      .map((id) => ({
        entityId: id,
        name: names.get(id)!,
        counts: buckets.map((b) => rows.find((r) => r.entityId === id && r.bucket === b)?.n ?? 0),
      }));
    const undated = rows.filter((r) => !r.bucket).reduce((n, r) => n + r.n, 0);
    return { buckets, series, undated };
  }

  /**
   * Mentions inside tagged passages, per entity and tag; a tag given to a whole article holds all the
   * article's mentions. A tag's cell counts its subtags' passages too (each mention once), so a cell
   * agrees with the mentions listed when it is clicked.
   */
  function entityTags(filters: ChartFilters | undefined, limit = 20) {
    const f = filterSql(filters);
    const tags = deps.tags.list();
    const coders = filters?.articles?.coders;
    const hits = `hits(mention, entity, tag) AS (
      SELECT m.id, m.entity_id, n.tag_id ${FROM}
        JOIN annotations n ON n.article_id = m.article_id AND n.start <= m.start AND n."end" >= m."end"${byCoders('n', coders)} WHERE ${f.where}
      UNION ALL
      SELECT m.id, m.entity_id, c.tag_id ${FROM} JOIN article_codes c ON c.article_id = m.article_id${byCoders('c', coders)} WHERE ${f.where})`;
    const hitParams = [...coderParams(filters), ...f.params, ...coderParams(filters), ...f.params];
    const top = db
      .prepare(`WITH ${hits} SELECT entity AS id, count(DISTINCT mention) AS total FROM hits GROUP BY entity ORDER BY total DESC, entity LIMIT ?`)
      .all(...hitParams, limit) as { id: number }[];
    if (top.length === 0) return { entities: [], tags: [], cells: [] };
    const ids = top.map((t) => t.id);
    const marks = ids.map(() => '?').join(',');
    const cells = db
      .prepare(
        `WITH RECURSIVE lineage(tag_id, ancestor) AS (
           SELECT id, id FROM tags
           UNION ALL SELECT lineage.tag_id, t.parent_id FROM lineage JOIN tags t ON t.id = lineage.ancestor WHERE t.parent_id IS NOT NULL
         ), ${hits}
         SELECT entity AS entityId, lineage.ancestor AS tagId, count(DISTINCT mention) AS mentions
         FROM hits JOIN lineage ON lineage.tag_id = hits.tag
         WHERE entity IN (${marks}) GROUP BY entity, lineage.ancestor`,
      )
      .all(...hitParams, ...ids) as { entityId: number; tagId: number; mentions: number }[];
    const entities = (
      db.prepare(`SELECT id, name, type FROM entities WHERE id IN (${marks})`).all(...ids) as {
        id: number;
        name: string;
        type: 'PER' | 'LOC' | 'ORG' | 'MISC';
      }[]
    ).sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
    const usedTags = new Set(cells.map((c) => c.tagId));
    return {
      entities,
      tags: tags.filter((t) => usedTags.has(t.id)).map((t) => ({ id: t.id, path: t.path.join(PATH_SEPARATOR), color: t.color })),
      cells,
    };
  }

  function entityArticles(entityId: number, filters: ChartFilters | undefined) {
    const f = filterSql(filters);
    const rows = db
      .prepare(
        `SELECT a.id AS articleId, a.title, a.source, a.published_at AS publishedAt, count(*) AS mentions
         ${FROM} WHERE ${f.where} AND m.entity_id = ? GROUP BY a.id ORDER BY mentions DESC, a.published_at, a.id`,
      )
      .all(...f.params, entityId);
    return { rows: rows as { articleId: number; title: string; source: string | null; publishedAt: string | null; mentions: number }[] };
  }

  function kwic(input: { entityId: number; tagId?: number; articleId?: number; bucket?: string; filters?: ChartFilters; limit?: number }) {
    const f = filterSql(input.filters);
    let where = `${f.where} AND m.entity_id = ?`;
    const params = [...f.params, input.entityId];
    if (input.tagId !== undefined) {
      const ids = withSubtags([input.tagId]);
      where += ` AND ${insideTags(input.filters?.articles?.coders)}`;
      params.push(...insideTagsParams(ids, input.filters));
    }
    if (input.articleId !== undefined) {
      where += ' AND m.article_id = ?';
      params.push(input.articleId);
    }
    if (input.bucket) {
      where += ' AND a.published_at LIKE ?';
      params.push(`${input.bucket}%`);
    }
    const total = db
      .prepare(`SELECT count(*) ${FROM} WHERE ${where}`)
      .pluck()
      .get(...params) as number;
    const rows = db
      .prepare(
        `SELECT m.id AS mentionId, a.id AS articleId, a.title AS articleTitle, a.published_at AS publishedAt, a.source, m.start, m."end", m.text
         ${FROM} WHERE ${where} ORDER BY a.published_at, a.id, m.start LIMIT ?`,
      )
      .all(...params, input.limit ?? 500) as Omit<KwicLine, 'before' | 'after'>[];
    const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
    let cachedId = -1;
    let text = '';
    const lines = rows.map((r) => {
      if (r.articleId !== cachedId) {
        cachedId = r.articleId;
        text = textOf.get(r.articleId) as string;
      }
      const flat = (s: string) => s.replace(/\s+/g, ' ');
      return {
        ...r,
        before: flat(text.slice(backCodePoints(text, r.start, KWIC_CONTEXT), r.start)),
        after: flat(text.slice(r.end, forwardCodePoints(text, r.end, KWIC_CONTEXT))),
      };
    });
    return { lines, total };
  }

  return { topEntities, timeline, entityTags, entityArticles, kwic };
}
