// Offsets inside Framelens are UTF-16 code units (JavaScript's string indices). The outside world
// (CSV, JSONL, REFI-QDA, Python, R) counts Unicode code points. These helpers convert between the two.

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when the offset falls between the two halves of a surrogate pair (an astral character). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * Converts many UTF-16 offsets of one text to code points: the count of astral characters before
 * each offset is subtracted. The positions of astral characters are found once per text.
 */
export function codePointMapper(text: string): (utf16: number) => number {
  const astral: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      astral.push(i);
      i++;
    }
  }
  if (astral.length === 0) return (offset) => offset;
  return (offset) => {
    // number of astral characters starting before offset
    let lo = 0;
    let hi = astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (astral[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

export function toCodePoints(text: string, utf16: number): number {
  return codePointMapper(text)(utf16);
}

/** Walks back `count` code points from a UTF-16 offset. */
export function backCodePoints(text: string, from: number, count: number): number {
  let i = from;
  for (let n = 0; n < count && i > 0; n++) i -= i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
  return i;
}

/** Walks forward `count` code points from a UTF-16 offset. */
export function forwardCodePoints(text: string, from: number, count: number): number {
  let i = from;
  for (let n = 0; n < count && i < text.length; n++) i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  return i;
}

export const CONTEXT_CODE_POINTS = 80;

/** The quote and up to 80 code points of context each side, for re-anchoring and for exports. */
export function quoteWithContext(text: string, start: number, end: number) {
  return {
    quote: text.slice(start, end),
    contextBefore: text.slice(backCodePoints(text, start, CONTEXT_CODE_POINTS), start),
    contextAfter: text.slice(end, forwardCodePoints(text, end, CONTEXT_CODE_POINTS)),
  };
}
