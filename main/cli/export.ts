// framelens export csv: the annotations as RFC 4180 CSV, to a file or to standard output.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Tag } from '../api/contract.ts';
import { CliError, parseCommand, positiveInt, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens export csv [options]

Exports one row per tagged passage: the article and its metadata, the tag and its path, the
passage's start and end (Unicode code points from 0, end exclusive, as Python and R count), the
quote with context, note, annotator and dates. UTF-8, RFC 4180.

Options:
  ${dbHelp}
  --out FILE        write to FILE (default: standard output)
  --tags PATH...    only these tags and their subtags, e.g. --tags "Rhetoric > Threat" Conflict
  --articles ID...  only these articles, e.g. --articles 3 7 12
  --bom             start with a byte-order mark, so Excel reads the file as UTF-8
  --raw             leave cells that start with = + - @ as they are (by default they get a leading '
                    so a spreadsheet shows them as text instead of running them as formulas)
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  out: { type: 'string' },
  tags: { type: 'string', multiple: true },
  articles: { type: 'string', multiple: true },
  bom: { type: 'boolean' },
  raw: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const formats = ['csv'];

const normalisePath = (path: string) =>
  path
    .split('>')
    .map((name) => name.trim().toLowerCase())
    .join('>');

/** Tag ids for paths as the analyst wrote them (case does not matter, nor spaces around >). */
export function tagIdsFor(paths: string[], tags: Tag[]): number[] {
  const byPath = new Map(tags.map((t) => [normalisePath(t.path.join('>')), t.id]));
  return paths.map((path) => {
    const id = byPath.get(normalisePath(path));
    if (id === undefined) throw new CliError(`There is no tag ${JSON.stringify(path)} in the codebook; \`framelens tags\` lists them.`);
    return id;
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('export', argv, options, ['tags', 'articles']);
  const [format, ...extra] = positionals;
  if (format === undefined) throw new UsageError('export', 'name the format: framelens export csv');
  if (!formats.includes(format)) throw new UsageError('export', `Framelens exports ${formats.join(', ')}, not ${JSON.stringify(format)}.`);
  if (extra.length) throw new UsageError('export', `unexpected ${JSON.stringify(extra[0])}.`);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('export', '--out needs a file name.');
  const articleIds = values.articles
    ?.flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '')
    .map((v) => positiveInt('export', '--articles', v)!);

  return withProject('export', values.db, { create: false }, (project) => {
    const tagIds = values.tags ? tagIdsFor(values.tags, call(project, 'tags.list', {}).tags) : undefined;
    for (const id of articleIds ?? []) call(project, 'articles.get', { id }); // an unknown id is a mistake, not an empty export
    const { csv, rows } = call(project, 'export.csv', { tagIds, articleIds, bom: values.bom, raw: values.raw });
    if (values.out === undefined) {
      process.stdout.write(csv);
      return 0;
    }
    const out = resolve(values.out);
    try {
      writeFileSync(out, csv);
    } catch (error) {
      throw new CliError(`Could not write ${out}: ${(error as Error).message}`);
    }
    process.stdout.write(`Wrote ${rows} row${rows === 1 ? '' : 's'} to ${out}.\n`);
    return 0;
  });
}
