// framelens merge: bring a colleague's project file into this one (their articles, codebook, variables,
// codes and entity curation), keeping this project's own work wherever the two disagree.
import { basename, resolve } from 'node:path';
import { mergeProject, type MergeReport } from '../services/merge/merge.ts';
import { plural as count, reportLines } from '../services/merge/report.ts';
import { parseCommand, printJson, table, UsageError } from './common.ts';
import { dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens merge OTHER.framelens [--dry-run] [options]

Brings the work in another project file (a colleague's copy, a coded reliability sample) into this
project. Articles are matched by their text, tags by their path and variables by their name, letter
case aside; what this project lacks is added: articles, tags, variables and their values, annotations,
article-level codes, done marks, coders, and entity renames, merges and ignored names. Nothing here is
overwritten: where the two projects disagree (another value for an article, an annotation changed on
one side), this project's version is kept and the difference is listed.

The other file is only read, never changed. Merging the same file again adds nothing new. The merge is
written all at once or not at all.

Options:
  ${dbHelp}
  --dry-run         show what the merge would bring in, and write nothing
  --json            print the full report as JSON
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How many conflicts and notes the summary shows; --json has them all. */
const SHOWN = 30;

function summary(report: MergeReport, project: string, dryRun: boolean): string {
  const other = basename(report.path);
  const lines = [
    dryRun ? `A merge of ${other} into ${project} would bring in (--dry-run: nothing was written):` : `Merged ${other} into ${project}:`,
    table(reportLines(report).map(([what, outcome]) => [`  ${what}`, outcome])),
  ];
  const list = (items: string[], title: string) => {
    if (!items.length) return;
    lines.push('', title);
    for (const item of items.slice(0, SHOWN)) lines.push(`  - ${item}`);
    if (items.length > SHOWN) lines.push(`  … and ${items.length - SHOWN} more; --json lists them all.`);
  };
  list(report.conflicts, `${count(report.conflicts.length, 'conflict')} (this project's version was kept):`);
  list(report.notes, `${count(report.notes.length, 'note')}:`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('merge', argv, options);
  if (positionals.length === 0) throw new UsageError('merge', 'name the project file to merge from, for example `framelens merge colleague.framelens`.');
  if (positionals.length > 1) throw new UsageError('merge', `merge takes one project file at a time; unexpected ${JSON.stringify(positionals[1])}.`);
  const other = positionals[0]!;
  if (other.trim() === '') throw new UsageError('merge', 'the project file to merge from needs a name.');
  const dryRun = values['dry-run'] === true;
  return withProject('merge', values.db, { create: false }, (project) => {
    const report = mergeProject(project.db, project.services, resolve(other), { dryRun });
    if (values.json) printJson(report);
    else process.stdout.write(summary(report, basename(project.path), dryRun));
    return 0;
  });
}
