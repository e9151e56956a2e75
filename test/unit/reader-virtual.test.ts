// The reader's virtualisation as logic: block heights (estimated, then measured) in a Fenwick tree, the
// range of blocks a scroll position needs, the spacers standing in for the rest, and the span index kept
// current by deltas. Whatever the article's length, what goes into the page stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks, type Block } from '../../renderer/src/reader/blocks.ts';
import { estimateHeight, HeightMap, itemsFor, plan, visibleRange, type Metrics } from '../../renderer/src/reader/virtual.ts';
import { buildIndex } from '../../renderer/src/reader/annotationIndex.ts';
import { diffSpans, SpanStore } from '../../renderer/src/reader/spanStore.ts';
import { syntheticArticle, syntheticSpans } from '../bench/reader/synthetic.ts';

const metrics: Metrics = { lineHeight: 30, charsPerLine: 75, gapHeight: 15 };

function blocksOf(n: number): Block[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, start: i * 200, end: i * 200 + 150 + (i % 7) * 40, gapAfter: 1 + (i % 3), continues: false }));
}

test('a block is estimated from its length and its blank lines, before it is measured', () => {
  const b: Block = { index: 0, start: 0, end: 160, gapAfter: 3, continues: false };
  // 160 characters at 75 a line: 3 lines, plus two blank lines' worth of gap.
  assert.equal(estimateHeight(b, metrics), 3 * 30 + 2 * 15);
  assert.equal(estimateHeight({ ...b, end: 0, gapAfter: 1 }, metrics), 30, 'an empty block still takes a line');
});

test('tops and the block at a position agree with a plain running sum, before and after measurements', () => {
  const blocks = blocksOf(1000);
  const map = new HeightMap(blocks, metrics);
  const check = () => {
    let y = 0;
    for (let i = 0; i < blocks.length; i++) {
      assert.ok(Math.abs(map.top(i) - y) < 1e-6, `top(${i})`);
      const h = map.height(i);
      assert.equal(map.indexAt(y), i, `indexAt(top(${i}))`);
      assert.equal(map.indexAt(y + h / 2), i, `indexAt(middle of ${i})`);
      y += h;
    }
    assert.ok(Math.abs(map.total - y) < 1e-6);
    assert.equal(map.indexAt(-50), 0);
    assert.equal(map.indexAt(y + 1e6), blocks.length - 1, 'past the end is the last block');
  };
  check();
  // A measurement moves everything after it by the difference, and only that.
  const before = map.top(500);
  const own = map.top(10);
  const delta = map.measure(10, map.height(10) + 42.5);
  assert.equal(delta, 42.5);
  assert.equal(map.top(500), before + 42.5);
  assert.equal(map.top(10), own, 'a block does not move itself');
  assert.ok(map.isMeasured(10) && !map.isMeasured(11));
  for (let i = 0; i < 1000; i += 3) map.measure(i, 20 + (i % 11) * 13);
  check();
});

test('measured blocks teach how many characters a line holds; only unmeasured blocks are re-estimated', () => {
  const blocks = blocksOf(200);
  const map = new HeightMap(blocks, metrics);
  assert.equal(map.learntCharsPerLine(), null, 'nothing measured yet');
  // The column really holds 50 characters a line: measure a few blocks at that rate.
  const real: Metrics = { ...metrics, charsPerLine: 50 };
  for (let i = 0; i < 20; i++) map.measure(i, estimateHeight(blocks[i]!, real));
  const learnt = map.learntCharsPerLine();
  assert.ok(learnt !== null && Math.abs(learnt - 50) < 8, `learnt ${learnt}`);
  const measured = map.height(5);
  map.reestimate({ ...metrics, charsPerLine: learnt });
  assert.equal(map.height(5), measured, 'a measured height stays');
  assert.equal(map.height(100), estimateHeight(blocks[100]!, { ...metrics, charsPerLine: learnt }));
  // A new column width makes every measurement stale.
  map.invalidate(metrics);
  assert.ok(!map.isMeasured(5));
  assert.equal(map.height(5), estimateHeight(blocks[5]!, metrics));
});

