// A list of spans (annotations or entity mentions) and its per-block index, kept together. A new list that
// differs from the current one by a few spans (one created, one deleted, one re-tagged) updates only the
// blocks those spans touch, in O(blocks) rather than re-sorting and re-indexing every span; anything else
// rebuilds the index, keeping the arrays of blocks that did not change.
import type { Block } from './blocks.ts';
import { buildIndex, removeSpan, upsertSpan, type BlockIndex, type Ranged, type SameLook } from './annotationIndex.ts';

/** Beyond this many differences a rebuild is as cheap as the updates. */
const MAX_CHANGES = 64;

type Diff<T> = { put: T[]; removed: number[] };

/**
 * The spans to put and the ids to remove to turn `prev` into `next`, when both are in the same order apart
 * from a few insertions, removals and replacements; null when they are not (then rebuild).
 */
export function diffSpans<T extends Ranged>(prev: readonly T[], next: readonly T[], look: SameLook<T>, max = MAX_CHANGES): Diff<T> | null {
  const put: T[] = [];
  const removed: number[] = [];
  let i = 0;
  let j = 0;
  const same = (a: T, b: T) => a === b || (a.id === b.id && a.start === b.start && a.end === b.end && look(a, b));
  while (i < prev.length && j < next.length) {
    const a = prev[i]!;
    const b = next[j]!;
    if (a === b || a.id === b.id) {
      if (!same(a, b)) put.push(b);
      i++;
      j++;
    } else if (i + 1 < prev.length && prev[i + 1]!.id === b.id) {
      removed.push(a.id);
      i++;
    } else if (j + 1 < next.length && next[j + 1]!.id === a.id) {
      put.push(b);
      j++;
    } else {
      return null;
    }
    if (put.length + removed.length > max) return null;
  }
  for (; i < prev.length; i++) removed.push(prev[i]!.id);
  for (; j < next.length; j++) put.push(next[j]!);
  return put.length + removed.length > max ? null : { put, removed };
}

export class SpanStore<T extends Ranged> {
  private blocks: readonly Block[] = [];
  private current: readonly T[] = [];
  private idx: BlockIndex<T> = [];

  private readonly look: SameLook<T>;

  /** `look` tells whether a span with the same id is still drawn the same; by default, by tag. */
  constructor(look: SameLook<T> = (a, b) => (a as { tagId?: number }).tagId === (b as { tagId?: number }).tagId) {
    this.look = look;
  }

  get list(): readonly T[] {
    return this.current;
  }

  get index(): BlockIndex<T> {
    return this.idx;
  }

  /** Another article's blocks: the index starts again. */
  setBlocks(blocks: readonly Block[]): void {
    if (blocks === this.blocks) return;
    this.blocks = blocks;
    this.idx = buildIndex(blocks, this.current, undefined, this.look);
  }

  /** Makes `next` the list; returns whether anything changed. */
  replace(next: readonly T[]): boolean {
    if (next === this.current) return false;
    const diff = diffSpans(this.current, next, this.look);
    if (diff) {
      let idx = this.idx;
      for (const id of diff.removed) idx = removeSpan(idx, id);
      for (const s of diff.put) idx = upsertSpan(this.blocks, idx, s);
      this.idx = idx;
    } else {
      this.idx = buildIndex(this.blocks, next, this.idx, this.look);
    }
    this.current = next;
    return true;
  }

  /** Adds `span`, or replaces the span with its id. */
  put(span: T): void {
    const at = this.current.findIndex((s) => s.id === span.id);
    const old = at >= 0 ? this.current[at]! : null;
    if (old) {
      const next = this.current.slice();
      next[at] = span;
      this.current = next;
    } else {
      this.current = [...this.current, span];
    }
    if (!old || old.start !== span.start || old.end !== span.end || !this.look(old, span)) this.idx = upsertSpan(this.blocks, this.idx, span);
  }

  drop(id: number): void {
    const at = this.current.findIndex((s) => s.id === id);
    if (at < 0) return;
    this.current = [...this.current.slice(0, at), ...this.current.slice(at + 1)];
    this.idx = removeSpan(this.idx, id);
  }
}
