// The statistics behind the comparison views, against hand-worked tables, published examples and
// closed forms of the chi-square distribution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  chiSquareSurvival,
  chiSquareTest,
  describeTable,
  fisherExact,
  hypergeometricProbability,
  jaccard,
  jaccardOfSets,
  logFactorial,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
  type ChiSquareResult,
  type ChiSquareTest,
  type ContingencyTable,
  type FisherTest,
} from '../../main/services/analysis/stats.ts';
import { AppError } from '../../main/services/errors.ts';

/** |actual − expected| ≤ tolerance · |expected| (or ≤ tolerance when expected is 0). */
function near(actual: number, expected: number, tolerance: number, label = '') {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  assert.ok(Number.isFinite(actual), `${label}: ${actual} is not finite`);
  assert.ok(Math.abs(actual - expected) <= tolerance * scale, `${label}: got ${actual}, expected ${expected} (±${tolerance} relative)`);
}

function nearAll(actual: number[][], expected: number[][], tolerance: number, label: string) {
  assert.equal(actual.length, expected.length, `${label}: rows`);
  actual.forEach((row, i) => {
    assert.equal(row.length, expected[i]!.length, `${label}: columns of row ${i}`);
    row.forEach((x, j) => near(x, expected[i]![j]!, tolerance, `${label}[${i}][${j}]`));
  });
}

function tested(table: ContingencyTable): ChiSquareTest {
  const r = chiSquareTest(table);
  assert.ok(r.ok, `expected a test, got ${r.ok ? '' : r.reason}`);
  return r;
}

function fisher(table: ContingencyTable): FisherTest {
  const r = fisherExact(table);
  assert.ok(r.ok, `expected a test, got ${r.ok ? '' : r.reason}`);
  return r;
}

const refused = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && message.test(e.message));

// ---------------------------------------------------------------------------------------------------------
// The chi-square distribution
// ---------------------------------------------------------------------------------------------------------

/** P(χ²_{2k} > x) = e^(−x/2) Σ_{i<k} (x/2)^i / i!, exactly; summed in logs so that large x stays in range. */
function evenDfSurvival(x: number, df: number): number {
  const h = x / 2;
  let sum = 0;
  for (let i = 0; i < df / 2; i++) sum += Math.exp(-h + i * Math.log(h) - logFactorialByLoop(i));
  return sum;
}
const logFactorialByLoop = (n: number) => {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
};

/**
 * erfc(z) for large z by its asymptotic series e^(−z²)/(z√π) Σ (−1)^n (2n−1)!! / (2z²)^n, a method
 * independent of the continued fraction under test. For z ≥ 10 the smallest term is far below 1e-17.
 */
function erfcLarge(z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    const next = (-term * (2 * n - 1)) / (2 * z * z);
    if (Math.abs(next) >= Math.abs(term) || Math.abs(next) < 1e-18) break;
    term = next;
    sum += term;
  }
  return (Math.exp(-z * z) / (z * Math.sqrt(Math.PI))) * sum;
}

test('the chi-square tail on 2 degrees of freedom is exactly exp(−x/2), down to 1e-300', () => {
  for (const x of [1e-6, 0.5, 2, 2.9, 3, 3.1, 10, 50, 200, 700, 1000, 1380]) {
    near(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-10, `x = ${x}`);
  }
  // exp(−690) ≈ 2.3e-300 is still a normal double and must come back with its digits.
  assert.ok(chiSquareSurvival(1380, 2) > 1e-300);
});

test('the chi-square tail on even degrees of freedom matches its closed form (Poisson sum)', () => {
  for (const df of [4, 10, 30, 100]) {
    // Around the switch between series and continued fraction (x/2 = df/2 + 1), and deep in the tail.
    for (const x of [0.01, df / 2, df + 1.9, df + 2, df + 2.1, 2 * df, 5 * df + 20, 400, 1200]) {
      const expected = evenDfSurvival(x, df);
      if (expected < 1e-300) continue;
      near(chiSquareSurvival(x, df), expected, 1e-10, `df ${df}, x ${x}`);
    }
  }
});