test('the page holds a bounded number of blocks whatever the article length; spacers tile the rest exactly', () => {
  for (const chars of [30_000, 1_000_000, 3_000_000]) {
    const { blocks } = splitBlocks(syntheticArticle(chars));
    const map = new HeightMap(blocks, metrics);
    for (const at of [0, 0.37, 0.999, 1]) {
      const y = at * map.total;
      const range = visibleRange(map, y, 900, 900)!;
      const items = itemsFor(map, plan(range, [], map.size));
      const shown = items.filter((it) => it.kind === 'block');
      assert.ok(shown.length > 0 && shown.length < 120, `${chars} chars at ${at}: ${shown.length} blocks`);
      assert.ok(items.length <= shown.length + 2, 'one spacer before, one after');
      // Blocks and spacers add up to the whole article's height, in order and without overlap.
      let next = 0;
      let height = 0;
      for (const it of items) {
        if (it.kind === 'block') {
          assert.equal(it.index, next++);
          height += map.height(it.index);
        } else {
          assert.equal(it.from, next);
          next = it.to + 1;
          height += it.height;
        }
      }
      assert.equal(next, blocks.length);
      assert.ok(Math.abs(height - map.total) < 1e-3);
    }
  }
});

test('blocks where a selection begins and ends stay in the page, merged with what is on screen', () => {
  assert.deepEqual(plan([40, 60], [3, 61, 100, 3, -1, 999], 200), [
    [3, 3],
    [40, 61],
    [100, 100],
  ]);
  const map = new HeightMap(blocksOf(200), metrics);
  const items = itemsFor(map, plan([40, 60], [3], 200));
  assert.deepEqual(
    items.map((it) => (it.kind === 'gap' ? `gap ${it.from}-${it.to}` : it.index)).filter((x) => typeof x === 'string' || x === 3 || x === 40),
    ['gap 0-2', 3, 'gap 4-39', 40, 'gap 61-199'],
  );
});

test('a span list changed by a few spans updates the index by delta, equal to a rebuild', () => {
  const text = syntheticArticle(200_000);
  const { blocks } = splitBlocks(text);
  const spans = syntheticSpans(text, 800).map((s, i) => ({ id: i + 1, tagId: s.tag + 1, start: s.start, end: s.end }));
  const store = new SpanStore<(typeof spans)[number]>();
  store.setBlocks(blocks);
  store.replace(spans);
  const untouched = store.index;

  // One created, one deleted, one re-tagged: a delta.
  const created = { id: 9001, tagId: 3, start: 5000, end: 5200 };
  const next = [...spans.slice(0, 10), ...spans.slice(11)].map((s) => (s.id === 20 ? { ...s, tagId: s.tagId + 1 } : s));
  next.push(created);
  const diff = diffSpans(spans, next, (a, b) => a.tagId === b.tagId);
  assert.ok(diff);
  assert.deepEqual(
    diff.put.map((s) => s.id),
    [20, 9001],
  );
  assert.deepEqual(diff.removed, [11]);
  store.replace(next);
  assert.deepEqual(store.index, buildIndex(blocks, next));
  // Blocks the change does not touch keep their very arrays (so their segments stay memoised).
  const touched = new Set<number>();
  for (const s of [created, spans[10]!, spans[19]!])
    for (let b = 0; b < blocks.length; b++) if (blocks[b]!.start < s.end && blocks[b]!.end > s.start) touched.add(b);
  for (let b = 0; b < blocks.length; b++) if (!touched.has(b)) assert.equal(store.index[b], untouched[b], `block ${b}`);

  // Local changes: put and drop.
  const moved = { ...created, start: 90_000, end: 90_050 };
  store.put(moved);
  store.drop(spans[0]!.id);
  const expected = [...next.filter((s) => s.id !== spans[0]!.id && s.id !== created.id), moved];
  assert.deepEqual(store.index, buildIndex(blocks, expected));

  // A list in another order is not a delta: rebuilt, and still right.
  const shuffled = [...expected].reverse();
  assert.equal(
    diffSpans(expected, shuffled, () => true),
    null,
  );
  store.replace(shuffled);
  assert.deepEqual(store.index, buildIndex(blocks, shuffled));
});
