// A variable's value as the analyst gives it (a form, a CSV cell, the command line) checked against the
// variable's kind and turned into what the project stores, and back.
import type { VariableType, VariableValue } from '../../api/contract.ts';
import { invalid } from '../errors.ts';

export type StoredValue = string | number;

export type VariableShape = { name: string; type: VariableType; categories: readonly string[] };

const TRUE_WORDS = new Set(['true', 'yes', 'ja', 'y', 'j', '1', 'sant']);
const FALSE_WORDS = new Set(['false', 'no', 'nej', 'n', '0', 'falskt']);

/** A calendar date written YYYY-MM-DD (2024-02-30 is no date). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A number as analysts write it: 12, -3.5, 3,5 (decimal comma), 1e3. */
function parseNumber(text: string): number | null {
  const t = text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The value to store for `raw`, or an INVALID_INPUT error that says what the variable takes. */
export function toStored(variable: VariableShape, raw: VariableValue): StoredValue {
  const shown = JSON.stringify(raw).slice(0, 60);
  switch (variable.type) {
    case 'text': {
      const text = String(raw).trim();
      if (!text) throw invalid(`An empty value for “${variable.name}” is no value; clear it instead.`);
      if (text.length > 1000) throw invalid(`A value of “${variable.name}” is at most 1,000 characters.`);
      return text;
    }
    case 'category': {
      const text = String(raw).trim();
      const match = variable.categories.find((c) => c === text) ?? variable.categories.find((c) => c.toLocaleLowerCase() === text.toLocaleLowerCase());
      if (match === undefined) {
        throw invalid(`${shown} is not one of the values of “${variable.name}” (${variable.categories.map((c) => `“${c}”`).join(', ') || 'none yet'}).`);
      }
      return match;
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : null;
      if (n === null || !Number.isFinite(n)) throw invalid(`“${variable.name}” takes a number; ${shown} is none.`);
      return n;
    }
    case 'date': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!isCalendarDate(text)) throw invalid(`“${variable.name}” takes a date written YYYY-MM-DD; ${shown} is none.`);
      return text;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw ? 1 : 0;
      const word = String(raw).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return 1;
      if (FALSE_WORDS.has(word)) return 0;
      throw invalid(`“${variable.name}” takes yes or no; ${shown} is neither.`);
    }
  }
}

/** What the API shows for a stored value. */
export function fromStored(type: VariableType, stored: StoredValue): VariableValue {
  if (type === 'boolean') return stored === 1 || stored === '1';
  return stored;
}

/** A value as one CSV cell or terminal word: yes/no for booleans, numbers without exponent noise. */
export function showValue(type: VariableType, stored: StoredValue | null | undefined): string {
  if (stored === null || stored === undefined) return '';
  if (type === 'boolean') return stored === 1 ? 'yes' : 'no';
  return String(stored);
}