test('the chi-square tail on odd degrees of freedom matches erfc, deep in the tail too', () => {
  // P(χ²₁ > x) = erfc(√(x/2)); P(χ²₃ > x) = erfc(√(x/2)) + √(2x/π) e^(−x/2).
  for (const x of [200, 500, 1000, 1370]) {
    const e1 = erfcLarge(Math.sqrt(x / 2));
    near(chiSquareSurvival(x, 1), e1, 1e-10, `df 1, x ${x}`);
    near(chiSquareSurvival(x, 3), e1 + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2), 1e-10, `df 3, x ${x}`);
  }
  // The normal distribution's two-sided tails beyond 1, 2 and 3 standard deviations (P(χ²₁ > z²) = P(|Z| > z)):
  // 0.3173105078629141, 0.0455002638963584 and 0.0026997960632601 as printed in standard normal tables.
  near(chiSquareSurvival(1, 1), 0.3173105078629141, 1e-10, 'χ²₁ > 1');
  near(chiSquareSurvival(4, 1), 0.0455002638963584, 1e-10, 'χ²₁ > 4');
  near(chiSquareSurvival(9, 1), 0.0026997960632601, 1e-10, 'χ²₁ > 9');
});

test('the printed 5% critical values of the chi-square distribution give p = 0.05', () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical values of the chi-square
  // distribution", upper-tail 0.05 column: 3.841 for 1 degree of freedom and 18.307 for 10. Printed to
  // three decimals, so the true point lies within ±0.0005 of each: p crosses 0.05 inside that interval.
  for (const [printed, df] of [
    [3.841, 1],
    [18.307, 10],
  ] as const) {
    assert.ok(chiSquareSurvival(printed - 0.0005, df) > 0.05, `df ${df}: below the printed value p exceeds 0.05`);
    assert.ok(chiSquareSurvival(printed + 0.0005, df) < 0.05, `df ${df}: above it p is below 0.05`);
  }
  // To full precision the 1-df value is 1.959963984540054², the square of the normal 97.5% point.
  near(chiSquareSurvival(1.959963984540054 ** 2, 1), 0.05, 1e-12, 'χ²₁ exact');
});

test('p is 0 only where the true tail is below double range', () => {
  assert.equal(chiSquareSurvival(1500, 2), 0); // e^-750 ≈ 5e-326: below even the smallest subnormal
  assert.ok(chiSquareSurvival(1400, 2) > 0); // e^-700 ≈ 1e-304
  assert.equal(chiSquareSurvival(0, 5), 1);
});

test('P and Q of the incomplete gamma function add up to 1, and log-gamma is right', () => {
  for (const [a, x] of [
    [0.5, 0.2],
    [3, 2.5],
    [3, 5],
    [50, 49],
    [50, 53],
    [1000, 1000],
  ] as const) {
    near(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-14, `a ${a}, x ${x}`);
  }
  near(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, 'ln Γ(½) = ln √π');
  near(logGamma(10), Math.log(362880), 1e-14, 'ln Γ(10) = ln 9!');
  near(logGamma(0.1), Math.log(9.513507698668732), 1e-13, 'ln Γ(0.1)');
  // Stirling's series with three correction terms is exact to double precision this far out.
  for (const z of [300.5, 12345.25, 1e6 + 0.5]) {
    const stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
    near(logGamma(z), stirling, 1e-13, `ln Γ(${z})`);
  }
  near(logFactorial(300), logFactorialByLoop(300), 1e-13, 'ln 300!');
  refused(() => chiSquareSurvival(-1, 2), /chi-square statistic/);
  refused(() => chiSquareSurvival(1, 0), /Degrees of freedom/);
});

