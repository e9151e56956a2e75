// Entity mentions in the reader: the mention layer in the segments, its per-block index, and the name the
// "Mark as entity" form suggests for a selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSegments } from '../../renderer/src/reader/segments.ts';
import { buildIndex } from '../../renderer/src/reader/annotationIndex.ts';
import { splitBlocks } from '../../renderer/src/reader/blocks.ts';
import { suggestEntityName } from '../../renderer/src/reader/entityName.ts';

const lookup = (id: number) => ({ color: id === 1 ? '#e4572e' : '#17bebb', label: `Tag ${id}` });

test('mentions cut segments and carry their ids and type, apart from the annotation layers', () => {
  const text = 'Putins tal vid CSTO:s möte i Astana.';
  const putin = { id: 11, start: 0, end: 6, type: 'PER' };
  const csto = { id: 12, start: text.indexOf('CSTO'), end: text.indexOf('CSTO') + 6, type: 'ORG' };
  const astana = { id: 13, start: text.indexOf('Astana'), end: text.indexOf('Astana') + 6, type: 'LOC' };
  // The annotation covers "tal vid CSTO:s möte": it holds one mention whole.
  const passage = { id: 7, tagId: 1, start: text.indexOf('tal'), end: text.indexOf(' i Astana') };
  const segs = buildSegments(text, 0, text.length, [passage], lookup, [astana, putin, csto]);
  assert.equal(segs.map((s) => s.text).join(''), text);
  assert.deepEqual(
    segs.map((s) => [s.text, s.ids, s.mentions]),
    [
      ['Putins', '', '11'],
      [' ', '', ''],
      ['tal vid ', '7', ''],
      ['CSTO:s', '7', '12'],
      [' möte', '7', ''],
      [' i ', '', ''],
      ['Astana', '', '13'],
      ['.', '', ''],
    ],
  );
  // A mention alone draws no highlight: no layer style, only its own classes.
  assert.equal(segs[0]!.className, 'ment ment-PER');
  assert.equal(segs[0]!.style, '');
  assert.equal(segs[0]!.key, '');
  // Inside a highlight, the highlight's classes and style stay as they were, the mention's are added.
  assert.equal(segs[3]!.className, 'hl ment ment-ORG');
  assert.equal(segs[3]!.style, segs[2]!.style);
  assert.equal(segs[3]!.key, segs[2]!.key);
  assert.equal(segs[6]!.className, 'ment ment-LOC');
});

test('a mention crossing a highlight boundary is underlined on both sides of the cut', () => {
  const text = 'säger Anna Lindqvist i dag';
  const name = { id: 1, start: 6, end: 20, type: 'PER' };
  const quote = { id: 2, tagId: 2, start: 0, end: 11 }; // "säger Anna "
  const segs = buildSegments(text, 0, text.length, [quote], lookup, [name]);
  assert.deepEqual(
    segs.map((s) => [s.text, s.ids, s.mentions]),
    [
      ['säger ', '2', ''],
      ['Anna ', '2', '1'],
      ['Lindqvist', '', '1'],
      [' i dag', '', ''],
    ],
  );
  assert.equal(segs[1]!.className, 'hl hl-end ment ment-PER');
});

test('overlapping mentions list every id, the innermost first, and take the innermost type', () => {
  const text = 'Stockholms universitet';
  const org = { id: 5, start: 0, end: text.length, type: 'ORG' };
  const loc = { id: 6, start: 0, end: 10, type: 'LOC' };
  const segs = buildSegments(text, 0, text.length, [], lookup, [org, loc]);
  assert.deepEqual(
    segs.map((s) => [s.text, s.mentions, s.className]),
    [
      ['Stockholms', '6 5', 'ment ment-LOC'],
      [' universitet', '5', 'ment ment-ORG'],
    ],
  );
});

test('mentions are clipped to the block; a block without any is one plain segment', () => {
  const text = 'aaaa bbbb cccc';
  const m = { id: 1, start: 2, end: 7, type: 'MISC' };
  assert.deepEqual(
    buildSegments(text, 5, 9, [], lookup, [m]).map((s) => [s.start, s.end, s.mentions]),
    [
      [5, 7, '1'],
      [7, 9, ''],
    ],
  );
  const plain = buildSegments(text, 5, 9, [], lookup, []);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.mentions, '');
});

test("the mention index keeps a block's array while its mentions look the same, and not when a type changes", () => {
  const { blocks } = splitBlocks('Putin talade.\nI Astana.\nCSTO svarade.');
  const look = (a: { type: string }, b: { type: string }) => a.type === b.type;
  const mentions = [
    { id: 1, start: 0, end: 5, type: 'PER', entity: 'Vladimir Putin' },
    { id: 2, start: 16, end: 22, type: 'LOC', entity: 'Astana' },
    { id: 3, start: 24, end: 28, type: 'ORG', entity: 'CSTO' },
  ];
  const first = buildIndex(blocks, mentions, undefined, look);
  assert.deepEqual(
    first.map((l) => l.map((m) => m.id)),
    [[1], [2], [3]],
  );
  // A reload of the same mentions (new objects, an entity renamed meanwhile) re-renders nothing.
  const reload = buildIndex(
    blocks,
    mentions.map((m) => ({ ...m, entity: m.entity.toUpperCase() })),
    first,
    look,
  );
  for (let i = 0; i < blocks.length; i++) assert.equal(reload[i], first[i]);
  // A new type is a new colour: that block (only) gets a new array.
  const retyped = buildIndex(blocks, [mentions[0]!, { ...mentions[1]!, type: 'ORG' }, mentions[2]!], first, look);
  assert.equal(retyped[0], first[0]);
  assert.notEqual(retyped[1], first[1]);
  assert.equal(retyped[2], first[2]);
});

test('the suggested entity name drops the genitive', () => {
  assert.equal(suggestEntityName('Putins'), 'Putin');
  assert.equal(suggestEntityName('CSTO:s'), 'CSTO');
  assert.equal(suggestEntityName('Kazakstans'), 'Kazakstan');
  assert.equal(suggestEntityName('Anna Lindqvists'), 'Anna Lindqvist');
  assert.equal(suggestEntityName('NATOs'), 'NATO');
  assert.equal(suggestEntityName('FN:s'), 'FN');
  assert.equal(suggestEntityName('Sveriges'), 'Sverige');
  assert.equal(suggestEntityName("Putin's"), 'Putin');
  assert.equal(suggestEntityName('Putin’s'), 'Putin');
});

test('the suggested entity name keeps names that end in s in their base form', () => {
  for (const name of ['Anders', 'Lars Holm', 'Jonas', 'Paris', 'Markus', 'Carlos', 'Ross', 'SAS', 'Putin', 'Astana', 'Tokajev']) {
    assert.equal(suggestEntityName(name), name, name);
  }
});

test('the suggested entity name leaves out surrounding punctuation, quotes and line breaks', () => {
  assert.equal(suggestEntityName('”Nordbanken”,'), 'Nordbanken');
  assert.equal(suggestEntityName(' (Finansinspektionen) '), 'Finansinspektionen');
  assert.equal(suggestEntityName('Anna\n  Lindqvist.'), 'Anna Lindqvist');
  assert.equal(suggestEntityName('Davis’'), 'Davis');
  // Nothing but punctuation: left as it was (the analyst types the name).
  assert.equal(suggestEntityName(' – '), '–');
});
