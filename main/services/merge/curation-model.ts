// This project's entities as a merge plans changes to them: read once, changed in memory, and every
// change recorded as an operation for apply.ts, so each later step of the plan sees what the earlier
// ones will have done by the time it is written.
import type { Db } from '../../../db/connection.ts';
import type { EntityType } from '../../api/contract.ts';
import { now } from '../clock.ts';

export type CurationOp =
  | { op: 'entity'; id: number; name: string; type: EntityType; created_at: string }
  | { op: 'alias'; entityId: number; alias: string }
  | { op: 'rename'; entityId: number; name: string }
  | { op: 'merge'; from: number; into: number }
  | { op: 'ignore'; name: string }
  | { op: 'delete-entity'; entityId: number }
  | { op: 'reject'; articleId: number; start: number; end: number }
  | { op: 'delete-mention'; articleId: number; start: number; end: number }
  | { op: 'mention'; articleId: number; entityId: number; start: number; end: number; text: string; detectedAs: string };

export type ModelEntity = { id: number; name: string; type: EntityType; aliases: string[] };
type MentionState = { entityId: number; origin: 'detected' | 'manual' } | null;

/** Aliases and ignored names are unique regardless of case; comparing lower-cased is at least as strict. */
export const nameKey = (name: string) => name.toLowerCase();
const spanKey = (articleId: number, start: number, end: number) => `${articleId}:${start}:${end}`;

export function dedupeNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(nameKey(n)) && seen.add(nameKey(n)));
}

export function entityModel(db: Db) {
  const entities = new Map<number, ModelEntity>();
  for (const e of db.prepare('SELECT id, name, type FROM entities').all() as Omit<ModelEntity, 'aliases'>[]) entities.set(e.id, { ...e, aliases: [] });
  const owner = new Map<string, number>();
  for (const [alias, id] of db.prepare('SELECT alias, entity_id FROM entity_aliases').raw().all() as [string, number][]) {
    entities.get(id)?.aliases.push(alias);
    owner.set(nameKey(alias), id);
  }
  const ignored = new Set((db.prepare('SELECT name FROM ignored_names').pluck().all() as string[]).map(nameKey));
  const rejected = new Set(
    (db.prepare('SELECT article_id, start, "end" FROM rejected_mentions').raw().all() as [number, number, number][]).map(([a, s, e]) => spanKey(a, s, e)),
  );
  const manual = new Set(db.prepare("SELECT DISTINCT entity_id FROM mentions WHERE origin = 'manual'").pluck().all() as number[]);
  const mentionLookup = db.prepare('SELECT entity_id, origin FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?');
  const mentionCount = db.prepare('SELECT count(*) FROM mentions WHERE entity_id = ?').pluck();
  let maxId = db.prepare('SELECT coalesce(max(id), 0) FROM entities').pluck().get() as number;
  /** Entities merged away, to the one they went into; entities deleted; mentions changed by the plan. */
  const redirect = new Map<number, number>();
  const deleted = new Set<number>();
  const overlay = new Map<string, MentionState>();
  const ops: CurationOp[] = [];
  const stamp = now();

  const follow = (id: number) => {
    while (redirect.has(id)) id = redirect.get(id)!;
    return id;
  };

  const model = {
    ops,
    entity: (id: number) => entities.get(id)!,
    ownerOf: (name: string) => owner.get(nameKey(name)),
    /** The distinct entities that hold any of the names. */
    owners: (names: readonly string[]) => [...new Set(names.map((n) => owner.get(nameKey(n))).filter((id): id is number => id !== undefined))],
    isIgnored: (name: string) => ignored.has(nameKey(name)),
    isRejected: (articleId: number, start: number, end: number) => rejected.has(spanKey(articleId, start, end)),
    /** The analyst here has touched it: it has more than one name, or a mention added by hand. */
    isCurated: (id: number) => entities.get(id)!.aliases.length > 1 || manual.has(id),
    /** Mentions the entity has in the project as it stands (before the plan). */
    mentionCount: (id: number) => mentionCount.get(id) as number,

    /** The mention at a span as it will be once the operations planned so far are written. */
    mentionAt(articleId: number, start: number, end: number): MentionState {
      const span = spanKey(articleId, start, end);
      if (overlay.has(span)) return overlay.get(span)!;
      const row = mentionLookup.get(articleId, start, end) as { entity_id: number; origin: 'detected' | 'manual' } | undefined;
      if (!row) return null;
      const entityId = follow(row.entity_id);
      return deleted.has(entityId) ? null : { entityId, origin: row.origin };
    },

    create(name: string, type: EntityType, names: readonly string[]): number {
      const id = ++maxId;
      ops.push({ op: 'entity', id, name, type, created_at: stamp });
      entities.set(id, { id, name, type, aliases: [] });
      for (const n of names) model.addAlias(id, n);
      return id;
    },
    addAlias(id: number, alias: string) {
      ops.push({ op: 'alias', entityId: id, alias });
      entities.get(id)!.aliases.push(alias);
      owner.set(nameKey(alias), id);
    },
    rename(id: number, name: string) {
      ops.push({ op: 'rename', entityId: id, name });
      entities.get(id)!.name = name;
    },
    /** Moves every name and mention of `from` to `into`, as the entity store's merge does. */
    merge(into: number, from: number) {
      ops.push({ op: 'merge', from, into });
      const gone = entities.get(from)!;
      for (const a of gone.aliases) owner.set(nameKey(a), into);
      entities.get(into)!.aliases.push(...gone.aliases);
      if (manual.has(from)) manual.add(into);
      entities.delete(from);
      redirect.set(from, into);
    },
    ignoreName(name: string) {
      if (ignored.has(nameKey(name))) return;
      ops.push({ op: 'ignore', name: nameKey(name) });
      ignored.add(nameKey(name));
    },
    /** Ignores all of an entity's names and deletes it with its mentions, as the entity store's ignore does. */
    ignoreEntity(id: number) {
      const entity = entities.get(id)!;
      for (const n of dedupeNames([entity.name, ...entity.aliases])) model.ignoreName(n);
      ops.push({ op: 'delete-entity', entityId: id });
      for (const a of entity.aliases) owner.delete(nameKey(a));
      entities.delete(id);
      deleted.add(id);
    },
    reject(articleId: number, start: number, end: number) {
      const span = spanKey(articleId, start, end);
      if (model.mentionAt(articleId, start, end)) {
        ops.push({ op: 'delete-mention', articleId, start, end });
        overlay.set(span, null);
      }
      ops.push({ op: 'reject', articleId, start, end });
      rejected.add(span);
    },
    addManualMention(articleId: number, entityId: number, start: number, end: number, text: string) {
      ops.push({ op: 'mention', articleId, entityId, start, end, text, detectedAs: entities.get(entityId)!.name });
      overlay.set(spanKey(articleId, start, end), { entityId, origin: 'manual' });
      manual.add(entityId);
    },
  };
  return model;
}

export type EntityModel = ReturnType<typeof entityModel>;
