// Splits search-snippet text into plain and matched runs, so the list can render them as text nodes.
export type Run = { text: string; marked: boolean };

export function runsOf(text: string, marks: ReadonlyArray<{ start: number; end: number }>): Run[] {
  const ranges = marks
    .map((m) => ({ start: Math.max(0, Math.min(m.start, text.length)), end: Math.max(0, Math.min(m.end, text.length)) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start);
  const runs: Run[] = [];
  let at = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, at);
    if (range.end <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    runs.push({ text: text.slice(start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}
