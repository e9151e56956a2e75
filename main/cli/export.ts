// framelens export csv: the annotations as RFC 4180 CSV, to a file or to standard output.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Tag } from '../api/contract.ts';
import { CliError, parseCommand, positiveInt, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';
import { coderFilterHelp, coderFilterOptions, filterHelp, filterOptions, readFilter } from './filter.ts';

export const help = `Usage: framelens export csv [options]
       framelens export matrix [--unit article|passage] [--count|--presence] [--no-rollup] [options]
       framelens export cooccurrence [--scope passage|article] [options]
       framelens export qdpx --out FILE.qdpx | framelens export qdc [--out FILE.qdc]

csv: one row per tagged passage: the article and its metadata, the tag and its path, the passage's
start and end (Unicode code points from 0, end exclusive, as Python and R count), the quote with
context, note, annotator, dates, entities and one var_<name> column per article variable.
matrix: one row per article (or passage) with its variables, one column per tag (its path as the
header) holding counts (--count, the default) or 0/1 (--presence); subtags count in their parents
unless --no-rollup. For R, Python, SPSS and Stata.
cooccurrence: tag × tag: passages of the row's tag overlapping one of the column's (--scope passage,
the default; the diagonal holds each tag's passages), or articles holding both (--scope article).
UTF-8, RFC 4180.
qdpx: the whole project as REFI-QDA 1.5 for MAXQDA, ATLAS.ti, NVivo and QualCoder: coders, the
codebook, every article as a text source with its metadata and variables, passages with their coder,
notes. qdc: the codebook alone.

Options:
  ${dbHelp}
  --out FILE        write to FILE (default: standard output)
  --tags PATH...    only these tags and their subtags, e.g. --tags "Rhetoric > Threat" Conflict
  --articles ID...  only these articles, e.g. --articles 3 7 12
  --bom             start with a byte-order mark, so Excel reads the file as UTF-8
  --raw             leave cells that start with = + - @ as they are (by default they get a leading '
                    so a spreadsheet shows them as text instead of running them as formulas)
${filterHelp}
${coderFilterHelp}
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  out: { type: 'string' },
  tags: { type: 'string', multiple: true },
  articles: { type: 'string', multiple: true },
  bom: { type: 'boolean' },
  raw: { type: 'boolean' },
  unit: { type: 'string' },
  count: { type: 'boolean' },
  presence: { type: 'boolean' },
  'no-rollup': { type: 'boolean' },
  scope: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...filterOptions,
  ...coderFilterOptions,
} as const;

const formats = ['csv', 'matrix', 'cooccurrence', 'qdpx', 'qdc'];

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

function writeOut(out: string, data: string | Uint8Array): void {
  try {
    writeFileSync(out, data);
  } catch (error) {
    throw new CliError(`Could not write ${out}: ${(error as Error).message}`);
  }
}

/** REFI-QDA for other QDA tools: the whole project (.qdpx, a zip, so --out is needed) or the codebook (.qdc). */
function exportRefi(format: 'qdpx' | 'qdc', values: { db?: string; out?: string; search?: string; where?: string[]; coders?: string }): Promise<number> {
  if (values.search !== undefined || values.where?.length || values.coders !== undefined)
    throw new UsageError('export', `export ${format} writes the whole project; --search, --where and --coders are for the CSV and matrix exports.`);
  if (format === 'qdpx' && values.out === undefined) throw new UsageError('export', 'a .qdpx is a zip file: name it with --out FILE.qdpx.');
  return withProject('export', values.db, { create: false }, (project) => {
    if (format === 'qdc') {
      const { xml } = call(project, 'export.qdc', {});
      if (values.out === undefined) process.stdout.write(xml);
      else {
        writeOut(resolve(values.out), xml);
        process.stdout.write(`Wrote the codebook to ${resolve(values.out)}.\n`);
      }
      return 0;
    }
    const out = resolve(values.out!);
    writeOut(out, Buffer.from(call(project, 'export.qdpx', {}).dataBase64, 'base64'));
    process.stdout.write(`Wrote the project as REFI-QDA to ${out}; MAXQDA, ATLAS.ti, NVivo and QualCoder open it.\n`);
    return 0;
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

  if (values.unit !== undefined && values.unit !== 'article' && values.unit !== 'passage') throw new UsageError('export', '--unit is article or passage.');
  if (values.scope !== undefined && values.scope !== 'passage' && values.scope !== 'article') throw new UsageError('export', '--scope is passage or article.');
  if (values.count && values.presence) throw new UsageError('export', 'choose --count or --presence, not both.');
  const matrixOnly = values.unit !== undefined || values.count || values.presence || values['no-rollup'];
  if (matrixOnly && format !== 'matrix') throw new UsageError('export', '--unit, --count, --presence and --no-rollup are for `export matrix`.');
  if (values.scope !== undefined && format !== 'cooccurrence') throw new UsageError('export', '--scope is for `export cooccurrence`.');
  if ((values.tags || values.articles || values.raw) && format !== 'csv') throw new UsageError('export', '--tags, --articles and --raw are for `export csv`.');

  if (format === 'qdpx' || format === 'qdc') return exportRefi(format, values);

  return withProject('export', values.db, { create: false }, (project) => {
    const filter = readFilter('export', project, values);
    const tagIds = values.tags ? tagIdsFor(values.tags, call(project, 'tags.list', {}).tags) : undefined;
    for (const id of articleIds ?? []) call(project, 'articles.get', { id }); // an unknown id is a mistake, not an empty export
    const unit = values.unit as 'article' | 'passage' | undefined;
    const scope = values.scope as 'passage' | 'article' | undefined;
    const { csv, rows } =
      format === 'matrix'
        ? call(project, 'export.matrix', { unit, measure: values.presence ? 'presence' : 'count', rollup: !values['no-rollup'], filter, bom: values.bom })
        : format === 'cooccurrence'
          ? call(project, 'export.cooccurrence', { scope, filter, bom: values.bom })
          : call(project, 'export.csv', { tagIds, articleIds, filter, bom: values.bom, raw: values.raw });
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
