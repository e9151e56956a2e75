import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSegments, MAX_STRIPES } from '../../renderer/src/reader/segments.ts';
import { stroke } from '../../renderer/src/reader/colors.ts';
import { buildIndex, removeSpan, upsertSpan } from '../../renderer/src/reader/annotationIndex.ts';
import { splitBlocks } from '../../renderer/src/reader/blocks.ts';

const looks: Record<number, { color: string; label: string }> = {
  1: { color: '#e4572e', label: 'Rhetoric > Threat' },
  2: { color: '#17bebb', label: 'Conflict' },
  3: { color: '#ffc914', label: 'Sovereignty' },
};
const lookup = (id: number) => looks[id] ?? { color: '#888888', label: '?' };

test('segments cut at every start and end; overlaps list every layer, innermost first', () => {
  const text = 'Kazakstans ”trolling på hög nivå” 😀 slut';
  const outer = { id: 7, tagId: 2, start: 0, end: 33 };
  const inner = { id: 3, tagId: 1, start: 11, end: 33 };
  const emoji = { id: 9, tagId: 3, start: text.indexOf('😀'), end: text.indexOf('😀') + 2 };
  const segs = buildSegments(text, 0, text.length, [outer, inner, emoji], lookup);
  assert.deepEqual(
    segs.map((s) => [s.text, s.ids]),
    [
      ['Kazakstans ', '7'],
      ['”trolling på hög nivå”', '3 7'],
      [' ', ''],
      ['😀', '9'],
      [' slut', ''],
    ],
  );
  assert.equal(segs.map((s) => s.text).join(''), text);
  const both = segs[1]!;
  assert.equal(both.key, '#e4572e|#17bebb');
  assert.match(both.style, /background-color: rgba\(228, 87, 46,/);
  // Two stripes, the outer (Conflict) at the bottom.
  assert.ok(both.style.includes(`box-shadow: inset 0 -2px 0 ${stroke('#17bebb')}, inset 0 -4px 0 ${stroke('#e4572e')}`), both.style);
  assert.match(both.className, /hl-start/);
  assert.match(both.className, /hl-end/);
  assert.equal(segs[0]!.className, 'hl hl-start');
});

test('segments are clipped to the block and cover it exactly', () => {
  const text = 'aaaa bbbb cccc';
  const segs = buildSegments(text, 5, 9, [{ id: 1, tagId: 1, start: 2, end: 7 }], lookup);
  assert.deepEqual(
    segs.map((s) => [s.start, s.end, s.ids]),
    [
      [5, 7, '1'],
      [7, 9, ''],
    ],
  );
  assert.equal(buildSegments(text, 5, 9, [], lookup).length, 1);
});

test('dense overlaps cap the stripes but keep every id', () => {
  const spans = Array.from({ length: MAX_STRIPES + 3 }, (_, i) => ({ id: i + 1, tagId: (i % 3) + 1, start: 0, end: 10 + i }));
  const [seg] = buildSegments('x'.repeat(20), 0, 20, spans, lookup);
  assert.equal(seg!.key.split('|').length, spans.length);
  assert.equal(seg!.ids.split(' ').length, spans.length);
  assert.equal(seg!.style.match(/inset/g)!.length, MAX_STRIPES);
  assert.match(seg!.className, /hl-many/);
});

test('the block index copies only the blocks an annotation touches', () => {
  const text = 'one\ntwo two\nthree\nfour';
  const { blocks } = splitBlocks(text);
  const a = { id: 1, tagId: 1, start: 0, end: 3 };
  const b = { id: 2, tagId: 2, start: 5, end: 13 }; // "wo two\nth"
  const index = buildIndex(blocks, [b, a]);
  assert.deepEqual(
    index.map((l) => l.map((s) => s.id)),
    [[1], [2], [2], []],
  );
  const c = { id: 3, tagId: 3, start: 14, end: 17 };
  const next = upsertSpan(blocks, index, c);
  assert.notEqual(next, index);
  assert.equal(next[0], index[0]);
  assert.equal(next[1], index[1]);
  assert.notEqual(next[2], index[2]);
  assert.equal(next[3], index[3]);
  assert.deepEqual(
    next[2]!.map((s) => s.id),
    [2, 3],
  );
  // Moving an annotation (same id) removes it where it was.
  const moved = upsertSpan(blocks, next, { ...a, start: 18, end: 22 });
  assert.deepEqual(
    moved.map((l) => l.map((s) => s.id)),
    [[], [2], [2, 3], [1]],
  );
  const removed = removeSpan(moved, 2);
  assert.equal(removed[0], moved[0]);
  assert.deepEqual(
    removed.map((l) => l.map((s) => s.id)),
    [[], [], [3], [1]],
  );
  assert.equal(removeSpan(removed, 99), removed);
});

test('rebuilding the index with unchanged annotations keeps every block array', () => {
  const text = 'one\ntwo\nthree';
  const { blocks } = splitBlocks(text);
  const spans = [
    { id: 1, tagId: 1, start: 0, end: 3 },
    { id: 2, tagId: 1, start: 4, end: 7 },
  ];
  const first = buildIndex(blocks, spans);
  const again = buildIndex(
    blocks,
    spans.map((s) => ({ ...s })),
    first,
  );
  for (let i = 0; i < blocks.length; i++) assert.equal(again[i], first[i]);
  const retagged = buildIndex(blocks, [spans[0]!, { ...spans[1]!, tagId: 2 }], first);
  assert.equal(retagged[0], first[0]);
  assert.notEqual(retagged[1], first[1]);
});

test('stripe colours darken pale tag colours so they stay visible on white', () => {
  assert.equal(stroke('#e4572e'), '#e4572e');
  assert.notEqual(stroke('#ffc914'), '#ffc914');
  assert.equal(stroke('not a colour'), stroke('#8a8f98'));
});
