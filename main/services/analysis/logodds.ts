// Distinctive words of one group of articles against another: the weighted log-odds ratio with an
// informative Dirichlet prior of Monroe, Colaresi & Quinn, "Fightin' Words: Lexical Feature Selection and
// Evaluation for Identifying the Content of Political Conflict", Political Analysis 16(4), 2008: the
// estimator of its section on the informative Dirichlet prior, taken in the single-topic case with one
// prior shared by both groups:
//   the point estimate of the log-odds ratio
//     δ_w = log[(y_w^i + α_w) / (n^i + α_0 − y_w^i − α_w)] − log[(y_w^j + α_w) / (n^j + α_0 − y_w^j − α_w)]
//   its approximate variance, which keeps only the two count terms of the variance of a log-odds ratio
//     σ²(δ_w) ≈ 1 / (y_w^i + α_w) + 1 / (y_w^j + α_w)
//   and the z-score the paper ranks words by
//     ζ_w = δ_w / √σ²(δ_w)
// where y_w^g is how often word w occurs in group g, n^g = Σ_w y_w^g, α_w the prior count of w and
// α_0 = Σ_w α_w over the whole vocabulary of the prior. Logs are natural logs.
import { invalid } from '../errors.ts';

/** How often each word occurs in one group. */
export type TermCounts = ReadonlyMap<string, number>;

/**
 * The Dirichlet prior α_w.
 * - `pooled`: α_w = α_0 · (y_w^i + y_w^j) / (n^i + n^j), shrinking both groups toward their combined usage.
 *   α_0 defaults to n^i + n^j, so that α_w is the word's pooled count.
 * - `background`: α_w = α_0 · b_w / Σ b, from a reference corpus (say the whole project); α_0 defaults to
 *   Σ b. Every word of the two groups must occur in it.
 * - `uniform`: α_w = alpha for each word seen in either group (the paper's uninformative prior).
 */
export type LogOddsPrior =
  { kind: 'pooled'; alpha0?: number } | { kind: 'background'; counts: TermCounts; alpha0?: number } | { kind: 'uniform'; alpha: number };

export interface LogOddsTerm {
  term: string;
  /** y_w^i: occurrences in the group studied. */
  countI: number;
  /** y_w^j: occurrences in the comparison group. */
  countJ: number;
  /** α_w. */
  prior: number;
  /** δ_w: positive when the group studied uses the word more, as a log-odds ratio. */
  delta: number;
  /** σ²(δ_w). */
  variance: number;
  /** ζ_w = δ_w / σ(δ_w); about ±1.96 marks the usual 5% level, read as a descriptive score. */
  z: number;
}

export interface LogOddsRanking {
  ok: true;
  /** n^i, n^j: words in each group. */
  nI: number;
  nJ: number;
  alpha0: number;
  /** Every word seen in either group, by z from most typical of group i to most typical of group j (ties by word). */
  terms: LogOddsTerm[];
}

export type LogOddsNoRanking = {
  ok: false;
  reason: 'empty group' | 'one word';
  message: string;
};

/** Check `ok` first: the ranking exists only on the `ok: true` branch. */
export type LogOddsResult = LogOddsRanking | LogOddsNoRanking;

function checkCounts(counts: TermCounts, what: string): number {
  if (!(counts instanceof Map)) throw invalid(`The word counts of ${what} must be a Map from word to count.`);
  let total = 0;
  for (const [term, count] of counts) {
    if (typeof term !== 'string') throw invalid(`The word counts of ${what} hold a key that is not a word: ${String(term)}.`);
    if (!Number.isSafeInteger(count) || count < 0) {
      throw invalid(`Word counts must be whole numbers of 0 or more; "${term}" in ${what} has ${String(count)}.`);
    }
    total += count;
  }
  return total;
}

function checkPositive(value: number, what: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw invalid(`${what} must be a finite number above 0; got ${String(value)}.`);
}

/**
 * Ranks the words of group i against group j by the weighted log-odds z-score. Words with a count of 0 in
 * both groups are left out. Throws INVALID_INPUT on bad counts or a prior that gives some word no weight.
 */
export function weightedLogOdds(groupI: TermCounts, groupJ: TermCounts, prior: LogOddsPrior = { kind: 'pooled' }): LogOddsResult {
  const nI = checkCounts(groupI, 'the group studied');
  const nJ = checkCounts(groupJ, 'the comparison group');
  const vocabulary = [...new Set([...groupI.keys(), ...groupJ.keys()])].filter((w) => (groupI.get(w) ?? 0) + (groupJ.get(w) ?? 0) > 0);
  if (nI === 0 || nJ === 0) {
    return { ok: false, reason: 'empty group', message: 'One of the two groups has no words, so there is nothing to compare.' };
  }

  const { alpha, alpha0 } = priorFor(prior, groupI, groupJ, vocabulary, nI + nJ);
  const terms: LogOddsTerm[] = [];
  for (const term of vocabulary) {
    const yi = groupI.get(term) ?? 0;
    const yj = groupJ.get(term) ?? 0;
    const a = alpha(term);
    const restI = nI + alpha0 - yi - a;
    const restJ = nJ + alpha0 - yj - a;
    // The odds need prior or data outside this word: with a single word type there is no "other".
    if (!(restI > 0) || !(restJ > 0)) {
      return { ok: false, reason: 'one word', message: 'Only one word occurs, so no word can be more typical of one group than another.' };
    }
    const delta = Math.log((yi + a) / restI) - Math.log((yj + a) / restJ);
    const variance = 1 / (yi + a) + 1 / (yj + a);
    terms.push({ term, countI: yi, countJ: yj, prior: a, delta, variance, z: delta / Math.sqrt(variance) });
  }
  terms.sort((x, y) => y.z - x.z || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return { ok: true, nI, nJ, alpha0, terms };
}

function priorFor(
  prior: LogOddsPrior,
  groupI: TermCounts,
  groupJ: TermCounts,
  vocabulary: readonly string[],
  n: number,
): { alpha: (term: string) => number; alpha0: number } {
  switch (prior.kind) {
    case 'pooled': {
      const alpha0 = prior.alpha0 ?? n;
      checkPositive(alpha0, 'The prior weight α0');
      return { alpha: (w) => (alpha0 * ((groupI.get(w) ?? 0) + (groupJ.get(w) ?? 0))) / n, alpha0 };
    }
    case 'background': {
      const total = checkCounts(prior.counts, 'the reference corpus');
      if (total === 0) throw invalid('The reference corpus for the prior holds no words.');
      const missing = vocabulary.filter((w) => !((prior.counts.get(w) ?? 0) > 0));
      if (missing.length > 0) {
        const shown = missing
          .slice(0, 5)
          .map((w) => `"${w}"`)
          .join(', ');
        throw invalid(`The reference corpus must contain every word compared; ${missing.length} do not occur in it (${shown}).`);
      }
      const alpha0 = prior.alpha0 ?? total;
      checkPositive(alpha0, 'The prior weight α0');
      return { alpha: (w) => (alpha0 * prior.counts.get(w)!) / total, alpha0 };
    }
    case 'uniform': {
      checkPositive(prior.alpha, 'The uniform prior count');
      return { alpha: () => prior.alpha, alpha0: prior.alpha * vocabulary.length };
    }
    default:
      throw invalid(`Unknown kind of prior: ${String((prior as { kind: unknown }).kind)}.`);
  }
}
