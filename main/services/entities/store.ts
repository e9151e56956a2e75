// Entities and their mentions as stored in the project, and the analyst's curation of them. Detection
// proposes; this module decides what is kept: ignored names, rejected mentions and manual mentions
// are honoured every time detection runs again, and renames and merges hold through the alias table.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import type { ArticleFilter, Entity, EntityType, Mention } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { now } from '../clock.ts';
import type { ArticleService } from '../articles.ts';
import { splitsSurrogatePair } from '../text/offsets.ts';
import type { VariableService } from '../variables/store.ts';
import { articleFilterSql } from '../variables/filter.ts';
import type { Mention as DetectedMention, TypeReason } from './detect/types.ts';

/** Why an entity or mention has its type, as stored: detection's reason, or the analyst's choice. */
export type StoredReason = { type: EntityType; source: TypeReason['source'] | 'analyst'; detail: string; confidence?: number; rulesOnly?: boolean };

const ANALYST = (type: EntityType): StoredReason => ({ type, source: 'analyst', detail: 'set by the analyst' });

function reasonJson(type: EntityType, why: TypeReason | undefined): string | null {
  if (!why) return null;
  const r: StoredReason = { type, source: why.source, detail: why.detail };
  if (why.confidence !== undefined) r.confidence = Math.round(why.confidence * 1000) / 1000;
  if (why.rulesOnly) r.rulesOnly = true;
  return JSON.stringify(r);
}

function parseReason(json: string | null): StoredReason | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredReason;
  } catch {
    return null;
  }
}

type EntityRow = { id: number; name: string; type: EntityType; mention_count: number; article_count: number };
type MentionRow = {
  id: number;
  article_id: number;
  entity_id: number;
  entity: string;
  type: EntityType;
  start: number;
  end: number;
  text: string;
  origin: 'detected' | 'manual';
};

const toMention = (r: MentionRow): Mention => ({
  id: r.id,
  articleId: r.article_id,
  entityId: r.entity_id,
  entity: r.entity,
  type: r.type,
  start: r.start,
  end: r.end,
  text: r.text,
  origin: r.origin,
});

const MENTION_COLUMNS = 'm.id, m.article_id, m.entity_id, e.name AS entity, e.type, m.start, m."end", m.text, m.origin';

