// Positions in a REFI-QDA source are Unicode code points counted in the text as the source holds it
// (after its byte-order mark), end exclusive. Framelens stores the text with LF line endings and without
// control characters, and counts UTF-16 code units. A source's text is normalised here and every code
// point position of the original is mapped to the offset of the same place in the stored text: a CRLF
// before a passage moves it one back per line, an emoji one forward. Positions are never guessed at:
// one outside the original text has no offset.

/** C0 control characters other than tab, LF and CR: removed at import, as the article service does. */
const isControl = (code: number) => code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d;

export type MappedText = {
  /** The text as Framelens stores it. */
  text: string;
  /** Code points in the original text. */
  codePoints: number;
  /** The UTF-16 offset in `text` of a code point position of the original; undefined outside 0…codePoints. */
  offsetAt(position: number): number | undefined;
};

/**
 * The text to store and the mapping from the original's positions. The offset of a position is
 * `position + shift`, where the shift changes only after an astral character (+1: it takes two code
 * units) or a removed character (−1: a CR before LF, a control character), so only those are recorded.
 */
export function mapSourceText(original: string): MappedText {
  const parts: string[] = [];
  let kept = 0; // start of the run of the original copied unchanged
  const changesAt: number[] = []; // code point positions from which a new shift holds
  const shifts: number[] = [];
  let shift = 0;
  let position = 0;
  for (let i = 0; i < original.length; position++) {
    const code = original.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const at = i;
    i += width;
    let replacement: string | undefined;
    if (code === 0x0d) {
      // CRLF becomes the LF alone; a CR on its own becomes LF.
      if (original.charCodeAt(i) === 0x0a) {
        replacement = '';
        shift--;
      } else replacement = '\n';
    } else if (isControl(code)) {
      replacement = '';
      shift--;
    } else if (code >= 0xd800 && code <= 0xdfff)
      replacement = '\uFFFD'; // half a character, as the article service does
    else if (width === 2) shift++;
    if (replacement !== undefined) {
      parts.push(original.slice(kept, at), replacement);
      kept = i;
    }
    if (shift !== (shifts.length ? shifts[shifts.length - 1] : 0)) {
      changesAt.push(position + 1);
      shifts.push(shift);
    }
  }
  parts.push(original.slice(kept));
  const codePoints = position;
  return {
    text: parts.join(''),
    codePoints,
    offsetAt(at: number): number | undefined {
      if (!Number.isSafeInteger(at) || at < 0 || at > codePoints) return undefined;
      // the last change at or before `at`
      let lo = 0;
      let hi = changesAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (changesAt[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      return at + (lo === 0 ? 0 : shifts[lo - 1]!);
    },
  };
}
