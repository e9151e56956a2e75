// One reactive slot per block for the annotations and entity mentions it shows. A change to the
// article's annotations (or mentions) writes only the slots of the blocks it touches, so only those
// blocks wake up (not one derived per block, for every one of hundreds of blocks, on every change).
import type { Span } from './annotationIndex.ts';
import type { MentionSpan } from './segments.ts';

const NONE: readonly never[] = Object.freeze([]);

export class SpanBox<T extends Span = Span, M extends MentionSpan = MentionSpan> {
  spans = $state.raw<readonly T[]>([]);
  mentions = $state.raw<readonly M[]>(NONE);
  constructor(spans: readonly T[], mentions: readonly M[] = NONE) {
    this.spans = spans;
    this.mentions = mentions;
  }
}
