// framelens articles: the project's articles as a table, or the ones matching a search with snippets.
import type { ArticleListItem, Snippet } from '../api/contract.ts';
import { clip, oneLine, parseCommand, printJson, table } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens articles [options]

Lists the articles in a project: id, publication date, source and title, newest first.
With --search, lists the articles that contain every word (the last word also as a prefix;
accents are ignored), best match first, each with a snippet around the match.

Options:
  ${dbHelp}
  --search Q        the words to look for
  --json            print the articles as JSON
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  search: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The snippet on one line with its matches between [ and ] (bold on a terminal). */
export function renderSnippet(snippet: Snippet, colour: boolean): string {
  const [open, close] = colour ? ['\x1b[1m', '\x1b[22m'] : ['[', ']'];
  let out = '';
  let at = 0;
  for (const mark of [...snippet.marks].sort((a, b) => a.start - b.start)) {
    if (mark.start < at) continue;
    out += snippet.text.slice(at, mark.start) + open + snippet.text.slice(mark.start, mark.end) + close;
    at = mark.end;
  }
  return oneLine(out + snippet.text.slice(at));
}

function print(articles: ArticleListItem[], search: string | undefined): void {
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const header = ['ID', 'DATE', 'SOURCE', 'TITLE'];
  const row = (a: ArticleListItem) => [String(a.id), a.publishedAt ?? '-', clip(a.source ?? '-', 30), oneLine(a.title)];
  const lines = table([header, ...articles.map(row)]).split('\n');
  let out = lines[0] + '\n';
  articles.forEach((a, i) => {
    out += lines[i + 1] + '\n';
    // The snippet goes on its own indented line, under its article, so it can use the full width.
    if (search !== undefined && a.snippet) out += `    ${renderSnippet(a.snippet, colour)}\n`;
  });
  process.stdout.write(out);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand('articles', argv, options);
  return withProject('articles', values.db, { create: false }, (project) => {
    const { articles } = call(project, 'articles.list', { search: values.search, limit: 100000 });
    if (values.json) {
      printJson({ articles });
      return 0;
    }
    if (articles.length === 0) {
      const message =
        values.search !== undefined
          ? `No article contains ${JSON.stringify(values.search)}.`
          : `The project has no articles yet; add some with \`framelens import FILE...\`.`;
      process.stdout.write(message + '\n');
      return 0;
    }
    print(articles, values.search);
    return 0;
  });
}
