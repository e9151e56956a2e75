// framelens sample: draw a reliability sample of articles, mark it in the project with a yes/no
// variable, or write it to a new project file for a colleague to code.
import { resolve } from 'node:path';
import { writeSampleProject } from '../services/reliability/sample-project.ts';
import { drawSample, DEFAULT_SAMPLE_VARIABLE } from '../services/reliability/sample.ts';
import { parseCommand, printJson, table, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';
import { filterHelp, filterOptions, readFilter, variableByName } from './filter.ts';

export const help = `Usage: framelens sample (--n N | --percent P) [--by VARIABLE] [--seed S] [--out FILE | --mark NAME] [options]

Draws a random sample of articles for a reliability test: N articles (or P percent), in proportion to
the groups of a variable with --by, reproducible from the seed (printed; give it with --seed to draw the
same sample again).

Without --out the sample is marked in the project with the yes/no variable "${DEFAULT_SAMPLE_VARIABLE}" (or
the one named with --mark): yes for the sampled articles, empty for all others. With --out it is written
to a new project file holding the sampled articles, their variables and the codebook, without anyone's
codes, for a colleague to code blind; \`framelens merge\` brings their work back.

Options:
  ${dbHelp}
  --n N             the number of articles
  --percent P       or a percentage of the articles (above 0, at most 100)
  --by VARIABLE     stratify by a variable (source, language, or one of your own)
  --seed S          the random seed (a whole number); a new one is drawn and printed without it
  --out FILE        write the sample to this new project file instead of marking it
  --mark NAME       the yes/no variable that marks the sample (default "${DEFAULT_SAMPLE_VARIABLE}")
${filterHelp}
  --json            print the result as JSON
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  n: { type: 'string' },
  percent: { type: 'string' },
  by: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  mark: { type: 'string' },
  ...filterOptions,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const wholeNumber = (option: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError('sample', `${option} is a whole number, not ${JSON.stringify(text)}.`);
  return Number(text);
};

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('sample', argv, options);
  if (positionals.length) throw new UsageError('sample', `unexpected ${JSON.stringify(positionals[0])}.`);
  if ((values.n === undefined) === (values.percent === undefined))
    throw new UsageError('sample', 'give the sample size with --n N or --percent P (one of them).');
  if (values.out !== undefined && values.mark !== undefined)
    throw new UsageError('sample', '--out writes the sample to a new file; --mark marks it in this project. Choose one.');
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('sample', '--out needs a file name.');
  const n = wholeNumber('--n', values.n);
  const percent = values.percent === undefined ? undefined : Number(values.percent.replace(',', '.'));
  if (percent !== undefined && !Number.isFinite(percent)) throw new UsageError('sample', `--percent is a number, not ${JSON.stringify(values.percent)}.`);
  const seed = wholeNumber('--seed', values.seed);
  if (seed !== undefined && (seed < 0 || seed > 2 ** 31 - 1)) throw new UsageError('sample', '--seed is a whole number from 0 to 2147483647.');
  return withProject('sample', values.db, { create: false }, (project) => {
    const input = {
      n,
      percent,
      seed,
      by: values.by === undefined ? undefined : variableByName(project, values.by),
      filter: readFilter('sample', project, values),
    };
    let result;
    let where: string;
    if (values.out !== undefined) {
      const drawn = drawSample(project.db, project.services.variables, input);
      const written = writeSampleProject(project.db, drawn.articleIds, resolve(values.out));
      result = { ...drawn, out: written.path };
      where = `written to ${written.path} with the codebook (${written.tags} tags)`;
    } else {
      result = call(project, 'reliability.sample', { ...input, markAs: values.mark });
      where = `marked with the variable "${values.mark?.trim() || DEFAULT_SAMPLE_VARIABLE}"`;
    }
    if (values.json) {
      printJson(result);
      return 0;
    }
    const lines = [`Drew ${result.articleIds.length} articles with seed ${result.seed}; ${where}.`];
    if (input.by !== undefined)
      lines.push(table([['group', 'articles', 'drawn'], ...result.strata.map((s) => [s.value ?? '(no value)', String(s.articles), String(s.drawn)])]));
    lines.push(`Articles: ${result.articleIds.join(', ')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