// ---------------------------------------------------------------------------------------------------------
// Pearson's chi-square test on tables
// ---------------------------------------------------------------------------------------------------------

test('a 2 × 2 table worked by hand', () => {
  // Groups × tags:        tag 1   tag 2 | total
  //   group 1               10      20  |   30
  //   group 2               30      40  |   70
  //   total                 40      60  |  100
  // Expected: 30·40/100 = 12, 30·60/100 = 18, 70·40/100 = 28, 70·60/100 = 42.
  // X² = 2²/12 + 2²/18 + 2²/28 + 2²/42 = 4 · (21 + 14 + 9 + 6)/252 = 200/252 = 50/63 ≈ 0.79365, df = 1.
  // Adjusted residual of the first cell: (10 − 12)/√(12 · (1 − 30/100)(1 − 40/100)) = −2/√5.04 ≈ −0.89087;
  // in a 2 × 2 table every cell has the same size of residual, and its square is X².
  // Cramér's V = √(X² / (100 · 1)) ≈ 0.089087.
  const r = tested([
    [10, 20],
    [30, 40],
  ]);
  near(r.chiSquare, 50 / 63, 1e-12, 'X²');
  assert.equal(r.df, 1);
  nearAll(
    r.expected,
    [
      [12, 18],
      [28, 42],
    ],
    1e-12,
    'E',
  );
  const res = 2 / Math.sqrt(5.04);
  nearAll(
    r.adjustedResiduals,
    [
      [-res, res],
      [res, -res],
    ],
    1e-12,
    'residuals',
  );
  near(r.cramersV, Math.sqrt(50 / 63 / 100), 1e-12, 'V');
  // P(χ²₁ > 50/63) = P(|Z| > √(50/63)); computed as erfc by its Maclaurin series below.
  near(r.p, erfcSeries(Math.sqrt(50 / 63 / 2)), 1e-10, 'p');
  nearAll(
    r.rowShares,
    [
      [1 / 3, 2 / 3],
      [3 / 7, 4 / 7],
    ],
    1e-12,
    'row shares',
  );
  nearAll(
    r.columnShares,
    [
      [1 / 4, 1 / 3],
      [3 / 4, 2 / 3],
    ],
    1e-12,
    'column shares',
  );
  assert.deepEqual([r.n, r.rowTotals, r.columnTotals], [100, [30, 70], [40, 60]]);
  assert.equal(r.expectedBelow5, 0);
  near(r.minExpected, 12, 1e-12, 'min E');
});

/** erfc(z) = 1 − (2/√π) Σ (−1)^n z^(2n+1) / (n! (2n+1)), accurate for small z. */
function erfcSeries(z: number): number {
  let sum = 0;
  let power = z;
  let factorial = 1;
  for (let n = 0; n < 60; n++) {
    if (n > 0) factorial *= n;
    sum += ((n % 2 === 0 ? 1 : -1) * power) / (factorial * (2 * n + 1));
    power *= z * z;
  }
  return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}

test('a 2 × 3 table worked by hand', () => {
  //                    tag 1  tag 2  tag 3 | total
  //   group 1             5     10     15  |   30
  //   group 2            15     10      5  |   30
  //   total              20     20     20  |   60
  // Every expected count is 30·20/60 = 10. X² = (25 + 0 + 25 + 25 + 0 + 25)/10 = 10, df = (2−1)(3−1) = 2,
  // p = exp(−10/2) = e^-5 ≈ 0.0067379. V = √(10 / (60 · 1)) ≈ 0.40825.
  // Adjusted residual of the first cell: (5 − 10)/√(10 · (1 − 30/60)(1 − 20/60)) = −5/√(10/3) ≈ −2.7386.
  const r = tested([
    [5, 10, 15],
    [15, 10, 5],
  ]);
  near(r.chiSquare, 10, 1e-12, 'X²');
  assert.equal(r.df, 2);
  near(r.p, Math.exp(-5), 1e-12, 'p');
  near(r.cramersV, Math.sqrt(1 / 6), 1e-12, 'V');
  const a = 5 / Math.sqrt(10 / 3);
  nearAll(
    r.adjustedResiduals,
    [
      [-a, 0, a],
      [a, 0, -a],
    ],
    1e-12,
    'residuals',
  );
  nearAll(
    r.rowShares,
    [
      [1 / 6, 1 / 3, 1 / 2],
      [1 / 2, 1 / 3, 1 / 6],
    ],
    1e-12,
    'row shares',
  );
});

