// What every command shares: argument parsing with clear usage errors, and output helpers.
// Kept light (no database, no zod) so `framelens --help` and the detector start quickly.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: shown with a pointer to the command's --help. Exit 2. */
export class UsageError extends Error {
  readonly command: string;
  constructor(command: string, message: string) {
    super(message);
    this.command = command;
    this.name = 'UsageError';
  }
}

/** A failure the person can act on (missing project, bad quote, …). Printed as is. Exit 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with strict checking, turning its errors into UsageErrors. Options named in `lists` take
 * several values after one flag (`--tags A B --bom`) as well as repeated flags (`--tags A --tags B`);
 * declare them with `multiple: true`.
 */
export function parseCommand<const O extends Options>(command: string, argv: string[], options: O, lists: (keyof O & string)[] = []) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(command, error instanceof Error ? error.message : String(error));
  }
  const { values, tokens } = parsed;
  const positionals: string[] = [];
  const listValues = new Map<string, string[]>(lists.map((name) => [name, []]));
  let openList: string[] | undefined;
  for (const token of tokens) {
    if (token.kind === 'option') {
      openList = listValues.get(token.name);
      if (openList && token.value !== undefined) openList.push(token.value);
    } else if (token.kind === 'positional') {
      if (openList) openList.push(token.value);
      else positionals.push(token.value);
    } else {
      openList = undefined; // after `--` everything is a plain positional
    }
  }
  const v = values as Record<string, unknown>;
  for (const [name, list] of listValues) v[name] = list.length ? list : undefined;
  return { values: parsed.values, positionals };
}

/** A whole positive number given on the command line. */
export function positiveInt(command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(command, `${option} takes a whole number from 1 up, not ${JSON.stringify(value)}.`);
  }
  return Number(value);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Lines of text columns, padded to the widest cell; the last column is left ragged. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Cuts text to at most `max` characters (code points, so an emoji is never split). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** A single line of text: runs of whitespace, including newlines, become one space. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
