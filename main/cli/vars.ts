// framelens vars: the article variables (kind of outlet, country, leaning, …): list them, define one,
// set a value for many articles, import values from a CSV, export every article with its values.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { variableType, type Variable } from '../api/contract.ts';
import { variableByName } from './filter.ts';
import type { Project } from '../services/project.ts';
import { CliError, parseCommand, positiveInt, printJson, table, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens vars [list] [options]
       framelens vars add --name NAME --type text|category|number|date|boolean [--values "A,B,C"] [--description D]
       framelens vars set --var NAME (--value V | --clear) (--articles IDS | --search Q)
       framelens vars import FILE.csv --key url|id|title [--dry-run]
       framelens vars export [--out FILE]

Article variables are what framing studies compare by: kind of outlet, country, political leaning,
section, genre. Source, author, language and publishedAt are built in and can be set the same way.

  list      the variables, their kinds and how many articles have a value
  add       a new variable; a category takes its list of values with --values
  set       one value for many articles: --articles 3,7,12 or --search "Astana" (every match)
  import    values from a CSV: the --key column finds each article (id, URL or exact title), every
            other column names a variable; empty cells leave a value as it is. --dry-run shows what
            would change and writes nothing. Semicolon- and tab-separated files and a BOM are fine.
  export    every article with its built-in and own variables as CSV

Options:
  ${dbHelp}
  --json            print the result as JSON
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  values: { type: 'string' },
  description: { type: 'string' },
  var: { type: 'string' },
  value: { type: 'string' },
  clear: { type: 'boolean' },
  articles: { type: 'string' },
  search: { type: 'string' },
  key: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommand<typeof options>>['values'];

const subcommands = ['list', 'add', 'set', 'import', 'export'] as const;

function describe(v: Variable): string {
  return v.type === 'category' ? `category (${v.categories.join(', ')})` : v.type === 'boolean' ? 'yes/no' : v.type;
}

function list(project: Project, values: Values) {
  const { variables } = call(project, 'variables.list', {});
  if (values.json) return printJson({ variables });
  if (variables.length === 0) {
    process.stdout.write(
      'The project has no variables of its own yet; `framelens vars add --name "Outlet kind" --type category --values "Tabloid,Broadsheet"` adds one.\n',
    );
    return;
  }
  process.stdout.write(table([['variable', 'kind', 'articles'], ...variables.map((v) => [v.name, describe(v), String(v.articleCount)])]) + '\n');
}

function add(project: Project, values: Values) {
  if (values.name === undefined) throw new UsageError('vars', 'add needs --name.');
  const type = variableType.safeParse(values.type);
  if (!type.success) throw new UsageError('vars', `--type is one of ${variableType.options.join(', ')}.`);
  const categories = values.values
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const created = call(project, 'variables.create', { name: values.name, type: type.data, description: values.description, categories });
  if (values.json) printJson({ variable: created });
  else process.stdout.write(`Added the variable “${created.name}” (${describe(created)}).\n`);
}

function set(project: Project, values: Values) {
  if (values.var === undefined) throw new UsageError('vars', 'set needs --var NAME.');
  if ((values.value === undefined) === !values.clear) throw new UsageError('vars', 'set takes either --value V or --clear.');
  if ((values.articles === undefined) === (values.search === undefined)) throw new UsageError('vars', 'set needs either --articles IDS or --search Q.');
  const variable = variableByName(project, values.var);
  const articleIds = values.articles
    ?.split(',')
    .filter((v) => v.trim() !== '')
    .map((v) => positiveInt('vars', '--articles', v.trim())!);
  if (articleIds && articleIds.length === 0) throw new UsageError('vars', '--articles needs at least one id.');
  const result = call(project, 'variables.setValue', {
    variableId: variable,
    value: values.clear ? null : values.value!,
    ...(articleIds ? { articleIds } : { filter: { search: values.search } }),
  });
  if (values.json) printJson(result);
  else {
    const name = typeof variable === 'string' ? variable : project.services.variables.get(variable).name;
    process.stdout.write(
      `${values.clear ? 'Cleared' : 'Set'} “${name}” for ${result.articles} article${result.articles === 1 ? '' : 's'} (${result.changed} changed).\n`,
    );
  }
}

function importFile(project: Project, values: Values, file: string | undefined) {
  if (file === undefined) throw new UsageError('vars', 'import needs the CSV file.');
  if (values.key !== 'url' && values.key !== 'id' && values.key !== 'title')
    throw new UsageError('vars', 'import needs --key url, id or title: the column that names each article.');
  let csv: string;
  try {
    csv = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new CliError(`Could not read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  const result = call(project, 'variables.importCsv', { csv, key: values.key, dryRun: values['dry-run'] });
  if (values.json) return printJson(result);
  const lines = [
    `${result.rows} row${result.rows === 1 ? '' : 's'}: ${result.matched} matched an article, ${result.unmatched.length} did not.`,
    ...result.unmatched.slice(0, 20).map((u) => `  line ${u.line}: no article with ${values.key} ${JSON.stringify(u.key)}`),
    result.written
      ? `${result.changed} value${result.changed === 1 ? '' : 's'} changed.`
      : `${result.changed} value${result.changed === 1 ? '' : 's'} would change; nothing was written (--dry-run).`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function exportFile(project: Project, values: Values) {
  const { csv, rows } = call(project, 'variables.exportCsv', {});
  if (values.out === undefined) return void process.stdout.write(csv);
  const out = resolve(values.out);
  try {
    writeFileSync(out, csv);
  } catch (error) {
    throw new CliError(`Could not write ${out}: ${(error as Error).message}`);
  }
  process.stdout.write(`Wrote ${rows} article${rows === 1 ? '' : 's'} to ${out}.\n`);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('vars', argv, options);
  const [sub = 'list', ...rest] = positionals;
  if (!(subcommands as readonly string[]).includes(sub)) throw new UsageError('vars', `${JSON.stringify(sub)} is not one of ${subcommands.join(', ')}.`);
  if (rest.length > (sub === 'import' ? 1 : 0)) throw new UsageError('vars', `unexpected ${JSON.stringify(rest.at(-1))}.`);
  return withProject('vars', values.db, { create: false }, (project) => {
    if (sub === 'list') list(project, values);
    else if (sub === 'add') add(project, values);
    else if (sub === 'set') set(project, values);
    else if (sub === 'import') importFile(project, values, rest[0]);
    else exportFile(project, values);
    return 0;
  });
}
