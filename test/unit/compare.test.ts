// Comparing frames on a small project whose counts are worked out by hand: prevalence per tag and group,
// the group × tag crosstab with its chi-square, V, residuals and Fisher's test, and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import type { CompareResult, Envelope, Tag } from '../../main/api/contract.ts';

const TEXT = (n: number) => `Artikel ${n}: toppmötet i Astana beskrevs som ett hot och som trolling på hög nivå av flera bedömare.`;

/**
 * Six articles, three from each outlet. Articles carrying each tag (Trolling counts its subtag Irony):
 *            Threat  Trolling
 *   Outlet A    2       1        (A1 two overlapping Threat passages, A2 Threat, A3 Irony)
 *   Outlet B    1       2        (B1 Trolling, B2 Trolling and Threat, B3 nothing)
 */
function setup() {
  const p = tempProject();
  const ids = ['A', 'A', 'A', 'B', 'B', 'B'].map((source, i) => ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT(i), source })).id);
  const threat = ok<Tag>(p.dispatch('tags.create', { name: 'Threat' }));
  const trolling = ok<Tag>(p.dispatch('tags.create', { name: 'Trolling' }));
  const irony = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Trolling', 'Irony'] }));
  const tag = (article: number, tagId: number, start: number, end: number, annotator = 'Ada') =>
    ok(p.dispatch('annotations.create', { articleId: ids[article]!, tagId, start, end, annotator }));
  tag(0, threat.id, 0, 10);
  tag(0, threat.id, 5, 15);
  tag(1, threat.id, 0, 7);
  tag(2, irony.id, 3, 9, 'Bo');
  tag(3, trolling.id, 0, 4, 'Bo');
  tag(4, trolling.id, 0, 4);
  tag(4, threat.id, 10, 20, 'Bo');
  return { p, ids, threat, trolling, irony };
}

const summary = (p: ReturnType<typeof tempProject>, input: unknown) => p.dispatch('compare.summary', input) as Envelope<CompareResult>;

test('prevalence and the crosstab of two tags by outlet match the hand-worked counts', () => {
  const { p, threat, trolling } = setup();
  try {
    const r = ok<CompareResult>(summary(p, { comparison: { tagIds: [threat.id, trolling.id], groupBy: { kind: 'variable', variable: 'source' } } }));
    assert.deepEqual(
      r.sides.map((s) => s.label),
      ['Threat', 'Trolling'],
    );
    assert.deepEqual(
      r.groups.map((g) => [g.label, g.articles]),
      [
        ['A', 3],
        ['B', 3],
      ],
    );
    // Threat: 4 passages in 3 articles; A1's two passages cover 0–15 once (15), A2 7, B2 10.
    assert.deepEqual(r.overall[0], { passages: 4, articles: 3, characters: 32, articleShare: 0.5 });
    assert.deepEqual(r.overall[1], { passages: 3, articles: 3, characters: 14, articleShare: 0.5 });
    assert.deepEqual(r.byGroup[0]![0], { passages: 3, articles: 2, characters: 22, articleShare: 2 / 3 });
    assert.deepEqual(r.crosstab.counts, [
      [2, 1],
      [1, 2],
    ]);
    const t = r.crosstab.test;
    assert.equal(t.ok, true);
    if (!t.ok) return;
    // E = 1.5 in every cell; X² = 4 · 0.5² / 1.5 = 2/3; df 1; p = P(χ²₁ > 2/3) = 2(1 − Φ(0.8165)) = 0.4142.
    assert.ok(Math.abs(t.chiSquare - 2 / 3) < 1e-12);
    assert.equal(t.df, 1);
    assert.ok(Math.abs(t.p - 0.414216) < 1e-5, String(t.p));
    // V = √(X² / (n · 1)) = √(2/3 / 6) = 1/3; adjusted residual (2 − 1.5)/√(1.5 · ½ · ½) = 0.8165.
    assert.ok(Math.abs(t.cramersV - 1 / 3) < 1e-12);
    assert.ok(Math.abs(t.adjustedResiduals[0]![0]! - Math.sqrt(2 / 3)) < 1e-12);
    assert.equal(t.expectedBelow5, 4);
    // Fisher, margins 3/3/3 of 6: P(a) = 1/20, 9/20, 9/20, 1/20 for a = 0…3; observed a = 2.
    assert.ok(t.fisher);
    assert.ok(Math.abs(t.fisher.twoSided - 1) < 1e-12);
    assert.ok(Math.abs(t.fisher.less - 19 / 20) < 1e-12);
    assert.ok(Math.abs(t.fisher.greater - 10 / 20) < 1e-12);
  } finally {
    p.cleanup();
  }
});