export function entityStore(db: Db, deps: { articles: ArticleService; variables: VariableService }) {
  const aliasLookup = db.prepare('SELECT entity_id FROM entity_aliases WHERE alias = ?').pluck();
  const insertEntity = db.prepare('INSERT INTO entities (name, type, created_at, type_reason) VALUES (?, ?, ?, ?)');
  const insertAlias = db.prepare('INSERT OR IGNORE INTO entity_aliases (alias, entity_id) VALUES (?, ?)');
  const aliasesOf = db.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias COLLATE NOCASE').pluck();
  const entityRow = db.prepare(
    `SELECT e.id, e.name, e.type, count(m.id) AS mention_count, count(DISTINCT m.article_id) AS article_count
     FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.id = ? GROUP BY e.id`,
  );
  const insertMention = db.prepare(
    `INSERT INTO mentions (article_id, entity_id, start, "end", text, detected_as, origin, type_reason)
     VALUES (@articleId, @entityId, @start, @end, @text, @detectedAs, @origin, @reason)
     ON CONFLICT (article_id, start, "end") DO UPDATE SET entity_id = excluded.entity_id, text = excluded.text,
       detected_as = excluded.detected_as, origin = excluded.origin, type_reason = excluded.type_reason`,
  );
  const mentionById = db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.id = ?`);
  const mentionsOfArticle = db.prepare(
    `SELECT ${MENTION_COLUMNS} FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start, m."end"`,
  );
  const ignoredNames = db.prepare('SELECT name FROM ignored_names ORDER BY name').pluck();

  function get(id: number): Entity {
    const row = entityRow.get(id) as EntityRow | undefined;
    if (!row) throw notFound(`Entity ${id}`);
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      aliases: aliasesOf.all(id) as string[],
      mentionCount: row.mention_count,
      articleCount: row.article_count,
    };
  }

  /** The entity a name leads to, created (with the name as its first alias) when none does. */
  function resolve(name: string, type: EntityType, reason: string | null = null): number {
    const found = aliasLookup.get(name) as number | undefined;
    if (found !== undefined) return found;
    const id = Number(insertEntity.run(name, type, now(), reason).lastInsertRowid);
    insertAlias.run(name, id);
    return id;
  }

  function ignoreSet(): Set<string> {
    return new Set((ignoredNames.all() as string[]).map((n) => n.toLowerCase()));
  }

  /**
   * Removes those of the given entities that nothing refers to any more and that the analyst never
   * touched; only they are looked at, so the cost follows the article, not the project.
   */
  const pruneOne = db.prepare(
    `DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)
       AND (SELECT count(*) FROM entity_aliases a WHERE a.entity_id = entities.id) <= 1`,
  );
  function pruneOrphans(ids: Iterable<number>) {
    for (const id of new Set(ids)) pruneOne.run(id);
  }

  /**
   * Replaces an article's detected mentions with a new detection, keeping the analyst's work: manual
   * mentions stay (and win over overlapping proposals), rejected spans and ignored names stay out.
   */
  const applyDetection = writeTransaction(db, (articleId: number, detected: DetectedMention[], language: string | null) => {
    const before = db.prepare("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND origin = 'detected'").pluck().all(articleId) as number[];
    db.prepare("DELETE FROM mentions WHERE article_id = ? AND origin = 'detected'").run(articleId);
    const manual = db.prepare('SELECT start, "end" FROM mentions WHERE article_id = ?').all(articleId) as { start: number; end: number }[];
    const rejected = new Set(
      (db.prepare('SELECT start, "end" FROM rejected_mentions WHERE article_id = ?').all(articleId) as { start: number; end: number }[]).map(
        (r) => `${r.start}:${r.end}`,
      ),
    );
    const ignored = ignoreSet();
    let added = 0;
    for (const m of detected) {
      if (rejected.has(`${m.start}:${m.end}`)) continue;
      if (ignored.has(m.entity.toLowerCase()) || ignored.has(m.text.toLowerCase())) continue;
      if (manual.some((x) => x.start < m.end && m.start < x.end)) continue;
      const reason = reasonJson(m.type, m.why);
      insertMention.run({
        articleId,
        entityId: resolve(m.entity, m.type, reason),
        start: m.start,
        end: m.end,
        text: m.text,
        detectedAs: m.entity,
        origin: 'detected',
        reason,
      });
      added++;
    }
    db.prepare(
      'INSERT INTO detection_state (article_id, language, detected_at) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET language = excluded.language, detected_at = excluded.detected_at',
    ).run(articleId, language, now());
    pruneOrphans(before);
    return added;
  });

  function list(input: { articleId?: number; type?: EntityType; search?: string; articles?: ArticleFilter }): Entity[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (input.articles) {
      const articles = articleFilterSql(input.articles, deps.variables.lookup());
      where.push(`m.article_id IN (SELECT a.id FROM articles a WHERE ${articles.where})`);
      params.push(...(articles.params as (string | number)[]));
    }
    if (input.articleId !== undefined) {
      where.push('m.article_id = ?');
      params.push(input.articleId);
    }
    if (input.type) {
      where.push('e.type = ?');
      params.push(input.type);
    }
    if (input.search?.trim()) {
      where.push("e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ESCAPE '\\')");
      params.push(`%${input.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const rows = db
      .prepare(
        `SELECT e.id, e.name, e.type, count(m.id) AS mention_count, count(DISTINCT m.article_id) AS article_count
         FROM entities e JOIN mentions m ON m.entity_id = e.id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         GROUP BY e.id ORDER BY mention_count DESC, e.name COLLATE NOCASE`,
      )
      .all(...params) as EntityRow[];
    const aliases = new Map<number, string[]>();
    for (const r of db.prepare('SELECT entity_id, alias FROM entity_aliases ORDER BY alias COLLATE NOCASE').all() as { entity_id: number; alias: string }[]) {
      if (!aliases.has(r.entity_id)) aliases.set(r.entity_id, []);
      aliases.get(r.entity_id)!.push(r.alias);
    }
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      aliases: aliases.get(r.id) ?? [],
      mentionCount: r.mention_count,
      articleCount: r.article_count,
    }));
  }

  const rename = writeTransaction(db, (id: number, name: string): Entity => {
    get(id);
    const owner = aliasLookup.get(name) as number | undefined;
    if (owner !== undefined && owner !== id) {
      throw conflict(`“${name}” is already a name of the entity “${get(owner).name}”; merge the two instead.`);
    }
    db.prepare('UPDATE entities SET name = ? WHERE id = ?').run(name, id);
    insertAlias.run(name, id);
    return get(id);
  });

  const setType = writeTransaction(db, (id: number, type: EntityType): Entity => {
    get(id);
    db.prepare('UPDATE entities SET type = ?, type_reason = ? WHERE id = ?').run(type, JSON.stringify(ANALYST(type)), id);
    return get(id);
  });

  const merge = writeTransaction(db, (targetId: number, sourceIds: number[]): Entity => {
    if (sourceIds.includes(targetId)) throw invalid('An entity cannot be merged into itself.');
    get(targetId);
    for (const sourceId of new Set(sourceIds)) {
      get(sourceId);
      db.prepare('UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?').run(targetId, sourceId);
      db.prepare('UPDATE mentions SET entity_id = ? WHERE entity_id = ?').run(targetId, sourceId);
      db.prepare('DELETE FROM entities WHERE id = ?').run(sourceId);
    }
    return get(targetId);
  });

  const split = writeTransaction(db, (id: number, alias: string) => {
    const current = get(id);
    const exact = current.aliases.find((a) => a.toLowerCase() === alias.toLowerCase());
    if (!exact) throw notFound(`“${alias}” is not a name of “${current.name}”, so it`);
    if (current.aliases.length === 1) throw invalid(`“${exact}” is the only name of this entity; there is nothing to split it from.`);
    const createdId = Number(insertEntity.run(exact, current.type, now(), null).lastInsertRowid);
    // Split apart: a later search for names linked across languages does not join them again.
    const pair = [current.name.toLowerCase(), exact.toLowerCase()].sort();
    if (pair[0] !== pair[1]) db.prepare('INSERT OR IGNORE INTO entity_link_rejections (name_a, name_b) VALUES (?, ?)').run(pair[0], pair[1]);
    db.prepare('UPDATE entity_aliases SET entity_id = ? WHERE alias = ?').run(createdId, exact);
    db.prepare('UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND (detected_as = ? COLLATE NOCASE OR text = ? COLLATE NOCASE)').run(
      createdId,
      id,
      exact,
      exact,
    );
    if (current.name.toLowerCase() === exact.toLowerCase()) {
      // The entity gave its own name away: it takes the next of its remaining names.
      const next = aliasesOf.get(id) as string;
      db.prepare('UPDATE entities SET name = ? WHERE id = ?').run(next, id);
    }
    return { from: get(id), created: get(createdId) };
  });

  const ignore = writeTransaction(db, (id: number) => {
    const current = get(id);
    const names = [...new Set([current.name, ...current.aliases])];
    const add = db.prepare('INSERT OR IGNORE INTO ignored_names (name) VALUES (?)');
    for (const n of names) add.run(n.toLowerCase());
    db.prepare('DELETE FROM entities WHERE id = ?').run(id); // its mentions and aliases go with it
    return { ignoredNames: names, removedMentions: current.mentionCount };
  });

  function ignored() {
    return { names: ignoredNames.all() as string[] };
  }

  const unignore = writeTransaction(db, (name: string) => {
    const info = db.prepare('DELETE FROM ignored_names WHERE name = ?').run(name.toLowerCase());
    if (info.changes === 0) throw notFound(`The ignored name “${name}”`);
    return ignored();
  });

  function mentions(articleId: number): Mention[] {
    deps.articles.summary(articleId);
    return (mentionsOfArticle.all(articleId) as MentionRow[]).map(toMention);
  }

  function mention(id: number): Mention {
    const row = mentionById.get(id) as MentionRow | undefined;
    if (!row) throw notFound(`Mention ${id}`);
    return toMention(row);
  }

  const addMention = writeTransaction(
    db,
    (input: { articleId: number; start: number; end: number; entityId?: number; name?: string; type?: EntityType }): Mention => {
      const text = deps.articles.text(input.articleId);
      if (input.end > text.length)
        throw invalid(`The mention ${input.start}–${input.end} lies outside the article, whose text is ${text.length} code units long.`);
      if (splitsSurrogatePair(text, input.start) || splitsSurrogatePair(text, input.end))
        throw invalid('The mention would cut a character (such as an emoji) in half.');
      const surface = text.slice(input.start, input.end);
      let entityId: number;
      if (input.entityId !== undefined) entityId = get(input.entityId).id;
      else {
        const name = input.name!;
        entityId = resolve(name, input.type ?? 'MISC', JSON.stringify(ANALYST(input.type ?? 'MISC')));
        db.prepare('DELETE FROM ignored_names WHERE name = ?').run(name.toLowerCase());
      }
      db.prepare('DELETE FROM rejected_mentions WHERE article_id = ? AND start = ? AND "end" = ?').run(input.articleId, input.start, input.end);
      const detectedAs = get(entityId).name;
      insertMention.run({
        articleId: input.articleId,
        entityId,
        start: input.start,
        end: input.end,
        text: surface,
        detectedAs,
        origin: 'manual',
        reason: JSON.stringify(ANALYST(get(entityId).type)),
      });
      const id = db
        .prepare('SELECT id FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?')
        .pluck()
        .get(input.articleId, input.start, input.end) as number;
      return mention(id);
    },
  );

  const removeMention = writeTransaction(db, (id: number) => {
    const removed = mention(id);
    if (removed.origin === 'detected') {
      db.prepare('INSERT OR IGNORE INTO rejected_mentions (article_id, start, "end") VALUES (?, ?, ?)').run(removed.articleId, removed.start, removed.end);
    }
    db.prepare('DELETE FROM mentions WHERE id = ?').run(id);
    pruneOrphans([removed.entityId]);
    return { removed };
  });

  /** Canonical names of the entities mentioned inside each span of an article, for the CSV export. */
  const mentionsInArticle = db.prepare(
    `SELECT m.start, m."end", e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start`,
  );
  function entitiesWithin(articleId: number): (start: number, end: number) => string[] {
    const rows = mentionsInArticle.all(articleId) as { start: number; end: number; name: string }[];
    return (start, end) => {
      const names: string[] = [];
      for (const r of rows) {
        if (r.start >= end) break;
        if (r.start >= start && r.end <= end && !names.includes(r.name)) names.push(r.name);
      }
      return names;
    };
  }

  const entityReason = db.prepare('SELECT type, type_reason FROM entities WHERE id = ?');
  const mentionReasons = db.prepare('SELECT type_reason, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY type_reason ORDER BY n DESC');

  /**
   * Why the entity has its type: the reason it was first given (or the analyst's choice), and how its
   * mentions were typed, grouped by reason (one entity's mentions, through their index).
   */
  function why(id: number) {
    const row = entityReason.get(id) as { type: EntityType; type_reason: string | null } | undefined;
    if (!row) throw notFound(`Entity ${id}`);
    const groups = new Map<
      string,
      { type: EntityType; source: StoredReason['source']; detail: string; count: number; confidenceSum: number; confident: number; rulesOnly: boolean }
    >();
    let unexplained = 0;
    for (const r of mentionReasons.all(id) as { type_reason: string | null; n: number }[]) {
      const reason = parseReason(r.type_reason);
      if (!reason) {
        unexplained += r.n;
        continue;
      }
      // The tagger's reasons differ only in confidence: one group per source, detail and type.
      const key = `${reason.type}\t${reason.source}\t${reason.detail}`;
      let g = groups.get(key);
      if (!g)
        groups.set(key, (g = { type: reason.type, source: reason.source, detail: reason.detail, count: 0, confidenceSum: 0, confident: 0, rulesOnly: false }));
      g.count += r.n;
      if (reason.confidence !== undefined) {
        g.confidenceSum += reason.confidence * r.n;
        g.confident += r.n;
      }
      if (reason.rulesOnly) g.rulesOnly = true;
    }
    const reason = parseReason(row.type_reason);
    return {
      type: row.type,
      reason: reason
        ? { type: reason.type, source: reason.source, detail: reason.detail, confidence: reason.confidence ?? null, rulesOnly: reason.rulesOnly === true }
        : null,
      mentions: [...groups.values()]
        .sort((a, b) => b.count - a.count)
        .slice(0, 8)
        .map((g) => ({
          type: g.type,
          source: g.source,
          detail: g.detail,
          count: g.count,
          confidence: g.confident ? Math.round((g.confidenceSum / g.confident) * 1000) / 1000 : null,
          rulesOnly: g.rulesOnly,
        })),
      unexplained,
    };
  }

  return {
    get,
    resolve,
    why,
    ignoreSet,
    applyDetection,
    list,
    rename,
    setType,
    merge,
    split,
    ignore,
    ignored,
    unignore,
    mentions,
    mention,
    addMention,
    removeMention,
    entitiesWithin,
  };
}

export type EntityStore = ReturnType<typeof entityStore>;
