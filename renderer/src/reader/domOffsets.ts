// Maps between DOM positions inside the reader and offsets into article.text. The reader's text container
// holds one element per block, each carrying its start offset in `data-offset`; inside a block only text
// nodes carry characters (highlights are elements around text; Svelte's comment anchors carry none). So a
// position is its block's start plus the text that precedes it within the block: no layout, no guessing.
// Written against a minimal node interface so the mapping is unit-tested without a browser.

export const BLOCK_ATTR = 'data-offset';

export interface NodeLike {
  readonly nodeType: number;
  readonly parentNode: NodeLike | null;
  readonly childNodes: ArrayLike<NodeLike>;
  readonly nodeValue: string | null;
}
interface ElementLike extends NodeLike {
  getAttribute(name: string): string | null;
}

const TEXT = 3;
const ELEMENT = 1;

function isElement(n: NodeLike): n is ElementLike {
  return n.nodeType === ELEMENT;
}

function blockStart(n: NodeLike): number | null {
  if (!isElement(n)) return null;
  const v = n.getAttribute(BLOCK_ATTR);
  if (v === null) return null;
  const num = Number(v);
  return Number.isInteger(num) ? num : null;
}

function textLength(n: NodeLike): number {
  if (n.nodeType === TEXT) return n.nodeValue?.length ?? 0;
  let sum = 0;
  const kids = n.childNodes;
  for (let i = 0; i < kids.length; i++) sum += textLength(kids[i]!);
  return sum;
}

/** Characters inside `root` that come before the DOM point (container, offset), in document order. */
export function textBefore(root: NodeLike, container: NodeLike, offset: number): number {
  let count = 0;
  const walk = (n: NodeLike): boolean => {
    if (n === container) {
      if (n.nodeType === TEXT) {
        count += Math.min(offset, n.nodeValue?.length ?? 0);
      } else {
        const kids = n.childNodes;
        for (let i = 0; i < offset && i < kids.length; i++) count += textLength(kids[i]!);
      }
      return true;
    }
    if (n.nodeType === TEXT) {
      count += n.nodeValue?.length ?? 0;
      return false;
    }
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) if (walk(kids[i]!)) return true;
    return false;
  };
  walk(root);
  return count;
}

/** Start offset of the first block at or after child index `from` of `parent`; `fallback` when there is none. */
function nextBlockStart(parent: NodeLike, from: number, fallback: number): number {
  const kids = parent.childNodes;
  for (let i = from; i < kids.length; i++) {
    const s = blockStart(kids[i]!);
    if (s !== null) return s;
  }
  return fallback;
}

function indexOfChild(parent: NodeLike, child: NodeLike): number {
  const kids = parent.childNodes;
  for (let i = 0; i < kids.length; i++) if (kids[i] === child) return i;
  return -1;
}

/**
 * The text offset of the DOM point (node, offset), where `root` is the reader's text container whose children
 * are the blocks. Returns null when the point is not inside `root`.
 */
export function pointToOffset(root: NodeLike, node: NodeLike, offset: number, textLength: number): number | null {
  if (node === root) return nextBlockStart(root, offset, textLength);
  let child: NodeLike = node;
  let n: NodeLike | null = node;
  while (n && n !== root) {
    const start = blockStart(n);
    if (start !== null) return start + textBefore(n, node, offset);
    child = n;
    n = n.parentNode;
  }
  if (!n) return null;
  // A point in something between the blocks (a comment anchor, stray white space): the next block's start.
  const at = indexOfChild(root, child);
  return nextBlockStart(root, at + 1, textLength);
}

/**
 * The DOM point inside `block` (whose text starts at `start`) for a text offset. At a boundary between two
 * text nodes, `side` chooses the end of the earlier one ('end', for a range end) or the start of the later.
 */
export function offsetToPoint(block: NodeLike, start: number, offset: number, side: 'start' | 'end'): { node: NodeLike; offset: number } {
  let remaining = offset - start;
  let last: NodeLike | null = null;
  let found: { node: NodeLike; offset: number } | null = null;
  const walk = (n: NodeLike): boolean => {
    if (n.nodeType === TEXT) {
      const len = n.nodeValue?.length ?? 0;
      last = n;
      if (remaining < len || (remaining === len && side === 'end')) {
        found = { node: n, offset: Math.max(0, remaining) };
        return true;
      }
      remaining -= len;
      return false;
    }
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) if (walk(kids[i]!)) return true;
    return false;
  };
  walk(block);
  if (found) return found;
  if (last) return { node: last, offset: (last as NodeLike).nodeValue?.length ?? 0 };
  return { node: block, offset: 0 };
}

/**
 * Raw offsets [start, end) of a DOM Range clamped to the reader's text container (a selection that runs on
 * into the side panel or the page header is cut at the text's edge). Null when the range misses the text.
 */
export function rangeToOffsets(root: Element, range: Range, textLength: number): { start: number; end: number } | null {
  if (!range.intersectsNode(root)) return null;
  const whole = root.ownerDocument.createRange();
  whole.selectNodeContents(root);
  const start = range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0 ? 0 : pointToOffset(root, range.startContainer, range.startOffset, textLength);
  const end = range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0 ? textLength : pointToOffset(root, range.endContainer, range.endOffset, textLength);
  if (start === null || end === null) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}
