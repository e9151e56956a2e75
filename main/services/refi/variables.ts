// Variables between Framelens and REFI-QDA. REFI has Text, Boolean, Integer, Float, Date and DateTime;
// Framelens has text, category, number, date and yes/no. A category goes out as Text (REFI has no fixed
// list of values) and a number as Integer when every value is whole, else Float. Coming in, Integer and
// Float become numbers and DateTime text, as Framelens keeps dates without a time.
import type { BuiltinVariable, VariableType, VariableValue } from '../../api/contract.ts';
import type { StoredValue } from '../variables/values.ts';
import type { RefiVariableType } from './model.ts';

/**
 * The article columns every article has, exported as variables under names no own variable can take
 * (Framelens refuses these names for its own variables), so that they come back as the same columns.
 */
export const BUILTIN_EXPORTS: readonly { key: BuiltinVariable | 'url'; column: string; name: string; type: RefiVariableType }[] = [
  { key: 'source', column: 'source', name: 'Source', type: 'Text' },
  { key: 'author', column: 'author', name: 'Author', type: 'Text' },
  { key: 'publishedAt', column: 'published_at', name: 'PublishedAt', type: 'Date' },
  { key: 'language', column: 'language', name: 'Language', type: 'Text' },
  { key: 'url', column: 'url', name: 'URL', type: 'Text' },
];

/** The article column an incoming variable of this name fills, if any (letter case aside). */
export function builtinFor(name: string): (typeof BUILTIN_EXPORTS)[number] | undefined {
  const folded = name.trim().toLowerCase();
  return BUILTIN_EXPORTS.find((b) => b.key.toLowerCase() === folded || b.name.toLowerCase() === folded);
}

export function refiTypeOf(type: VariableType, values: readonly StoredValue[]): RefiVariableType {
  switch (type) {
    case 'number':
      return values.every((v) => typeof v === 'number' && Number.isSafeInteger(v)) ? 'Integer' : 'Float';
    case 'date':
      return 'Date';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Text';
  }
}

export function framelensTypeOf(type: RefiVariableType): VariableType {
  switch (type) {
    case 'Integer':
    case 'Float':
      return 'number';
    case 'Date':
      return 'date';
    case 'Boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

const VALUE_ELEMENT: Record<RefiVariableType, string> = {
  Text: 'TextValue',
  Boolean: 'BooleanValue',
  Integer: 'IntegerValue',
  Float: 'FloatValue',
  Date: 'DateValue',
  DateTime: 'DateTimeValue',
};

/** The element and text of a stored value for a variable of the given REFI type. */
export function refiValue(type: RefiVariableType, stored: StoredValue): { element: string; text: string } {
  const element = VALUE_ELEMENT[type];
  switch (type) {
    case 'Boolean':
      return { element, text: stored === 1 || stored === '1' ? 'true' : 'false' };
    case 'Integer':
      return { element, text: typeof stored === 'number' ? BigInt(stored).toString() : String(stored) };
    case 'Float':
      return { element, text: typeof stored === 'number' ? decimal(stored) : String(stored) };
    default:
      return { element, text: String(stored) };
  }
}

/**
 * A number as xsd:decimal writes it: digits and a point, no exponent. JavaScript's shortest form is
 * kept and its exponent spelled out, so the value reads back exactly.
 */
export function decimal(n: number): string {
  const written = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(written);
  if (!match) return written;
  const [, sign, lead, rest = '', exp] = match;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** An incoming value as the variable service takes it, or a reason it cannot be one. */
export function incomingValue(kind: RefiVariableType | undefined, text: string): { value: VariableValue } | { problem: string } {
  const t = text.trim();
  if (!t) return { problem: 'it is empty' };
  switch (kind) {
    case 'Boolean':
      if (t === 'true' || t === '1') return { value: true };
      if (t === 'false' || t === '0') return { value: false };
      return { problem: `${JSON.stringify(t.slice(0, 40))} is not true or false` };
    case 'Integer':
    case 'Float': {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
      return Number.isFinite(n) ? { value: n } : { problem: `${JSON.stringify(t.slice(0, 40))} is not a number` };
    }
    case 'Date': {
      // xsd:date may carry a time zone ("2024-05-01Z", "2024-05-01+02:00"); the day is what counts.
      const day = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(t);
      return day ? { value: day[1]! } : { problem: `${JSON.stringify(t.slice(0, 40))} is not a date` };
    }
    default:
      return { value: t };
  }
}
