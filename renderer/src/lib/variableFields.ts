// Article variables as the interface offers them: the analyst's own variables and the built-in columns
// (source, author, language, publication date) side by side, each with its kind; how a value is shown,
// typed and read back; and how a filter condition reads in words.
import type { ArticleCondition, ArticleSummary, BuiltinVariable, Variable, VariableType, VariableValue } from '../../../main/api/contract.ts';

/** Something a value can be set on or filtered by: an own variable (by id) or a built-in article column. */
export type Field = {
  key: number | BuiltinVariable;
  name: string;
  type: VariableType;
  categories: readonly string[];
  builtin: boolean;
};

export type Operator = ArticleCondition['op'];

export const builtinFields: readonly Field[] = [
  { key: 'source', name: 'Source', type: 'text', categories: [], builtin: true },
  { key: 'author', name: 'Author', type: 'text', categories: [], builtin: true },
  { key: 'language', name: 'Language', type: 'text', categories: [], builtin: true },
  { key: 'publishedAt', name: 'Publication date', type: 'date', categories: [], builtin: true },
];

export const kindLabels: Record<VariableType, string> = {
  text: 'Text',
  category: 'Category',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes/no',
};

export const kindHints: Record<VariableType, string> = {
  text: 'any short text, e.g. a desk or a byline',
  category: 'one value from a fixed list, e.g. Tabloid, Broadsheet, Public service',
  number: 'e.g. a word count or a page number',
  date: 'a calendar date',
  boolean: 'yes or no, e.g. front page',
};

export function ownField(variable: Variable): Field {
  return { key: variable.id, name: variable.name, type: variable.type, categories: variable.categories, builtin: false };
}

/** The analyst's own variables first (what a study is about), then the built-in columns. */
export function allFields(variables: readonly Variable[]): Field[] {
  return [...variables.map(ownField), ...builtinFields];
}

export function findField(fields: readonly Field[], key: number | BuiltinVariable): Field | undefined {
  return fields.find((f) => f.key === key);
}

/** An article's value for a field, or null when it has none. */
export function valueOf(article: ArticleSummary, field: Field): VariableValue | null {
  if (typeof field.key === 'string') return article[field.key];
  return article.values[String(field.key)] ?? null;
}

/** A value as the analyst reads it: yes/no for a yes/no variable, everything else as written. */
export function formatValue(type: VariableType, value: VariableValue): string {
  if (type === 'boolean' || typeof value === 'boolean') return value === true || value === 1 ? 'yes' : 'no';
  return String(value);
}

/** A value as an input holds it ('' for no value). */
export function inputText(type: VariableType, value: VariableValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  return formatValue(type, value);
}

/**
 * What the analyst typed, as the API takes it: null for no value, yes/no as a boolean, a number as a
 * number (a decimal comma is fine). Anything the variable cannot take goes as typed, and the API says why.
 */
export function parseInput(type: VariableType, text: string): VariableValue | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (type === 'boolean') return trimmed === 'yes' ? true : trimmed === 'no' ? false : trimmed;
  if (type === 'number') {
    const n = Number(trimmed.replace(/^(-?\d+),(\d+)$/, '$1.$2'));
    return Number.isFinite(n) ? n : trimmed;
  }
  return trimmed;
}

export const operatorLabels: Record<Operator, string> = {
  is: 'is',
  isNot: 'is not',
  between: 'is in the range',
  notEmpty: 'has a value',
  empty: 'has no value',
};

/** The operators that make sense for a kind, the most common first. */
export function operatorsFor(type: VariableType): Operator[] {
  switch (type) {
    case 'number':
    case 'date':
      return ['between', 'is', 'notEmpty', 'empty'];
    case 'boolean':
      return ['is', 'notEmpty', 'empty'];
    default:
      return ['is', 'isNot', 'notEmpty', 'empty'];
  }
}

function listOf(words: string[], last: 'or' | 'nor'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

/** A condition in words, as its chip shows it: "Outlet kind is Tabloid or Broadsheet". */
export function describeCondition(condition: ArticleCondition, fields: readonly Field[]): string {
  const field = findField(fields, condition.variable);
  const name = field?.name ?? 'A variable no longer in the project';
  const type = field?.type ?? 'text';
  const values = (condition.values ?? []).map((v) => formatValue(type, v));
  switch (condition.op) {
    case 'is':
      return `${name} is ${listOf(values, 'or')}`;
    case 'isNot':
      return values.length > 1 ? `${name} is neither ${listOf(values, 'nor')}` : `${name} is not ${values[0] ?? ''}`;
    case 'notEmpty':
      return `${name} has a value`;
    case 'empty':
      return `${name} has no value`;
    case 'between': {
      const { min, max } = condition;
      if (min !== undefined && max !== undefined) return `${name} ${min} – ${max}`;
      if (type === 'date') return min !== undefined ? `${name} from ${min}` : `${name} until ${max}`;
      return min !== undefined ? `${name} ≥ ${min}` : `${name} ≤ ${max}`;
    }
  }
}

export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;
