// Character-level helpers for offsets into an article's text. Offsets are UTF-16 code units (JavaScript
// string indices), end exclusive. A span must never start or end inside a character: not between the two
// halves of a surrogate pair (😀), and not inside a grapheme cluster (e + combining accent, 🇸🇪, 👩‍💻).

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves a start offset back if it points at the second half of a surrogate pair. */
export function snapStart(text: string, offset: number): number {
  if (offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1))) return offset - 1;
  return offset;
}

/** Moves an end offset forward if the character before it is the first half of a surrogate pair. */
export function snapEnd(text: string, offset: number): number {
  if (offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) return offset + 1;
  return offset;
}

type Segmenter = { segment(input: string): Iterable<{ index: number; segment: string }> };
let segmenter: Segmenter | null | undefined;
function graphemes(): Segmenter | null {
  if (segmenter === undefined) {
    const Seg = (Intl as unknown as { Segmenter?: new (locale?: string, options?: { granularity: string }) => Segmenter }).Segmenter;
    segmenter = Seg ? new Seg(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter;
}

/** How far around an offset grapheme clusters are examined. Newlines always end a cluster, so the window starts after one. */
const WINDOW = 64;

/** Grapheme cluster boundaries near `offset`, computed on a small window of the text. */
function clusterAround(text: string, offset: number): { start: number; end: number } | null {
  const seg = graphemes();
  if (!seg) return null;
  let from = Math.max(0, offset - WINDOW);
  const nl = text.lastIndexOf('\n', offset - 1);
  if (nl >= from) from = nl + 1;
  from = snapStart(text, from);
  const to = Math.min(text.length, offset + WINDOW);
  for (const { index, segment } of seg.segment(text.slice(from, to))) {
    const s = from + index;
    const e = s + segment.length;
    if (s <= offset && offset < e) return { start: s, end: e };
  }
  return null;
}

/** Snaps a span outwards to whole characters (grapheme clusters, or at least whole surrogate pairs). */
export function snapOutwards(text: string, start: number, end: number): { start: number; end: number } {
  let s = snapStart(text, Math.max(0, Math.min(start, text.length)));
  let e = snapEnd(text, Math.max(0, Math.min(end, text.length)));
  if (s < text.length) {
    const c = clusterAround(text, s);
    if (c && c.start < s) s = c.start;
  }
  if (e > 0 && e < text.length) {
    const c = clusterAround(text, e - 1);
    if (c && c.end > e) e = c.end;
  }
  return { start: s, end: Math.max(s, e) };
}

/** White space a selection should not begin or end with: spaces, tabs, newlines, no-break and other Unicode spaces. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x200b
  );
}

/**
 * Turns the raw offsets of a selection into the span to annotate: ordered, clamped, trimmed of surrounding
 * white space and snapped outwards to whole characters. Returns null when nothing but white space remains.
 */
export function normaliseSelection(text: string, a: number, b: number): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(a, b, text.length));
  let end = Math.min(text.length, Math.max(a, b, 0));
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return null;
  return snapOutwards(text, start, end);
}

/** A short single-line excerpt of a passage for lists and popovers. */
export function excerpt(quote: string, max = 120): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = snapStart(flat, max - 1);
  return `${flat.slice(0, cut).trimEnd()}…`;
}
