// HTML to plain article text, for importers whose files carry HTML (feed items, saved pages). Pure:
// linkedom builds a DOM without loading anything or running scripts, and only text nodes are read, so
// no markup, attribute (event handlers, alt text, URLs) or script ever reaches the text.
//
// Block elements become paragraphs separated by one blank line; <br> is a line break inside a
// paragraph (two in a row end it). Whitespace inside a paragraph collapses to one space, except in
// <pre>, whose lines are kept. Entities are decoded by the HTML parser. &nbsp; stays U+00A0, as in the
// page (it is text, e.g. the thin gap in Swedish "10 000"), and is not collapsed; only the edges of
// lines and paragraphs are trimmed of it, so spacer paragraphs (<p>&nbsp;</p>) disappear.
import { parseHTML } from 'linkedom';
import { normaliseLineEndings } from '../text/decode.ts';

/** Elements whose content is never article text. */
const SKIPPED = new Set([
  'script',
  'style',
  'iframe',
  'noscript',
  'template',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'canvas',
  'audio',
  'video',
  'applet',
  'frame',
  'frameset',
  'noframes',
  'noembed',
  'textarea',
  'select',
  'button',
]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Table cells: a space between neighbours, so "Stockholm" and "12" do not run together. */
const CELLS = new Set(['td', 'th']);

/** HTML's collapsible whitespace (not U+00A0 and other Unicode spaces, which are text). */
const HTML_SPACE = /[ \t\n\r\f]+/g;
/** Whether a text has whitespace to collapse: most text nodes have none, and are kept as they are. */
const COLLAPSIBLE = /[\t\n\r\f]| {2}/;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function htmlToText(html: string): string {
  return nodeText(parseHtmlSafely(html));
}

/** A page's DOM, with line endings normalised and nesting kept within what the parser handles quickly. */
export function parseHtmlSafely(html: string) {
  return parseHTML(limitNesting(normaliseLineEndings(html))).document;
}

/** The text of a DOM node as paragraphs; `skip` names further elements to leave out with their content. */
export function nodeText(root: Node, skip?: (el: Element) => boolean): string {
  const out = new TextCollector();
  walk(root, out, skip);
  return out.finish();
}

/** Accumulates inline text and turns it into paragraphs at block boundaries. */
class TextCollector {
  private paragraphs: string[] = [];
  private buffer = '';
  preDepth = 0;

  text(data: string): void {
    this.buffer += this.preDepth > 0 || !COLLAPSIBLE.test(data) ? data : data.replace(HTML_SPACE, ' ');
  }

  lineBreak(): void {
    this.buffer += '\n';
  }

  space(): void {
    this.buffer += ' ';
  }

  /** Ends the current paragraph (if any text was collected). */
  flush(): void {
    const lines = this.buffer.split('\n');
    this.buffer = '';
    const keepSpaces = this.preDepth > 0;
    let current: string[] = [];
    for (const raw of lines) {
      // Outside <pre> the text is collapsed already, but for spaces where two text nodes meet.
      const line = keepSpaces ? raw.replace(/\s+$/, '') : raw.replace(/ {2,}/g, ' ').trim();
      if (line.trim().length > 0) {
        current.push(line);
        continue;
      }
      this.push(current);
      current = [];
    }
    this.push(current);
  }

  finish(): string {
    this.flush();
    return this.paragraphs.join('\n\n');
  }

  private push(lines: string[]): void {
    if (lines.length > 0) this.paragraphs.push(lines.join('\n'));
  }
}

/** Depth-first over the DOM without recursion (a hostile page can nest deeper than the call stack). */
function walk(root: Node, out: TextCollector, skip?: (el: Element) => boolean): void {
  type Step = { node: Node; leaving: boolean };
  const stack: Step[] = [];
  // childNodes, not nextSibling: linkedom keeps a document's doctype out of the sibling chain.
  const pushChildren = (parent: Node) => {
    const children = parent.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  };
  pushChildren(root);
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      out.text((node as Text).data);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = (node as Element).localName.toLowerCase();
    if (leaving) {
      leave(name, out);
      continue;
    }
    if (SKIPPED.has(name) || skip?.(node as Element)) continue;
    if (enter(name, out)) {
      stack.push({ node, leaving: true });
      pushChildren(node);
    }
  }
}

/** Returns whether the element's children are to be read. */
function enter(name: string, out: TextCollector): boolean {
  if (name === 'br') {
    out.lineBreak();
    return false;
  }
  if (BLOCKS.has(name)) out.flush();
  if (CELLS.has(name)) out.space();
  if (name === 'pre') out.preDepth++;
  return true;
}

function leave(name: string, out: TextCollector): void {
  if (BLOCKS.has(name)) out.flush();
  if (CELLS.has(name)) out.space();
  if (name === 'pre') out.preDepth--;
}

// The HTML parser's cost grows with the square of the nesting depth, so a page of a million unclosed
// tags would hang the import. No article nests this deep; beyond it, extra opening tags and unmatched
// closing tags are dropped, which keeps every word and loses only structure.
const MAX_DEPTH = 256;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements that an opening tag of the same group closes, as in the HTML parser (<p>a<p>b, <li>a<li>b). */
const CLOSED_BY_SIBLING: Record<string, string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['tr', 'td', 'th'],
  option: ['option'],
};
const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][^\s/>]*)[^>]*>/g;

/** Returns the HTML unchanged unless it nests deeper than MAX_DEPTH. */
function limitNesting(html: string): string {
  const stack: string[] = [];
  const cuts: [number, number][] = [];
  let tooDeep = false;
  for (const match of html.matchAll(TAG)) {
    const [whole, slash, rawName] = match;
    if (rawName === undefined) continue; // a comment
    const name = rawName.toLowerCase();
    const span: [number, number] = [match.index, match.index + whole.length];
    if (slash) {
      const open = stack.lastIndexOf(name);
      if (open >= 0) stack.length = open;
      // Unmatched (also those of dropped openings): the parser would skip it, after a search of its stack.
      else if (name !== 'p' && name !== 'br') cuts.push(span);
      continue;
    }
    if (VOID.has(name)) continue;
    const closes = CLOSED_BY_SIBLING[name];
    if (closes && closes.includes(stack.at(-1) ?? '')) stack.pop();
    if (stack.length >= MAX_DEPTH) {
      tooDeep = true;
      cuts.push(span);
    } else stack.push(name);
  }
  return tooDeep ? cut(html, cuts) : html;
}

function cut(text: string, spans: [number, number][]): string {
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(from, start));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
