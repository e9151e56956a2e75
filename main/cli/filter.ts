// The article filter on the command line: --search Q and --where conditions such as
// "Outlet kind=Tabloid", "source!=Expressen", "Pages>=3", "publishedAt<=2024-06-30", "country=" (no value),
// and --coders "A,B" for only those coders' codes.
import { builtinVariables, type ArticleCondition, type ArticleFilter, type BuiltinVariable } from '../api/contract.ts';
import type { Project } from '../services/project.ts';
import { CliError, UsageError } from './common.ts';

export const filterHelp = `  --copies once     count each family of near-duplicate copies once, by its original (after
                    \`framelens copies\`); --copies all (the default) counts every copy
  --search Q        only articles matching the search
  --where COND      only articles whose variable matches: "NAME=VALUE" (several values: "NAME=A|B"),
                    "NAME!=VALUE", "NAME>=X", "NAME<=X" (numbers or dates), "NAME=" (no value); repeatable`;

export const filterOptions = { search: { type: 'string' }, where: { type: 'string', multiple: true }, copies: { type: 'string' } } as const;

export const coderFilterHelp = `  --coders "A,B"    only the codes of these coders, by name, separated by commas`;

export const coderFilterOptions = { coders: { type: 'string' } } as const;

/** Names separated by commas, blanks dropped. */
export const commaList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Coders as the analyst names them; a name the project does not know is a mistake, not an empty result. */
export function readCoders(command: string, project: Project, text: string): string[] {
  const names = commaList(text);
  if (names.length === 0) throw new UsageError(command, '--coders needs at least one name.');
  const known = project.services.coders.list().map((c) => c.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length)
    throw new CliError(`There is no coder ${unknown.map((n) => JSON.stringify(n)).join(', ')} in this project. Coders: ${known.join(', ') || 'none yet'}.`);
  return names;
}

/** A variable as the analyst names it: an own variable (case does not matter) or a built-in one. */
export function variableByName(project: Project, name: string): number | BuiltinVariable {
  const trimmed = name.trim();
  const builtin = builtinVariables.find((b) => b.toLowerCase() === trimmed.toLowerCase() || (b === 'publishedAt' && /^(published_at|date)$/i.test(trimmed)));
  if (builtin) return builtin;
  const own = project.services.variables.findByName(trimmed);
  if (!own) {
    const known = project.services.variables.list().map((v) => v.name);
    throw new CliError(`There is no variable ${JSON.stringify(trimmed)}. Variables: ${[...known, ...builtinVariables].join(', ')}.`);
  }
  return own.id;
}

const asBound = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : Number(text.replace(',', '.')));

export function readFilter(
  command: string,
  project: Project,
  values: { search?: string; where?: string[]; coders?: string; copies?: string },
): ArticleFilter | undefined {
  if (values.copies !== undefined && values.copies !== 'once' && values.copies !== 'all')
    throw new UsageError(command, `--copies is once or all, not ${JSON.stringify(values.copies)}.`);
  const copies = values.copies as 'once' | 'all' | undefined;
  const conditions: ArticleCondition[] = (values.where ?? []).map((text) => {
    const m = /^(.+?)\s*(!=|>=|<=|=)\s*(.*)$/.exec(text);
    if (!m) throw new UsageError(command, `--where takes NAME=VALUE, NAME!=VALUE, NAME>=X or NAME<=X, not ${JSON.stringify(text)}.`);
    const [, name, op, raw] = m as unknown as [string, string, string, string];
    const variable = variableByName(project, name);
    const value = raw.trim();
    if (op === '>=' || op === '<=') {
      const bound = asBound(value);
      if (typeof bound === 'number' && !Number.isFinite(bound))
        throw new UsageError(command, `${op} takes a number or a date written YYYY-MM-DD, not ${JSON.stringify(value)}.`);
      return { variable, op: 'between', ...(op === '>=' ? { min: bound } : { max: bound }) };
    }
    if (value === '') return { variable, op: op === '=' ? 'empty' : 'notEmpty' };
    return { variable, op: op === '=' ? 'is' : 'isNot', values: value.split('|').map((v) => v.trim()) };
  });
  const coders = values.coders === undefined ? undefined : readCoders(command, project, values.coders);
  if (!conditions.length && values.search === undefined && !coders && !copies) return undefined;
  return { search: values.search, conditions, ...(coders ? { coders } : {}), ...(copies ? { copies } : {}) };
}
