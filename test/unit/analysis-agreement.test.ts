// Inter-coder reliability against published examples and hand-worked cases: Krippendorff's alpha and its
// coincidence matrix, Cohen's kappa, percent agreement, the binary unitized alpha, and the cluster bootstrap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapAlpha,
  coincidences,
  cohenKappa,
  krippendorffAlphaNominal,
  percentAgreement,
  seededRandom,
  unitizedAlpha,
  type AlphaResult,
  type Segment,
  type UnitRow,
} from '../../main/services/analysis/agreement.ts';
import { AppError } from '../../main/services/errors.ts';

/** |actual − expected| ≤ tolerance. */
function near(actual: number, expected: number, tolerance: number, label = '') {
  assert.ok(Number.isFinite(actual), `${label}: ${actual} is not finite`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label}: got ${actual}, expected ${expected} (±${tolerance})`);
}

function alphaOf(r: AlphaResult): Extract<AlphaResult, { ok: true }> {
  assert.ok(r.ok, `expected an alpha, got ${r.ok ? '' : r.reason}`);
  return r;
}

const refused = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && message.test(e.message));

/** Reliability data written coder by coder, as the papers print it ('.' or '*' = not coded), turned into unit rows. */
function fromCoderLines(lines: string[]): UnitRow[] {
  const coders = lines.map((l) => l.trim().split(/\s+/));
  return coders[0]!.map((_, u) => ({ values: coders.map((c) => (c[u] === '.' || c[u] === '*' ? null : c[u]!)) }));
}

/** The coincidence cell for values c and k, looked up by value. */
function cell(c: ReturnType<typeof coincidences>, a: string | number, b: string | number): number {
  const i = c.values.indexOf(a);
  const j = c.values.indexOf(b);
  assert.ok(i >= 0 && j >= 0, `values ${a} and ${b} are in the matrix`);
  return c.o[i]![j]!;
}
const margin = (c: ReturnType<typeof coincidences>, a: string | number) => c.n_c[c.values.indexOf(a)]!;

// ---------------------------------------------------------------------------------------------------------
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication,
// Departmental Papers 43: the three worked examples A, B and C.
// ---------------------------------------------------------------------------------------------------------

// A. Binary data, two observers, no missing data.
const BINARY_2011 = fromCoderLines(['0 1 0 0 0 0 0 0 1 0', '1 1 1 0 0 1 0 0 0 0']);

test('Krippendorff 2011, example A (binary, 2 coders × 10 units): its coincidence matrix and α = 0.095', () => {
  // Pairs by unit: (0,1) (1,1) (0,1) (0,0) (0,0) (0,1) (0,0) (0,0) (1,0) (0,0). Each unit has m_u = 2, so each
  // ordered pair adds 1: o_00 = 2·5 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20 (counted by hand;
  // the paper prints the same matrix beside the data).
  const c = coincidences(BINARY_2011);
  assert.equal(cell(c, '0', '0'), 10);
  assert.equal(cell(c, '0', '1'), 4);
  assert.equal(cell(c, '1', '0'), 4);
  assert.equal(cell(c, '1', '1'), 2);
  assert.equal(margin(c, '0'), 14);
  assert.equal(margin(c, '1'), 6);
  assert.equal(c.n, 20);
  // α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19·4 / (14·6) = 1 − 76/84 ≈ 0.0952 (printed: 0.095).
  const r = alphaOf(krippendorffAlphaNominal(BINARY_2011));
  near(r.alpha, 1 - 76 / 84, 1e-12, 'α');
  near(r.alpha, 0.095, 0.0005, 'α as printed');
  // D_o = 8/20; D_e = (20² − 14² − 6²)/(20·19) = 168/380.
  near(r.observed, 8 / 20, 1e-12, 'D_o');
  near(r.expected, 168 / 380, 1e-12, 'D_e');
  assert.equal(r.pairable, 20);
  assert.equal(r.values, 2);
});

test('Krippendorff 2011, example B (nominal, 2 coders × 12 units, values a–e): α = 0.692', () => {
  const rows = fromCoderLines(['a a b b d c c c e d d a', 'b a b b b c c c e d d d']);
  // Agreeing units: 2,3,4,6,7,8,9,10,11 → Σ o_cc = 2·9 = 18 of n = 24. Margins: a 4, b 6, c 6, d 6, e 2, so
  // Σ n_c² = 16 + 36 + 36 + 36 + 4 = 128 and α = 1 − 23·(24 − 18)/(576 − 128) = 1 − 138/448 ≈ 0.6920.
  const c = coincidences(rows);
  assert.deepEqual(
    ['a', 'b', 'c', 'd', 'e'].map((v) => margin(c, v)),
    [4, 6, 6, 6, 2],
  );
  assert.equal(cell(c, 'a', 'b'), 1);
  assert.equal(cell(c, 'b', 'b'), 4);
  const r = alphaOf(krippendorffAlphaNominal(rows));
  near(r.alpha, 1 - 138 / 448, 1e-12, 'α');
  near(r.alpha, 0.692, 0.0005, 'α as printed');
  assert.equal(r.values, 5);
});

// C. Nominal data, any number of observers, missing data.
const FOUR_CODERS_2011 = [
  '1 2 3 3 2 1 4 1 2 . . .', // A
  '1 2 3 3 2 2 4 1 2 5 . 3', // B
  '. 3 3 3 2 3 4 2 2 5 1 .', // C
  '1 2 3 3 2 4 4 1 2 5 1 .', // D
];

test('Krippendorff 2011, example C (4 coders × 12 units, missing values): coincidences and α = 0.743', () => {
  const rows = fromCoderLines(FOUR_CODERS_2011).map((r) => ({ values: r.values.map((v) => (v === null ? null : Number(v))) }));
  const c = coincidences(rows);
  // Unit 12 has a single value and is not pairable: n = 3 + 4·8 + 3 + 2 = 40.
  assert.equal(c.n, 40);
  // Margins, counted by hand: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3.
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((v) => margin(c, v)),
    [9, 13, 10, 5, 3],
  );
  // o_11: unit 1 (three 1s, m_u = 3) gives 3·2/2 = 3; unit 8 (three 1s of four) 3·2/3 = 2; unit 11 (two 1s) 2.
  // o_12: unit 8 gives 3·1/3 = 1 and unit 6 (1, 2, 3, 4) gives 1/3. Diagonal: 7, 10, 8, 4, 3.
  near(cell(c, 1, 1), 7, 1e-12, 'o_11');
  near(cell(c, 1, 2), 4 / 3, 1e-12, 'o_12');
  near(cell(c, 2, 1), 4 / 3, 1e-12, 'o_21');
  near(cell(c, 1, 3), 1 / 3, 1e-12, 'o_13');
  near(cell(c, 2, 2), 10, 1e-12, 'o_22');
  near(cell(c, 3, 3), 8, 1e-12, 'o_33');
  near(cell(c, 4, 4), 4, 1e-12, 'o_44');
  near(cell(c, 5, 5), 3, 1e-12, 'o_55');
  // Every row of the matrix sums to its margin.
  c.o.forEach((row, i) =>
    near(
      row.reduce((s, x) => s + x, 0),
      c.n_c[i]!,
      1e-12,
      `row ${i}`,
    ),
  );
  // α = 1 − 39·(40 − 32)/(1600 − 384) = 1 − 312/1216 ≈ 0.7434 (printed: 0.743).
  const r = alphaOf(krippendorffAlphaNominal(rows));
  near(r.alpha, 1 - 312 / 1216, 1e-12, 'α');
  near(r.alpha, 0.743, 0.0005, 'α as printed');
  assert.equal(r.pairable, 40);
  assert.equal(r.values, 5);
});

test('values are compared with ===: 1 and "1" are different values', () => {
  const r = alphaOf(krippendorffAlphaNominal([{ values: [1, '1'] }, { values: [2, 2] }]));
  // Coincidences: 1–"1" twice (disagreement), 2–2 twice; n = 4, margins 1, 1, 2.
  // α = 1 − 3·(4 − 2)/(16 − 1 − 1 − 4) = 1 − 6/10 = 0.4.
  near(r.alpha, 0.4, 1e-12, 'α');
  assert.equal(r.values, 3);
});

// ---------------------------------------------------------------------------------------------------------
// Rows with counts
// ---------------------------------------------------------------------------------------------------------

test('rows with counts give exactly the alpha, kappa and agreement of the expanded rows', () => {
  const base = fromCoderLines(FOUR_CODERS_2011);
  const counts = [3, 1, 0, 2, 5, 1, 4, 2, 1, 7, 2, 1];
  const weighted = base.map((r, i) => ({ values: r.values, count: counts[i]! }));
  const expanded = base.flatMap((r, i) => Array.from({ length: counts[i]! }, () => ({ values: r.values })));
  assert.deepEqual(krippendorffAlphaNominal(weighted), krippendorffAlphaNominal(expanded));
  assert.deepEqual(coincidences(weighted), coincidences(expanded)); // bit for bit, not just near
  assert.deepEqual(percentAgreement(weighted), percentAgreement(expanded));

  const twoCoders = fromCoderLines(['a a b b d c c c e d d a', 'b a b b b c c c e d d d']);
  const w2 = twoCoders.map((r, i) => ({ values: r.values, count: i + 1 }));
  const e2 = twoCoders.flatMap((r, i) => Array.from({ length: i + 1 }, () => ({ values: r.values })));
  assert.deepEqual(krippendorffAlphaNominal(w2), krippendorffAlphaNominal(e2));
  assert.deepEqual(cohenKappa(w2), cohenKappa(e2));
});

test('a million units given as three rows with counts', () => {
  // 600 000 agreeing on x, 300 000 on y, 100 000 split x/y: n = 2 000 000, n_x = 1 300 000, n_y = 700 000,
  // Σ o_cc = 1 800 000; α = 1 − 1 999 999 · 200 000 / (4e12 − 1.69e12 − 0.49e12) = 1 − 399 999 800 000 / 1.82e12.
  const r = alphaOf(
    krippendorffAlphaNominal([
      { values: ['x', 'x'], count: 600_000 },
      { values: ['y', 'y'], count: 300_000 },
      { values: ['x', 'y'], count: 100_000 },
    ]),
  );
  near(r.alpha, 1 - (1_999_999 * 200_000) / 1.82e12, 1e-12, 'α');
});

// ---------------------------------------------------------------------------------------------------------
// Cohen's kappa
// ---------------------------------------------------------------------------------------------------------

test("Cohen's kappa: the Wikipedia worked example (50 items) gives p_o 0.7, p_e 0.5, κ = 0.4", () => {
  // Wikipedia, "Cohen's kappa", worked example: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
  // A says yes 25 of 50, B 30 of 50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; p_o = 35/50 = 0.7; κ = 0.2/0.5 = 0.4.
  const r = cohenKappa([
    { values: ['yes', 'yes'], count: 20 },
    { values: ['yes', 'no'], count: 5 },
    { values: ['no', 'yes'], count: 10 },
    { values: ['no', 'no'], count: 15 },
  ]);
  assert.ok(r.ok);
  near(r.observed, 0.7, 1e-12, 'p_o');
  near(r.expected, 0.5, 1e-12, 'p_e');
  near(r.kappa, 0.4, 1e-12, 'κ');
  assert.equal(r.units, 50);
});

test("Cohen's kappa: Cohen's (1960) second example, 200 items in three categories, κ = .492", () => {
  // Cohen (1960), Educational and Psychological Measurement 20, p. 45 (table as reproduced in DKPro
  // Agreement's Cohen1960Test): p_o = .70, p_c = .41, κ = .492. Rows coder A, columns coder B:
  //   88 14 18 | 120      p_o = (88 + 40 + 12)/200 = .70
  //   10 40 10 |  60      p_e = (120·100 + 60·60 + 20·40)/200² = 16 400/40 000 = .41
  //    2  6 12 |  20      κ = (.70 − .41)/(1 − .41) = .29/.59 ≈ .4915
  const table = [
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
  ];
  const rows = table.flatMap((row, i) => row.map((count, j) => ({ values: [i + 1, j + 1], count })));
  const r = cohenKappa(rows);
  assert.ok(r.ok);
  near(r.observed, 0.7, 1e-12, 'p_o');
  near(r.expected, 0.41, 1e-12, 'p_e');
  near(r.kappa, 0.29 / 0.59, 1e-12, 'κ');
  near(r.kappa, 0.492, 0.0005, 'κ as printed');
});

test("Cohen's kappa leaves out units one coder did not code, and wants exactly two coders", () => {
  const r = cohenKappa([{ values: ['a', 'a'] }, { values: ['a', null] }, { values: [null, 'b'] }, { values: ['b', 'b'] }]);
  assert.ok(r.ok);
  assert.equal(r.units, 2);
  near(r.kappa, 1, 1e-12, 'κ');
  refused(() => cohenKappa([{ values: ['a', 'a', 'a'] }]), /exactly two coders/);
});

// ---------------------------------------------------------------------------------------------------------
// Percent agreement
// ---------------------------------------------------------------------------------------------------------

test('percent agreement, worked by hand', () => {
  // a a a → agree; a b . → disagree; b b . → agree; c . . and . . . → not pairable, left out;
  // a a b (count 2) → 2 disagreements. Units: 1 + 1 + 1 + 2 = 5, agreeing 2 → 0.4.
  const r = percentAgreement([
    { values: ['a', 'a', 'a'] },
    { values: ['a', 'b', null] },
    { values: ['b', 'b', null] },
    { values: ['c', null, null] },
    { values: [null, null, null] },
    { values: ['a', 'a', 'b'], count: 2 },
  ]);
  assert.ok(r.ok);
  near(r.agreement, 0.4, 1e-12, 'agreement');
  assert.equal(r.units, 5);
  // Example A of Krippendorff (2011): 6 of 10 units agree.
  const a = percentAgreement(BINARY_2011);
  assert.ok(a.ok);
  near(a.agreement, 0.6, 1e-12, 'example A');
});

// ---------------------------------------------------------------------------------------------------------
// Undefined cases and bad input
// ---------------------------------------------------------------------------------------------------------

test('undefined cases come back as ok: false with a message, never NaN', () => {
  for (const rows of [[], [{ values: ['a', null] }], [{ values: [null, null] }], [{ values: ['a', 'b'], count: 0 }]] as UnitRow[][]) {
    const r = krippendorffAlphaNominal(rows);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason === 'no pairable values' && /undefined/.test(r.message));
  }
  const one = krippendorffAlphaNominal([{ values: ['a', 'a'] }, { values: ['a', 'a', null, 'a'], count: 40 }, { values: ['b', null] }]);
  assert.ok(!one.ok && one.reason === 'one value');
  assert.match(one.message, /undefined/);
  assert.match(one.message, /no variation/);

  const k0 = cohenKappa([{ values: ['a', null] }]);
  assert.ok(!k0.ok && k0.reason === 'no units');
  const k1 = cohenKappa([{ values: ['a', 'a'], count: 9 }]);
  assert.ok(!k1.ok && k1.reason === 'one value' && k1.message.length > 0);
  // One coder constant, the other not: p_e < 1, kappa is defined (and 0 here).
  const k2 = cohenKappa([{ values: ['a', 'a'] }, { values: ['a', 'b'] }]);
  assert.ok(k2.ok);
  near(k2.kappa, 0, 1e-12, 'κ');

  const p = percentAgreement([{ values: [null, 'a'] }]);
  assert.ok(!p.ok && p.message.length > 0);

  const b = bootstrapAlpha([[{ values: ['a', 'a'] }], [{ values: ['a', 'a'] }]], { seed: 1 });
  assert.ok(!b.ok && b.reason === 'one value');
});

test('bad input is refused: negative or fractional counts, NaN or undefined values, rows without values', () => {
  refused(() => krippendorffAlphaNominal([{ values: ['a', 'b'], count: -1 }]), /count -1/);
  refused(() => krippendorffAlphaNominal([{ values: ['a', 'b'], count: 1.5 }]), /count 1\.5/);
  refused(() => percentAgreement([{ values: ['a', 'b'], count: Number.NaN }]), /count NaN/);
  refused(() => cohenKappa([{ values: ['a', 'b'], count: -2 }]), /count -2/);
  refused(() => krippendorffAlphaNominal([{ values: [Number.NaN, 1] }]), /finite number/);
  refused(() => krippendorffAlphaNominal([{ values: [undefined as unknown as null, 1] }]), /null where/);
  refused(() => krippendorffAlphaNominal([{} as UnitRow]), /list of values/);
  refused(() => seededRandom(1.5), /whole number/);
  refused(() => bootstrapAlpha([], { seed: 1, resamples: 0 }), /resamples/);
  refused(() => bootstrapAlpha([], { seed: 1, thresholds: [Number.NaN] }), /Thresholds/);
});

// ---------------------------------------------------------------------------------------------------------
// Unitized alpha, binary (Krippendorff, Mathet, Bouvry & Widlöcher 2016)
// ---------------------------------------------------------------------------------------------------------

test('unitized alpha, two coders on one article of length 20, worked by hand', () => {
  // Coder 0 marks [4, 12), coder 1 marks [6, 14). Gaps: coder 0 [0,4) + [12,20) = 12, coder 1 [0,6) + [14,20) = 12.
  // Coincidences of lengths (m = 2, so m − 1 = 1; both orders of the pair count):
  //   marked–marked [6,12): 6 + 6 = 12; marked–gap [4,6) and [12,14): 2 + 2 = 4 (and gap–marked 4);
  //   gap–gap [0,4) + [14,20) = 10, twice = 20. l.. = 12 + 4 + 4 + 20 = 40 = 2 × 20.
  //   Margins: l_marked = 16, l_gap = 24.
  // S = 8² + 8² (the two units) + 12 + 12 (the gaps, position by position) = 152.
  // e_marked,gap = 40 · 16 · 24 / (40² − 152) = 15 360 / 1448 ≈ 10.6077.
  // |uα = 1 − 4 / 10.6077 = 1 − 5792/15 360 = 299/480 ≈ 0.62292.
  // D_o = 2·4/40 = 0.2; D_e = 2 · 10.6077/40 = 768/1448 ≈ 0.53039.
  // (Nominal alpha on the 20 positions as units would give 1 − 39·4/(24·16) = 0.59375: a long unit cannot
  // pair with itself, which S accounts for and position-by-position coding does not.)
  const segments: Segment[] = [
    { coder: 0, start: 4, end: 12 },
    { coder: 1, start: 6, end: 14 },
  ];
  const r = alphaOf(unitizedAlpha([{ length: 20, segments }], 2));
  near(r.alpha, 299 / 480, 1e-12, '|uα');
  near(r.alpha, 0.623, 0.0005, '|uα to 3 decimals');
  near(r.observed, 0.2, 1e-12, 'D_o');
  near(r.expected, 768 / 1448, 1e-12, 'D_e');
  assert.equal(r.pairable, 40);
  assert.equal(r.values, 2);
  // The order of segments and of coders does not matter.
  const swapped = alphaOf(
    unitizedAlpha(
      [
        {
          length: 20,
          segments: [
            { coder: 0, start: 6, end: 14 },
            { coder: 1, start: 4, end: 12 },
          ],
        },
      ],
      2,
    ),
  );
  near(swapped.alpha, r.alpha, 1e-15, 'swapped');
});

test('unitized alpha, three coders (one marking nothing), worked by hand', () => {
  // Length 6. Coder 0 marks [0,3), coder 1 marks [1,3), coder 2 nothing. Coders marking each position,
  // k(x): 1 2 2 0 0 0. m = 3.
  // l_marked,gap = Σ k(m − k)/(m − 1) = (1·2 + 2·1 + 2·1)/2 = 3. Check by pairs (gap of i against unit of
  //   j, divided by 2): coder 1's gap [0,1) against coder 0's unit: 1; coder 2's gap against coder 0: 3, against
  //   coder 1: 2; total 6/2 = 3.
  // l.. = 18, l_marked = 3 + 2 = 5, l_gap = 13. S = 3² + 2² + 13 = 26.
  // e_marked,gap = 18 · 5 · 13/(324 − 26) = 1170/298; |uα = 1 − 3 · 298/1170 = 1 − 149/195 = 46/195 ≈ 0.23590.
  const r = alphaOf(
    unitizedAlpha(
      [
        {
          length: 6,
          segments: [
            { coder: 0, start: 0, end: 3 },
            { coder: 1, start: 1, end: 3 },
          ],
        },
      ],
      3,
    ),
  );
  near(r.alpha, 46 / 195, 1e-12, '|uα');
  near(r.alpha, 0.236, 0.0005, '|uα to 3 decimals');
  near(r.observed, 6 / 18, 1e-12, 'D_o');
  near(r.expected, (2 * 1170) / 298 / 18, 1e-12, 'D_e');
  assert.equal(r.pairable, 18);
});

test('identical segmentations give unitized alpha 1', () => {
  const marks = [
    [3, 9],
    [15, 16],
    [30, 41],
  ];
  for (const coders of [2, 3, 5]) {
    const segments = marks.flatMap(([start, end]) => Array.from({ length: coders }, (_, coder) => ({ coder, start: start!, end: end! })));
    const r = alphaOf(
      unitizedAlpha(
        [
          { length: 50, segments },
          { length: 7, segments: [] },
        ],
        coders,
      ),
    );
    assert.equal(r.alpha, 1);
    assert.equal(r.observed, 0);
  }
});

test('unitized alpha on articles of length 1 is the published binary alpha (Krippendorff 2011, example A)', () => {
  // With every unit of length 1, S = l.. and the length coincidences are the ordinary ones, so |uα reduces to
  // nominal alpha. Example A's ten units as ten one-character articles, a 1 being a marked character: α = 0.095.
  const continua = BINARY_2011.map((row) => ({
    length: 1,
    segments: row.values.flatMap((v, coder) => (v === '1' ? [{ coder, start: 0, end: 1 }] : [])),
  }));
  const r = alphaOf(unitizedAlpha(continua, 2));
  near(r.alpha, 1 - 76 / 84, 1e-12, '|uα');
  near(r.alpha, 0.095, 0.0005, '|uα as printed');
  const nominal = alphaOf(krippendorffAlphaNominal(BINARY_2011));
  near(r.observed, nominal.observed, 1e-12, 'D_o');
  near(r.expected, nominal.expected, 1e-12, 'D_e');
});

test('unitized alpha on one-character articles equals nominal alpha for any number of coders (random data)', () => {
  const random = seededRandom(20240611);
  for (let trial = 0; trial < 20; trial++) {
    const coders = 2 + Math.floor(random() * 4);
    const rows: UnitRow[] = [];
    const continua: { length: number; segments: Segment[] }[] = [];
    for (let u = 0; u < 40; u++) {
      const values = Array.from({ length: coders }, () => (random() < 0.35 ? 1 : 0));
      rows.push({ values });
      continua.push({ length: 1, segments: values.flatMap((v, coder) => (v === 1 ? [{ coder, start: 0, end: 1 }] : [])) });
    }
    const a = krippendorffAlphaNominal(rows);
    const u = unitizedAlpha(continua, coders);
    assert.equal(a.ok, u.ok);
    if (a.ok && u.ok) near(u.alpha, a.alpha, 1e-12, `trial ${trial}`);
  }
});

test("a coder's overlapping segments are merged; touching ones stay separate units", () => {
  const base = (segs: Segment[]) => alphaOf(unitizedAlpha([{ length: 20, segments: [{ coder: 1, start: 6, end: 14 }, ...segs] }], 2));
  const merged = base([{ coder: 0, start: 4, end: 12 }]);
  const overlapping = base([
    { coder: 0, start: 4, end: 10 },
    { coder: 0, start: 7, end: 12 },
    { coder: 0, start: 5, end: 6 },
  ]);
  near(overlapping.alpha, merged.alpha, 1e-15, 'overlapping = merged');
  // Touching: [4,8) and [8,12) are two units. Observed coincidences are unchanged (4); S drops from 152 to
  // 4² + 4² + 8² + 24 = 120, so e = 15 360/(1600 − 120) = 15 360/1480 and |uα = 1 − 4·1480/15 360 = 1 − 37/96.
  const touching = base([
    { coder: 0, start: 4, end: 8 },
    { coder: 0, start: 8, end: 12 },
  ]);
  near(touching.observed, merged.observed, 1e-15, 'D_o');
  near(touching.alpha, 1 - 37 / 96, 1e-12, '|uα touching');
});

test('several articles add up: their coincidences and S sum, and their order does not matter', () => {
  // Article 1 is the hand-worked case above (length 20); article 2 (length 10) has coder 0 mark [0,5), coder 1
  // nothing. Article 2: l_marked,gap = 5, l_marked = 5, l_gap = 15, S = 25 + 5 + 10 = 40.
  // Together: l.. = 60, l_marked,gap = 4 + 5 = 9, l_marked = 21, l_gap = 39, S = 152 + 40 = 192.
  // |uα = 1 − 9 · (3600 − 192)/(60 · 21 · 39) = 1 − 30 672/49 140.
  const a = {
    length: 20,
    segments: [
      { coder: 0, start: 4, end: 12 },
      { coder: 1, start: 6, end: 14 },
    ],
  };
  const b = { length: 10, segments: [{ coder: 0, start: 0, end: 5 }] };
  const r = alphaOf(unitizedAlpha([a, b], 2));
  near(r.alpha, 1 - 30_672 / 49_140, 1e-12, '|uα');
  near(alphaOf(unitizedAlpha([b, a], 2)).alpha, r.alpha, 1e-15, 'order');
  assert.equal(r.pairable, 60);
});

test('unitized alpha: undefined cases and bad input', () => {
  const none = unitizedAlpha([], 2);
  assert.ok(!none.ok && none.reason === 'no pairable values');
  const empty = unitizedAlpha([{ length: 0, segments: [] }], 3);
  assert.ok(!empty.ok && empty.reason === 'no pairable values');
  const unmarked = unitizedAlpha([{ length: 30, segments: [] }], 2);
  assert.ok(!unmarked.ok && unmarked.reason === 'one value' && /undefined/.test(unmarked.message));
  const allMarked = unitizedAlpha(
    [
      {
        length: 5,
        segments: [
          { coder: 0, start: 0, end: 5 },
          { coder: 1, start: 0, end: 3 },
          { coder: 1, start: 3, end: 5 },
        ],
      },
    ],
    2,
  );
  assert.ok(!allMarked.ok && allMarked.reason === 'one value');

  refused(() => unitizedAlpha([{ length: 5, segments: [] }], 1), /2 or more coders/);
  refused(() => unitizedAlpha([{ length: 5, segments: [] }], 2.5), /2 or more coders/);
  refused(() => unitizedAlpha([{ length: -1, segments: [] }], 2), /length -1/);
  refused(() => unitizedAlpha([{ length: 5, segments: [{ coder: 2, start: 0, end: 1 }] }], 2), /numbered 0 to 1/);
  refused(() => unitizedAlpha([{ length: 5, segments: [{ coder: 0, start: 3, end: 6 }] }], 2), /0 ≤ start < end ≤ 5/);
  refused(() => unitizedAlpha([{ length: 5, segments: [{ coder: 0, start: 3, end: 3 }] }], 2), /start < end/);
  refused(() => unitizedAlpha([{ length: 5, segments: [{ coder: 0, start: 0.5, end: 3 }] }], 2), /whole numbers/);
});

// ---------------------------------------------------------------------------------------------------------
// Bootstrap
// ---------------------------------------------------------------------------------------------------------

/** 60 articles, each a few rows with counts: mostly agreement, some disagreement, a missing coder now and then. */
function sampleClusters(): UnitRow[][] {
  const random = seededRandom(7);
  const values = ['economy', 'conflict', 'human interest'];
  return Array.from({ length: 60 }, () => {
    const rows: UnitRow[] = [];
    const pick = () => values[Math.floor(random() * values.length)]!;
    for (let i = 0; i < 4; i++) {
      const a = pick();
      const b = random() < 0.8 ? a : pick();
      const c = random() < 0.2 ? null : random() < 0.8 ? a : pick();
      rows.push({ values: [a, b, c], count: 1 + Math.floor(random() * 5) });
    }
    return rows;
  });
}

test('bootstrap: the same seed gives the same answer, another seed another', () => {
  const clusters = sampleClusters();
  const a = bootstrapAlpha(clusters, { seed: 42, resamples: 500 });
  const b = bootstrapAlpha(clusters, { seed: 42, resamples: 500 });
  const c = bootstrapAlpha(clusters, { seed: 43, resamples: 500 });
  assert.deepEqual(a, b);
  assert.ok(a.ok && c.ok);
  assert.notDeepEqual([a.low, a.high], [c.low, c.high]);
  assert.equal(a.seed, 42);
  assert.equal(a.resamples, 500);
  // The generator itself: same seed, same stream; values in [0, 1).
  const r1 = seededRandom(5);
  const r2 = seededRandom(5);
  for (let i = 0; i < 1000; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});

test('bootstrap: the interval holds the point estimate, threshold probabilities lie in [0, 1]', () => {
  const clusters = sampleClusters();
  const point = alphaOf(krippendorffAlphaNominal(clusters.flat()));
  const progress: [number, number][] = [];
  const r = bootstrapAlpha(clusters, { seed: 2024, thresholds: [0.5, 0.667, 0.8, point.alpha], onProgress: (d, t) => progress.push([d, t]) });
  assert.ok(r.ok);
  assert.equal(r.resamples, 1000);
  assert.equal(r.undefinedResamples, 0);
  assert.ok(r.low < point.alpha && point.alpha < r.high, `${r.low} < ${point.alpha} < ${r.high}`);
  assert.ok(r.high - r.low < 0.5, 'a usable interval on 60 articles');
  assert.deepEqual(
    r.belowThreshold.map((t) => t.threshold),
    [0.5, 0.667, 0.8, point.alpha],
  );
  for (const t of r.belowThreshold) assert.ok(t.probability >= 0 && t.probability <= 1);
  // Below the point estimate itself about half the time; probabilities grow with the threshold.
  const p = r.belowThreshold.map((t) => t.probability);
  assert.ok(p[0]! <= p[1]! && p[1]! <= p[2]!);
  assert.ok(p[3]! > 0.3 && p[3]! < 0.7, `P(α < point) = ${p[3]}`);
  // Progress every 50 resamples, ending at the total.
  assert.equal(progress.length, 20);
  assert.deepEqual(progress[0], [50, 1000]);
  assert.deepEqual(progress.at(-1), [1000, 1000]);
});

test('bootstrap: one cluster always redraws itself; undefined resamples are counted, not used', () => {
  const only = [[{ values: ['a', 'b'] }, { values: ['a', 'a'], count: 3 }]];
  const point = alphaOf(krippendorffAlphaNominal(only[0]!));
  const r = bootstrapAlpha(only, { seed: 1, resamples: 20 });
  assert.ok(r.ok);
  near(r.low, point.alpha, 1e-12, 'low');
  near(r.high, point.alpha, 1e-12, 'high');

  // Two clusters, one without variation: drawing it twice (probability 1/4) leaves alpha undefined.
  const r2 = bootstrapAlpha([[{ values: ['a', 'a'] }], [{ values: ['a', 'b'] }, { values: ['b', 'b'] }]], { seed: 9, resamples: 400 });
  assert.ok(r2.ok);
  assert.ok(r2.undefinedResamples > 50 && r2.undefinedResamples < 150, `${r2.undefinedResamples} undefined of 400`);
  assert.ok(Number.isFinite(r2.low) && Number.isFinite(r2.high) && r2.low <= r2.high);
});

test('bootstrap: clusters given with counts resample like the same clusters expanded', () => {
  const clusters = sampleClusters().slice(0, 30);
  const expanded = clusters.map((rows) => rows.flatMap((r) => Array.from({ length: r.count ?? 1 }, () => ({ values: r.values }))));
  const a = bootstrapAlpha(clusters, { seed: 3, resamples: 200 });
  assert.ok(a.ok);
  assert.deepEqual(bootstrapAlpha(expanded, { seed: 3, resamples: 200 }), a);
});
