// A reliability sample: N articles (or a percentage) drawn at random from the filter's articles, in
// proportion to the groups of a variable when stratified, reproducible from its seed, and marked with
// a yes/no variable so that every view, filter and export can take it.
import type { Db } from '../../../db/connection.ts';
import { writeTransaction } from '../../../db/connection.ts';
import type { ArticleFilter, BuiltinVariable } from '../../api/contract.ts';
import { conflict, invalid } from '../errors.ts';
import { seededRandom } from '../analysis/agreement.ts';
import { articleGroups } from '../compare/groups.ts';
import { filteredArticleIds } from '../variables/filter.ts';
import type { VariableService } from '../variables/store.ts';

export type SampleInput = { n?: number; percent?: number; by?: number | BuiltinVariable; seed?: number; filter?: ArticleFilter; markAs?: string };

export const DEFAULT_SAMPLE_VARIABLE = 'Reliability sample';

/** Fisher–Yates with the seeded generator: the same seed draws the same articles from the same list. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Sizes per stratum in proportion to its articles, summing to n (largest remainders get the rest). */
function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * n) / total);
  const out = exact.map(Math.floor);
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left === 0) break;
    if (out[i]! < sizes[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/** Which articles a sample takes, without writing anything. */
export function drawSample(db: Db, variables: VariableService, input: SampleInput) {
  const ids = filteredArticleIds(db, input.filter, variables.lookup());
  const n = input.n !== undefined ? input.n : Math.round(((input.percent ?? 0) / 100) * ids.length);
  if (input.percent !== undefined && !(input.percent > 0 && input.percent <= 100)) throw invalid('A sample is a percentage above 0 and at most 100.');
  if (input.n !== undefined && input.n < 1) throw invalid('A sample needs at least one article; N was 0 or less.');
  if (ids.length === 0) throw invalid('There are no articles to sample from (the project or the filter has none).');
  if (n > ids.length) throw invalid(`A sample of ${n} is larger than the ${ids.length} articles there are to draw from.`);
  if (n < 1) throw invalid(`${input.percent}% of ${ids.length} articles rounds to no article; take a larger percentage.`);
  const seed = input.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  let strata: { value: string | null; ids: number[] }[] = [{ value: null, ids }];
  if (input.by !== undefined) {
    const groups = articleGroups(db, { kind: 'variable', variable: input.by }, variables);
    const byKey = new Map<string | null, number[]>();
    for (const id of ids) {
      const key = groups.ofArticle(id);
      const list = byKey.get(key);
      if (list) list.push(id);
      else byKey.set(key, [id]);
    }
    strata = groups.order(byKey.keys()).map((key) => ({ value: key, ids: byKey.get(key)! }));
  }
  const sizes = allocate(
    strata.map((s) => s.ids.length),
    n,
  );
  const drawn = strata.map((s, i) => shuffled(s.ids, random).slice(0, sizes[i]));
  return {
    articleIds: drawn.flat().sort((a, b) => a - b),
    seed,
    strata: strata.map((s, i) => ({ value: s.value, articles: s.ids.length, drawn: sizes[i]! })),
  };
}

/** Draws the sample and marks it: the variable is yes for the sample's articles and empty for all others. */
export function sampleService(db: Db, variables: VariableService) {
  const mark = writeTransaction(db, (input: SampleInput) => {
    const drawn = drawSample(db, variables, input);
    const name = input.markAs?.trim() || DEFAULT_SAMPLE_VARIABLE;
    let variable = variables.findByName(name);
    if (variable && variable.type !== 'boolean') throw conflict(`The variable "${name}" is not a yes/no variable, so it cannot mark a sample; name another.`);
    variable ??= variables.create({ name, type: 'boolean', description: `Reliability sample drawn with seed ${drawn.seed}.` });
    variables.setValue({ variableId: variable.id, value: null, filter: {} });
    variables.setValue({ variableId: variable.id, value: true, articleIds: drawn.articleIds });
    return { ...drawn, variableId: variable.id };
  });
  return { draw: (input: SampleInput) => drawSample(db, variables, input), mark };
}
