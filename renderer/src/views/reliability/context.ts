// A disagreement's stretch with some text around it, cut into pieces at every passage start and end, so
// one coder's passages can be drawn over it. Offsets are UTF-16 (the reader's), end exclusive.

export type Passage = { id: number; tagId: number; start: number; end: number };
export type Piece = {
  text: string;
  start: number;
  /** The passages covering the piece, in the order given. */
  passages: Passage[];
  /** Inside the disputed stretch. */
  inStretch: boolean;
  /** Passages that begin here (their tag name is written before the piece). */
  starting: Passage[];
};

/** Context: up to `around` characters each side, widened to a word boundary, never past a paragraph break. */
export function contextWindow(text: string, start: number, end: number, around = 160): { from: number; to: number } {
  let from = Math.max(0, start - around);
  let to = Math.min(text.length, end + around);
  const before = text.lastIndexOf('\n\n', start);
  if (before >= 0 && before + 2 > from) from = before + 2;
  const after = text.indexOf('\n\n', end);
  if (after >= 0 && after < to) to = after;
  if (from > 0 && from < start) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length && to > end) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  return { from: Math.min(from, start), to: Math.max(to, end) };
}

export function pieces(text: string, from: number, to: number, stretch: { start: number; end: number }, passages: readonly Passage[]): Piece[] {
  const cuts = new Set([from, to, stretch.start, stretch.end]);
  for (const p of passages) {
    cuts.add(p.start);
    cuts.add(p.end);
  }
  const points = [...cuts].filter((c) => c >= from && c <= to).sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    out.push({
      text: text.slice(a, b),
      start: a,
      passages: passages.filter((p) => p.start < b && p.end > a),
      inStretch: a >= stretch.start && b <= stretch.end,
      // A passage that starts before the window shows its name at the window's start.
      starting: passages.filter((p) => p.start === a || (a === from && p.start < from && p.end > from)),
    });
  }
  return out;
}
