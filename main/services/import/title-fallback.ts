// A document's title when its properties name none: its first paragraph, when that is short enough to
// be a headline (a longer one is body text, and the file name serves instead).

/** A first paragraph longer than this is no title. */
const MAX_FALLBACK_TITLE = 200;

/** Text on one line: runs of white space as one space, trimmed. */
export const singleLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function firstShortParagraph(text: string): string | undefined {
  const first = singleLine(text.split('\n\n')[0] ?? '');
  return first.length > 0 && first.length <= MAX_FALLBACK_TITLE ? first : undefined;
}
