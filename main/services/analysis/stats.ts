// The statistics a framing study reports on a contingency table: rows are groups of articles (outlets,
// periods, countries), columns are tags, cells count tagged passages (or articles). Everything here is a
// pure function over plain arrays. Inputs are checked strictly (a negative or fractional count is a bug
// upstream, so it throws INVALID_INPUT); tables on which no test is possible come back as a typed answer
// with `ok: false` and the reason, never as NaN or Infinity.
import { invalid } from '../errors.ts';
import { chiSquareSurvival, logFactorial } from './special.ts';

export { chiSquareSurvival, logFactorial, logGamma, regularizedGammaP, regularizedGammaQ } from './special.ts';

/** Counts by group (rows) and tag (columns). Every row has the same length. */
export type ContingencyTable = readonly (readonly number[])[];

/** Why a table admits no test: no counts at all, or everything in one group, or everything under one tag. */
export type NoTestReason = 'empty' | 'one group' | 'one tag';

/** Rows and columns left out because their total is 0, as indices into the table given. */
export interface Dropped {
  rows: number[];
  columns: number[];
}

/** What can be said of any table, testable or not. Indices refer to the table given. */
export interface TableDescription {
  /** Indices of the rows kept (total above 0), in their original order; the matrices below follow them. */
  rows: number[];
  /** Indices of the columns kept (total above 0), in their original order. */
  columns: number[];
  dropped: Dropped;
  n: number;
  rowTotals: number[];
  columnTotals: number[];
  /** rowShares[i][j]: the share of group i's count that falls under tag j (each row sums to 1). */
  rowShares: number[][];
  /** columnShares[i][j]: the share of tag j's count that falls in group i (each column sums to 1). */
  columnShares: number[][];
}

export interface ChiSquareTest extends TableDescription {
  ok: true;
  /** Pearson's X² = Σ (O − E)² / E. */
  chiSquare: number;
  /** (rows − 1)(columns − 1), counted on the rows and columns kept. */
  df: number;
  /** P(χ²_df ≥ X²); 0 only when the true value is below the smallest double (about 1e-308). */
  p: number;
  /** E = row total × column total / n. */
  expected: number[][];
  /** How many cells expect fewer than 5: the usual warning that the chi-square approximation is rough. */
  expectedBelow5: number;
  minExpected: number;
  /** Cramér's V = √(X² / (n (min(rows, columns) − 1))), between 0 and 1. */
  cramersV: number;
  /** (O − E) / √(E (1 − row/n)(1 − column/n)); roughly standard normal under independence. */
  adjustedResiduals: number[][];
}

export interface NoTest extends TableDescription {
  ok: false;
  reason: NoTestReason;
  /** The reason in words an analyst can act on. */
  message: string;
}

/** Check `ok` before reading any statistic: the statistics exist only on the `ok: true` branch. */
export type ChiSquareResult = ChiSquareTest | NoTest;

const NO_TEST_MESSAGES: Record<NoTestReason, string> = {
  empty: 'The table holds no counts, so there is nothing to compare.',
  'one group': 'All counts fall in one group; comparing groups needs at least two groups with counts.',
  'one tag': 'All counts fall under one tag; comparing tags needs at least two tags with counts.',
};

/** Throws INVALID_INPUT unless `count` is a whole number from 0 to 2^53 − 1. */
function checkCount(count: unknown, where: string): asserts count is number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw invalid(`Counts must be whole numbers of 0 or more (at most ${Number.MAX_SAFE_INTEGER}); ${where} holds ${String(count)}.`);
  }
}

/** Throws INVALID_INPUT unless the table is rectangular and every cell is a valid count. */
export function checkTable(table: ContingencyTable): void {
  if (!Array.isArray(table)) throw invalid('A contingency table is a list of rows, each a list of counts.');
  const width = table.length > 0 && Array.isArray(table[0]) ? table[0].length : 0;
  table.forEach((row, i) => {
    if (!Array.isArray(row)) throw invalid(`Row ${i + 1} of the table is not a list of counts.`);
    if (row.length !== width) {
      throw invalid(`Every row needs the same number of columns; row 1 has ${width} and row ${i + 1} has ${row.length}.`);
    }
    row.forEach((count, j) => checkCount(count, `row ${i + 1}, column ${j + 1}`));
  });
}

