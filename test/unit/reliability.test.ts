// Agreement between coders on small projects worked out by hand: the character units, the articles that
// count, subtags, code points, article-level figures, undefined figures with their reasons, bootstrap
// seeds; the disagreement list and its adjudication; reliability samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ok, snapshot, tempProject } from './support/project.ts';
import { openProject } from '../../main/services/project.ts';
import { krippendorffAlphaNominal } from '../../main/services/analysis/agreement.ts';
import { writeSampleProject } from '../../main/services/reliability/sample-project.ts';
import type { AgreementResult, AgreementRow, Annotation, Disagreement, Envelope, Measure } from '../../main/api/contract.ts';

// 117 characters, no astral ones.
const TEXT = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå. Kazakstan vill vara neutralt.';

type P = ReturnType<typeof tempProject>;
const tag = (p: P, articleId: number, tagId: number, start: number, end: number, annotator: string) =>
  ok<Annotation>(p.dispatch('annotations.create', { articleId, tagId, start, end, annotator }));
const agreement = (p: P, input: unknown) => ok<AgreementResult>(p.dispatch('reliability.agreement', input));
const value = (m: Measure | null) => {
  assert.ok(m && m.ok, `expected a figure, got ${JSON.stringify(m)}`);
  return m.value;
};
const row = (r: AgreementResult, name: string) => r.rows.find((x) => x.tag === name) as AgreementRow;

function setup() {
  const p = tempProject();
  const article = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT, title: 'Toppmötet' })).id;
  const threat = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Threat' })).id;
  const trolling = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Trolling' })).id;
  return { p, article, threat, trolling };
}

test('two coders on one article: percent agreement, kappa and alpha as worked out by hand', () => {
  const { p, article, threat, trolling } = setup();
  try {
    tag(p, article, threat, 0, 37, 'Ada');
    tag(p, article, trolling, 38, 87, 'Ada');
    tag(p, article, threat, 0, 30, 'Bo');
    tag(p, article, threat, 38, 87, 'Bo');
    const r = agreement(p, { coders: ['Ada', 'Bo'] });
    assert.equal(r.message, null);
    assert.deepEqual([r.articles, r.characters], [1, 117]);
    const t = row(r, 'Threat');
    // Threat over 117 characters: both 0–30 (30), only Ada 30–37 (7), only Bo 38–87 (49), neither 31.
    assert.equal(t.codedCharacters, 86);
    assert.ok(Math.abs(value(t.percent) - 61 / 117) < 1e-12);
    // Kappa: p_o = 61/117; Ada marks 37 and Bo 79 of 117, so p_e = (37·79 + 80·38) / 117².
    const pe = (37 * 79 + 80 * 38) / 117 ** 2;
    assert.ok(Math.abs(value(t.kappa) - (61 / 117 - pe) / (1 - pe)) < 1e-12);
    // Alpha from the coincidences: n = 234 values, o₀₁ = o₁₀ = 56, n₁ = 116, n₀ = 118;
    // α = 1 − (n − 1)·o₀₁ / (n₀·n₁) = 1 − 233·56 / (118·116) = 0.04676.
    assert.ok(Math.abs(value(t.alpha) - (1 - (233 * 56) / (118 * 116))) < 1e-12);
    // "Threat occurs in the article": both say yes, the only value there is: alpha is undefined, with a reason.
    assert.equal(t.presenceAlpha.ok, false);
    assert.match((t.presenceAlpha as { reason: string }).reason, /no variation/i);
    // Trolling: only Ada, 49 characters; percent agreement 68/117, kappa 0 (Bo never marks it).
    const tr = row(r, 'Trolling');
    assert.ok(Math.abs(value(tr.percent) - 68 / 117) < 1e-12);
    assert.equal(value(tr.kappa), 0);
    // All tags: the two tags' units side by side (234): agree 61 + 68 = 129.
    const all = row(r, 'All tags');
    assert.equal(all.characters, 234);
    assert.ok(Math.abs(value(all.percent) - 129 / 234) < 1e-12);
  } finally {
    p.cleanup();
  }
});

