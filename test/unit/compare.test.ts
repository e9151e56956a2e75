// Comparing frames on a small project whose counts are worked out by hand: prevalence per tag and group,
// the group × tag crosstab with its chi-square, V, residuals and Fisher's test, and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import type { CompareResult, CooccurrenceResult, Envelope, Tag } from '../../main/api/contract.ts';

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

test('over time: every month from the first article to the last, with passages and shares', () => {
  const p = tempProject();
  try {
    const dates = ['2024-01-10', '2024-01-20', '2024-03-05', null];
    const ids = dates.map((publishedAt, i) => ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT(i), publishedAt })).id);
    const threat = ok<Tag>(p.dispatch('tags.create', { name: 'Threat' }));
    const trolling = ok<Tag>(p.dispatch('tags.create', { name: 'Trolling' }));
    for (const [article, tagId] of [
      [0, threat.id],
      [0, threat.id],
      [2, trolling.id],
      [3, threat.id],
    ] as const) {
      ok(p.dispatch('annotations.create', { articleId: ids[article]!, tagId, start: 0, end: 5 + article }));
    }
    const r = ok<{ buckets: string[]; articles: number[]; series: { passages: number[]; articleShare: number[] }[]; undated: number }>(
      p.dispatch('compare.timeline', { comparison: { tagIds: [threat.id, trolling.id] }, unit: 'month' }),
    );
    assert.deepEqual(r.buckets, ['2024-01', '2024-02', '2024-03']);
    assert.deepEqual(r.articles, [2, 0, 1]);
    assert.deepEqual(r.series[0]!.passages, [2, 0, 0]);
    assert.deepEqual(r.series[0]!.articleShare, [0.5, 0, 0]);
    assert.deepEqual(r.series[1]!.articleShare, [0, 0, 1]);
    assert.equal(r.undated, 1);
    const weeks = ok<{ buckets: string[] }>(p.dispatch('compare.timeline', { comparison: { tagIds: [threat.id, trolling.id] }, unit: 'week' }));
    assert.equal(weeks.buckets[0], '2024-W02');
    assert.equal(weeks.buckets.at(-1), '2024-W10');
    assert.equal(weeks.buckets.length, 9);
  } finally {
    p.cleanup();
  }
});

test('co-occurrence: overlapping passages and shared articles, with the Jaccard index, and the passages behind a cell', () => {
  const { p, threat, trolling } = setup();
  try {
    // Overlaps: B2 has Trolling 0–4 and Threat 10–20 (no overlap). Add a Trolling passage 12–18 in A1, inside Threat 5–15.
    const a1 = ok<{ articles: { id: number }[] }>(p.dispatch('articles.list', {}))
      .articles.map((a) => a.id)
      .sort((x, y) => x - y)[0]!;
    ok(p.dispatch('annotations.create', { articleId: a1, tagId: trolling.id, start: 12, end: 18 }));
    const r = ok<{ tags: { id: number; passages: number; articles: number }[]; pairs: Record<string, number>[] }>(
      p.dispatch('compare.cooccurrence', { tagIds: [threat.id, trolling.id] }),
    );
    assert.deepEqual(
      r.tags.map((t) => [t.passages, t.articles]),
      [
        [4, 3],
        [4, 4],
      ],
    );
    const pair = r.pairs[0]!;
    // One Threat passage (5–15) overlaps the new Trolling one; that Trolling passage overlaps it.
    assert.equal(pair.aOverlappingB, 1);
    assert.equal(pair.bOverlappingA, 1);
    assert.equal(pair.passageJaccard, 2 / 8);
    // Articles with both: A1 and B2 of 5 with either.
    assert.equal(pair.sharedArticles, 2);
    assert.equal(pair.articleJaccard, 2 / 5);
    const cell = ok<{ lines: { text: string }[]; total: number }>(
      p.dispatch('compare.cooccurrenceList', { a: threat.id, b: trolling.id, rollup: true, scope: 'passage' }),
    );
    assert.equal(cell.total, 2);
    const articles = ok<{ total: number }>(p.dispatch('compare.cooccurrenceList', { a: threat.id, b: trolling.id, rollup: true, scope: 'article' }));
    assert.equal(articles.total, 2);
    // The whole codebook counts each tag on its own: Irony is not inside Trolling there.
    const whole = ok<{ tags: { passages: number }[] }>(p.dispatch('compare.cooccurrence', {}));
    assert.deepEqual(
      whole.tags.map((t) => t.passages),
      [4, 3, 1],
    );
  } finally {
    p.cleanup();
  }
});