test('one tag against the rest, grouped by coder and by month', () => {
  const { p, threat } = setup();
  try {
    const r = ok<CompareResult>(summary(p, { comparison: { tagIds: [threat.id], rest: true, groupBy: { kind: 'annotator' } } }));
    assert.deepEqual(
      r.sides.map((s) => s.key),
      [`tag:${threat.id}`, 'rest'],
    );
    assert.deepEqual(
      r.groups.map((g) => [g.label, g.articles]),
      [
        ['Ada', 3],
        ['Bo', 3],
      ],
    );
    assert.deepEqual(r.crosstab.counts, [
      [2, 1],
      [1, 2],
    ]);
    const byMonth = ok<CompareResult>(summary(p, { comparison: { tagIds: [threat.id], rest: true, groupBy: { kind: 'time', unit: 'month' } } }));
    assert.deepEqual(
      byMonth.groups.map((g) => g.label),
      ['no date'],
    );
    assert.equal(byMonth.crosstab.test.ok, false);
    if (!byMonth.crosstab.test.ok) assert.match(byMonth.crosstab.test.message, /one group/);
  } finally {
    p.cleanup();
  }
});

test('the filter narrows the comparison; an empty selection says so in words', () => {
  const { p, threat, trolling } = setup();
  try {
    const only = ok<CompareResult>(
      summary(p, { comparison: { tagIds: [threat.id, trolling.id] }, filter: { conditions: [{ variable: 'source', op: 'is', values: ['B'] }] } }),
    );
    assert.equal(only.articles, 3);
    assert.deepEqual(only.crosstab.counts, [[1, 2]]);
    const none = ok<CompareResult>(summary(p, { comparison: { tagIds: [threat.id, trolling.id] }, filter: { search: 'nothingmatches' } }));
    assert.equal(none.articles, 0);
    assert.deepEqual(none.overall[0], { passages: 0, articles: 0, characters: 0, articleShare: 0 });
    assert.equal(none.crosstab.test.ok, false);
    if (!none.crosstab.test.ok) assert.equal(none.crosstab.test.reason, 'empty');
    assert.doesNotMatch(JSON.stringify(none), /NaN|Infinity|null,"articleShare"/);
  } finally {
    p.cleanup();
  }
});

test('bad comparisons are refused with a clear message', () => {
  const { p, threat } = setup();
  try {
    for (const [input, code, message] of [
      [{ comparison: { tagIds: [threat.id, threat.id] } }, 'INVALID_INPUT', /compared with itself/],
      [{ comparison: { tagIds: [threat.id] } }, 'INVALID_INPUT', /two tags or more, or one tag against the rest/],
      [{ comparison: { tagIds: [threat.id, 999] } }, 'NOT_FOUND', /Tag 999/],
      [{ comparison: { tagIds: [threat.id], rest: true, groupBy: { kind: 'variable', variable: 42 } } }, 'NOT_FOUND', /Variable 42/],
      [{ comparison: { tagIds: [threat.id], rest: true, groupBy: { kind: 'colour' } } }, 'INVALID_INPUT', /groupBy/],
    ] as const) {
      const r = summary(p, input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, code, r.error.message);
        assert.match(r.error.message, message);
      }
    }
  } finally {
    p.cleanup();
  }
});
