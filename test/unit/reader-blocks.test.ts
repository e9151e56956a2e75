import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockAt, blocksTouched, CHUNK_LIMIT, PARAGRAPH_LIMIT, splitBlocks } from '../../renderer/src/reader/blocks.ts';

test('paragraphs become blocks; newlines become gaps and every offset is accounted for', () => {
  const text = '\nRubrik\n\nFörsta stycket, med å ä ö.\nAndra raden 😀\n\n\nSista.';
  const { blocks, leadingGap, textLength } = splitBlocks(text);
  assert.equal(leadingGap, 1);
  assert.equal(textLength, text.length);
  assert.deepEqual(
    blocks.map((b) => [text.slice(b.start, b.end), b.gapAfter]),
    [
      ['Rubrik', 2],
      ['Första stycket, med å ä ö.', 1],
      ['Andra raden 😀', 3],
      ['Sista.', 0],
    ],
  );
  // Blocks plus gaps tile the text exactly.
  let pos = leadingGap;
  for (const b of blocks) {
    assert.equal(b.start, pos);
    pos = b.end + b.gapAfter;
  }
  assert.equal(pos, text.length);
});

test('long paragraphs are chunked at white space, preferring sentence ends, and chunks tile the paragraph', () => {
  const sentence = 'Putins tal om säkerhet, ”trolling på hög nivå”, väckte frågor 😀. ';
  const para = sentence.repeat(Math.ceil((PARAGRAPH_LIMIT * 3) / sentence.length));
  const text = `${para}\nNästa.`;
  const { blocks } = splitBlocks(text);
  const chunks = blocks.filter((b) => b.end <= para.length);
  assert.ok(chunks.length >= 4);
  for (const [i, b] of chunks.entries()) {
    assert.ok(b.end - b.start <= CHUNK_LIMIT, `chunk ${i} is ${b.end - b.start}`);
    if (i < chunks.length - 1) {
      assert.equal(b.continues, true);
      assert.equal(b.gapAfter, 0);
      assert.equal(chunks[i + 1]!.start, b.end);
      assert.ok(text.slice(b.end - 2, b.end) === '. ', `chunk ${i} ends mid-sentence: ${JSON.stringify(text.slice(b.end - 10, b.end))}`);
    }
  }
  assert.equal(chunks.at(-1)!.continues, false);
  assert.equal(chunks.at(-1)!.gapAfter, 1);
});

test('a paragraph without white space is cut hard but never inside a surrogate pair', () => {
  const text = 'a' + '😀'.repeat(5000);
  const { blocks } = splitBlocks(text);
  assert.ok(blocks.length > 2);
  for (const b of blocks) {
    const c = text.charCodeAt(b.start);
    assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `block at ${b.start} starts on a low surrogate`);
  }
  assert.equal(blocks.at(-1)!.end, text.length);
});

test('blockAt and blocksTouched find blocks by offset, gaps included', () => {
  const text = 'aaa\n\nbbb\nccc';
  const { blocks } = splitBlocks(text); // [0,3) [5,8) [9,12)
  assert.equal(blockAt(blocks, 0), 0);
  assert.equal(blockAt(blocks, 4), 0);
  assert.equal(blockAt(blocks, 5), 1);
  assert.equal(blockAt(blocks, 11), 2);
  assert.deepEqual(blocksTouched(blocks, 1, 2), [0, 0]);
  assert.deepEqual(blocksTouched(blocks, 2, 6), [0, 1]);
  assert.deepEqual(blocksTouched(blocks, 3, 5), null);
  assert.deepEqual(blocksTouched(blocks, 3, 10), [1, 2]);
  assert.deepEqual(blocksTouched(blocks, 0, 12), [0, 2]);
  assert.equal(splitBlocks('').blocks.length, 0);
  assert.equal(blocksTouched([], 0, 1), null);
});