test('distinctive words rank the side’s own vocabulary first, and each opens its uses in context', () => {
  const p = tempProject();
  try {
    const texts = [
      'Ministern varnade för ett hot mot regionen. Hotet mot gränsen växer, sade hon om hotet.',
      'Analytikern kallade talet trolling på hög nivå. Trolling är ett spel för galleriet.',
      'Ett nytt hot mot hamnen, och ett hot mot handeln, enligt rapporten om gränsen.',
    ];
    const ids = texts.map((text) => ok<{ id: number }>(p.dispatch('articles.importText', { text, language: 'sv' })).id);
    const threat = ok<Tag>(p.dispatch('tags.create', { name: 'Threat' }));
    const trolling = ok<Tag>(p.dispatch('tags.create', { name: 'Trolling' }));
    ok(p.dispatch('annotations.create', { articleId: ids[0]!, tagId: threat.id, start: 0, end: texts[0]!.length }));
    ok(p.dispatch('annotations.create', { articleId: ids[2]!, tagId: threat.id, start: 0, end: texts[2]!.length }));
    ok(p.dispatch('annotations.create', { articleId: ids[1]!, tagId: trolling.id, start: 0, end: texts[1]!.length }));
    const comparison = { tagIds: [threat.id, trolling.id] };
    const r = ok<{ terms: { term: string; count: number; otherCount: number; z: number }[]; message: string | null }>(
      p.dispatch('compare.distinctive', { comparison, side: 0, kind: 'words' }),
    );
    assert.equal(r.message, null);
    assert.equal(r.terms[0]!.term, 'hot');
    assert.equal(r.terms[0]!.count, 3);
    assert.equal(r.terms[0]!.otherCount, 0);
    assert.ok(r.terms[0]!.z > 0);
    assert.ok(!r.terms.some((t) => ['ett', 'mot', 'för', 'och'].includes(t.term)), 'Swedish stop words are left out');
    const other = ok<{ terms: { term: string }[] }>(p.dispatch('compare.distinctive', { comparison, side: 1, kind: 'words' }));
    assert.equal(other.terms[0]!.term, 'trolling');
    const lines = ok<{ lines: { text: string; before: string; articleId: number }[]; total: number }>(
      p.dispatch('compare.termLines', { comparison, side: 0, kind: 'words', term: 'hot' }),
    );
    assert.equal(lines.total, 3);
    assert.ok(lines.lines.every((l) => l.text.toLowerCase() === 'hot'));
    const noEntities = ok<{ terms: unknown[]; message: string }>(p.dispatch('compare.distinctive', { comparison, side: 0, kind: 'entities' }));
    assert.deepEqual(noEntities.terms, []);
    assert.match(noEntities.message, /no entity mentions/);
    const bad = p.dispatch('compare.distinctive', { comparison, side: 5, kind: 'words' });
    assert.equal(bad.ok, false);
    // A coder who gives Trolling to a whole article adds all its words to that side, and its uses open.
    const whole = 'Hamnen i Gävle fick besök av trollfabriken. Trollfabriken svarade.';
    const wholeId = ok<{ id: number }>(p.dispatch('articles.importText', { text: whole, language: 'sv' })).id;
    ok(p.dispatch('articleCodes.add', { articleId: wholeId, tagId: trolling.id, annotator: 'Bo' }));
    const withWhole = ok<{ terms: { term: string; count: number }[] }>(p.dispatch('compare.distinctive', { comparison, side: 1, kind: 'words' }));
    assert.equal(withWhole.terms.find((t) => t.term === 'trollfabriken')?.count, 2);
    const wholeLines = ok<{ lines: { articleId: number; annotationId: number | null; text: string }[]; total: number }>(
      p.dispatch('compare.termLines', { comparison, side: 1, kind: 'words', term: 'trollfabriken' }),
    );
    assert.equal(wholeLines.total, 2);
    assert.ok(wholeLines.lines.every((l) => l.articleId === wholeId && l.annotationId === null && l.text.toLowerCase() === 'trollfabriken'));
  } finally {
    p.cleanup();
  }
});

