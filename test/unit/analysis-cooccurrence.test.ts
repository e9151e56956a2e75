// Which frames meet in the text: passage overlaps, shared articles and Jaccard indices, on a hand-made
// set with spans that touch at their ends, against a brute-force count, and timed on 100,000 passages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cooccurrence, pairOf, type Passage, type TagPair } from '../../main/services/analysis/cooccurrence.ts';
import { AppError } from '../../main/services/errors.ts';

const p = (articleId: number, tagId: number, start: number, end: number): Passage<number, number> => ({ articleId, tagId, start, end });

// Tags: 1 conflict, 2 economy, 3 morality. Spans are [start, end).
//   article 10:  1 [0,10)   2 [10,20)   3 [5,12)         1 and 2 only touch; 3 overlaps both
//   article 20:  1 [0,30)   2 [3,6) [8,12) [40,50)       two economy passages inside the conflict one
//   article 30:  2 [0,5)
//   article 40:  1 [0,100)  3 [100,120)                  touching again
// prettier-ignore
const passages = [
  p(10, 1, 0, 10), p(10, 2, 10, 20), p(10, 3, 5, 12),
  p(20, 1, 0, 30), p(20, 2, 3, 6), p(20, 2, 8, 12), p(20, 2, 40, 50),
  p(30, 2, 0, 5),
  p(40, 1, 0, 100), p(40, 3, 100, 120),
];

test('per-tag totals of the hand-made set', () => {
  // conflict: 3 passages in articles 10, 20, 40; length 10 + 30 + 100 = 140.
  // economy:  5 passages in articles 10, 20, 30; length 10 + (3 + 4 + 10) + 5 = 32.
  // morality: 2 passages in articles 10, 40;     length 7 + 20 = 27.
  assert.deepEqual(cooccurrence(passages).tags, [
    { tagId: 1, passages: 3, articles: 3, length: 140 },
    { tagId: 2, passages: 5, articles: 3, length: 32 },
    { tagId: 3, passages: 2, articles: 2, length: 27 },
  ]);
});

test('overlaps, shared articles and Jaccard for each pair, worked by hand', () => {
  const result = cooccurrence(passages);
  const pair = (a: number, b: number) => pairOf(result, a, b)!;
  // conflict × economy. Conflict passages meeting economy: [0,30) in article 20 only ([0,10) merely touches
  // [10,20)) → 1. Economy passages meeting conflict: [3,6) and [8,12) → 2 (asymmetric on purpose).
  // Shared articles 10 and 20 → 2; article Jaccard 2 / (3 + 3 − 2) = 1/2.
  // Text both cover: article 20, 3 + 4 = 7 characters; text Jaccard 7 / (140 + 32 − 7) = 7/165.
  assert.deepEqual(pair(1, 2), {
    a: 1,
    b: 2,
    aOverlappingB: 1,
    bOverlappingA: 2,
    sharedArticles: 2,
    articleJaccard: { value: 0.5, bothEmpty: false },
    sharedLength: 7,
    textJaccard: { value: 7 / 165, bothEmpty: false },
  } satisfies TagPair<number>);
  // conflict × morality. [0,10) meets [5,12) in article 10; [0,100) only touches [100,120) → 1 each way.
  // Shared articles 10 and 40 → 2; Jaccard 2 / (3 + 2 − 2) = 2/3. Shared text [5,10) = 5; 5 / (140 + 27 − 5) = 5/162.
  assert.deepEqual(pair(1, 3), {
    a: 1,
    b: 3,
    aOverlappingB: 1,
    bOverlappingA: 1,
    sharedArticles: 2,
    articleJaccard: { value: 2 / 3, bothEmpty: false },
    sharedLength: 5,
    textJaccard: { value: 5 / 162, bothEmpty: false },
  });
  // economy × morality. [10,20) meets [5,12) → 1 each way; article 10 only → Jaccard 1 / (3 + 2 − 1) = 1/4.
  // Shared text [10,12) = 2; 2 / (32 + 27 − 2) = 2/57.
  assert.deepEqual(pair(2, 3), {
    a: 2,
    b: 3,
    aOverlappingB: 1,
    bOverlappingA: 1,
    sharedArticles: 1,
    articleJaccard: { value: 0.25, bothEmpty: false },
    sharedLength: 2,
    textJaccard: { value: 2 / 57, bothEmpty: false },
  });
  // Asking for the pair the other way round swaps the directions.
  assert.deepEqual([pair(2, 1).aOverlappingB, pair(2, 1).bOverlappingA], [2, 1]);
  assert.equal(result.pairs.length, 3);
});

