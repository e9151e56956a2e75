// The article filter every list, view and export takes: a search plus conditions on built-in columns
// and the analyst's own variables, turned into one SQL condition over `articles a`.
import type { Db } from '../../../db/connection.ts';
import type { ArticleCondition, ArticleFilter, BuiltinVariable, VariableType } from '../../api/contract.ts';
import { invalid, notFound } from '../errors.ts';
import { toFtsQuery } from '../search.ts';
import { toStored, type VariableShape } from './values.ts';

export type Sql = { where: string; params: unknown[] };

const BUILTIN_COLUMNS: Record<BuiltinVariable, string> = { source: 'a.source', author: 'a.author', language: 'a.language', publishedAt: 'a.published_at' };
export const BUILTIN_LABELS: Record<BuiltinVariable, string> = { source: 'source', author: 'author', language: 'language', publishedAt: 'publication date' };

type Lookup = (id: number) => (VariableShape & { id: number }) | undefined;

function builtinCondition(c: ArticleCondition, key: BuiltinVariable): Sql {
  const column = BUILTIN_COLUMNS[key];
  const label = BUILTIN_LABELS[key];
  switch (c.op) {
    case 'is':
      return { where: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(c.values!.map(String))] };
    case 'isNot':
      return { where: `(${column} IS NULL OR ${column} NOT IN (SELECT value FROM json_each(?)))`, params: [JSON.stringify(c.values!.map(String))] };
    case 'empty':
      return { where: `${column} IS NULL`, params: [] };
    case 'notEmpty':
      return { where: `${column} IS NOT NULL`, params: [] };
    case 'between': {
      if (key !== 'publishedAt') throw invalid(`A range needs numbers or dates; the ${label} is text.`);
      return range(column, c, 'date', label);
    }
  }
}

function range(column: string, c: ArticleCondition, type: VariableType, label: string): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const bound = (value: number | string | undefined, which: string) => {
    if (value === undefined) return undefined;
    if (type === 'number' && typeof value !== 'number') throw invalid(`The ${which} of a range of “${label}” must be a number.`);
    if (type === 'date' && typeof value !== 'string') throw invalid(`The ${which} of a range of “${label}” must be a date written YYYY-MM-DD.`);
    return value;
  };
  const min = bound(c.min, 'lowest value');
  const max = bound(c.max, 'highest value');
  if (min !== undefined && max !== undefined && min > max) throw invalid(`The range of “${label}” starts after it ends.`);
  if (min !== undefined) {
    parts.push(`${column} >= ?`);
    params.push(min);
  }
  if (max !== undefined) {
    parts.push(`${column} <= ?`);
    params.push(max);
  }
  return { where: parts.join(' AND '), params };
}

function ownCondition(c: ArticleCondition, variable: VariableShape & { id: number }): Sql {
  const has = (extra: string) => `EXISTS (SELECT 1 FROM article_values v WHERE v.article_id = a.id AND v.variable_id = ${variable.id}${extra})`;
  switch (c.op) {
    case 'is':
    case 'isNot': {
      const values = JSON.stringify(c.values!.map((value) => toStored(variable, value)));
      const test = has(' AND v.value IN (SELECT value FROM json_each(?))');
      return { where: c.op === 'is' ? test : `NOT ${test}`, params: [values] };
    }
    case 'empty':
      return { where: `NOT ${has('')}`, params: [] };
    case 'notEmpty':
      return { where: has(''), params: [] };
    case 'between': {
      if (variable.type !== 'number' && variable.type !== 'date')
        throw invalid(`A range needs numbers or dates; “${variable.name}” is ${variable.type === 'boolean' ? 'yes/no' : variable.type}.`);
      const inner = range('v.value', c, variable.type, variable.name);
      return { where: has(` AND ${inner.where}`), params: inner.params };
    }
  }
}

/** The filter as one SQL condition over `articles a` (always valid SQL: '1' when it is empty). */
export function articleFilterSql(filter: ArticleFilter | undefined, lookup: Lookup): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: Sql) => {
    parts.push(sql.where);
    params.push(...sql.params);
  };
  if (filter?.search !== undefined && filter.search.trim() !== '') {
    const query = toFtsQuery(filter.search);
    if (query) add({ where: 'a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)', params: [query] });
    else add({ where: '0', params: [] }); // nothing to search for matches nothing, as the list's search does
  }
  for (const c of filter?.conditions ?? []) {
    if (typeof c.variable === 'string') add(builtinCondition(c, c.variable));
    else {
      const variable = lookup(c.variable);
      if (!variable) throw notFound(`Variable ${c.variable}`);
      add(ownCondition(c, variable));
    }
  }
  if (filter?.copies === 'once') add({ where: 'a.id NOT IN (SELECT article_id FROM article_copies)', params: [] });
  return { where: parts.length ? parts.map((p) => `(${p})`).join(' AND ') : '1', params };
}

/** The ids of the articles a filter matches, in id order. */
export function filteredArticleIds(db: Db, filter: ArticleFilter | undefined, lookup: Lookup): number[] {
  const sql = articleFilterSql(filter, lookup);
  return db
    .prepare(`SELECT a.id FROM articles a WHERE ${sql.where} ORDER BY a.id`)
    .pluck()
    .all(...sql.params) as number[];
}