test('a tag applied to a whole article counts as the article carrying it, in the comparison, the timeline and the matrix', () => {
  const { p, ids, threat, trolling } = setup();
  try {
    // B3 had nothing; Bo codes it Threat as a whole. Threat is then in 4 of 6 articles, B in 2 of 3.
    ok(p.dispatch('articleCodes.add', { articleId: ids[5]!, tagId: threat.id, annotator: 'Bo' }));
    const r = ok<CompareResult>(summary(p, { comparison: { tagIds: [threat.id, trolling.id], groupBy: { kind: 'variable', variable: 'source' } } }));
    assert.deepEqual(r.overall[0], { passages: 4, articles: 4, characters: 32, articleShare: 4 / 6 });
    assert.deepEqual(r.crosstab.counts, [
      [2, 1],
      [2, 2],
    ]);
    const matrix = ok<{ csv: string }>(p.dispatch('export.matrix', { measure: 'presence' }))
      .csv.trim()
      .split('\r\n');
    const header = matrix[0]!.split(',');
    const last = matrix[6]!.split(',');
    assert.equal(last[header.indexOf('Threat')], '1');
    // Over time too: one month, Threat in 4 of its 6 articles.
    ok(p.dispatch('variables.setValue', { variableId: 'publishedAt', value: '2024-05-02', filter: {} }));
    const timeline = ok<{ series: { articleShare: number[] }[] }>(p.dispatch('compare.timeline', { comparison: { tagIds: [threat.id, trolling.id] } }));
    assert.deepEqual(timeline.series[0]!.articleShare, [4 / 6]);
  } finally {
    p.cleanup();
  }
});

test('a filter naming coders counts only their passages and whole-article codes', () => {
  const { p, ids, threat, trolling } = setup();
  try {
    ok(p.dispatch('articleCodes.add', { articleId: ids[5]!, tagId: threat.id, annotator: 'Bo' }));
    const comparison = { tagIds: [threat.id, trolling.id] };
    // Bo's codes only: B2's Threat passage and B3's whole-article Threat; A3's Irony and B1's Trolling.
    const bo = ok<CompareResult>(summary(p, { comparison, filter: { coders: ['Bo'] } }));
    assert.deepEqual(
      bo.overall.map((c) => [c.passages, c.articles]),
      [
        [1, 2],
        [2, 2],
      ],
    );
    const ada = ok<CompareResult>(summary(p, { comparison, filter: { coders: ['Ada'] } }));
    assert.deepEqual(
      ada.overall.map((c) => [c.passages, c.articles]),
      [
        [3, 2],
        [1, 1],
      ],
    );
    const csv = ok<{ csv: string }>(p.dispatch('export.csv', { filter: { coders: ['Bo'] } })).csv;
    const annotators = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.includes(',Bo,'));
    assert.equal(annotators.length, 4);
    assert.ok(annotators.every(Boolean));
  } finally {
    p.cleanup();
  }
});

test('shared articles count whole-article codes; passage overlaps do not', () => {
  const { p, ids, threat, trolling } = setup();
  try {
    const before = ok<CooccurrenceResult>(p.dispatch('compare.cooccurrence', { tagIds: [threat.id, trolling.id] }));
    // B3 had nothing: whole-article Threat and Trolling make it an article holding both.
    ok(p.dispatch('articleCodes.add', { articleId: ids[5]!, tagId: threat.id, annotator: 'Bo' }));
    ok(p.dispatch('articleCodes.add', { articleId: ids[5]!, tagId: trolling.id, annotator: 'Bo' }));
    const after = ok<CooccurrenceResult>(p.dispatch('compare.cooccurrence', { tagIds: [threat.id, trolling.id] }));
    const [was, is] = [before.pairs[0]!, after.pairs[0]!];
    assert.equal(is.sharedArticles, was.sharedArticles + 1);
    assert.deepEqual([is.aOverlappingB, is.bOverlappingA], [was.aOverlappingB, was.bOverlappingA]);
    assert.deepEqual(
      after.tags.map((t) => t.articles),
      before.tags.map((t) => t.articles + 1),
    );
    // Threat in 4 articles, Trolling (with Irony) in 4, both in B2 and B3: 2 of 6.
    assert.equal(is.articleJaccard, is.sharedArticles / (4 + 4 - is.sharedArticles));
    const list = ok<{ lines: { articleId: number; annotationId: number | null }[] }>(
      p.dispatch('compare.cooccurrenceList', { a: threat.id, b: trolling.id, rollup: true, scope: 'article' }),
    );
    assert.deepEqual(list.lines.find((l) => l.articleId === ids[5])?.annotationId, null);
    assert.equal(list.lines.length, is.sharedArticles);
  } finally {
    p.cleanup();
  }
});
