// framelens compare and framelens crosstab: the comparison of frames on the command line, with the
// statistics a paper reports and the counts each was computed from.
import type { CompareResult, Comparison, Grouping } from '../api/contract.ts';
import type { Project } from '../services/project.ts';
import { csvDocument } from '../services/csv.ts';
import { parseCommand, printJson, table, UsageError } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';
import { coderFilterHelp, coderFilterOptions, filterHelp, filterOptions, readFilter, variableByName } from './filter.ts';
import { tagIdsFor } from './export.ts';

export const help = `Usage: framelens compare --tags "A,B[,C]" [--rest] [--by VARIABLE|annotator|week|month|year] [options]

Compares two or more tags (each with its subtags), or one tag against all other tagged passages
(--rest): passages, articles, characters coded and share of articles per tag and group; the group ×
tag crosstab of article counts with Pearson's chi-square, degrees of freedom, p, Cramér's V and
adjusted residuals (and Fisher's exact test for 2 × 2); and the 30 most distinctive words and entities
of each tag by weighted log-odds z-score.

Options:
  ${dbHelp}
  --tags "A,B"      the tags, by path ("Rhetoric > Threat"), separated by commas
  --rest            compare the one tag given against all other tagged passages
  --by G            group by a variable (its name, or source, author, language, publishedAt), by
                    annotator, or by publication week, month or year
${filterHelp}
${coderFilterHelp}
  --json            print everything as JSON, each statistic with the counts behind it
  --csv             print the crosstab as CSV
  --help            show this help
`;

export const crosstabHelp = `Usage: framelens crosstab --rows VARIABLE --tags "A,B" [options]

The crosstab of article counts: one row per value of VARIABLE (or annotator, week, month, year), one
column per tag, with row shares, Pearson's chi-square, df, p, Cramér's V, adjusted residuals, and
Fisher's exact test for 2 × 2 tables.

Options:
  ${dbHelp}
  --rows VARIABLE   what the rows are
  --tags "A,B"      the tags, by path, separated by commas
  --rest            one tag against all other tagged passages
${filterHelp}
${coderFilterHelp}
  --json            print the table and its statistics as JSON
  --csv             print the table as CSV
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  tags: { type: 'string' },
  rest: { type: 'boolean' },
  by: { type: 'string' },
  rows: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...filterOptions,
  ...coderFilterOptions,
} as const;

function readGrouping(project: Project, by: string | undefined): Grouping | undefined {
  if (by === undefined) return undefined;
  const name = by.trim().toLowerCase();
  if (name === 'annotator' || name === 'coder') return { kind: 'annotator' };
  if (name === 'week' || name === 'month' || name === 'year') return { kind: 'time', unit: name };
  return { kind: 'variable', variable: variableByName(project, by) };
}

function readComparison(command: string, project: Project, values: { tags?: string; rest?: boolean }, groupBy: Grouping | undefined): Comparison {
  if (values.tags === undefined) throw new UsageError(command, 'name the tags to compare with --tags "A,B".');
  const paths = values.tags
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const tagIds = tagIdsFor(paths, call(project, 'tags.list', {}).tags);
  if (new Set(tagIds).size !== tagIds.length) throw new UsageError(command, 'a tag is named twice; compare a tag with another tag, or with the rest (--rest).');
  if (tagIds.length < 2 && !values.rest) throw new UsageError(command, 'compare two tags or more, or one tag against the rest with --rest.');
  if (tagIds.length > 1 && values.rest) throw new UsageError(command, '--rest compares one tag against all other tagged passages; name one tag.');
  return { tagIds, rest: values.rest, groupBy };
}

const fixed = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const pValue = (p: number) => (p < 0.001 ? 'p < .001' : `p = ${p.toFixed(3).replace(/^0/, '')}`);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The crosstab with its test, as lines of text. */
function crosstabText(r: CompareResult): string {
  const head = ['', ...r.sides.map((s) => s.label), 'articles'];
  const rows = r.groups.map((g, i) => [g.label, ...r.crosstab.counts[i]!.map(String), String(g.articles)]);
  const lines = [table([head, ...rows])];
  const t = r.crosstab.test;
  if (!t.ok) {
    lines.push(`No test: ${t.message}`);
    return lines.join('\n');
  }
  lines.push(`Pearson's chi-square = ${fixed(t.chiSquare)}, df = ${t.df}, ${pValue(t.p)}; Cramér's V = ${fixed(t.cramersV)}`);
  if (t.expectedBelow5 > 0) {
    lines.push(
      `Note: ${t.expectedBelow5} cell${t.expectedBelow5 === 1 ? '' : 's'} expect fewer than 5 articles (lowest ${fixed(t.minExpected, 2)}); the chi-square p is rough${t.fisher ? ', so read Fisher’s exact test' : ''}.`,
    );
  }
  if (t.fisher) lines.push(`Fisher's exact test: two-sided ${pValue(t.fisher.twoSided)}`);
  const residualRows = r.crosstab.rows.map((g, i) => [
    r.groups[g]!.label,
    ...t.adjustedResiduals[i]!.map((z) => `${fixed(z, 2)}${Math.abs(z) > 1.96 ? (z > 0 ? ' +' : ' −') : ''}`),
  ]);
  lines.push('Adjusted residuals (above 1.96: the group uses the tag more than an even spread would give; below −1.96, less):');
  lines.push(table([['', ...r.crosstab.columns.map((c) => r.sides[c]!.label)], ...residualRows]));
  return lines.join('\n');
}

