// Spans (annotations, entity mentions) indexed by render block, so the reader finds a block's highlights
// and underlines without touching the DOM. Updates copy only the arrays of the blocks a span touches;
// every other block keeps the very same array, which is what lets its rendered segments stay memoised.
import { blocksTouched, type Block } from './blocks.ts';

/** What every indexed span has: an id and its offsets. */
export type Ranged = { id: number; start: number; end: number };

/** The fields a highlight is drawn from. */
export type Span = Ranged & { tagId: number };

export type BlockIndex<T extends Ranged> = readonly (readonly T[])[];

/** Whether two spans with the same id are drawn the same (then a block keeps its segments). */
export type SameLook<T extends Ranged> = (a: T, b: T) => boolean;

const EMPTY: readonly never[] = Object.freeze([]);

const sameTag = (a: Ranged, b: Ranged) => (a as Partial<Span>).tagId === (b as Partial<Span>).tagId;

function sameSpans<T extends Ranged>(a: readonly T[], b: readonly T[], look: SameLook<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.start !== y.start || x.end !== y.end || !look(x, y)) return false;
  }
  return true;
}

const byStart = (a: Ranged, b: Ranged) => a.start - b.start || b.end - a.end || a.id - b.id;

/**
 * Builds the per-block index. When `previous` was built for the same blocks, a block whose spans did not
 * change keeps its previous array (a reload of the same annotations re-renders nothing). `look` tells
 * whether a span is still drawn the same; by default, annotations compare by tag.
 */
export function buildIndex<T extends Ranged>(
  blocks: readonly Block[],
  spans: readonly T[],
  previous?: BlockIndex<T>,
  look: SameLook<T> = sameTag,
): BlockIndex<T> {
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
    out[b] = prev && sameSpans(prev, list, look) ? prev : list;
  }
  return out;
}

/** Returns a new index with `span` added (or replacing the span with the same id). */
export function upsertSpan<T extends Ranged>(blocks: readonly Block[], index: BlockIndex<T>, span: T): BlockIndex<T> {
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
export function removeSpan<T extends Ranged>(index: BlockIndex<T>, id: number): BlockIndex<T> {
  let next: (readonly T[])[] | null = null;
  for (let b = 0; b < index.length; b++) {
    const list = index[b]!;
    if (list.length === 0 || !list.some((s) => s.id === id)) continue;
    next ??= [...index];
    next[b] = list.filter((s) => s.id !== id);
  }
  return next ?? index;
}