test("Agresti's party identification by gender table gives the printed X², df and residuals", () => {
  // Agresti, An Introduction to Categorical Data Analysis (2nd ed., Wiley 2007), §2.4: party
  // identification by gender from the General Social Survey.
  //              Democrat  Independent  Republican
  //   females       762        327          468
  //   males         484        239          477
  // Printed there: X² = 30.1 on df = 2, expected counts 703.7, 319.6, 533.7 / 542.3, 246.4, 411.3, and
  // standardized (adjusted) residuals 4.50, 0.70, −5.32 for females and −4.50, −0.70, 5.32 for males.
  const r = tested([
    [762, 327, 468],
    [484, 239, 477],
  ]);
  assert.equal(r.chiSquare.toFixed(1), '30.1');
  assert.equal(r.df, 2);
  assert.deepEqual(
    r.expected.map((row) => row.map((e) => e.toFixed(1))),
    [
      ['703.7', '319.6', '533.7'],
      ['542.3', '246.4', '411.3'],
    ],
  );
  assert.deepEqual(
    r.adjustedResiduals.map((row) => row.map((x) => x.toFixed(2))),
    [
      ['4.50', '0.70', '-5.32'],
      ['-4.50', '-0.70', '5.32'],
    ],
  );
  // With 2 degrees of freedom p = exp(−X²/2); Agresti reports P < 0.0001.
  near(r.p, Math.exp(-r.chiSquare / 2), 1e-12, 'p');
  assert.ok(r.p < 0.0001);
  // Cramér's V from the printed X²: √(30.1 / 2757) ≈ 0.104.
  assert.equal(r.cramersV.toFixed(3), '0.104');
});

test("the arthritis trial's treatment by improvement table gives the published X², p and Cramér's V", () => {
  // Koch & Edwards (1988), the arthritis treatment trial, as printed by assocstats() in the vcd package
  // for R (Meyer, Zeileis & Hornik), whose documented example is this table:
  //              None  Some  Marked
  //   Placebo     29     7      7
  //   Treated     13     7     21
  // Printed there: X² (Pearson) = 13.055, df = 2, P(> X²) = 0.0014626, Cramer's V = 0.394.
  const r = tested([
    [29, 7, 7],
    [13, 7, 21],
  ]);
  assert.equal(r.chiSquare.toFixed(3), '13.055');
  assert.equal(r.df, 2);
  assert.equal(r.p.toFixed(7), '0.0014626');
  assert.equal(r.cramersV.toFixed(3), '0.394');
});

test('a 3 × 3 table worked by hand, where V divides by min(rows, columns) − 1 = 2', () => {
  //                    tag 1  tag 2  tag 3 | total
  //   group 1            10      5      5  |   20
  //   group 2             5     10      5  |   20
  //   group 3             5      5     10  |   20
  // Every expected count is 20·20/60 = 20/3. Diagonal cells: (10 − 20/3)² / (20/3) = 5/3 each, three of
  // them 5; off-diagonal: (5 − 20/3)² / (20/3) = 5/12 each, six of them 5/2. X² = 7.5 on df = 4, so
  // p = e^(−3.75) (1 + 3.75) ≈ 0.11171 and V = √(7.5 / (60 · 2)) = 0.25.
  const r = tested([
    [10, 5, 5],
    [5, 10, 5],
    [5, 5, 10],
  ]);
  near(r.chiSquare, 7.5, 1e-12, 'X²');
  assert.equal(r.df, 4);
  near(r.p, 4.75 * Math.exp(-3.75), 1e-12, 'p');
  near(r.cramersV, 0.25, 1e-12, 'V');
  // Adjusted residual of a diagonal cell: (10/3) / √((20/3)(1 − 1/3)(1 − 1/3)) = (10/3) / √(80/27).
  near(r.adjustedResiduals[1]![1]!, 10 / 3 / Math.sqrt(80 / 27), 1e-12, 'residual');
});