function crosstabCsv(r: CompareResult): string {
  const t = r.crosstab.test;
  const header = ['group', 'articles', ...r.sides.flatMap((s) => [s.label, `${s.label} residual`])];
  const rows = r.groups.map((g, i) => {
    const kept = r.crosstab.rows.indexOf(i);
    return [
      g.label,
      g.articles,
      ...r.sides.flatMap((_, s) => {
        const col = r.crosstab.columns.indexOf(s);
        return [r.crosstab.counts[i]![s]!, t.ok && kept >= 0 && col >= 0 ? Number(t.adjustedResiduals[kept]![col]!.toFixed(4)) : null];
      }),
    ];
  });
  return csvDocument(header, rows);
}

function prevalenceText(r: CompareResult): string {
  const head = ['tag', 'group', 'passages', 'articles', 'characters', 'share of articles'];
  const rows = r.sides.flatMap((s, i) => [
    [s.label, 'all', String(r.overall[i]!.passages), String(r.overall[i]!.articles), String(r.overall[i]!.characters), percent(r.overall[i]!.articleShare)],
    ...(r.groups.length > 1 || r.groups[0]?.key !== 'all'
      ? r.groups.map((g, gi) => {
          const c = r.byGroup[gi]![i]!;
          return ['', g.label, String(c.passages), String(c.articles), String(c.characters), percent(c.articleShare)];
        })
      : []),
  ]);
  return table([head, ...rows]);
}

function distinctive(project: Project, comparison: Comparison, side: number, kind: 'words' | 'entities', filter: ReturnType<typeof readFilter>) {
  return call(project, 'compare.distinctive', { comparison, side, kind, filter, limit: 30 });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('compare', argv, options);
  if (positionals.length) throw new UsageError('compare', `unexpected ${JSON.stringify(positionals[0])}.`);
  if (values.json && values.csv) throw new UsageError('compare', 'choose --json or --csv, not both.');
  return withProject('compare', values.db, { create: false }, (project) => {
    const comparison = readComparison('compare', project, values, readGrouping(project, values.by));
    const filter = readFilter('compare', project, values);
    const result = call(project, 'compare.summary', { comparison, filter });
    if (values.csv) {
      process.stdout.write(crosstabCsv(result));
      return 0;
    }
    const words = result.sides.map((_, i) => distinctive(project, comparison, i, 'words', filter));
    const entities = result.sides.map((_, i) => distinctive(project, comparison, i, 'entities', filter));
    if (values.json) {
      printJson({ ...result, distinctive: result.sides.map((s, i) => ({ side: s.key, words: words[i], entities: entities[i] })) });
      return 0;
    }
    const out = [
      `${result.articles} article${result.articles === 1 ? '' : 's'} compared.`,
      '',
      'Prevalence',
      prevalenceText(result),
      '',
      'Crosstab of articles',
      crosstabText(result),
    ];
    result.sides.forEach((s, i) => {
      for (const [label, list] of [
        ['words', words[i]!],
        ['entities', entities[i]!],
      ] as const) {
        out.push('', `Distinctive ${label} of ${s.label} (weighted log-odds z; above 1.96: clearly more typical of it)`);
        if (list.message) out.push(list.message);
        else
          out.push(
            table([
              [label === 'words' ? 'word' : 'entity', 'z', 'here', 'elsewhere'],
              ...list.terms.map((t) => [t.term, fixed(t.z, 2), String(t.count), String(t.otherCount)]),
            ]),
          );
      }
    });
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  });
}

export async function runCrosstab(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('crosstab', argv, options);
  if (positionals.length) throw new UsageError('crosstab', `unexpected ${JSON.stringify(positionals[0])}.`);
  if (values.rows === undefined) throw new UsageError('crosstab', 'name what the rows are with --rows VARIABLE.');
  return withProject('crosstab', values.db, { create: false }, (project) => {
    const comparison = readComparison('crosstab', project, { tags: values.tags, rest: values.rest }, readGrouping(project, values.rows));
    const result = call(project, 'compare.summary', { comparison, filter: readFilter('crosstab', project, values) });
    if (values.json) printJson({ sides: result.sides, groups: result.groups, crosstab: result.crosstab });
    else if (values.csv) process.stdout.write(crosstabCsv(result));
    else process.stdout.write(crosstabText(result) + '\n');
    return 0;
  });
}
