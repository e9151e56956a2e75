// What the reader puts in the page: only the blocks on screen (plus a margin), with spacers standing in
// for the rest. Every block has a height: estimated from its length until it has been laid out, then the
// height it measured. Heights sit in a Fenwick tree, so the block at a scroll position and the position of
// a block are O(log n) whatever the article's length, and a measurement updates one entry.
// Pure logic over numbers: the reader's viewport does the DOM side (see state/viewport.svelte.ts).
import type { Block } from './blocks.ts';

/** How a block's height is estimated before it has been measured. */
export type Metrics = {
  /** Pixels per line of text. */
  lineHeight: number;
  /** Characters a line holds on average at the column's width. */
  charsPerLine: number;
  /** Pixels of space per newline beyond the first between two paragraphs. */
  gapHeight: number;
};

export function estimateHeight(block: Block, m: Metrics): number {
  const lines = Math.max(1, Math.ceil((block.end - block.start) / Math.max(1, m.charsPerLine)));
  return lines * m.lineHeight + (block.gapAfter > 1 ? (block.gapAfter - 1) * m.gapHeight : 0);
}

export class HeightMap {
  readonly size: number;
  private readonly heights: Float64Array;
  private readonly measured: Uint8Array;
  /** Fenwick tree over `heights` (1-based). */
  private tree: Float64Array;
  private sum = 0;
  /** Characters and lines seen in measured blocks, to refine the estimate of the others. */
  private seenChars = 0;
  private seenLines = 0;

  private readonly blocks: readonly Block[];
  private metrics: Metrics;

  constructor(blocks: readonly Block[], metrics: Metrics) {
    this.blocks = blocks;
    this.metrics = metrics;
    this.size = blocks.length;
    this.heights = new Float64Array(this.size);
    this.measured = new Uint8Array(this.size);
    this.tree = new Float64Array(this.size + 1);
    for (let i = 0; i < this.size; i++) this.heights[i] = estimateHeight(blocks[i]!, metrics);
    this.rebuild();
  }

  get total(): number {
    return this.sum;
  }

  get estimates(): Metrics {
    return this.metrics;
  }

  height(i: number): number {
    return this.heights[i] ?? 0;
  }

  isMeasured(i: number): boolean {
    return this.measured[i] === 1;
  }

  /** Distance from the top of the first block to the top of block `i` (the total for i = size). */
  top(i: number): number {
    let s = 0;
    for (let k = Math.min(i, this.size); k > 0; k -= k & -k) s += this.tree[k]!;
    return s;
  }

  /** The block at distance `y` from the top of the first block (clamped to the blocks there are). */
  indexAt(y: number): number {
    if (this.size === 0) return -1;
    if (y <= 0) return 0;
    // Descend the tree: the largest i whose top is at or above y.
    let pos = 0;
    let rest = y;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next]! <= rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    return Math.min(pos, this.size - 1);
  }

  /** Records the laid-out height of block `i`; returns how much it moved what follows. */
  measure(i: number, height: number): number {
    if (i < 0 || i >= this.size) return 0;
    const block = this.blocks[i]!;
    if (!this.measured[i]) {
      this.measured[i] = 1;
      const lines = Math.round((height - (block.gapAfter > 1 ? (block.gapAfter - 1) * this.metrics.gapHeight : 0)) / this.metrics.lineHeight);
      // A block of one line says little about how many characters a line holds.
      if (lines >= 2) {
        this.seenChars += block.end - block.start;
        this.seenLines += lines - 0.5;
      }
    }
    const delta = height - this.heights[i]!;
    if (Math.abs(delta) < 0.01) return 0;
    this.heights[i] = height;
    this.sum += delta;
    for (let k = i + 1; k <= this.size; k += k & -k) this.tree[k]! += delta;
    return delta;
  }

  /**
   * Characters per line learnt from the measured blocks, when it differs enough from the estimate in use
   * to be worth re-estimating the rest; null otherwise.
   */
  learntCharsPerLine(): number | null {
    if (this.seenLines < 8) return null;
    const cpl = this.seenChars / this.seenLines;
    return Math.abs(cpl - this.metrics.charsPerLine) / this.metrics.charsPerLine > 0.03 ? cpl : null;
  }

  /** Re-estimates every block not measured (yet) with new metrics. */
  reestimate(metrics: Metrics): void {
    this.metrics = metrics;
    for (let i = 0; i < this.size; i++) if (!this.measured[i]) this.heights[i] = estimateHeight(this.blocks[i]!, metrics);
    this.rebuild();
  }

  /** Forgets every measurement (the column's width changed): estimates again, then measures anew. */
  invalidate(metrics: Metrics): void {
    this.measured.fill(0);
    this.seenChars = 0;
    this.seenLines = 0;
    this.reestimate(metrics);
  }

  private rebuild(): void {
    const t = new Float64Array(this.size + 1);
    let sum = 0;
    for (let i = 0; i < this.size; i++) {
      const h = this.heights[i]!;
      sum += h;
      const k = i + 1;
      t[k]! += h;
      const parent = k + (k & -k);
      if (parent <= this.size) t[parent]! += t[k]!;
    }
    this.tree = t;
    this.sum = sum;
  }
}

/** Inclusive ranges of block indexes, sorted and disjoint. */
export type Ranges = readonly (readonly [number, number])[];

/** The blocks from `y` to `y + height` (distances from the first block's top), `margin` pixels each side. */
export function visibleRange(map: HeightMap, y: number, height: number, margin: number): [number, number] | null {
  if (map.size === 0) return null;
  const first = map.indexAt(y - margin);
  const last = map.indexAt(y + height + margin);
  return [first, Math.max(first, last)];
}

/** The visible range plus single blocks that must stay in the page (where a selection begins and ends). */
export function plan(range: [number, number] | null, pinned: Iterable<number>, size: number): Ranges {
  const out: [number, number][] = [];
  const all: [number, number][] = range ? [range] : [];
  for (const p of pinned) if (p >= 0 && p < size) all.push([p, p]);
  all.sort((a, b) => a[0] - b[0]);
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function sameRanges(a: Ranges, b: Ranges): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/** What the text container holds, in order: blocks, and spacers for the blocks left out between them. */
export type Item = { kind: 'block'; key: number; index: number } | { kind: 'gap'; key: string; from: number; to: number; height: number };

export function itemsFor(map: HeightMap, ranges: Ranges): Item[] {
  const items: Item[] = [];
  let next = 0;
  const gap = (from: number, to: number) => {
    if (to < from) return;
    items.push({ kind: 'gap', key: `gap-${from}`, from, to, height: map.top(to + 1) - map.top(from) });
  };
  for (const [a, b] of ranges) {
    gap(next, a - 1);
    for (let i = a; i <= b; i++) items.push({ kind: 'block', key: i, index: i });
    next = b + 1;
  }
  gap(next, map.size - 1);
  return items;
}

/** Whether block `i` is among the ranges. */
export function inRanges(ranges: Ranges, i: number): boolean {
  for (const [a, b] of ranges) if (i >= a && i <= b) return true;
  return false;
}
