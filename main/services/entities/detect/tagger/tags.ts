// The tagger's labels: O (outside a name) and B-/I- (first / later token of a name) for each type.
import type { EntityType } from '../types.ts';

export const TYPES: readonly EntityType[] = ['PER', 'LOC', 'ORG', 'MISC'];
export const O = 0;
/** Number of labels: O, then B-type and I-type for each type in turn. */
export const TAG_COUNT = 1 + 2 * TYPES.length;

export const begin = (type: number) => 1 + 2 * type;
export const inside = (type: number) => 2 + 2 * type;
export const isBegin = (tag: number) => tag > 0 && tag % 2 === 1;
export const isInside = (tag: number) => tag > 0 && tag % 2 === 0;
/** Index into TYPES of a B- or I- label. */
export const typeOf = (tag: number) => (tag - 1) >> 1;

/** I-X may only follow B-X or I-X. */
export function allowed(prev: number, tag: number): boolean {
  return !isInside(tag) || (prev !== O && typeOf(prev) === typeOf(tag));
}

export function tagName(tag: number): string {
  return tag === O ? 'O' : `${isBegin(tag) ? 'B' : 'I'}-${TYPES[typeOf(tag)]}`;
}

export type TagSpan = { first: number; last: number; type: number };

/** Spans of a label sequence; `offset` is added to every index. */
export function spansOf(tags: ArrayLike<number>, offset = 0): TagSpan[] {
  const spans: TagSpan[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === O) continue;
    if (isBegin(t) || spans.length === 0 || spans[spans.length - 1]!.last !== offset + i - 1 || spans[spans.length - 1]!.type !== typeOf(t)) {
      spans.push({ first: offset + i, last: offset + i, type: typeOf(t) });
    } else spans[spans.length - 1]!.last = offset + i;
  }
  return spans;
}
