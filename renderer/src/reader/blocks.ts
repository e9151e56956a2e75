// Splits an article's text into render blocks. A block is a run of text without line breaks; the
// newlines between blocks are not rendered as characters but as vertical space (`gapAfter`), so the
// offsets of every character stay exactly where article.text has them. Paragraphs longer than a few
// thousand characters are cut into chunks so the reader can skip laying out what is off screen and
// re-render only the chunk a new annotation touches.
import { snapOutwards } from './text.ts';

export type Block = {
  index: number;
  /** UTF-16 offset of the first character of the block. */
  start: number;
  /** UTF-16 offset just after the block's last character (end exclusive, newline not included). */
  end: number;
  /** Number of newlines between this block and the next one (0 when a long paragraph continues). */
  gapAfter: number;
  /** True when the next block continues the same paragraph. */
  continues: boolean;
};

export type BlockLayout = {
  blocks: Block[];
  /** Newlines before the first block. */
  leadingGap: number;
  textLength: number;
};

/** A paragraph up to this length stays one block. */
export const PARAGRAPH_LIMIT = 3000;
/** Longer paragraphs are cut into chunks of at most this many code units. */
export const CHUNK_LIMIT = 2000;
const CHUNK_MIN = 1000;

const SENTENCE_END = /[.!?…»”"')\]]\s/u;

/** Where to cut a long paragraph [start, end) near start + CHUNK_LIMIT: after a sentence, else after a space. */
function cutPoint(text: string, start: number, end: number): number {
  const limit = start + CHUNK_LIMIT;
  if (end <= limit) return end;
  let space = -1;
  for (let i = limit - 1; i > start + CHUNK_MIN; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0 || c === 0x3000) {
      if (SENTENCE_END.test(text.slice(i - 1, i + 1))) return i + 1;
      if (space < 0) space = i + 1;
    }
  }
  if (space > 0) return space;
  // No space in the window (a URL or unbroken script): cut hard, but never inside a character.
  const snapped = snapOutwards(text, limit, limit).start;
  return snapped > start ? snapped : limit;
}

export function splitBlocks(text: string): BlockLayout {
  const blocks: Block[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) === 10) i++;
  const leadingGap = i;
  while (i < n) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = n;
    let next = lineEnd;
    while (next < n && text.charCodeAt(next) === 10) next++;
    const gap = next - lineEnd;
    if (lineEnd - i <= PARAGRAPH_LIMIT) {
      blocks.push({ index: blocks.length, start: i, end: lineEnd, gapAfter: gap, continues: false });
    } else {
      let s = i;
      while (s < lineEnd) {
        const e = cutPoint(text, s, lineEnd);
        const last = e >= lineEnd;
        blocks.push({ index: blocks.length, start: s, end: e, gapAfter: last ? gap : 0, continues: !last });
        s = e;
      }
    }
    i = next;
  }
  return { blocks, leadingGap, textLength: n };
}

/** Index of the block holding `offset`; an offset in a gap belongs to the block before it. -1 if none. */
export function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Range of block indexes [first, last] that the span [start, end) overlaps; null when it overlaps none. */
export function blocksTouched(blocks: readonly Block[], start: number, end: number): [number, number] | null {
  if (end <= start || blocks.length === 0) return null;
  let first = blockAt(blocks, start);
  if (first < 0) first = 0;
  if (blocks[first]!.end <= start) first++;
  const last = blockAt(blocks, end - 1);
  if (first >= blocks.length || last < first) return null;
  return [first, last];
}
