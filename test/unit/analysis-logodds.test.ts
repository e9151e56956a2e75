// Distinctive words by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
// Quinn 2008), worked by hand from the formula and checked against another implementation's printed output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightedLogOdds, type LogOddsRanking, type LogOddsTerm, type TermCounts } from '../../main/services/analysis/logodds.ts';
import { AppError } from '../../main/services/errors.ts';

const counts = (o: Record<string, number>): TermCounts => new Map(Object.entries(o));

function ranked(...args: Parameters<typeof weightedLogOdds>): LogOddsRanking {
  const r = weightedLogOdds(...args);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r;
}

const byTerm = (r: LogOddsRanking) => new Map<string, LogOddsTerm>(r.terms.map((t) => [t.term, t]));

function near(actual: number, expected: number, label: string, tolerance = 1e-12) {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${label}: got ${actual}, expected ${expected}`);
}

// Coverage of a conflict by two groups of articles:
//   group i (n_i = 6):  krig 4, fred 1, nato 1
//   group j (n_j = 12): krig 2, fred 5, nato 3, eu 2
// Pooled counts (the default prior, α_0 = n_i + n_j = 18, so α_w is the pooled count):
//   krig 6, fred 6, nato 4, eu 2.
const groupI = counts({ krig: 4, fred: 1, nato: 1 });
const groupJ = counts({ krig: 2, fred: 5, nato: 3, eu: 2 });

test('a small corpus worked by hand with the pooled prior', () => {
  // δ_w = ln[(y_i + α)/(n_i + α_0 − y_i − α)] − ln[(y_j + α)/(n_j + α_0 − y_j − α)], σ² = 1/(y_i + α) + 1/(y_j + α)
  // krig: ln(10/(6+18−4−6)) − ln(8/(12+18−2−6)) = ln(10/14) − ln(8/22) = ln(55/28) ≈ 0.675129
  //       σ² = 1/10 + 1/8 = 0.225, z = 0.675129/√0.225 ≈ 1.423296
  // fred: ln(7/17) − ln(11/19) = ln(133/187) ≈ −0.340759; σ² = 1/7 + 1/11 = 18/77; z ≈ −0.704786
  // nato: ln(5/19) − ln(7/23) = ln(115/133) ≈ −0.145417; σ² = 1/5 + 1/7 = 12/35;  z ≈ −0.248347
  // eu:   ln(2/22) − ln(4/26) = ln(13/22)   ≈ −0.526093; σ² = 1/2 + 1/4 = 3/4;    z ≈ −0.607480
  const r = ranked(groupI, groupJ);
  assert.deepEqual([r.nI, r.nJ, r.alpha0], [6, 12, 18]);
  const t = byTerm(r);
  const expected: [string, number, number, number][] = [
    ['krig', 6, Math.log(55 / 28), 0.225],
    ['fred', 6, Math.log(133 / 187), 18 / 77],
    ['nato', 4, Math.log(115 / 133), 12 / 35],
    ['eu', 2, Math.log(13 / 22), 3 / 4],
  ];
  for (const [term, prior, delta, variance] of expected) {
    const got = t.get(term)!;
    near(got.prior, prior, `${term} α`);
    near(got.delta, delta, `${term} δ`);
    near(got.variance, variance, `${term} σ²`);
    near(got.z, delta / Math.sqrt(variance), `${term} z`);
  }
  near(t.get('krig')!.z, 1.4232962179151147, 'krig z as written out above', 1e-9);
  // Ranked from most typical of group i to most typical of group j, with the counts of both sides.
  assert.deepEqual(
    r.terms.map((x) => x.term),
    ['krig', 'nato', 'eu', 'fred'],
  );
  assert.deepEqual([t.get('eu')!.countI, t.get('eu')!.countJ], [0, 2]);
});

test('the prior weight α_0 scales the pooled prior', () => {
  // α_0 = 9 halves every prior count: krig 3, fred 3, nato 2, eu 1.
  // krig: ln(7/(6+9−4−3)) − ln(5/(12+9−2−3)) = ln(7/8) − ln(5/16) = ln(14/5); σ² = 1/7 + 1/5 = 12/35.
  const t = byTerm(ranked(groupI, groupJ, { kind: 'pooled', alpha0: 9 }));
  near(t.get('krig')!.prior, 3, 'α');
  near(t.get('krig')!.delta, Math.log(14 / 5), 'δ');
  near(t.get('krig')!.z, Math.log(14 / 5) / Math.sqrt(12 / 35), 'z');
  // eu: α = 1: ln(1/(6+9−0−1)) − ln(3/(12+9−2−1)) = ln(1/14) − ln(3/18) = ln(18/42) = ln(3/7).
  near(t.get('eu')!.delta, Math.log(3 / 7), 'eu δ');
});

test('a prior from a reference corpus, scaled or not', () => {
  // Reference counts krig 10, fred 20, nato 5, eu 5, val 10 (Σ = 50; "val" occurs in neither group but
  // still belongs to the prior's vocabulary, so α_0 = 50).
  // krig: ln((4+10)/(6+50−4−10)) − ln((2+10)/(12+50−2−10)) = ln(14/42) − ln(12/50) = ln(25/18);
  //       σ² = 1/14 + 1/12 = 13/84.
  const background = counts({ krig: 10, fred: 20, nato: 5, eu: 5, val: 10 });
  const t = byTerm(ranked(groupI, groupJ, { kind: 'background', counts: background }));
  near(t.get('krig')!.delta, Math.log(25 / 18), 'δ');
  near(t.get('krig')!.variance, 13 / 84, 'σ²');
  assert.equal(t.has('val'), false, 'words absent from both groups are not ranked');
  // With α_0 = 25 every prior count halves (krig 5): ln(9/(6+25−4−5)) − ln(7/(12+25−2−5)) = ln(135/77).
  const half = byTerm(ranked(groupI, groupJ, { kind: 'background', counts: background, alpha0: 25 }));
  near(half.get('krig')!.delta, Math.log(135 / 77), 'δ at α_0 = 25');
});

test('the uninformative prior reproduces the printed example of the fightin_words package', () => {
  // README of the fightin_words Python package (J. Wigder, after J. Hessel's implementation of Monroe
  // et al.): "the quick brown fox jumps over the lazy pig" against "the lazy purple pig jumps over the
  // lazier donkey" with a uniform prior of 0.05 prints z = 0.6894227886807968 for brown, fox and quick,
  // −0.6894227886807968 for donkey, lazier and purple, and 0.0 for the shared words.
  // By hand: n_i = n_j = 9, 11 word types, α_0 = 0.55; brown: ln(1.05/8.5) − ln(0.05/9.5) = ln(23.47…),
  // σ² = 1/1.05 + 1/0.05 ≈ 20.952, z ≈ 3.1558/4.5774.
  const words = (s: string) => {
    const m = new Map<string, number>();
    for (const w of s.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const r = ranked(words('the quick brown fox jumps over the lazy pig'), words('the lazy purple pig jumps over the lazier donkey'), {
    kind: 'uniform',
    alpha: 0.05,
  });
  near(r.alpha0, 0.55, 'α_0 = 11 · 0.05');
  const t = byTerm(r);
  for (const w of ['brown', 'fox', 'quick']) near(t.get(w)!.z, 0.6894227886807968, w);
  for (const w of ['donkey', 'lazier', 'purple']) near(t.get(w)!.z, -0.6894227886807968, w);
  for (const w of ['the', 'jumps', 'over', 'lazy', 'pig']) near(t.get(w)!.z, 0, w);
  // Ties are broken by the word, so the order is stable.
  assert.deepEqual(
    r.terms.slice(0, 3).map((x) => x.term),
    ['brown', 'fox', 'quick'],
  );
});

test('swapping the groups mirrors every score', () => {
  const ij = byTerm(ranked(groupI, groupJ));
  const ji = byTerm(ranked(groupJ, groupI));
  for (const [term, x] of ij) near(ji.get(term)!.z, -x.z, term);
});

test('degenerate comparisons say why, and bad input is refused', () => {
  const empty = weightedLogOdds(new Map(), groupJ);
  assert.deepEqual(empty.ok ? null : empty.reason, 'empty group');
  const zeros = weightedLogOdds(counts({ krig: 0 }), groupJ);
  assert.deepEqual(zeros.ok ? null : zeros.reason, 'empty group');
  const oneWord = weightedLogOdds(counts({ krig: 3 }), counts({ krig: 5 }));
  assert.deepEqual(oneWord.ok ? null : oneWord.reason, 'one word');
  // A reference corpus with other words makes a single shared word comparable again.
  assert.ok(weightedLogOdds(counts({ krig: 3 }), counts({ krig: 5 }), { kind: 'background', counts: counts({ krig: 1, fred: 1 }) }).ok);

  const refused = (fn: () => unknown, message: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && message.test(e.message));
  refused(() => weightedLogOdds(counts({ krig: -1 }), groupJ), /"krig" in the group studied has -1/);
  refused(() => weightedLogOdds(groupI, counts({ krig: 1.5 })), /"krig" in the comparison group has 1.5/);
  refused(() => weightedLogOdds(groupI, groupJ, { kind: 'pooled', alpha0: 0 }), /α0 must be a finite number above 0/);
  refused(() => weightedLogOdds(groupI, groupJ, { kind: 'uniform', alpha: -1 }), /uniform prior count/);
  refused(
    () => weightedLogOdds(groupI, groupJ, { kind: 'background', counts: counts({ krig: 3 }) }),
    /every word compared; 3 do not occur in it \("fred", "nato", "eu"\)/,
  );
  refused(() => weightedLogOdds({ krig: 1 } as unknown as TermCounts, groupJ), /must be a Map/);
});

test('large corpora give finite scores', () => {
  const big = new Map<string, number>();
  const other = new Map<string, number>();
  for (let w = 0; w < 5000; w++) {
    big.set(`w${w}`, 1 + ((w * 7919) % 1000) * 1000);
    other.set(`w${w}`, 1 + ((w * 104729) % 1000) * 1000);
  }
  const r = ranked(big, other);
  assert.equal(r.terms.length, 5000);
  for (const t of r.terms) assert.ok(Number.isFinite(t.z) && Number.isFinite(t.delta) && t.variance > 0, t.term);
  for (let k = 1; k < r.terms.length; k++) assert.ok(r.terms[k - 1]!.z >= r.terms[k]!.z);
});