test('few expected counts are reported so the view can warn', () => {
  // Row totals 3 and 7, column totals 4 and 6, n = 10: E = 1.2, 1.8, 2.8, 4.2 — all four below 5.
  const r = tested([
    [1, 2],
    [3, 4],
  ]);
  assert.equal(r.expectedBelow5, 4);
  near(r.minExpected, 1.2, 1e-12, 'min E');
  const s = tested([
    [6, 4],
    [5, 25],
  ]); // E = 3.75, 6.25, 7.25, 22.75: one below 5
  assert.equal(s.expectedBelow5, 1);
});

test('a perfectly associated table has V = 1 and residuals stay finite', () => {
  const r = tested([
    [50, 0, 0],
    [0, 30, 0],
    [0, 0, 20],
  ]);
  assert.equal(r.cramersV, 1);
  assert.equal(r.df, 4);
  for (const row of r.adjustedResiduals) for (const x of row) assert.ok(Number.isFinite(x));
});

// ---------------------------------------------------------------------------------------------------------
// Degenerate tables
// ---------------------------------------------------------------------------------------------------------

test('empty rows and columns are dropped and reported, and the test is that of the rest', () => {
  const base = tested([
    [5, 10, 15],
    [15, 10, 5],
  ]);
  const withEmptyRow = tested([
    [5, 10, 15],
    [0, 0, 0],
    [15, 10, 5],
  ]);
  assert.deepEqual(withEmptyRow.dropped, { rows: [1], columns: [] });
  assert.deepEqual(withEmptyRow.rows, [0, 2]);
  assert.equal(withEmptyRow.chiSquare, base.chiSquare);
  assert.equal(withEmptyRow.df, 2);

  const withEmptyColumn = tested([
    [0, 5, 10, 0, 15],
    [0, 15, 10, 0, 5],
  ]);
  assert.deepEqual(withEmptyColumn.dropped, { rows: [], columns: [0, 3] });
  assert.deepEqual(withEmptyColumn.columns, [1, 2, 4]);
  assert.equal(withEmptyColumn.df, 2);
  assert.deepEqual(withEmptyColumn.adjustedResiduals, base.adjustedResiduals);
});

test('tables that admit no test say why, and keep the description', () => {
  const cases: [ContingencyTable, string][] = [
    [[], 'empty'],
    [[[], []], 'empty'],
    [
      [
        [0, 0],
        [0, 0],
      ],
      'empty',
    ],
    [[[7]], 'one group'],
    [
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      'one group',
    ],
    [
      [
        [5, 0],
        [3, 0],
      ],
      'one tag',
    ],
    [[[0, 4, 0]], 'one group'],
  ];
  for (const [table, reason] of cases) {
    const r = chiSquareTest(table);
    assert.equal(r.ok, false, JSON.stringify(table));
    if (!r.ok) {
      assert.equal(r.reason, reason, JSON.stringify(table));
      assert.ok(r.message.length > 20);
    }
    assert.ok(!JSON.stringify(r).includes('null'), 'no NaN or Infinity (JSON writes them as null)');
  }
  const oneGroup = chiSquareTest([
    [1, 2, 3],
    [0, 0, 0],
  ]);
  assert.deepEqual(oneGroup.dropped, { rows: [1], columns: [] });
  nearAll(oneGroup.rowShares, [[1 / 6, 2 / 6, 3 / 6]], 1e-12, 'shares of the one group');
});

