// Writing a merge plan: one prepared statement per kind of row, run in the order the rows depend on one
// another (coders, articles, tags parents first, variables, values, codes, curation). The caller holds
// the write transaction, so a failure anywhere leaves the project as it was.
import type { Db } from '../../../db/connection.ts';
import type { CurationOp } from './curation.ts';
import type { MergePlan } from './plan.ts';

function insertAll<T extends object>(db: Db, sql: string, rows: readonly T[]): void {
  if (!rows.length) return;
  const statement = db.prepare(sql);
  for (const row of rows) statement.run(row);
}

export function applyMerge(db: Db, plan: MergePlan): void {
  insertAll(db, 'INSERT INTO coders (name, color, consensus, created_at) VALUES (@name, @color, @consensus, @created_at)', plan.coders);
  insertAll(
    db,
    `INSERT INTO articles (id, title, source, author, published_at, language, url, text, text_hash, char_count, created_at)
     VALUES (@id, @title, @source, @author, @published_at, @language, @url, @text, @text_hash, @char_count, @created_at)`,
    plan.articles,
  );
  insertAll(
    db,
    `INSERT INTO tags (id, parent_id, name, color, description, shortcut, position, created_at)
     VALUES (@id, @parent_id, @name, @color, @description, @shortcut, @position, @created_at)`,
    plan.tags,
  );
  insertAll(
    db,
    'INSERT INTO variables (id, name, type, description, position, created_at) VALUES (@id, @name, @type, @description, @position, @created_at)',
    plan.variables,
  );
  insertAll(db, 'INSERT INTO variable_categories (variable_id, value, position) VALUES (@variable_id, @value, @position)', plan.categories);
  insertAll(db, 'INSERT INTO article_values (article_id, variable_id, value) VALUES (@article_id, @variable_id, @value)', plan.values);
  insertAll(
    db,
    `INSERT INTO annotations (id, uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at)
     VALUES (@id, @uuid, @article_id, @tag_id, @start, @end, @quote, @context_before, @context_after, @note, @annotator, @created_at, @updated_at)`,
    plan.annotations,
  );
  insertAll(
    db,
    `INSERT INTO article_codes (uuid, article_id, tag_id, annotator, note, created_at, updated_at)
     VALUES (@uuid, @article_id, @tag_id, @annotator, @note, @created_at, @updated_at)`,
    plan.articleCodes,
  );
  insertAll(db, 'INSERT INTO article_done (article_id, annotator, done_at) VALUES (@article_id, @annotator, @done_at)', plan.done);
  if (plan.curation.length) applyCuration(db, plan.curation);
}

function applyCuration(db: Db, ops: readonly CurationOp[]): void {
  const run = {
    entity: db.prepare('INSERT INTO entities (id, name, type, created_at) VALUES (?, ?, ?, ?)'),
    alias: db.prepare('INSERT INTO entity_aliases (alias, entity_id) VALUES (?, ?)'),
    rename: db.prepare('UPDATE entities SET name = ? WHERE id = ?'),
    moveAliases: db.prepare('UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?'),
    moveMentions: db.prepare('UPDATE mentions SET entity_id = ? WHERE entity_id = ?'),
    deleteEntity: db.prepare('DELETE FROM entities WHERE id = ?'), // its aliases and mentions go with it
    ignore: db.prepare('INSERT OR IGNORE INTO ignored_names (name) VALUES (?)'),
    reject: db.prepare('INSERT OR IGNORE INTO rejected_mentions (article_id, start, "end") VALUES (?, ?, ?)'),
    deleteMention: db.prepare('DELETE FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?'),
    mention: db.prepare(
      `INSERT INTO mentions (article_id, entity_id, start, "end", text, detected_as, origin) VALUES (?, ?, ?, ?, ?, ?, 'manual')
       ON CONFLICT (article_id, start, "end") DO UPDATE SET entity_id = excluded.entity_id, text = excluded.text,
         detected_as = excluded.detected_as, origin = excluded.origin`,
    ),
  };
  for (const op of ops) {
    switch (op.op) {
      case 'entity':
        run.entity.run(op.id, op.name, op.type, op.created_at);
        break;
      case 'alias':
        run.alias.run(op.alias, op.entityId);
        break;
      case 'rename':
        run.rename.run(op.name, op.entityId);
        break;
      case 'merge':
        run.moveAliases.run(op.into, op.from);
        run.moveMentions.run(op.into, op.from);
        run.deleteEntity.run(op.from);
        break;
      case 'ignore':
        run.ignore.run(op.name);
        break;
      case 'delete-entity':
        run.deleteEntity.run(op.entityId);
        break;
      case 'reject':
        run.reject.run(op.articleId, op.start, op.end);
        break;
      case 'delete-mention':
        run.deleteMention.run(op.articleId, op.start, op.end);
        break;
      case 'mention':
        run.mention.run(op.articleId, op.entityId, op.start, op.end, op.text, op.detectedAs);
        break;
    }
  }
}
