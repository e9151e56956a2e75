// Coders: everyone whose codes the project holds, by name, with a colour. A coder is registered the
// first time a code is stored under the name; renaming a coder carries the new name to all of its work.
import type { Db } from '../../../db/connection.ts';
import { writeTransaction } from '../../../db/connection.ts';
import { CODER_PALETTE } from '../../../db/migrations/005-coders.ts';
import type { Coder } from '../../api/team-methods.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { now } from '../clock.ts';

type CoderRow = { id: number; name: string; color: string; consensus: number };

/** Tables that store a coder's name with its work. */
const WORK_TABLES = ['annotations', 'deleted_annotations', 'article_codes', 'article_done'] as const;

export function coderService(db: Db) {
  const byName = db.prepare('SELECT id, name, color, consensus FROM coders WHERE name = ?');
  const byId = db.prepare('SELECT id, name, color, consensus FROM coders WHERE id = ?');
  const insert = db.prepare('INSERT INTO coders (name, color, consensus, created_at) VALUES (?, ?, ?, ?)');
  const countCoders = db.prepare('SELECT count(*) FROM coders').pluck();
  const counts = db.prepare(
    `SELECT c.id,
       (SELECT count(*) FROM annotations WHERE annotator = c.name) AS annotations,
       (SELECT count(*) FROM article_codes WHERE annotator = c.name) AS articleCodes,
       (SELECT count(*) FROM (SELECT article_id FROM annotations WHERE annotator = c.name
                              UNION SELECT article_id FROM article_codes WHERE annotator = c.name
                              UNION SELECT article_id FROM article_done WHERE annotator = c.name)) AS articlesCoded,
       (SELECT count(*) FROM article_done WHERE annotator = c.name) AS articlesDone
     FROM coders c WHERE c.id = ?`,
  );

  function withCounts(row: CoderRow): Coder {
    const c = counts.get(row.id) as { annotations: number; articleCodes: number; articlesCoded: number; articlesDone: number };
    return { id: row.id, name: row.name, color: row.color, consensus: row.consensus === 1, ...c };
  }

  const nextColor = () => CODER_PALETTE[(countCoders.get() as number) % CODER_PALETTE.length]!;

  function list(): Coder[] {
    return (db.prepare('SELECT id, name, color, consensus FROM coders ORDER BY consensus, name COLLATE NOCASE, id').all() as CoderRow[]).map(withCounts);
  }

  function get(id: number): Coder {
    const row = byId.get(id) as CoderRow | undefined;
    if (!row) throw notFound(`Coder ${id}`);
    return withCounts(row);
  }

  /** The coder of this name, with a clear message naming the coders there are when there is none. */
  function named(name: string): CoderRow {
    const row = byName.get(name) as CoderRow | undefined;
    if (row) return row;
    const names = (db.prepare('SELECT name FROM coders ORDER BY name').pluck().all() as string[]).map((n) => `"${n}"`);
    throw new AppError(
      'NOT_FOUND',
      `There is no coder named "${name}"; ${names.length ? `the project's coders are ${names.join(', ')}` : 'the project has no coders yet'}.`,
    );
  }

  /** Registers the name as a coder if it is not one yet; returns the name. Call inside the write. */
  function ensure(name: string): string {
    if (!byName.get(name)) insert.run(name, nextColor(), 0, now());
    return name;
  }

  const create = writeTransaction(db, (input: { name: string; color?: string; consensus?: boolean }): Coder => {
    if (byName.get(input.name)) throw conflict(`There is already a coder named "${input.name}".`);
    const info = insert.run(input.name, input.color ?? nextColor(), input.consensus ? 1 : 0, now());
    return get(Number(info.lastInsertRowid));
  });

  const update = writeTransaction(db, (input: { id: number; name?: string; color?: string }): Coder => {
    const current = get(input.id);
    if (input.name !== undefined && input.name !== current.name) {
      if (byName.get(input.name)) throw conflict(`There is already a coder named "${input.name}"; pick another name.`);
      for (const table of WORK_TABLES) db.prepare(`UPDATE ${table} SET annotator = ? WHERE annotator = ?`).run(input.name, current.name);
      db.prepare("UPDATE settings SET value = ? WHERE key = 'annotator' AND value = ?").run(input.name, current.name);
      db.prepare('UPDATE coders SET name = ? WHERE id = ?').run(input.name, input.id);
    }
    if (input.color !== undefined) db.prepare('UPDATE coders SET color = ? WHERE id = ?').run(input.color, input.id);
    return get(input.id);
  });

  /** For each article (all, or those given), who coded it and who marked it done. */
  function progress(articleIds?: readonly number[]) {
    const only = articleIds ? 'WHERE article_id IN (SELECT value FROM json_each(?))' : '';
    const params = articleIds ? [JSON.stringify(articleIds)] : [];
    const rows = db
      .prepare(
        `SELECT article_id, annotator, max(done) FROM (
           SELECT article_id, annotator, 0 AS done FROM annotations ${only}
           UNION ALL SELECT article_id, annotator, 0 FROM article_codes ${only}
           UNION ALL SELECT article_id, annotator, 1 FROM article_done ${only})
         GROUP BY article_id, annotator ORDER BY article_id, annotator`,
      )
      .raw()
      .all(...params, ...params, ...params) as [number, string, number][];
    const out = new Map<number, { articleId: number; coded: string[]; done: string[] }>();
    for (const [articleId, name, done] of rows) {
      let entry = out.get(articleId);
      if (!entry) out.set(articleId, (entry = { articleId, coded: [], done: [] }));
      entry.coded.push(name);
      if (done) entry.done.push(name);
    }
    return [...out.values()];
  }

  const setDone = writeTransaction(db, (articleId: number, annotator: string, done: boolean) => {
    if (done) {
      ensure(annotator);
      db.prepare('INSERT INTO article_done (article_id, annotator, done_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(articleId, annotator, now());
    } else db.prepare('DELETE FROM article_done WHERE article_id = ? AND annotator = ?').run(articleId, annotator);
    return { articleId, annotator, done };
  });

  return { list, get, named, ensure, create, update, progress, setDone };
}

export type CoderService = ReturnType<typeof coderService>;