test('the result type makes the caller check ok before reading a statistic', () => {
  const r: ChiSquareResult = chiSquareTest([
    [1, 2],
    [3, 4],
  ]);
  // @ts-expect-error chiSquare exists only once r.ok is known to be true (checked by the type check).
  const unchecked: number = r.chiSquare;
  assert.equal(typeof unchecked, 'number');
  if (r.ok) assert.equal(typeof r.chiSquare, 'number');
});

test('huge counts neither overflow nor lose the shape of the table', () => {
  const k = 1e15;
  const small = tested([
    [4, 1],
    [1, 2],
  ]);
  const large = tested([
    [4 * k, 1 * k],
    [1 * k, 2 * k],
  ]);
  near(large.chiSquare, small.chiSquare * k, 1e-12, 'X² scales with n');
  near(large.cramersV, small.cramersV, 1e-12, 'V does not depend on n');
  near(large.adjustedResiduals[0]![0]!, small.adjustedResiduals[0]![0]! * Math.sqrt(k), 1e-12, 'residuals grow with √n');
  assert.equal(large.p, 0); // e^(-X²/2) with X² ≈ 1e15: far below double range
  const max = Number.MAX_SAFE_INTEGER;
  const extreme = tested([
    [max, max],
    [max, 1],
  ]);
  assert.ok(Number.isFinite(extreme.chiSquare) && Number.isFinite(extreme.cramersV));
  assert.ok(extreme.cramersV >= 0 && extreme.cramersV <= 1);
});

test('negative, fractional or non-numeric counts and ragged tables are refused clearly', () => {
  refused(
    () =>
      chiSquareTest([
        [1, -1],
        [2, 3],
      ]),
    /whole numbers of 0 or more.*row 1, column 2 holds -1/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, 2],
        [2.5, 3],
      ]),
    /row 2, column 1 holds 2.5/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, Number.NaN],
        [2, 3],
      ]),
    /holds NaN/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, Infinity],
        [2, 3],
      ]),
    /holds Infinity/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, '2' as unknown as number],
        [2, 3],
      ]),
    /holds 2/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, 2 ** 53],
        [2, 3],
      ]),
    /at most 9007199254740991/,
  );
  refused(
    () =>
      chiSquareTest([
        [1, 2, 3],
        [2, 3],
      ]),
    /same number of columns; row 1 has 3 and row 2 has 2/,
  );
  refused(() => describeTable([[1, -2]]), /holds -2/);
});

// ---------------------------------------------------------------------------------------------------------
// Fisher's exact test
// ---------------------------------------------------------------------------------------------------------

test("Fisher's tea-tasting experiment gives the printed p-values", () => {
  // Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), §2.6: the lady guesses the
  // poured-first ingredient of 8 cups, 4 of each; she gets 3 of the 4 milk-first cups right.
  //                 guess milk  guess tea
  //   milk first        3           1
  //   tea first         1           3
  // Printed there: one-sided P = 0.243, two-sided P = 0.486. By hand: P(n11 = k) = C(4,k) C(4,4−k) / C(8,4)
  // = 1, 16, 36, 16, 1 over 70 for k = 0..4; greater = (16 + 1)/70, two-sided = (1 + 16 + 16 + 1)/70.
  const r = fisher([
    [3, 1],
    [1, 3],
  ]);
  assert.equal(r.greater.toFixed(3), '0.243');
  assert.equal(r.twoSided.toFixed(3), '0.486');
  near(r.greater, 17 / 70, 1e-12, 'greater');
  near(r.twoSided, 34 / 70, 1e-12, 'two-sided: the tie P(1) = P(3) counts both');
  near(r.less, 69 / 70, 1e-12, 'less');
  near(r.pObserved, 16 / 70, 1e-12, 'P(observed)');
});