test('three coders, subtags and several articles: alpha equals alpha over the characters written out one by one', () => {
  const { p, article, threat } = setup();
  try {
    const irony = ok<{ id: number }>(p.dispatch('tags.ensurePath', { path: ['Threat', 'Irony'] })).id;
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT.replace('Putin', 'Lavrov'), title: 'Andra' })).id;
    const spans: [number, number, number, number, string][] = [
      [article, threat, 0, 37, 'Ada'],
      [article, irony, 30, 50, 'Bo'],
      [article, threat, 5, 37, 'Cy'],
      [second, threat, 38, 87, 'Ada'],
      [second, threat, 40, 87, 'Bo'],
      [second, irony, 60, 100, 'Cy'],
      [second, threat, 0, 10, 'Cy'],
    ];
    for (const s of spans) tag(p, ...s);
    const r = agreement(p, { coders: ['Ada', 'Bo', 'Cy'], tagIds: [threat] });
    const t = row(r, 'Threat');
    assert.equal(t.kappa, null, 'kappa is for two coders');
    // Each character of both articles, each coder's 0/1 for Threat with its subtag Irony.
    const units: { values: number[] }[] = [];
    for (const id of [article, second]) {
      for (let i = 0; i < TEXT.length + (id === second ? 1 : 0); i++) {
        const values = ['Ada', 'Bo', 'Cy'].map((c) => (spans.some(([a, , s, e, who]) => a === id && who === c && i >= s && i < e) ? 1 : 0));
        units.push({ values });
      }
    }
    const expected = krippendorffAlphaNominal(units);
    assert.ok(expected.ok);
    assert.ok(Math.abs(value(t.alpha) - expected.alpha) < 1e-12);
    assert.equal(t.characters, units.length);
    // Without the subtag, Irony's passages are no Threat passages.
    const own = row(agreement(p, { coders: ['Ada', 'Bo', 'Cy'], tagIds: [threat], rollup: false }), 'Threat');
    assert.notEqual(value(own.alpha), value(t.alpha));
  } finally {
    p.cleanup();
  }
});

test('only articles every coder coded count; a done mark makes an article without codes count', () => {
  const { p, article, threat } = setup();
  try {
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Ett helt annat inslag om väder.', title: 'Väder' })).id;
    tag(p, article, threat, 0, 37, 'Ada');
    tag(p, article, threat, 0, 37, 'Bo');
    tag(p, second, threat, 0, 10, 'Ada');
    assert.equal(agreement(p, { coders: ['Ada', 'Bo'] }).articles, 1);
    ok(p.dispatch('articles.setDone', { articleId: second, annotator: 'Bo', done: true }));
    const r = agreement(p, { coders: ['Ada', 'Bo'] });
    assert.equal(r.articles, 2);
    const t = row(r, 'Threat');
    assert.equal(t.characters, 117 + 31);
    // 37 agreed characters, 10 marked by Ada alone, the rest agreed unmarked.
    assert.ok(Math.abs(value(t.percent) - (148 - 10) / 148) < 1e-12);
    // Tag present in the article: article 1 yes/yes, article 2 yes/no.
    assert.ok(t.presenceAlpha.ok);
    // The filter narrows the articles like everywhere else.
    assert.equal(agreement(p, { coders: ['Ada', 'Bo'], filter: { search: 'väder' } }).articles, 1);
    assert.equal(agreement(p, { coders: ['Ada', 'Bo'], articleIds: [article] }).articles, 1);
  } finally {
    p.cleanup();
  }
});

test('units are code points: an emoji before a passage counts once', () => {
  const p = tempProject();
  try {
    const text = '😀 Putin talade i Astana. 🇸🇪 Kazakstan svarade.';
    const article = ok<{ id: number }>(p.dispatch('articles.importText', { text, title: 'Emoji' })).id;
    const threat = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Threat' })).id;
    const start = text.indexOf('Putin');
    tag(p, article, threat, start, start + 5, 'Ada');
    tag(p, article, threat, start, start + 5, 'Bo');
    const t = row(agreement(p, { coders: ['Ada', 'Bo'] }), 'Threat');
    assert.equal(t.characters, [...text].length);
    assert.equal(t.codedCharacters, 5);
    assert.equal(value(t.alpha), 1);
    assert.equal(value(t.unitizedAlpha), 1);
  } finally {
    p.cleanup();
  }
});

