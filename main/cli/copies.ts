// framelens copies: families of near-duplicate articles (the same wire story in several outlets,
// lightly edited), each with its original (the earliest) and its copies with their similarity.
import { CliError, parseCommand, printJson, table, UsageError } from './common.ts';
import { cliJob, progressFor } from './progress.ts';
import { call, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens copies [--threshold 0.8] [--json]

Finds articles whose texts are near-duplicates: the same story run again with sentences moved, a
paragraph added or cut, a new byline or a few words changed. Each family has one original, the
earliest article (by publication date, then by import), and its copies with how much of the shorter
text the longer holds (0 to 1). Shingles of five words and MinHash signatures find the candidates;
each candidate pair is checked exactly. The families are kept in the project: the article list marks
the copies, the CSV export says in copy_of what each copies, and --copies once on compare, crosstab
and export counts each family once.

Options:
  ${dbHelp}
  --threshold T     how similar a copy must be, from 0.5 to 1 (default 0.8)
  --json            print the families as JSON
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  threshold: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('copies', argv, options);
  if (positionals.length) throw new UsageError('copies', `unexpected ${JSON.stringify(positionals[0])}.`);
  const threshold = values.threshold === undefined ? 0.8 : Number(values.threshold.replace(',', '.'));
  if (!(threshold >= 0.5 && threshold <= 1)) throw new UsageError('copies', `--threshold is a number from 0.5 to 1, not ${JSON.stringify(values.threshold)}.`);
  return withProject('copies', values.db, { create: false }, async (project) => {
    if (project.readOnly) throw new CliError(`${project.path} is open read-only, so its copy families cannot be kept. Nothing was changed.`);
    // Kept in the project: the article list marks copies, and --copies once counts each family once.
    // The progress line counts the articles read, then the bands of signatures compared.
    await project.services.copies.find(threshold, cliJob(progressFor({}, 'steps')));
    const { families } = call(project, 'copies.list', {});
    const titles = new Map(
      (project.db.prepare('SELECT id, title, source FROM articles').raw().all() as [number, string, string | null][]).map(([id, title, source]) => [
        id,
        { title, source },
      ]),
    );
    const shown = families.map((f) => ({
      original: { id: f.original, ...titles.get(f.original)! },
      copies: f.copies.map((c) => ({ id: c.id, ...titles.get(c.id)!, similarity: Number(c.similarity.toFixed(3)) })),
    }));
    if (values.json) {
      printJson({ threshold, families: shown });
      return 0;
    }
    if (!shown.length) {
      process.stdout.write(`No copies at a threshold of ${threshold}.\n`);
      return 0;
    }
    const rows = shown.flatMap((f) => [
      ['original', `#${f.original.id}`, f.original.source ?? '', f.original.title],
      ...f.copies.map((c) => [`  copy ${c.similarity.toFixed(2)}`, `#${c.id}`, c.source ?? '', c.title]),
    ]);
    process.stdout.write(`${table(rows)}\n`);
    const copies = shown.reduce((n, f) => n + f.copies.length, 0);
    process.stdout.write(`${shown.length} famil${shown.length === 1 ? 'y' : 'ies'}, ${copies} cop${copies === 1 ? 'y' : 'ies'} (threshold ${threshold}).\n`);
    return 0;
  });
}
