// One reactive slot per block for the annotations it shows. A change to the article's annotations writes
// only the slots of the blocks it touches, so only those blocks wake up (not one derived per block, for
// every one of hundreds of blocks, on every change).
import type { Span } from './annotationIndex.ts';

export class SpanBox<T extends Span = Span> {
  spans = $state.raw<readonly T[]>([]);
  constructor(spans: readonly T[]) {
    this.spans = spans;
  }
}