test("Fisher's exact test on a small table worked by hand from the hypergeometric", () => {
  //              tag 1  tag 2 | total
  //   group 1       1      3  |   4
  //   group 2       4      1  |   5
  //   total         5      4  |   9
  // The top-left count k runs over 0..4 with P(k) = C(5,k) C(4,4−k) / C(9,4), C(9,4) = 126:
  //   k = 0: 1·1 = 1,  k = 1: 5·4 = 20,  k = 2: 10·6 = 60,  k = 3: 10·4 = 40,  k = 4: 5·1 = 5  (sum 126).
  // Observed k = 1 (20/126). Tables no more likely: k = 0, 1, 4 → (1 + 20 + 5)/126 = 26/126.
  // less = P(k ≤ 1) = 21/126; greater = P(k ≥ 1) = 125/126.
  const r = fisher([
    [1, 3],
    [4, 1],
  ]);
  near(r.pObserved, 20 / 126, 1e-12, 'P(observed)');
  near(r.twoSided, 26 / 126, 1e-12, 'two-sided');
  near(r.less, 21 / 126, 1e-12, 'less');
  near(r.greater, 125 / 126, 1e-12, 'greater');
  near(
    hypergeometricProbability([
      [1, 3],
      [4, 1],
    ]),
    20 / 126,
    1e-12,
    'from log-factorials',
  );
  // An extreme table: P(k = 0) = 1 / C(10,5) = 1/252, and the mirror table is as unlikely.
  const extreme = fisher([
    [0, 5],
    [5, 0],
  ]);
  near(extreme.less, 1 / 252, 1e-12, 'less');
  near(extreme.twoSided, 2 / 252, 1e-12, 'two-sided');
  assert.equal(extreme.greater, 1);
});

/** The two-sided p by summing every table's probability from log-factorials, the definition itself. */
function fisherByEnumeration([[a, b], [c, d]]: [[number, number], [number, number]]) {
  const r1 = a + b;
  const c1 = a + c;
  const r2 = c + d;
  const pOf = (k: number) =>
    hypergeometricProbability([
      [k, r1 - k],
      [c1 - k, r2 - c1 + k],
    ]);
  const pObs = pOf(a);
  let twoSided = 0;
  let less = 0;
  let greater = 0;
  for (let k = Math.max(0, c1 - r2); k <= Math.min(r1, c1); k++) {
    const p = pOf(k);
    if (p <= pObs * (1 + 1e-7)) twoSided += p;
    if (k <= a) less += p;
    if (k >= a) greater += p;
  }
  return { twoSided, less, greater };
}

test("Fisher's exact test agrees with full enumeration, for counts in the thousands too", () => {
  const tables: [[number, number], [number, number]][] = [
    [
      [12, 5],
      [3, 17],
    ],
    [
      [1010, 990],
      [1000, 1000],
    ],
    [
      [3000, 2000],
      [2500, 2600],
    ],
    [
      [40, 2],
      [7, 1],
    ],
  ];
  for (const t of tables) {
    const r = fisher(t);
    const e = fisherByEnumeration(t);
    near(r.twoSided, Math.min(1, e.twoSided), 1e-8, `two-sided ${JSON.stringify(t)}`);
    near(r.less, Math.min(1, e.less), 1e-8, `less ${JSON.stringify(t)}`);
    near(r.greater, Math.min(1, e.greater), 1e-8, `greater ${JSON.stringify(t)}`);
  }
  // Swapping the groups turns "less" into "greater"; transposing changes nothing.
  const r = fisher([
    [1010, 990],
    [1000, 1000],
  ]);
  const swapped = fisher([
    [1000, 1000],
    [1010, 990],
  ]);
  near(swapped.less, r.greater, 1e-10, 'swap');
  near(
    fisher([
      [1010, 1000],
      [990, 1000],
    ]).twoSided,
    r.twoSided,
    1e-10,
    'transpose',
  );
});

