import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetToPoint, pointToOffset, textBefore, type NodeLike } from '../../renderer/src/reader/domOffsets.ts';
import { splitBlocks } from '../../renderer/src/reader/blocks.ts';
import { buildSegments } from '../../renderer/src/reader/segments.ts';
import { buildIndex } from '../../renderer/src/reader/annotationIndex.ts';

// A minimal DOM, shaped like what the reader renders: root > block[data-offset] > (text | mark > text | comment).
class FakeNode implements NodeLike {
  parentNode: FakeNode | null = null;
  childNodes: FakeNode[] = [];
  constructor(
    readonly nodeType: number,
    readonly nodeValue: string | null = null,
    private readonly attrs: Record<string, string> = {},
  ) {}
  getAttribute(name: string): string | null {
    return this.attrs[name] ?? null;
  }
  append(...kids: FakeNode[]): this {
    for (const k of kids) {
      k.parentNode = this;
      this.childNodes.push(k);
    }
    return this;
  }
}
const el = (attrs: Record<string, string> = {}, ...kids: FakeNode[]) => new FakeNode(1, null, attrs).append(...kids);
const txt = (s: string) => new FakeNode(3, s);
const comment = () => new FakeNode(8, '');

const text = 'Rubrik med ”citat”\n\nPutins tal: 😀 e\u0301 å ä ö 🇸🇪.\nSlut';
const spans = [
  { id: 3, tagId: 1, start: text.indexOf('Putins'), end: text.indexOf('å') },
  { id: 7, tagId: 2, start: text.indexOf('tal'), end: text.indexOf('Slut') + 2 },
  { id: 9, tagId: 1, start: 0, end: 6 },
];

/** Renders the text the way Reader.svelte does, with comment anchors sprinkled in as Svelte leaves them. */
function render(): FakeNode {
  const { blocks } = splitBlocks(text);
  const index = buildIndex(blocks, spans);
  const root = el({}, comment());
  for (const b of blocks) {
    const block = el({ 'data-offset': String(b.start) });
    for (const seg of buildSegments(text, b.start, b.end, index[b.index]!, () => ({ color: '#336699', label: 't' }))) {
      block.append(seg.ids ? el({ 'data-annotation-ids': seg.ids }, txt(seg.text)) : txt(seg.text), comment());
    }
    root.append(block, comment());
  }
  return root;
}

function textNodes(n: FakeNode, out: FakeNode[] = []): FakeNode[] {
  if (n.nodeType === 3) out.push(n);
  for (const k of n.childNodes) textNodes(k, out);
  return out;
}

test('every position inside every text node maps to the offset of that character', () => {
  const root = render();
  let checked = 0;
  for (const node of textNodes(root)) {
    for (let i = 0; i <= node.nodeValue!.length; i++) {
      const off = pointToOffset(root, node, i, text.length)!;
      // The character right after the point is the same in the DOM and in article.text.
      if (i < node.nodeValue!.length) assert.equal(text[off], node.nodeValue![i], `node ${JSON.stringify(node.nodeValue)} @${i}`);
      checked++;
    }
  }
  assert.ok(checked > text.length);
});

test('element-boundary points (start/end of a mark, of a block, between blocks) map exactly', () => {
  const root = render();
  const blocks = root.childNodes.filter((n) => n.getAttribute('data-offset') !== null);
  const second = blocks[1]!;
  const start2 = Number(second.getAttribute('data-offset'));
  assert.equal(text.slice(start2, start2 + 6), 'Putins');
  // Before the block's first child, after its last child.
  assert.equal(pointToOffset(root, second, 0, text.length), start2);
  assert.equal(pointToOffset(root, second, second.childNodes.length, text.length), text.indexOf('\nSlut'));
  // Inside a mark element, before and after its text node.
  const mark = second.childNodes.find((n) => n.getAttribute('data-annotation-ids') === '3 7')!;
  const markStart = pointToOffset(root, mark, 0, text.length)!;
  assert.equal(text.slice(markStart, markStart + 3), 'tal');
  assert.equal(pointToOffset(root, mark, 1, text.length), markStart + mark.childNodes[0]!.nodeValue!.length);
  // The root itself: before block i is block i's start; past the last block is the end of the text.
  const i = root.childNodes.indexOf(second);
  assert.equal(pointToOffset(root, root, i, text.length), start2);
  assert.equal(pointToOffset(root, root, i - 1, text.length), start2); // a comment anchor before the block
  assert.equal(pointToOffset(root, root, root.childNodes.length, text.length), text.length);
  // A comment between blocks.
  assert.equal(pointToOffset(root, root.childNodes[i + 1]!, 0, text.length), Number(blocks[2]!.getAttribute('data-offset')));
  // Outside the root.
  assert.equal(pointToOffset(root, el(), 0, text.length), null);
});

test('offsetToPoint is the inverse of pointToOffset, including astral and combining characters', () => {
  const root = render();
  const blocks = root.childNodes.filter((n) => n.getAttribute('data-offset') !== null);
  for (const block of blocks) {
    const start = Number(block.getAttribute('data-offset'));
    const len = textBefore(block, block, block.childNodes.length);
    for (let off = start; off <= start + len; off++) {
      for (const side of ['start', 'end'] as const) {
        const p = offsetToPoint(block, start, off, side);
        assert.equal(pointToOffset(root, p.node, p.offset, text.length), off, `${side} ${off}`);
      }
    }
  }
  const emptyBlock = el({ 'data-offset': '5' });
  assert.deepEqual(offsetToPoint(emptyBlock, 5, 5, 'start'), { node: emptyBlock, offset: 0 });
});
