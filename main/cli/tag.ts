// framelens tag: tags the N-th occurrence of a quoted passage in an article, creating the tag's path
// in the codebook when needed. The tag and the annotation are created together or not at all.
import { writeTransaction } from '../../db/connection.ts';
import { clip, CliError, oneLine, parseCommand, positiveInt, printJson, UsageError } from './common.ts';
import { call, checkInput, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens tag --article ID --quote TEXT --tag PATH [options]

Tags a passage of an article, found by quoting it exactly (same spelling, capitals and punctuation).
The tag is named by its path in the codebook; missing tags along the path are created.

Options:
  ${dbHelp}
  --article ID      the article's id (see \`framelens articles\`)
  --quote TEXT      the passage, exactly as it appears in the article
  --occurrence N    tag the N-th place the passage occurs (default 1)
  --tag PATH        the tag, e.g. "Rhetoric > Threat"
  --note TEXT       a note on the passage
  --annotator NAME  who tagged it (default: the project's analyst name, else your login name)
  --json            print the new annotation as JSON
  --help            show this help

Example:
  framelens tag --article 3 --quote "trolling at a high level" --tag "Rhetoric > Trolling"
`;

const options = {
  db: { type: 'string' },
  article: { type: 'string' },
  quote: { type: 'string' },
  occurrence: { type: 'string' },
  tag: { type: 'string' },
  note: { type: 'string' },
  annotator: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Splits "Rhetoric > Threat" into its tag names. */
export function parseTagPath(path: string): string[] {
  const names = path.split('>').map((name) => name.trim());
  if (names.some((name) => name === '')) {
    throw new UsageError('tag', `--tag ${JSON.stringify(path)} has an empty name in it; write a path such as "Rhetoric > Threat".`);
  }
  return names;
}

/** Start offsets (UTF-16) of every place quote begins in text, overlapping ones included. */
export function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('tag', argv, options);
  if (positionals.length) throw new UsageError('tag', `unexpected ${JSON.stringify(positionals[0])}; put the passage in --quote "..."`);
  const articleId = positiveInt('tag', '--article', values.article);
  if (articleId === undefined) throw new UsageError('tag', '--article ID is needed.');
  if (values.quote === undefined) throw new UsageError('tag', '--quote TEXT is needed.');
  if (values.tag === undefined) throw new UsageError('tag', '--tag PATH is needed.');
  const quote = values.quote.replace(/\r\n?/g, '\n'); // article text has \n line endings
  if (quote.trim() === '') throw new UsageError('tag', '--quote needs the text of the passage.');
  const occurrence = positiveInt('tag', '--occurrence', values.occurrence) ?? 1;
  const path = parseTagPath(values.tag);
  const annotator = values.annotator?.trim();
  if (values.annotator !== undefined && (!annotator || annotator.length > 100)) {
    throw new UsageError('tag', '--annotator takes a name of 1 to 100 characters.');
  }

  return withProject('tag', values.db, { create: false }, (project) => {
    const article = call(project, 'articles.get', { id: articleId });
    const starts = occurrences(article.text, quote);
    const shown = JSON.stringify(clip(oneLine(quote), 80));
    if (starts.length === 0) {
      throw new CliError(
        `The quote ${shown} was not found in article #${article.id} (“${clip(article.title, 60)}”). It must match the text exactly, including capitals and punctuation.`,
      );
    }
    if (occurrence > starts.length) {
      throw new CliError(
        `The quote ${shown} occurs ${starts.length === 1 ? 'once' : `${starts.length} times`} in article #${article.id}; there is no occurrence ${occurrence}.`,
      );
    }
    const start = starts[occurrence - 1]!;

    const { tag, annotation } = writeTransaction(project.db, () => {
      const tag = call(project, 'tags.ensurePath', { path });
      // The service, not the handler: only it takes an annotator for this one annotation.
      const input = checkInput('annotations.create', { articleId, tagId: tag.id, start, end: start + quote.length, note: values.note });
      return { tag, annotation: project.services.annotations.create({ ...input, annotator }) };
    })();

    if (values.json) {
      printJson({ annotation, tag: { id: tag.id, path: tag.path } });
    } else {
      process.stdout.write(
        `Tagged ${shown} in article #${article.id} as ${tag.path.join(' > ')} (annotation #${annotation.id}, by ${annotation.annotator}).\n`,
      );
    }
    return 0;
  });
}
