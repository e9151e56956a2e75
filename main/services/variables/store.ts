// The analyst's own article variables: defining them, and setting their values for one or many articles.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { builtinVariables, type ArticleFilter, type BuiltinVariable, type Variable, type VariableType, type VariableValue } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { now } from '../clock.ts';
import { filteredArticleIds } from './filter.ts';
import { isCalendarDate, toStored, type VariableShape } from './values.ts';

type VariableRow = { id: number; name: string; type: VariableType; description: string; position: number; article_count: number };

const BUILTIN_COLUMNS: Record<BuiltinVariable, string> = { source: 'source', author: 'author', language: 'language', publishedAt: 'published_at' };
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export function variableService(db: Db) {
  const columns = `SELECT v.id, v.name, v.type, v.description, v.position,
       (SELECT count(*) FROM article_values x WHERE x.variable_id = v.id) AS article_count
     FROM variables v`;
  const rows = db.prepare(`${columns} ORDER BY v.position, v.id`);
  const rowById = db.prepare(`${columns} WHERE v.id = ?`);
  const shapeById = db.prepare('SELECT id, name, type FROM variables WHERE id = ?');
  const categoriesOf = db.prepare('SELECT value FROM variable_categories WHERE variable_id = ? ORDER BY position').pluck();
  const byName = db.prepare('SELECT id FROM variables WHERE name = ? COLLATE NOCASE').pluck();
  const insert = db.prepare(
    'INSERT INTO variables (name, type, description, position, created_at) VALUES (?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM variables), ?)',
  );
  const insertCategory = db.prepare('INSERT INTO variable_categories (variable_id, value, position) VALUES (?, ?, ?)');
  const upsertValue = db.prepare(
    'INSERT INTO article_values (article_id, variable_id, value) VALUES (?, ?, ?) ON CONFLICT(article_id, variable_id) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value',
  );
  const deleteValue = db.prepare('DELETE FROM article_values WHERE article_id = ? AND variable_id = ?');
  const articleExists = db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck();

  const toVariable = (r: VariableRow): Variable => ({
    id: r.id,
    name: r.name,
    type: r.type,
    description: r.description,
    categories: categoriesOf.all(r.id) as string[],
    articleCount: r.article_count,
  });

  function list(): Variable[] {
    return (rows.all() as VariableRow[]).map(toVariable);
  }

  function get(id: number): Variable {
    const row = rowById.get(id) as VariableRow | undefined;
    if (!row) throw notFound(`Variable ${id}`);
    return toVariable(row);
  }

  /** What checking a value needs (no counts): cheap enough to read for every value set. */
  function shape(id: number): VariableShape & { id: number } {
    const row = shapeById.get(id) as { id: number; name: string; type: VariableType } | undefined;
    if (!row) throw notFound(`Variable ${id}`);
    return { ...row, categories: row.type === 'category' ? (categoriesOf.all(id) as string[]) : [] };
  }

  /** A lookup by id for filters and imports, read once per call. */
  function lookup(): (id: number) => (VariableShape & { id: number }) | undefined {
    const byId = new Map(list().map((v) => [v.id, v]));
    return (id) => byId.get(id);
  }

  function findByName(name: string): Variable | undefined {
    const id = byName.get(name.trim()) as number | undefined;
    return id === undefined ? undefined : get(id);
  }

  function checkName(name: string, except?: number) {
    if ((builtinVariables as readonly string[]).some((b) => b.toLowerCase() === name.toLowerCase()) || /^(id|title|url|annotator)$/i.test(name)) {
      throw conflict(`“${name}” is a built-in column of every article; choose another name.`);
    }
    const other = byName.get(name) as number | undefined;
    if (other !== undefined && other !== except) throw conflict(`A variable named “${name}” already exists.`);
  }

  function checkCategories(categories: string[]): string[] {
    const seen = new Set<string>();
    for (const c of categories) {
      const key = c.toLocaleLowerCase();
      if (seen.has(key)) throw invalid(`The value “${c}” is listed twice.`);
      seen.add(key);
    }
    return categories;
  }

  const create = writeTransaction(db, (input: { name: string; type: VariableType; description?: string; categories?: string[] }): Variable => {
    checkName(input.name);
    if (input.type !== 'category' && input.categories?.length) throw invalid('Only a category variable has a list of values.');
    const categories = checkCategories(input.categories ?? []);
    const id = Number(insert.run(input.name, input.type, input.description ?? '', now()).lastInsertRowid);
    categories.forEach((c, i) => insertCategory.run(id, c, i));
    return get(id);
  });

  const update = writeTransaction(db, (input: { id: number; name?: string; description?: string; categories?: string[] }): Variable => {
    const current = get(input.id);
    if (input.name !== undefined) {
      checkName(input.name, input.id);
      db.prepare('UPDATE variables SET name = ? WHERE id = ?').run(input.name, input.id);
    }
    if (input.description !== undefined) db.prepare('UPDATE variables SET description = ? WHERE id = ?').run(input.description, input.id);
    if (input.categories !== undefined) {
      if (current.type !== 'category') throw invalid(`“${current.name}” is not a category variable, so it has no list of values.`);
      const categories = checkCategories(input.categories);
      const kept = new Set(categories);
      const inUse = db.prepare('SELECT DISTINCT value FROM article_values WHERE variable_id = ?').pluck().all(input.id) as string[];
      const dropped = inUse.filter((v) => !kept.has(v));
      if (dropped.length)
        throw conflict(
          `Articles still have the value${dropped.length === 1 ? '' : 's'} ${dropped.map((v) => `“${v}”`).join(', ')}; change or clear them first.`,
        );
      db.prepare('DELETE FROM variable_categories WHERE variable_id = ?').run(input.id);
      categories.forEach((c, i) => insertCategory.run(input.id, c, i));
    }
    return get(input.id);
  });

  const remove = writeTransaction(db, (id: number) => {
    const { articleCount } = get(id);
    db.prepare('DELETE FROM variables WHERE id = ?').run(id);
    return { deletedValues: articleCount };
  });

  /** The checked value of a built-in column, as stored on the article row. */
  function builtinValue(key: BuiltinVariable, value: VariableValue | null): string | null {
    if (value === null) return null;
    const text = String(value).trim();
    if (!text) return null;
    if (key === 'publishedAt' && !isCalendarDate(text))
      throw invalid(`The publication date is written YYYY-MM-DD; ${JSON.stringify(text).slice(0, 40)} is no date.`);
    if (key === 'language' && !LANGUAGE.test(text)) throw invalid('A language is a code such as sv or en.');
    if (text.length > 300) throw invalid(`The ${key} is at most 300 characters.`);
    return text;
  }

  /**
   * Sets one variable (own or built-in) to `value` for the given articles, or clears it with null.
   * Returns how many articles changed and how many were named.
   */
  const setValue = writeTransaction(
    db,
    (input: { variableId: number | BuiltinVariable; value: VariableValue | null; articleIds?: number[]; filter?: ArticleFilter }) => {
      const ids = input.articleIds ? [...new Set(input.articleIds)] : filteredArticleIds(db, input.filter, lookup());
      for (const id of ids) if (!articleExists.get(id)) throw notFound(`Article ${id}`);
      let changed = 0;
      if (typeof input.variableId === 'string') {
        const column = BUILTIN_COLUMNS[input.variableId];
        const value = builtinValue(input.variableId, input.value);
        const statement = db.prepare(`UPDATE articles SET ${column} = ? WHERE id = ? AND ${column} IS NOT ?`);
        for (const id of ids) changed += statement.run(value, id, value).changes;
      } else {
        const variable = shape(input.variableId);
        if (input.value === null) for (const id of ids) changed += deleteValue.run(id, variable.id).changes;
        else {
          const stored = toStored(variable, input.value);
          for (const id of ids) changed += upsertValue.run(id, variable.id, stored).changes;
        }
      }
      return { changed, articles: ids.length };
    },
  );

  return { list, get, lookup, findByName, create, update, remove, setValue };
}

export type VariableService = ReturnType<typeof variableService>;
