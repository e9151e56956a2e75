// framelens agreement: reliability between coders per tag and over all tags, the figures a framing
// study reports (percent agreement, Cohen's kappa, Krippendorff's alpha and unitized alpha), with a
// bootstrap interval on request.
import type { AgreementResult, Measure } from '../api/contract.ts';
import { csvDocument } from '../services/csv.ts';
import { CliError, parseCommand, positiveInt, printJson, table, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';
import { commaList, filterHelp, filterOptions, readFilter } from './filter.ts';
import { tagIdsFor } from './export.ts';

export const help = `Usage: framelens agreement --coders "A,B[,C…]" [--tags "X,Y"] [options]

How far coders agree, per tag (with its subtags unless --no-rollup) and over all tags, on the articles
every chosen coder coded (an article counts as coded by a coder who put a code in it or marked it done).
The units are the articles' characters (code points): a coder's value at a character for a tag is 1
inside one of the coder's passages with the tag, else 0.

Options:
  ${dbHelp}
  --coders "A,B"    the coders, by name, separated by commas (two or more)
  --tags "X,Y"      only these tags, by path ("Rhetoric > Threat"); all tags without it
  --no-rollup       a tag counts only its own passages, not its subtags'
  --articles IDS    only these articles (ids separated by commas)
${filterHelp}
  --bootstrap N     a 95% bootstrap interval of alpha from N resamples of articles (e.g. 1000)
  --seed S          the bootstrap's seed (default 1), printed so the figure can be reproduced
  --json            print the result as JSON
  --csv             print one CSV row per tag
  --help            show this help

Reading alpha: .800 or more is reliable; .667 to .800 allows tentative conclusions only; below .667 the
coding is not reliable enough to draw conclusions from (Krippendorff 2004).
`;

const options = {
  db: { type: 'string' },
  coders: { type: 'string' },
  tags: { type: 'string' },
  'no-rollup': { type: 'boolean' },
  articles: { type: 'string' },
  ...filterOptions,
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const value = (m: Measure | null): number | null => (m && m.ok ? Number(m.value.toFixed(4)) : null);
const shown = (m: Measure | null) => (m === null ? '' : m.ok ? m.value.toFixed(3) : '–');

/** Where alpha stands against the thresholds the field uses. */
export function alphaVerdict(alpha: number): string {
  if (alpha >= 0.8) return 'reliable (≥ .800)';
  if (alpha >= 0.667) return 'tentative (.667–.800)';
  return 'unreliable (< .667)';
}

function text(r: AgreementResult): string {
  const head = [
    'tag',
    'articles',
    'characters',
    'coded',
    '% agree',
    ...(r.coders.length === 2 ? ['kappa'] : []),
    'alpha',
    'alpha 95% CI',
    'unitized',
    'presence',
    'verdict',
  ];
  const rows = r.rows.map((row) => [
    row.tag,
    String(row.articles),
    String(row.characters),
    String(row.codedCharacters),
    row.percent.ok ? `${(row.percent.value * 100).toFixed(1)}%` : '–',
    ...(r.coders.length === 2 ? [shown(row.kappa)] : []),
    shown(row.alpha),
    row.interval ? `${row.interval.low.toFixed(3)} to ${row.interval.high.toFixed(3)}` : '',
    shown(row.unitizedAlpha),
    shown(row.presenceAlpha),
    row.alpha.ok ? alphaVerdict(row.alpha.value) : 'undefined',
  ]);
  const articles = `${r.articles} article${r.articles === 1 ? '' : 's'}`;
  const lines = [`Coders: ${r.coders.join(', ')}; ${articles} coded by all of them, ${r.characters} characters.`, table([head, ...rows])];
  const interval = r.rows.find((row) => row.interval)?.interval;
  if (interval) lines.push(`Bootstrap: ${interval.resamples} resamples of articles, seed ${interval.seed}.`);
  const why = r.rows.filter((row) => !row.alpha.ok).map((row) => `  ${row.tag}: ${(row.alpha as { reason: string }).reason}`);
  if (why.length) lines.push('Undefined figures:', ...why);
  return lines.join('\n');
}

function csv(r: AgreementResult): string {
  const header = [
    'tag',
    'articles',
    'characters',
    'coded_characters',
    'percent_agreement',
    'kappa',
    'alpha',
    'alpha_ci_low',
    'alpha_ci_high',
    'p_alpha_below_667',
    'p_alpha_below_800',
    'unitized_alpha',
    'presence_alpha',
    'article_code_alpha',
    'seed',
  ];
  return csvDocument(
    header,
    r.rows.map((row) => [
      row.tag,
      row.articles,
      row.characters,
      row.codedCharacters,
      value(row.percent),
      value(row.kappa),
      value(row.alpha),
      row.interval ? Number(row.interval.low.toFixed(4)) : null,
      row.interval ? Number(row.interval.high.toFixed(4)) : null,
      row.interval?.below667 ?? null,
      row.interval?.below800 ?? null,
      value(row.unitizedAlpha),
      value(row.presenceAlpha),
      value(row.articleCodeAlpha),
      row.interval?.seed ?? null,
    ]),
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('agreement', argv, options);
  if (positionals.length) throw new UsageError('agreement', `unexpected ${JSON.stringify(positionals[0])}.`);
  if (values.coders === undefined) throw new UsageError('agreement', 'name the coders with --coders "A,B".');
  if (values.json && values.csv) throw new UsageError('agreement', 'choose --json or --csv, not both.');
  const coders = commaList(values.coders);
  if (coders.length === 0) throw new UsageError('agreement', '--coders needs at least one name.');
  const resamples = positiveInt('agreement', '--bootstrap', values.bootstrap);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError('agreement', '--seed is a whole number of 0 or more.');
  const articleIds = values.articles === undefined ? undefined : commaList(values.articles).map((v) => positiveInt('agreement', '--articles', v)!);
  return withProject('agreement', values.db, { create: false }, (project) => {
    const tagIds = values.tags === undefined ? undefined : tagIdsFor(commaList(values.tags), call(project, 'tags.list', {}).tags);
    const result = call(project, 'reliability.agreement', {
      coders,
      tagIds,
      rollup: !values['no-rollup'],
      articleIds,
      filter: readFilter('agreement', project, { search: values.search, where: values.where, copies: values.copies }),
      bootstrap: resamples === undefined ? undefined : { resamples, seed },
    });
    if (result.message) throw new CliError(result.message);
    if (values.json) printJson(result);
    else process.stdout.write(values.csv ? csv(result) : `${text(result)}\n`);
    return 0;
  });
}