test('article-level codes have their own alpha, and count for the tag being present', () => {
  const { p, article, trolling } = setup();
  try {
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT + ' Mer.', title: 'B' })).id;
    const third = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT + ' Ännu mer.', title: 'C' })).id;
    for (const [id, ada, bo] of [
      [article, true, true],
      [second, true, false],
      [third, false, false],
    ] as const) {
      if (ada) ok(p.dispatch('articleCodes.add', { articleId: id, tagId: trolling, annotator: 'Ada' }));
      if (bo) ok(p.dispatch('articleCodes.add', { articleId: id, tagId: trolling, annotator: 'Bo' }));
      for (const c of ['Ada', 'Bo']) ok(p.dispatch('articles.setDone', { articleId: id, annotator: c, done: true }));
    }
    const t = row(agreement(p, { coders: ['Ada', 'Bo'] }), 'Trolling');
    // Articles: (1,1), (1,0), (0,0): n = 6 values, n₁ = n₀ = 3, and only the middle article puts a pair in
    // o₀₁ (= 1); α = 1 − (n − 1)·o₀₁ / (n₀·n₁) = 1 − 5/9 = 4/9.
    assert.ok(Math.abs(value(t.articleCodeAlpha) - 4 / 9) < 1e-12);
    assert.ok(Math.abs(value(t.presenceAlpha) - 4 / 9) < 1e-12);
    assert.equal(t.alpha.ok, false, 'no passage: the character-level alpha is undefined');
    const th = row(agreement(p, { coders: ['Ada', 'Bo'] }), 'Threat');
    assert.match((th.alpha as { reason: string }).reason, /No chosen coder used this tag/);
    assert.match((th.articleCodeAlpha as { reason: string }).reason, /whole article/);
  } finally {
    p.cleanup();
  }
});

