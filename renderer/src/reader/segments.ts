// Cuts a block's text into segments at every annotation start and end, so overlapping annotations stay
// visible: each segment knows every annotation covering it ("layers"). The innermost (shortest) layer
// tints the background; every layer adds an underline stripe, the longest at the bottom so that an
// enclosing annotation's stripe runs unbroken beneath the passages nested inside it.
// Entity mentions are one more layer: they cut segments too, and a segment inside a mention carries the
// mention's id and a class naming its type (drawn as a dotted line below the stripes, see ReaderBlock).
import type { Ranged, Span } from './annotationIndex.ts';
import { stroke, tint } from './colors.ts';

/** The fields an entity underline is drawn from. */
export type MentionSpan = Ranged & { type: string };

export type TagLook = { color: string; label: string };
export type LookupTag = (tagId: number) => TagLook;

export type Segment = {
  start: number;
  end: number;
  text: string;
  /** Space-separated ids of the annotations covering the segment, innermost first ('' when none). */
  ids: string;
  /** The layers' colours, innermost first ('' when none): segments with the same key look the same. */
  key: string;
  /** CSS declarations painting the layers ('' when none). */
  style: string;
  /** Space-separated ids of the entity mentions covering the segment, innermost first ('' when none). */
  mentions: string;
  /**
   * Class names: 'hl', plus 'hl-start' / 'hl-end' where the innermost annotation begins / ends; 'ment' and
   * 'ment-<TYPE>' (the innermost mention's type) where a mention covers the segment.
   */
  className: string;
};

/** Stripes beyond this many are summarised (the tooltip and popover still list every layer). */
export const MAX_STRIPES = 4;
const STRIPE_PX = 2;

const innermostFirst = (a: Ranged, b: Ranged) => a.end - a.start - (b.end - b.start) || b.start - a.start || a.id - b.id;

/** CSS for layers given by their colours, innermost first. */
export function layerStyle(colors: readonly string[]): string {
  if (colors.length === 0) return '';
  const alpha = Math.min(0.2 + 0.08 * (colors.length - 1), 0.44);
  const bg = tint(colors[0]!, alpha);
  const stripes: string[] = [];
  const shown = Math.min(colors.length, MAX_STRIPES);
  // Longest layer at the bottom: walk from the outermost inwards.
  for (let k = 0; k < shown; k++) stripes.push(`inset 0 -${(k + 1) * STRIPE_PX}px 0 ${stroke(colors[colors.length - 1 - k]!)}`);
  const pad = 1 + (shown - 1) * STRIPE_PX;
  return `background-color: ${bg}; box-shadow: ${stripes.join(', ')}; padding-bottom: ${pad}px`;
}

const styleCache = new Map<string, string>();
function styleFor(key: string, colors: string[]): string {
  let style = styleCache.get(key);
  if (style === undefined) {
    style = layerStyle(colors);
    styleCache.set(key, style);
  }
  return style;
}

const NO_MENTIONS: readonly MentionSpan[] = Object.freeze([]);

function plain(text: string, start: number, end: number): Segment {
  return { start, end, text: text.slice(start, end), ids: '', key: '', style: '', mentions: '', className: '' };
}

/**
 * Segments of the block [blockStart, blockEnd) of `text`, given the annotations and the entity mentions
 * that touch the block (any order). Segments are contiguous and cover the whole block.
 */
export function buildSegments(
  text: string,
  blockStart: number,
  blockEnd: number,
  spans: readonly Span[],
  lookup: LookupTag,
  mentions: readonly MentionSpan[] = NO_MENTIONS,
): Segment[] {
  if (spans.length === 0 && mentions.length === 0) return [plain(text, blockStart, blockEnd)];
  const cuts = new Set<number>([blockStart, blockEnd]);
  for (const s of spans) {
    if (s.start > blockStart && s.start < blockEnd) cuts.add(s.start);
    if (s.end > blockStart && s.end < blockEnd) cuts.add(s.end);
  }
  for (const m of mentions) {
    if (m.start > blockStart && m.start < blockEnd) cuts.add(m.start);
    if (m.end > blockStart && m.end < blockEnd) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  const layers: Span[] = [];
  const covering: MentionSpan[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    layers.length = 0;
    covering.length = 0;
    for (const s of spans) if (s.start < end && s.end > start) layers.push(s);
    for (const m of mentions) if (m.start < end && m.end > start) covering.push(m);
    if (layers.length === 0 && covering.length === 0) {
      out.push(plain(text, start, end));
      continue;
    }
    let className = '';
    let ids = '';
    let key = '';
    let style = '';
    if (layers.length > 0) {
      if (layers.length > 1) layers.sort(innermostFirst);
      const inner = layers[0]!;
      className = 'hl';
      if (inner.start === start) className += ' hl-start';
      if (inner.end === end) className += ' hl-end';
      if (layers.length > MAX_STRIPES) className += ' hl-many';
      const colors = layers.map((l) => lookup(l.tagId).color);
      key = colors.join('|');
      ids = layers.map((l) => l.id).join(' ');
      style = styleFor(key, colors);
    }
    let mentionIds = '';
    if (covering.length > 0) {
      if (covering.length > 1) covering.sort(innermostFirst);
      className += `${className ? ' ' : ''}ment ment-${covering[0]!.type}`;
      mentionIds = covering.map((m) => m.id).join(' ');
    }
    out.push({ start, end, text: text.slice(start, end), ids, key, style, mentions: mentionIds, className });
  }
  return out;
}
