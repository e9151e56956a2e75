// Keyword-in-context lines as the analyst reads them: the context around a mention is cut at a fixed
// length, so a word cut in half at either edge is dropped and an ellipsis shows that the text goes on.

/** Context shorter than this reached the start or end of the article, so nothing was cut. */
const CUT_AT = 40;

export function trimBefore(before: string): string {
  if (before.length < CUT_AT) return before;
  const space = before.indexOf(' ');
  return space > 0 && space < before.length - 1 ? `…${before.slice(space)}` : before;
}

export function trimAfter(after: string): string {
  if (after.length < CUT_AT) return after;
  const space = after.lastIndexOf(' ');
  return space > 0 ? `${after.slice(0, space)} …` : after;
}
