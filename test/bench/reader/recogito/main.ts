// Recogito's text annotator (@recogito/text-annotator, its default renderer) on the same generated
// article and annotations as the Framelens reader harness, for the reader benchmark's baseline.
// ?chars=N&annotations=N set the size. The text goes in one paragraph element per render block, with the
// newlines between them kept as text, so the container's text, and so every offset, is the article's.
// Building the DOM ranges of the annotations is part of what the open costs.
import { createTextAnnotator, type TextAnnotator } from '@recogito/text-annotator';
import { splitBlocks } from '../../../../renderer/src/reader/blocks.ts';
import { syntheticArticle, syntheticSpans, syntheticTags } from '../synthetic.ts';

type Internal = {
  id: string;
  bodies: { id: string; annotation: string; purpose: 'tagging'; value: string }[];
  target: { annotation: string; created: Date; selector: { quote: string; start: number; end: number; range: Range }[] };
};

const params = new URLSearchParams(location.search);
const chars = Number(params.get('chars') ?? 300_000);
const count = Number(params.get('annotations') ?? 2000);
const text = syntheticArticle(chars);
const spans = syntheticSpans(text, count);
const container = document.getElementById('text')!;
const colorOf = new Map(syntheticTags.map((t) => [t.path.join(' > '), t.color as `#${string}`]));

/** The container's text nodes and where each starts, for offsets → DOM points by binary search. */
let nodes: Text[] = [];
let starts: number[] = [];

function point(offset: number): [Text, number] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [nodes[lo]!, Math.min(offset - starts[lo]!, nodes[lo]!.length)];
}

// In the annotator's own format with the DOM range given: its W3C adapter finds each range by walking
// the text from the top, which is quadratic in a long article.
function annotation(id: string, tag: number, start: number, end: number): Internal {
  const range = document.createRange();
  range.setStart(...point(start));
  range.setEnd(...point(end));
  return {
    id,
    bodies: [{ id: `${id}-b`, annotation: id, purpose: 'tagging', value: syntheticTags[tag]!.path.join(' > ') }],
    target: { annotation: id, created: new Date(), selector: [{ quote: text.slice(start, end), start, end, range }] },
  };
}

function writeText() {
  const { blocks, leadingGap } = splitBlocks(text);
  const frag = document.createDocumentFragment();
  nodes = [];
  starts = [];
  const add = (from: number, to: number, parent: DocumentFragment | HTMLElement) => {
    const node = document.createTextNode(text.slice(from, to));
    nodes.push(node);
    starts.push(from);
    parent.append(node);
  };
  if (leadingGap) add(0, leadingGap, frag);
  for (const b of blocks) {
    const p = document.createElement('p');
    add(b.start, b.end, p);
    frag.append(p);
    if (b.gapAfter) add(b.end, b.end + b.gapAfter, frag);
  }
  container.replaceChildren(frag);
}

let anno: TextAnnotator | null = null;
let added = 0;

function open() {
  (window as unknown as { __flOpenStart: number }).__flOpenStart = performance.now();
  writeText();
  anno = createTextAnnotator(container, {
    style: (a) => {
      const tag = (a as { bodies?: { value?: string }[] }).bodies?.[0]?.value ?? '';
      return { fill: colorOf.get(tag) ?? ('#8a8f98' as const), fillOpacity: 0.25 };
    },
  }) as unknown as TextAnnotator;
  anno.setAnnotations(spans.map((s, i) => annotation(`a${i + 1}`, s.tag, s.start, s.end)) as never);
}

/** Adds one annotation over [start, end) through the annotator's API, as its selection handler does. */
function tag(start: number, end: number, tagIndex: number): string {
  const id = `new${++added}`;
  anno?.addAnnotation(annotation(id, tagIndex, start, end) as never);
  return id;
}

document.querySelector('[data-testid="open-article"]')!.addEventListener('click', open);
(window as unknown as { __recogito: unknown }).__recogito = {
  tag,
  text: () => text,
  count: () => (anno as unknown as { state: { store: { all(): unknown[] } } } | null)?.state.store.all().length ?? 0,
};