test('touching spans do not overlap; one shared character does', () => {
  const touching = cooccurrence([p(1, 1, 0, 5), p(1, 2, 5, 9)]);
  assert.equal(touching.pairs[0]!.aOverlappingB, 0);
  assert.equal(touching.pairs[0]!.sharedLength, 0);
  const sharing = cooccurrence([p(1, 1, 0, 6), p(1, 2, 5, 9)]);
  assert.deepEqual([sharing.pairs[0]!.aOverlappingB, sharing.pairs[0]!.bOverlappingA, sharing.pairs[0]!.sharedLength], [1, 1, 1]);
  // The same offsets in different articles never meet.
  const apart = cooccurrence([p(1, 1, 0, 6), p(2, 2, 0, 6)]);
  assert.deepEqual([apart.pairs[0]!.aOverlappingB, apart.pairs[0]!.sharedArticles], [0, 0]);
});

test('empty spans follow the same rule, and overlapping passages of one tag count once in the text', () => {
  // An empty span at 5 meets [0,10) (0 < 5 and 5 < 10) but not [5,9) or [0,5) (5 < 5 is false).
  const empty = cooccurrence([p(1, 1, 5, 5), p(1, 2, 0, 10), p(1, 3, 5, 9), p(1, 4, 0, 5)]);
  assert.equal(pairOf(empty, 1, 2)!.aOverlappingB, 1);
  assert.equal(pairOf(empty, 1, 3)!.aOverlappingB, 0);
  assert.equal(pairOf(empty, 1, 4)!.aOverlappingB, 0);
  assert.equal(empty.tags[0]!.length, 0);
  // Two conflict passages [0,10) and [5,20) cover 20 characters, not 25; both still count as passages.
  const twice = cooccurrence([p(1, 1, 0, 10), p(1, 1, 5, 20), p(1, 2, 8, 30)]);
  assert.deepEqual(twice.tags[0], { tagId: 1, passages: 2, articles: 1, length: 20 });
  // Shared text [8,20) = 12; union 20 + 22 − 12 = 30.
  assert.deepEqual(twice.pairs[0]!.textJaccard, { value: 12 / 30, bothEmpty: false });
  assert.equal(twice.pairs[0]!.aOverlappingB, 2);
});

test('tags asked for but never used appear with zeros and flagged empty Jaccard', () => {
  const r = cooccurrence(passages, { tags: [3, 1, 99] });
  assert.deepEqual(
    r.tags.map((t) => t.tagId),
    [3, 1, 99],
  );
  assert.deepEqual(r.tags[2], { tagId: 99, passages: 0, articles: 0, length: 0 });
  const withUnused = pairOf(r, 1, 99)!;
  assert.deepEqual(withUnused.articleJaccard, { value: 0, bothEmpty: false });
  const none = cooccurrence([], { tags: [1, 2] });
  assert.deepEqual(none.pairs[0]!.articleJaccard, { value: 0, bothEmpty: true });
  assert.deepEqual(none.pairs[0]!.textJaccard, { value: 0, bothEmpty: true });
  // Passages of tags not asked for are left out: economy's passages do not count.
  assert.equal(r.pairs.length, 3);
  assert.equal(pairOf(r, 3, 1)!.aOverlappingB, 1);
});

test('string ids work as well as numbers', () => {
  const r = cooccurrence([
    { articleId: 'a', tagId: 'hot', start: 0, end: 4 },
    { articleId: 'a', tagId: 'kall', start: 2, end: 6 },
  ]);
  assert.deepEqual(
    r.tags.map((t) => t.tagId),
    ['hot', 'kall'],
  );
  assert.equal(r.pairs[0]!.sharedLength, 2);
});

