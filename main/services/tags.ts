// The codebook: hierarchical tags with colour, description and an optional letter shortcut.
import { writeTransaction, type Db } from '../../db/connection.ts';
import type { Tag } from '../api/contract.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { now } from './clock.ts';

type TagRow = {
  id: number;
  parent_id: number | null;
  name: string;
  color: string;
  description: string;
  shortcut: string | null;
  position: number;
  annotation_count: number;
};

/** Distinct, readable colours handed out in turn to new tags. */
export const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000', '#dcbeff', '#ffd8b1'];

export const PATH_SEPARATOR = ' > ';

export function tagService(db: Db) {
  const rows = db.prepare(
    `SELECT t.id, t.parent_id, t.name, t.color, t.description, t.shortcut, t.position,
            (SELECT count(*) FROM annotations a WHERE a.tag_id = t.id) AS annotation_count
     FROM tags t ORDER BY t.position, t.name COLLATE NOCASE`,
  );
  const sibling = db.prepare('SELECT id FROM tags WHERE COALESCE(parent_id, 0) = COALESCE(?, 0) AND name = ? COLLATE NOCASE');
  const byShortcut = db.prepare('SELECT id, name FROM tags WHERE shortcut = ?');
  const insert = db.prepare(
    `INSERT INTO tags (parent_id, name, color, description, shortcut, position, created_at)
     VALUES (@parentId, @name, @color, @description, @shortcut, @position, @createdAt)`,
  );
  const count = db.prepare('SELECT count(*) FROM tags').pluck();

  /** Every tag with its full path, in codebook order (parents before children). */
  function list(): Tag[] {
    const all = rows.all() as TagRow[];
    const byId = new Map(all.map((r) => [r.id, r]));
    const pathOf = (row: TagRow): string[] => {
      const path: string[] = [];
      const seen = new Set<number>();
      for (let r: TagRow | undefined = row; r && !seen.has(r.id); r = r.parent_id ? byId.get(r.parent_id) : undefined) {
        seen.add(r.id);
        path.unshift(r.name);
      }
      return path;
    };
    const children = new Map<number, TagRow[]>();
    for (const r of all) {
      const key = r.parent_id ?? 0;
      if (!children.has(key)) children.set(key, []);
      children.get(key)!.push(r);
    }
    const ordered: Tag[] = [];
    const visit = (parent: number) => {
      for (const r of children.get(parent) ?? []) {
        ordered.push({
          id: r.id,
          parentId: r.parent_id,
          name: r.name,
          path: pathOf(r),
          color: r.color,
          description: r.description,
          shortcut: r.shortcut,
          position: r.position,
          annotationCount: r.annotation_count,
        });
        visit(r.id);
      }
    };
    visit(0);
    return ordered;
  }

  function get(id: number): Tag {
    const found = list().find((t) => t.id === id);
    if (!found) throw notFound(`Tag ${id}`);
    return found;
  }

  const describeParent = (parentId: number | null) => (parentId ? `under “${get(parentId).path.join(PATH_SEPARATOR)}”` : 'at the top level');

  function checkName(name: string, parentId: number | null, except?: number) {
    const other = sibling.get(parentId, name) as { id: number } | undefined;
    if (other && other.id !== except) throw conflict(`A tag named “${name}” already exists ${describeParent(parentId)}.`);
  }

  function checkShortcut(shortcut: string | null | undefined, except?: number) {
    if (!shortcut) return;
    const other = byShortcut.get(shortcut) as { id: number; name: string } | undefined;
    if (other && other.id !== except) throw conflict(`The shortcut “${shortcut}” already belongs to the tag “${other.name}”.`);
  }

  function insertTag(input: { name: string; parentId?: number | null; color?: string; description?: string; shortcut?: string | null }): number {
    const parentId = input.parentId ?? null;
    if (parentId !== null) get(parentId);
    checkName(input.name, parentId);
    checkShortcut(input.shortcut);
    const n = count.get() as number;
    const info = insert.run({
      parentId,
      name: input.name,
      color: input.color ?? PALETTE[n % PALETTE.length],
      description: input.description ?? '',
      shortcut: input.shortcut ?? null,
      position: n,
      createdAt: now(),
    });
    return Number(info.lastInsertRowid);
  }

  const create = writeTransaction(db, (input: Parameters<typeof insertTag>[0]): Tag => get(insertTag(input)));

  /** Finds each tag along the path, creating the missing ones (case-insensitive match). */
  const ensurePath = writeTransaction(db, (path: string[]): Tag => {
    let parentId: number | null = null;
    for (const name of path) {
      const found = sibling.get(parentId, name) as { id: number } | undefined;
      parentId = found ? found.id : insertTag({ name, parentId });
    }
    return get(parentId!);
  });

  function descendants(id: number): number[] {
    return db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT id FROM tags WHERE parent_id = ? UNION ALL SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id)
           SELECT id FROM sub`,
      )
      .pluck()
      .all(id) as number[];
  }

  const update = writeTransaction(
    db,
    (input: { id: number; name?: string; parentId?: number | null; color?: string; description?: string; shortcut?: string | null }): Tag => {
      const current = get(input.id);
      const parentId = input.parentId === undefined ? current.parentId : input.parentId;
      if (parentId !== null && (parentId === input.id || descendants(input.id).includes(parentId))) {
        throw invalid(`“${current.name}” cannot be moved inside itself or one of its own subtags.`);
      }
      if (parentId !== null) get(parentId);
      const name = input.name ?? current.name;
      if (name !== current.name || parentId !== current.parentId) checkName(name, parentId, input.id);
      if (input.shortcut !== undefined) checkShortcut(input.shortcut, input.id);
      db.prepare('UPDATE tags SET name = @name, parent_id = @parentId, color = @color, description = @description, shortcut = @shortcut WHERE id = @id').run({
        id: input.id,
        name,
        parentId,
        color: input.color ?? current.color,
        description: input.description ?? current.description,
        shortcut: input.shortcut === undefined ? current.shortcut : input.shortcut,
      });
      return get(input.id);
    },
  );

  /** What deleting a tag would remove: its annotations and those of all its subtags. */
  function usage(id: number) {
    get(id);
    const ids = [id, ...descendants(id)];
    const annotations = db
      .prepare('SELECT count(*) FROM annotations WHERE tag_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .get(JSON.stringify(ids)) as number;
    return { annotations, descendants: ids.length - 1 };
  }

  const remove = writeTransaction(db, (id: number) => {
    const { annotations, descendants: subtags } = usage(id);
    db.prepare('DELETE FROM tags WHERE id = ?').run(id); // subtags and annotations follow by ON DELETE CASCADE
    return { deletedTags: subtags + 1, deletedAnnotations: annotations };
  });

  /** The tag and every tag below it. */
  const subtree = (id: number): number[] => [get(id).id, ...descendants(id)];

  return { list, get, subtree, create, ensurePath, update, usage, remove };
}

export type TagService = ReturnType<typeof tagService>;