/** Totals, shares and the rows and columns dropped for being empty. Throws INVALID_INPUT on a bad table. */
export function describeTable(table: ContingencyTable): TableDescription {
  checkTable(table);
  const width = table[0]?.length ?? 0;
  const allRowTotals = table.map((row) => row.reduce((s, x) => s + x, 0));
  const allColumnTotals = Array.from({ length: width }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const rows: number[] = [];
  const columns: number[] = [];
  const dropped: Dropped = { rows: [], columns: [] };
  allRowTotals.forEach((t, i) => (t > 0 ? rows : dropped.rows).push(i));
  allColumnTotals.forEach((t, j) => (t > 0 ? columns : dropped.columns).push(j));
  const rowTotals = rows.map((i) => allRowTotals[i]!);
  const columnTotals = columns.map((j) => allColumnTotals[j]!);
  const n = rowTotals.reduce((s, x) => s + x, 0);
  const cell = (i: number, j: number) => table[rows[i]!]![columns[j]!]!;
  return {
    rows,
    columns,
    dropped,
    n,
    rowTotals,
    columnTotals,
    rowShares: rows.map((_, i) => columns.map((_, j) => cell(i, j) / rowTotals[i]!)),
    columnShares: rows.map((_, i) => columns.map((_, j) => cell(i, j) / columnTotals[j]!)),
  };
}

function noTestReason(d: TableDescription): NoTestReason | null {
  if (d.n === 0) return 'empty';
  if (d.rows.length < 2) return 'one group';
  if (d.columns.length < 2) return 'one tag';
  return null;
}

/**
 * Pearson's chi-square test of independence between group and tag, with the figures reported beside it.
 * Rows and columns whose total is 0 are dropped first (see `dropped`); they carry no information and
 * would make expected counts 0. Fewer than two groups or tags left gives `{ ok: false, reason }`.
 */
export function chiSquareTest(table: ContingencyTable): ChiSquareResult {
  const d = describeTable(table);
  const reason = noTestReason(d);
  if (reason !== null) return { ok: false, reason, message: NO_TEST_MESSAGES[reason], ...d };

  const { n, rowTotals, columnTotals } = d;
  const observed = (i: number, j: number) => table[d.rows[i]!]![d.columns[j]!]!;
  let chiSquare = 0;
  let expectedBelow5 = 0;
  let minExpected = Infinity;
  const expected: number[][] = [];
  const adjustedResiduals: number[][] = [];
  for (let i = 0; i < rowTotals.length; i++) {
    const r = rowTotals[i]!;
    const eRow: number[] = [];
    const resRow: number[] = [];
    for (let j = 0; j < columnTotals.length; j++) {
      const c = columnTotals[j]!;
      // r · (c / n) rather than (r · c) / n: the product of two large totals could leave double range.
      const e = r * (c / n);
      const diff = observed(i, j) - e;
      chiSquare += (diff * diff) / e;
      if (e < 5) expectedBelow5++;
      if (e < minExpected) minExpected = e;
      eRow.push(e);
      // With two or more non-empty rows and columns every r < n and c < n, so the root is of a positive number.
      resRow.push(diff / Math.sqrt(e * (1 - r / n) * (1 - c / n)));
    }
    expected.push(eRow);
    adjustedResiduals.push(resRow);
  }
  const df = (rowTotals.length - 1) * (columnTotals.length - 1);
  const k = Math.min(rowTotals.length, columnTotals.length) - 1;
  return {
    ok: true,
    ...d,
    chiSquare,
    df,
    p: chiSquareSurvival(chiSquare, df),
    expected,
    expectedBelow5,
    minExpected,
    cramersV: Math.min(1, Math.sqrt(chiSquare / (n * k))),
    adjustedResiduals,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fisher's exact test for a 2 × 2 table
// ---------------------------------------------------------------------------------------------------------

export type FisherNoTestReason = NoTestReason | 'too large';

export interface FisherTest {
  ok: true;
  n: number;
  /** The top-left count, the one whose conditional distribution (hypergeometric) the test uses. */
  observed: number;
  /** The probability of the observed table given its margins. */
  pObserved: number;
  /** Sum of the probabilities of all tables with these margins no more likely than the observed one. */
  twoSided: number;
  /** P(top-left ≤ observed): evidence that the first group uses the first tag less (odds ratio < 1). */
  less: number;
  /** P(top-left ≥ observed): evidence that the first group uses the first tag more (odds ratio > 1). */
  greater: number;
}

export interface FisherNoTest {
  ok: false;
  reason: FisherNoTestReason;
  message: string;
}

export type FisherResult = FisherTest | FisherNoTest;

/**
 * Tables count as "no more likely" than the observed one when their probability is at most the observed
 * probability times (1 + 1e-7): ties computed in floating point must not fall out by rounding. R's
 * fisher.test uses the same relative tolerance.
 */
const TIE_TOLERANCE = 1e-7;
/** Terms below e^-750 relative to the most likely table are below double range; the walk stops there. */
const NEGLIGIBLE_LOG = -750;
/** How many tables the walk may visit; beyond it the counts are so large that the chi-square test agrees. */
const MAX_FISHER_TABLES = 1_000_000;

/**
 * Fisher's exact test of a 2 × 2 table [[a, b], [c, d]] with rows as groups and columns as tags. Given
 * the margins, the top-left count is hypergeometric; the probabilities are computed in logs (ratios of
 * factorials, walking out from the most likely table), so counts in the thousands or millions are fine.
 */
export function fisherExact(table: ContingencyTable): FisherResult {
  checkTable(table);
  if (table.length !== 2 || table[0]!.length !== 2) {
    const shape = `${table.length} × ${table[0]?.length ?? 0}`;
    throw invalid(`Fisher's exact test here takes a 2 × 2 table; this one is ${shape}. Use the chi-square test for larger tables.`);
  }
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const c2 = b + d;
  const n = r1 + r2;
  if (n === 0) return { ok: false, reason: 'empty', message: NO_TEST_MESSAGES.empty };
  if (r1 === 0 || r2 === 0) return { ok: false, reason: 'one group', message: NO_TEST_MESSAGES['one group'] };
  if (c1 === 0 || c2 === 0) return { ok: false, reason: 'one tag', message: NO_TEST_MESSAGES['one tag'] };

  // The top-left count k ranges over [lo, hi]; log P(k + 1) − log P(k) = log((r1−k)(c1−k) / ((k+1)(r2−c1+k+1))).
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const step = (k: number) => Math.log(((r1 - k) * (c1 - k)) / ((k + 1) * (r2 - c1 + k + 1)));
  const mode = Math.min(hi, Math.max(lo, Math.floor(((r1 + 1) * (c1 + 1)) / (n + 2))));
  // The walk reaches e^-750 about √1500 ≈ 39 standard deviations from the mode; refuse before walking.
  const sd = Math.sqrt((((r1 / n) * r2 * c1) / n) * (c2 / (n - 1)));
  if (40 * sd > MAX_FISHER_TABLES) return tooLarge();

  // Log-probabilities relative to the mode, out to where they no longer register in double precision.
  const below: number[] = [];
  for (let k = mode, logp = 0; k > lo; k--) {
    logp -= step(k - 1);
    if (logp < NEGLIGIBLE_LOG) break;
    below.push(logp);
    if (below.length > MAX_FISHER_TABLES) return tooLarge();
  }
  const above: number[] = [];
  for (let k = mode, logp = 0; k < hi; k++) {
    logp += step(k);
    if (logp < NEGLIGIBLE_LOG) break;
    above.push(logp);
    if (above.length > MAX_FISHER_TABLES) return tooLarge();
  }
  const first = mode - below.length;
  const logs = [...below.reverse(), 0, ...above];
  const last = first + logs.length - 1;

  const total = logs.reduce((s, l) => s + Math.exp(l), 0);
  const sumWhere = (keep: (k: number, l: number) => boolean) => logs.reduce((s, l, i) => (keep(first + i, l) ? s + Math.exp(l) : s), 0) / total;
  const clamp = (p: number) => Math.min(1, Math.max(0, p));

  if (a < first || a > last) {
    // The observed table is less likely than e^-750 times the most likely one: every p that sums only
    // tables as extreme as it is below double range, and the opposite one-sided p is 1.
    return { ok: true, n, observed: a, pObserved: 0, twoSided: 0, less: a < first ? 0 : 1, greater: a > last ? 0 : 1 };
  }
  const logObserved = logs[a - first]!;
  const threshold = logObserved + Math.log1p(TIE_TOLERANCE);
  return {
    ok: true,
    n,
    observed: a,
    pObserved: clamp(Math.exp(logObserved) / total),
    twoSided: clamp(sumWhere((_, l) => l <= threshold)),
    less: clamp(sumWhere((k) => k <= a)),
    greater: clamp(sumWhere((k) => k >= a)),
  };
}

function tooLarge(): FisherNoTest {
  return {
    ok: false,
    reason: 'too large',
    message: 'The counts are too large for an exact test to be worth its cost; at this size the chi-square test gives the same answer.',
  };
}

/** The hypergeometric probability of a 2 × 2 table given its margins, from log-factorials. */
export function hypergeometricProbability(table: ContingencyTable): number {
  checkTable(table);
  if (table.length !== 2 || table[0]!.length !== 2) throw invalid('The probability of a table is computed here for 2 × 2 tables only.');
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  const lf = logFactorial;
  const n = a + b + c + d;
  return Math.exp(lf(a + b) + lf(c + d) + lf(a + c) + lf(b + d) - lf(n) - lf(a) - lf(b) - lf(c) - lf(d));
}

// ---------------------------------------------------------------------------------------------------------
// Jaccard index
// ---------------------------------------------------------------------------------------------------------

export interface JaccardResult {
  /** |A ∩ B| / |A ∪ B|, from 0 to 1; 0 when both sets are empty. */
  value: number;
  /** True when both sets are empty: the index is then undefined and `value` is 0 only by convention. */
  bothEmpty: boolean;
}

/** Jaccard's index from the sizes of two sets and of their intersection. Throws INVALID_INPUT on impossible sizes. */
export function jaccard(sizeA: number, sizeB: number, shared: number): JaccardResult {
  checkCount(sizeA, 'the first set');
  checkCount(sizeB, 'the second set');
  checkCount(shared, 'the intersection');
  if (shared > Math.min(sizeA, sizeB)) {
    throw invalid(`Two sets of ${sizeA} and ${sizeB} cannot share ${shared} members.`);
  }
  const union = sizeA + sizeB - shared;
  if (union === 0) return { value: 0, bothEmpty: true };
  return { value: shared / union, bothEmpty: false };
}

/** Jaccard's index of two sets. */
export function jaccardOfSets<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): JaccardResult {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return jaccard(a.size, b.size, shared);
}
