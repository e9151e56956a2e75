// Annotations indexed by render block, so the reader finds a block's highlights without touching the DOM.
// Updates copy only the arrays of the blocks an annotation touches; every other block keeps the very same
// array, which is what lets its rendered segments stay memoised.
import { blocksTouched, type Block } from './blocks.ts';

/** The fields a highlight is drawn from. */
export type Span = { id: number; tagId: number; start: number; end: number };

export type BlockIndex<T extends Span> = readonly (readonly T[])[];

const EMPTY: readonly never[] = Object.freeze([]);

function sameSpans<T extends Span>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.tagId !== y.tagId || x.start !== y.start || x.end !== y.end) return false;
  }
  return true;
}

const byStart = (a: Span, b: Span) => a.start - b.start || b.end - a.end || a.id - b.id;

/**
 * Builds the per-block index. When `previous` was built for the same blocks, a block whose spans did not
 * change keeps its previous array (a reload of the same annotations re-renders nothing).
 */
export function buildIndex<T extends Span>(blocks: readonly Block[], spans: readonly T[], previous?: BlockIndex<T>): BlockIndex<T> {
  const lists: T[][] = new Array(blocks.length);
  const sorted = [...spans].sort(byStart);
  for (const span of sorted) {
    const touched = blocksTouched(blocks, span.start, span.end);
    if (!touched) continue;
    for (let b = touched[0]; b <= touched[1]; b++) (lists[b] ??= []).push(span);
  }
  const out: (readonly T[])[] = new Array(blocks.length);
  for (let b = 0; b < blocks.length; b++) {
    const list = lists[b] ?? (EMPTY as readonly T[]);
    const prev = previous && previous.length === blocks.length ? previous[b] : undefined;
    out[b] = prev && sameSpans(prev, list) ? prev : list;
  }
  return out;
}

/** Returns a new index with `span` added (or replacing the span with the same id). */
export function upsertSpan<T extends Span>(blocks: readonly Block[], index: BlockIndex<T>, span: T): BlockIndex<T> {
  const out = removeSpan(index, span.id);
  const touched = blocksTouched(blocks, span.start, span.end);
  if (!touched) return out;
  const next = out === index ? [...index] : (out as (readonly T[])[]);
  for (let b = touched[0]; b <= touched[1]; b++) {
    const list = [...(next[b] ?? EMPTY), span];
    list.sort(byStart);
    next[b] = list;
  }
  return next;
}

/** Returns a new index without the span `id`; the same index when no block held it. */
export function removeSpan<T extends Span>(index: BlockIndex<T>, id: number): BlockIndex<T> {
  let next: (readonly T[])[] | null = null;
  for (let b = 0; b < index.length; b++) {
    const list = index[b]!;
    if (list.length === 0 || !list.some((s) => s.id === id)) continue;
    next ??= [...index];
    next[b] = list.filter((s) => s.id !== id);
  }
  return next ?? index;
}