test('malformed passages are refused with the passage named', () => {
  const refused = (list: Passage[], message: RegExp) =>
    assert.throws(
      () => cooccurrence(list),
      (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && message.test(e.message),
    );
  refused([p(1, 1, 0, 5), p(1, 2, 6, 3)], /Passage 2 has the span 6–3/);
  refused([p(1, 1, -1, 5)], /Passage 1 has the span -1–5/);
  refused([p(1, 1, 0.5, 5)], /span 0.5–5/);
  refused([{ articleId: 1, tagId: null as unknown as number, start: 0, end: 1 }], /no tag id/);
  assert.throws(() => cooccurrence([], { tags: [1, 1] }), /listed twice/);
});

/** Overlaps and coverage by brute force: every pair of passages, every character position. */
function bruteForce(list: Passage<number, number>[], tags: number[]) {
  const meets = (x: Passage, y: Passage) => x.articleId === y.articleId && x.start < y.end && y.start < x.end;
  const covered = (tag: number) => {
    const set = new Set<string>();
    for (const q of list) if (q.tagId === tag) for (let i = q.start; i < q.end; i++) set.add(`${q.articleId}:${i}`);
    return set;
  };
  const articles = (tag: number) => new Set(list.filter((q) => q.tagId === tag).map((q) => q.articleId));
  const out: Record<string, number[]> = {};
  for (const a of tags) {
    for (const b of tags) {
      if (a >= b) continue;
      const aMeets = list.filter((x) => x.tagId === a && list.some((y) => y.tagId === b && meets(x, y))).length;
      const bMeets = list.filter((x) => x.tagId === b && list.some((y) => y.tagId === a && meets(x, y))).length;
      const ca = covered(a);
      const shared = [...covered(b)].filter((k) => ca.has(k)).length;
      const aa = articles(a);
      const sharedArticles = [...articles(b)].filter((x) => aa.has(x)).length;
      out[`${a}-${b}`] = [aMeets, bMeets, sharedArticles, shared];
    }
  }
  return out;
}

test('agrees with a brute-force count on random passages', () => {
  const passage = fc.record({
    articleId: fc.integer({ min: 1, max: 4 }),
    tagId: fc.integer({ min: 1, max: 4 }),
    start: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 0, max: 12 }),
  });
  fc.assert(
    fc.property(fc.array(passage, { maxLength: 40 }), (raw) => {
      const list = raw.map((r) => p(r.articleId, r.tagId, r.start, r.start + r.length));
      const r = cooccurrence(list, { tags: [1, 2, 3, 4] });
      const expected = bruteForce(list, [1, 2, 3, 4]);
      for (const pair of r.pairs) {
        assert.deepEqual(
          [pair.aOverlappingB, pair.bOverlappingA, pair.sharedArticles, pair.sharedLength],
          expected[`${pair.a}-${pair.b}`],
          `${pair.a}-${pair.b}`,
        );
      }
    }),
    { numRuns: 300, seed: 424242 },
  );
});

test('agrees with a brute-force count when one article holds long runs of two tags', () => {
  // Runs longer than a few dozen passages are sorted another way than short ones; check them too.
  const passage = fc.record({ tagId: fc.integer({ min: 1, max: 2 }), start: fc.integer({ min: 0, max: 2000 }), length: fc.integer({ min: 0, max: 60 }) });
  fc.assert(
    fc.property(fc.array(passage, { minLength: 150, maxLength: 300 }), (raw) => {
      const list = raw.map((r) => p(1, r.tagId, r.start, r.start + r.length));
      const pair = cooccurrence(list, { tags: [1, 2] }).pairs[0]!;
      assert.deepEqual([pair.aOverlappingB, pair.bOverlappingA, pair.sharedArticles, pair.sharedLength], bruteForce(list, [1, 2])['1-2']);
    }),
    { numRuns: 20, seed: 99 },
  );
});

/** A small deterministic generator, so the timing runs on the same data every time. */
function mulberry32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(count: number, articles: number, articleLength: number, tags: number) {
  const random = mulberry32(7);
  const list: Passage<number, number>[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * articleLength);
    const length = 20 + Math.floor(random() * 400);
    list.push(p(1 + Math.floor(random() * articles), 1 + Math.floor(random() * tags), start, start + length));
  }
  return list;
}

test('100,000 passages over 30 tags (timing printed, not asserted)', () => {
  for (const [articles, label] of [
    [2000, '2,000 articles of ~50 passages'],
    [50, '50 articles of ~2,000 passages'],
  ] as const) {
    const list = generated(100_000, articles, 8000, 30);
    const t0 = performance.now();
    const r = cooccurrence(list);
    const ms = performance.now() - t0;
    console.log(`co-occurrence of 100,000 passages, 30 tags, ${label}: ${ms.toFixed(0)} ms`);
    assert.equal(r.tags.length, 30);
    assert.equal(r.pairs.length, (30 * 29) / 2);
    assert.equal(
      r.tags.reduce((s, t) => s + t.passages, 0),
      100_000,
    );
    for (const pair of r.pairs) {
      assert.ok(pair.aOverlappingB <= r.tags[pair.a - 1]!.passages);
      assert.ok(pair.textJaccard.value >= 0 && pair.textJaccard.value <= 1);
    }
  }
});