test('bad requests: one coder, no article in common, an unknown coder or tag; none changes the project', () => {
  const { p, article, threat } = setup();
  try {
    const other = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Något annat.', title: 'Annat' })).id;
    tag(p, article, threat, 0, 5, 'Ada');
    tag(p, other, threat, 0, 5, 'Bo');
    const before = snapshot(p);
    assert.match(agreement(p, { coders: ['Ada'] }).message!, /two coders or more/);
    const apart = agreement(p, { coders: ['Ada', 'Bo'] });
    assert.match(apart.message!, /no article in common.*"Ada" coded 1, "Bo" coded 1/);
    assert.deepEqual(apart.rows, []);
    const unknown = p.dispatch('reliability.agreement', { coders: ['Ada', 'Zed'] }) as Envelope<unknown>;
    assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
    assert.match(!unknown.ok ? unknown.error.message : '', /no coder named "Zed".*"Ada", "Bo"/);
    const twice = p.dispatch('reliability.agreement', { coders: ['Ada', 'Ada'] }) as Envelope<unknown>;
    assert.equal(!twice.ok && twice.error.code, 'INVALID_INPUT');
    const noTag = p.dispatch('reliability.agreement', { coders: ['Ada', 'Bo'], tagIds: [99] }) as Envelope<unknown>;
    assert.equal(noTag.ok, true, 'no article in common is answered before tags are looked at');
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});

test('the bootstrap interval is reproducible from its seed and holds the point estimate', () => {
  const p = tempProject();
  try {
    const threat = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Threat' })).id;
    for (let i = 0; i < 12; i++) {
      const id = ok<{ id: number }>(p.dispatch('articles.importText', { text: `${i} ${TEXT}`, title: `A${i}` })).id;
      tag(p, id, threat, 3, 40, 'Ada');
      tag(p, id, threat, 3 + (i % 4) * 5, 40 + (i % 3) * 10, 'Bo');
    }
    const input = { coders: ['Ada', 'Bo'], bootstrap: { seed: 42, resamples: 500 } };
    const a = row(agreement(p, input), 'Threat');
    const b = row(agreement(p, input), 'Threat');
    assert.deepEqual(a.interval, b.interval);
    const ci = a.interval!;
    assert.equal(ci.seed, 42);
    assert.equal(ci.resamples, 500);
    assert.ok(ci.low <= value(a.alpha) && value(a.alpha) <= ci.high, `${ci.low} ≤ ${value(a.alpha)} ≤ ${ci.high}`);
    assert.ok(ci.low < ci.high);
    assert.ok(ci.below667 >= 0 && ci.below667 <= 1 && ci.below800 >= ci.below667);
    const c = row(agreement(p, { ...input, bootstrap: { seed: 43, resamples: 500 } }), 'Threat');
    assert.notDeepEqual(c.interval, a.interval);
    assert.equal(row(agreement(p, { coders: ['Ada', 'Bo'] }), 'Threat').interval, null);
    // Intervals can be asked for the tags' rows or the all-tags row alone; each is the same as in a full run.
    const tagsOnly = agreement(p, { ...input, bootstrap: { ...input.bootstrap, rows: 'tags' } });
    assert.deepEqual(row(tagsOnly, 'Threat').interval, a.interval);
    assert.equal(row(tagsOnly, 'All tags').interval, null);
    const allOnly = agreement(p, { ...input, bootstrap: { ...input.bootstrap, rows: 'all' } });
    assert.equal(row(allOnly, 'Threat').interval, null);
    assert.deepEqual(row(allOnly, 'All tags').interval, row(agreement(p, input), 'All tags').interval);
  } finally {
    p.cleanup();
  }
});

test('disagreements list what one coder marked and the other did not, and adjudication fills a consensus coder', () => {
  const { p, article, threat, trolling } = setup();
  try {
    const a1 = tag(p, article, threat, 0, 37, 'Ada');
    const b1 = tag(p, article, threat, 0, 30, 'Bo');
    const a2 = tag(p, article, trolling, 38, 87, 'Ada');
    const b2 = tag(p, article, threat, 38, 87, 'Bo');
    tag(p, article, threat, 88, 100, 'Ada');
    tag(p, article, threat, 101, 110, 'Ada');
    tag(p, article, threat, 101, 110, 'Bo');
    const list = ok<{ disagreements: Disagreement[]; total: number }>(p.dispatch('reliability.disagreements', { coders: ['Ada', 'Bo'], tagId: threat }));
    assert.deepEqual(
      list.disagreements.map((d) => [d.start, d.end, d.kind]),
      [
        [0, 37, 'boundaries'],
        [38, 87, 'otherTag'],
        [88, 100, 'onlyFirst'],
      ],
    );
    assert.equal(list.disagreements[0]!.quote, TEXT.slice(0, 37));
    assert.deepEqual(
      list.disagreements[1]!.first.map((x) => x.id),
      [a2.id],
    );
    const decided = ok<{ created: number; removed: number }>(
      p.dispatch('reliability.adjudicate', {
        consensus: 'Consensus',
        articleId: article,
        start: 0,
        end: 37,
        decision: 'first',
        first: [a1.id],
        second: [b1.id],
      }),
    );
    assert.deepEqual(decided, { created: 1, removed: 0 });
    const consensus = () =>
      ok<{ annotations: Annotation[] }>(p.dispatch('annotations.list', { articleId: article }))
        .annotations.filter((a) => a.annotator === 'Consensus')
        .map((a) => [a.tagId, a.start, a.end]);
    assert.deepEqual(consensus(), [[threat, 0, 37]]);
    // Deciding again replaces the consensus coder's earlier decision over the stretch.
    ok(
      p.dispatch('reliability.adjudicate', {
        consensus: 'Consensus',
        articleId: article,
        start: 0,
        end: 37,
        decision: 'second',
        first: [a1.id],
        second: [b1.id],
      }),
    );
    assert.deepEqual(consensus(), [[threat, 0, 30]]);
    ok(
      p.dispatch('reliability.adjudicate', {
        consensus: 'Consensus',
        articleId: article,
        start: 38,
        end: 87,
        decision: 'both',
        first: [a2.id],
        second: [b2.id],
      }),
    );
    assert.deepEqual(consensus(), [
      [threat, 0, 30],
      [trolling, 38, 87],
      [threat, 38, 87],
    ]);
    const coder = ok<{ coders: { name: string; consensus: boolean }[] }>(p.dispatch('coders.list', {})).coders.find((c) => c.name === 'Consensus');
    assert.equal(coder?.consensus, true);
    // The coders' own work is as it was.
    assert.equal(p.db.prepare(`SELECT count(*) FROM annotations WHERE annotator IN ('Ada', 'Bo')`).pluck().get(), 7);
    const intoCoder = p.dispatch('reliability.adjudicate', {
      consensus: 'Bo',
      articleId: article,
      start: 0,
      end: 37,
      decision: 'first',
      first: [a1.id],
      second: [],
    }) as Envelope<unknown>;
    assert.equal(!intoCoder.ok && intoCoder.error.code, 'CONFLICT');
    const wrong = p.dispatch('reliability.adjudicate', {
      consensus: 'Consensus',
      articleId: article + 1,
      start: 0,
      end: 5,
      decision: 'first',
      first: [a1.id],
      second: [],
    }) as Envelope<unknown>;
    assert.equal(wrong.ok, false);
  } finally {
    p.cleanup();
  }
});

test('a reliability sample: the size asked, in proportion to a variable, the same for the same seed, marked with a variable', () => {
  const p = tempProject();
  try {
    for (let i = 0; i < 40; i++)
      ok(p.dispatch('articles.importText', { text: `Artikel ${i}. ${TEXT}`, title: `A${i}`, source: i < 30 ? 'Aftonbladet' : 'SVT' }));
    type Sample = { articleIds: number[]; seed: number; variableId: number; strata: { value: string | null; articles: number; drawn: number }[] };
    const s = ok<Sample>(p.dispatch('reliability.sample', { n: 8, by: 'source', seed: 7 }));
    assert.equal(s.articleIds.length, 8);
    assert.deepEqual(
      s.strata.map((x) => [x.value, x.articles, x.drawn]),
      [
        ['Aftonbladet', 30, 6],
        ['SVT', 10, 2],
      ],
    );
    assert.deepEqual(ok<Sample>(p.dispatch('reliability.sample', { n: 8, by: 'source', seed: 7 })).articleIds, s.articleIds);
    assert.notDeepEqual(ok<Sample>(p.dispatch('reliability.sample', { n: 8, by: 'source', seed: 8 })).articleIds, s.articleIds);
    const again = ok<Sample>(p.dispatch('reliability.sample', { percent: 25, seed: 7 }));
    assert.equal(again.articleIds.length, 10);
    // The mark follows the last draw: exactly its articles are "yes".
    const marked = p.db.prepare('SELECT article_id FROM article_values WHERE variable_id = ? ORDER BY article_id').pluck().all(again.variableId);
    assert.deepEqual(marked, again.articleIds);
    const before = snapshot(p);
    for (const [input, message] of [
      [{ n: 41 }, /larger than the 40 articles/],
      [{ n: 0 }, /at least one article/],
      [{ percent: 0 }, /above 0/],
      [{ n: 5, by: 99 }, /Variable 99 does not exist/],
    ] as const) {
      const r = p.dispatch('reliability.sample', input) as Envelope<unknown>;
      assert.equal(r.ok, false, JSON.stringify(input));
      assert.match(!r.ok ? r.error.message : '', message);
    }
    assert.equal(snapshot(p), before, 'a refused sample changes nothing');
  } finally {
    p.cleanup();
  }
});

test('a sample written as a project of its own holds the articles, their variables and the codebook, and no codes', () => {
  const { p, article, threat } = setup();
  try {
    ok(p.dispatch('tags.ensurePath', { path: ['Threat', 'Military'] }));
    const kind = ok<{ id: number }>(p.dispatch('variables.create', { name: 'Kind', type: 'category', categories: ['Tabloid', 'Broadsheet'] })).id;
    ok(p.dispatch('variables.setValue', { variableId: kind, value: 'Tabloid', articleIds: [article] }));
    ok(p.dispatch('articles.importText', { text: 'Inte med i urvalet.', title: 'Utanför' }));
    tag(p, article, threat, 0, 5, 'Ada');
    const out = join(p.dir, 'for-bo.framelens');
    assert.deepEqual(writeSampleProject(p.db, [article], out), { path: out, articles: 1, tags: 3 });
    const copy = openProject(out, { create: false });
    try {
      assert.deepEqual(
        copy.services.articles.list(undefined).articles.map((a) => a.title),
        ['Toppmötet'],
      );
      assert.deepEqual(
        copy.services.tags.list().map((t) => t.path.join('>')),
        ['Threat', 'Threat>Military', 'Trolling'],
      );
      assert.equal(copy.db.prepare('SELECT count(*) FROM annotations').pluck().get(), 0);
      assert.equal(copy.db.prepare('SELECT value FROM article_values').pluck().get(), 'Tabloid');
    } finally {
      copy.close();
    }
    assert.throws(() => writeSampleProject(p.db, [article], out), /exists already/);
  } finally {
    p.cleanup();
  }
});
