// How a comparison groups articles (or, by coder, passages): the key and label of each group, in the
// order an analyst reads them (a category's own order, numbers and dates ascending, "no value" last).
import type { Db } from '../../../db/connection.ts';
import type { BuiltinVariable, Grouping } from '../../api/contract.ts';
import { notFound } from '../errors.ts';
import { showValue } from '../variables/values.ts';
import type { VariableService } from '../variables/store.ts';
import { BUILTIN_LABELS } from '../variables/filter.ts';

export type GroupKey = string | null;

export type ArticleGroups = {
  /** The grouping's name, for headings. */
  title: string;
  /** Each article's group (by article id); missing means no value. */
  ofArticle: (articleId: number) => GroupKey;
  /** The order of the keys seen. */
  order: (keys: Iterable<GroupKey>) => GroupKey[];
  label: (key: GroupKey) => string;
};

const BUILTIN_COLUMNS: Record<BuiltinVariable, string> = { source: 'source', author: 'author', language: 'language', publishedAt: 'published_at' };

/** ISO 8601 week of a YYYY-MM-DD date, written YYYY-Www (the week's Thursday decides its year). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function timeKey(date: string | null, unit: 'week' | 'month' | 'year'): GroupKey {
  if (!date) return null;
  return unit === 'year' ? date.slice(0, 4) : unit === 'month' ? date.slice(0, 7) : isoWeek(date);
}

const ascending = (a: string, b: string) => a.localeCompare(b, 'sv', { numeric: true });

function orderWith(compare: (a: string, b: string) => number) {
  return (keys: Iterable<GroupKey>) => {
    const all = [...new Set(keys)];
    const named = all.filter((k): k is string => k !== null).sort(compare);
    return all.includes(null) ? [...named, null] : named;
  };
}

/** The groups of articles for a grouping by a variable or by publication date (not by coder: that groups passages). */
export function articleGroups(db: Db, grouping: Exclude<Grouping, { kind: 'annotator' }>, variables: VariableService): ArticleGroups {
  if (grouping.kind === 'time') {
    const dates = new Map(db.prepare('SELECT id, published_at FROM articles').raw().all() as [number, string | null][]);
    return {
      title: `publication ${grouping.unit}`,
      ofArticle: (id) => timeKey(dates.get(id) ?? null, grouping.unit),
      order: orderWith(ascending),
      label: (key) => key ?? 'no date',
    };
  }
  const variable = grouping.variable;
  if (typeof variable === 'string') {
    const values = new Map(db.prepare(`SELECT id, ${BUILTIN_COLUMNS[variable]} FROM articles`).raw().all() as [number, string | null][]);
    return {
      title: BUILTIN_LABELS[variable],
      ofArticle: (id) => values.get(id) ?? null,
      order: orderWith(ascending),
      label: (key) => key ?? `no ${BUILTIN_LABELS[variable]}`,
    };
  }
  const own = variables.list().find((v) => v.id === variable);
  if (!own) throw notFound(`Variable ${variable}`);
  const values = new Map(
    (db.prepare('SELECT article_id, value FROM article_values WHERE variable_id = ?').raw().all(own.id) as [number, string | number][]).map(
      ([articleId, value]) => [articleId, showValue(own.type, value)],
    ),
  );
  const categoryOrder = new Map(own.categories.map((c, i) => [c, i]));
  const compare =
    own.type === 'category'
      ? (a: string, b: string) => (categoryOrder.get(a) ?? 0) - (categoryOrder.get(b) ?? 0)
      : own.type === 'number'
        ? (a: string, b: string) => Number(a) - Number(b)
        : ascending;
  return { title: own.name, ofArticle: (id) => values.get(id) ?? null, order: orderWith(compare), label: (key) => key ?? `no ${own.name}` };
}

export const annotatorOrder = orderWith(ascending);
