// Cuts a block's text into segments at every annotation start and end, so overlapping annotations stay
// visible: each segment knows every annotation covering it ("layers"). The innermost (shortest) layer
// tints the background; every layer adds an underline stripe, the longest at the bottom so that an
// enclosing annotation's stripe runs unbroken beneath the passages nested inside it.
import type { Span } from './annotationIndex.ts';
import { stroke, tint } from './colors.ts';

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
  /** Class names: 'hl', plus 'hl-start' / 'hl-end' where the innermost annotation begins / ends. */
  className: string;
};

/** Stripes beyond this many are summarised (the tooltip and popover still list every layer). */
export const MAX_STRIPES = 4;
const STRIPE_PX = 2;

const innermostFirst = (a: Span, b: Span) => a.end - a.start - (b.end - b.start) || b.start - a.start || a.id - b.id;

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

/**
 * Segments of the block [blockStart, blockEnd) of `text`, given the spans that touch the block (any order).
 * Segments are contiguous and cover the whole block.
 */
export function buildSegments(text: string, blockStart: number, blockEnd: number, spans: readonly Span[], lookup: LookupTag): Segment[] {
  if (spans.length === 0) {
    return [{ start: blockStart, end: blockEnd, text: text.slice(blockStart, blockEnd), ids: '', key: '', style: '', className: '' }];
  }
  const cuts = new Set<number>([blockStart, blockEnd]);
  for (const s of spans) {
    if (s.start > blockStart && s.start < blockEnd) cuts.add(s.start);
    if (s.end > blockStart && s.end < blockEnd) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const segText = text.slice(start, end);
    const layers: Span[] = [];
    for (const s of spans) if (s.start < end && s.end > start) layers.push(s);
    if (layers.length === 0) {
      out.push({ start, end, text: segText, ids: '', key: '', style: '', className: '' });
      continue;
    }
    if (layers.length > 1) layers.sort(innermostFirst);
    const inner = layers[0]!;
    let className = 'hl';
    if (inner.start === start) className += ' hl-start';
    if (inner.end === end) className += ' hl-end';
    if (layers.length > MAX_STRIPES) className += ' hl-many';
    const colors = layers.map((l) => lookup(l.tagId).color);
    const key = colors.join('|');
    out.push({ start, end, text: segText, ids: layers.map((l) => l.id).join(' '), key, style: styleFor(key, colors), className });
  }
  return out;
}
