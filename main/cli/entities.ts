// framelens entities: the project's canonical entities with type, aliases and mention count, and
// `framelens entities detect` to (re)run detection while keeping the analyst's curation.
import { csvDocument } from '../services/csv.ts';
import type { Entity } from '../api/contract.ts';
import { oneLine, parseCommand, printJson, table, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';
import { describeFound, detectArticles } from './detection.ts';

export const help = `Usage: framelens entities [options]
       framelens entities detect [--article ID] [options]

Lists the people (PER), places (LOC), organisations (ORG) and other names (MISC) mentioned in the
project's articles, most mentioned first, with the other names they go by and their mention count.
\`entities detect\` finds the mentions again, in one article or all; renames, merges, ignored names,
removed and hand-made mentions are kept.

Options:
  ${dbHelp}
  --article ID      only this article
  --type T          only this type: PER, LOC, ORG or MISC
  --json            print the entities as JSON
  --csv             print the entities as CSV (name, type, aliases, mentions, articles)
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  article: { type: 'string' },
  type: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

function articleId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError('entities', `--article takes an article id (a whole number), not ${JSON.stringify(value)}.`);
  return Number(value);
}

function print(entities: Entity[], format: { json?: boolean; csv?: boolean }) {
  if (format.json) return printJson({ entities });
  if (format.csv) {
    const rows = entities.map((e) => [e.name, e.type, e.aliases.filter((a) => a !== e.name).join('; '), e.mentionCount, e.articleCount]);
    process.stdout.write(csvDocument(['entity', 'type', 'aliases', 'mentions', 'articles'], rows));
    return;
  }
  if (entities.length === 0) {
    process.stdout.write('No entities found. Run `framelens entities detect` to look for them.\n');
    return;
  }
  const rows = entities.map((e) => [e.name, e.type, String(e.mentionCount), String(e.articleCount), oneLine(e.aliases.filter((a) => a !== e.name).join('; '))]);
  process.stdout.write(table([['ENTITY', 'TYPE', 'MENTIONS', 'ARTICLES', 'ALSO'], ...rows]) + '\n');
}

export async function run(argv: string[]): Promise<number> {
  const detect = argv[0] === 'detect';
  const { values, positionals } = parseCommand('entities', detect ? argv.slice(1) : argv, options);
  if (positionals.length > 0) throw new UsageError('entities', `unexpected ${JSON.stringify(positionals[0])}; the only subcommand is detect.`);
  const type = values.type?.toUpperCase();
  if (type !== undefined && !TYPES.includes(type as (typeof TYPES)[number])) throw new UsageError('entities', `--type is one of ${TYPES.join(', ')}.`);
  const article = articleId(values.article);

  return withProject('entities', values.db, { create: false }, async (project) => {
    if (detect) {
      const ids =
        article !== undefined
          ? [project.services.articles.summary(article).id]
          : (project.db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]);
      const found = await detectArticles(project, ids);
      if (values.json) printJson(found);
      else process.stdout.write(describeFound(found) + '\n');
      return 0;
    }
    const { entities } = call(project, 'entities.list', { articleId: article, type: type as Entity['type'] | undefined });
    print(entities, values);
    return 0;
  });
}