test("Fisher's exact test matches enumeration on random small tables", () => {
  const cell = fc.integer({ min: 0, max: 25 });
  fc.assert(
    fc.property(cell, cell, cell, cell, (a, b, c, d) => {
      const r = fisherExact([
        [a, b],
        [c, d],
      ]);
      if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return !r.ok;
      assert.ok(r.ok);
      const e = fisherByEnumeration([
        [a, b],
        [c, d],
      ]);
      near(r.twoSided, Math.min(1, e.twoSided), 1e-9, 'two-sided');
      near(r.less, Math.min(1, e.less), 1e-9, 'less');
      near(r.greater, Math.min(1, e.greater), 1e-9, 'greater');
      return true;
    }),
    { numRuns: 300, seed: 20240607 },
  );
});

test("degenerate and oversized tables for Fisher's exact test", () => {
  const reason = (t: ContingencyTable) => {
    const r = fisherExact(t);
    return r.ok ? 'ok' : r.reason;
  };
  assert.equal(
    reason([
      [0, 0],
      [0, 0],
    ]),
    'empty',
  );
  assert.equal(
    reason([
      [0, 0],
      [1, 2],
    ]),
    'one group',
  );
  assert.equal(
    reason([
      [1, 0],
      [2, 0],
    ]),
    'one tag',
  );
  assert.equal(
    reason([
      [4e15, 1e15],
      [1e15, 2e15],
    ]),
    'too large',
  );
  // Far-out tables with large counts still answer, with p below double range.
  const far = fisher([
    [120_000_000, 80_000_000],
    [90_000_000, 110_000_000],
  ]);
  assert.deepEqual([far.twoSided, far.greater, far.less], [0, 0, 1]);
  refused(
    () =>
      fisherExact([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    /2 × 2 table; this one is 2 × 3/,
  );
  refused(
    () =>
      fisherExact([
        [1, -2],
        [3, 4],
      ]),
    /holds -2/,
  );
});

// ---------------------------------------------------------------------------------------------------------
// Jaccard
// ---------------------------------------------------------------------------------------------------------

test('Jaccard index from sizes and from sets, with the empty case flagged', () => {
  // A = {1, 2, 3}, B = {2, 3, 4, 5}: |A ∩ B| = 2, |A ∪ B| = 5, J = 0.4.
  assert.deepEqual(jaccardOfSets(new Set([1, 2, 3]), new Set([2, 3, 4, 5])), { value: 0.4, bothEmpty: false });
  assert.deepEqual(jaccard(3, 4, 2), { value: 0.4, bothEmpty: false });
  assert.deepEqual(jaccard(5, 5, 5), { value: 1, bothEmpty: false });
  assert.deepEqual(jaccard(3, 0, 0), { value: 0, bothEmpty: false });
  assert.deepEqual(jaccard(0, 0, 0), { value: 0, bothEmpty: true });
  assert.deepEqual(jaccardOfSets(new Set(), new Set()), { value: 0, bothEmpty: true });
  refused(() => jaccard(2, 3, 4), /cannot share 4/);
  refused(() => jaccard(2, -3, 0), /holds -3/);
});

test('the textbook example of the Jaccard coefficient of two binary vectors', () => {
  // Tan, Steinbach & Kumar, Introduction to Data Mining (2006), the example of SMC and Jaccard for binary vectors: x = 1000000000 and
  // y = 0000001001 have f01 = 2, f10 = 1, f11 = 0, f00 = 7; printed there: SMC = 0.7, J = 0.
  const x = '1000000000';
  const y = '0000001001';
  const ones = (v: string) => new Set([...v].flatMap((bit, i) => (bit === '1' ? [i] : [])));
  assert.deepEqual(jaccardOfSets(ones(x), ones(y)), { value: 0, bothEmpty: false });
  // And once they share a position (y' = 1000001001): f11 = 1, f01 = 2, f10 = 0, so J = 1 / 3.
  assert.equal(jaccardOfSets(ones(x), ones('1000001001')).value, 1 / 3);
});
