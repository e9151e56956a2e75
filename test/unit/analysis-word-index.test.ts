// The word index behind distinctive words: the runs it finds are the RUN pattern's, its counts are the
// tokenizer's, and it never counts from a stale text or past its memory bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RUN, countTerms, createTokenizer, runReader } from '../../main/services/analysis/tokens.ts';
import { createRunTable } from '../../main/services/analysis/run-table.ts';
import { createWordIndex, type RunCounts } from '../../main/services/analysis/word-index.ts';
import { ok, tempProject } from './support/project.ts';

const runsOf = (text: string) => {
  const table = createRunTable();
  const out: [string, number, number][] = [];
  table.scan(text, (id, start, end) => out.push([table.run(id), start, end]));
  return out;
};
const byPattern = (text: string) => [...text.matchAll(RUN)].map((m) => [m[0], m.index, m.index + m[0].length]);

test('the run table finds exactly the runs of the RUN pattern, with their places', () => {
  const pieces = [
    'a',
    'Ö',
    'é',
    'e\u0301',
    '7',
    '²',
    'ﬁ',
    'Ｐ',
    'ж',
    '中',
    '\u00ad',
    '-',
    '\u2010',
    '\u2011',
    "'",
    '\u2019',
    ':',
    ' ',
    '\n',
    '.',
    '–',
    '😀',
    '𝐀',
    '\ud800',
    '\udc00',
    '"',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(runsOf(text), byPattern(text));
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(runsOf('CSTO:s EU-kommissionen 𝐀𝐁 x-'), [
    ['CSTO:s', 0, 6],
    ['EU-kommissionen', 7, 22],
    ['𝐀𝐁', 23, 27],
    ['x', 28, 29],
  ]);
});

test('one spelling, one number; a new spelling a new one, also after the table grows', () => {
  const table = createRunTable();
  const ids: number[] = [];
  const text = Array.from({ length: 5000 }, (_, i) => `ord${i}`).join(' ');
  table.scan(text, (id) => ids.push(id));
  table.scan(text, (id) => ids.push(id));
  assert.equal(table.size(), 5000);
  assert.deepEqual(ids.slice(5000), ids.slice(0, 5000));
  assert.equal(table.run(ids[4321]!), 'ord4321');
});

/** Counted words of one group, summed over languages, read as the tokenizer reads them. */
function wordsOf(counts: RunCounts, group: number) {
  const read = runReader({ languages: ['sv'] });
  const out = new Map<string, number>();
  for (const perGroup of counts.byLanguage.values()) {
    perGroup[group]!.forEach((n, id) => {
      if (n) for (const w of read(counts.run(id))) out.set(w, (out.get(w) ?? 0) + n);
    });
  }
  return out;
}

test('counts are the tokenizer’s words of each span, a word counting only when wholly inside', () => {
  const p = tempProject();
  try {
    const texts = ['Putin talade i Astana om CSTO:s roll och Putins tal.', 'Ｐｕｔｉｎ ﬁnns. Nato\u00admedlemskap 2024 och 1990-talet, e\u0301n 😀 gång.'];
    const ids = texts.map((text) => ok<{ id: number }>(p.dispatch('articles.importText', { text, language: 'sv' })).id);
    const index = createWordIndex(p.db);
    const whole = (i: number) => [{ start: 0, end: texts[i]!.length }];
    const counts = index.count(
      [
        [ids[0]!, [whole(0), []]],
        [ids[1]!, [[], whole(1)]],
      ],
      2,
    );
    const tokenize = createTokenizer({ languages: ['sv'] });
    assert.deepEqual(wordsOf(counts, 0), countTerms(tokenize(texts[0]!)));
    assert.deepEqual(wordsOf(counts, 1), countTerms(tokenize(texts[1]!)));
    // "Astana om CSTO:s ro": "roll" is cut by the span's end and does not count; "astana" starts it and does.
    const start = texts[0]!.indexOf('Astana');
    const cut = index.count([[ids[0]!, [[{ start, end: start + 'Astana om CSTO:s ro'.length }]]]], 1);
    assert.deepEqual(
      wordsOf(cut, 0),
      new Map([
        ['astana', 1],
        ['csto:s', 1],
      ]),
    );
    assert.deepEqual(index.size(), { articles: 2, tokens: byPattern(texts[0]!).length + byPattern(texts[1]!).length, runs: index.size().runs });
  } finally {
    p.cleanup();
  }
});

test('an id reused by another article is indexed anew, and the memory bound holds', () => {
  const p = tempProject();
  try {
    const first = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'krig krig krig', language: 'sv' })).id;
    const index = createWordIndex(p.db, { tokens: 5, runs: 1000 });
    const all = (id: number, length: number) => [[id, [[{ start: 0, end: length }]]]] as [number, { start: number; end: number }[][]][];
    assert.deepEqual(wordsOf(index.count(all(first, 14), 1), 0), new Map([['krig', 3]]));
    ok(p.dispatch('articles.delete', { id: first }));
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'fred och fred', language: 'sv' })).id;
    assert.equal(second, first, 'SQLite hands out the same id again');
    assert.deepEqual(wordsOf(index.count(all(second, 13), 1), 0), new Map([['fred', 2]]));
    // A third article does not fit beside the second within five tokens: the older goes.
    const third = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'hot mot hamnen', language: 'sv' })).id;
    index.count(all(third, 14), 1);
    assert.deepEqual(index.size().articles, 1);
    assert.ok(index.size().tokens <= 5);
    // An article the index cannot hold is still counted, and not kept.
    const big = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'katt hund häst kossa geten fåret grisen', language: 'sv' })).id;
    assert.deepEqual(wordsOf(index.count(all(big, 40), 1), 0).get('häst'), 1);
    assert.ok(index.size().tokens <= 5);
  } finally {
    p.cleanup();
  }
});
