// XML from outside files, read without ever expanding an entity. Importers refuse a document that
// declares entities before parsing it (expansion is how hostile files exhaust memory, and external
// entities would read local files), parse it with entity processing off, and decode only the five
// predefined entities and character references themselves, with decodeXmlText.

import { XMLParser } from 'fast-xml-parser';

/** An element as written: its name with any prefix, its attributes (values decoded), its text and elements in order. */
export type XmlNode = { tag: string; attrs: Map<string, string>; children: (XmlNode | string)[] };

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

const parsers = new Map<number, XMLParser>();
const parserFor = (maxNesting: number) => {
  let parser = parsers.get(maxNesting);
  if (!parser) {
    parser = new XMLParser({
      processEntities: false,
      htmlEntities: false,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      preserveOrder: true,
      cdataPropName: CDATA,
      trimValues: false,
      parseTagValue: false,
      parseAttributeValue: false,
      ignorePiTags: true,
      ignoreDeclaration: true,
      maxNestedTags: maxNesting,
    });
    parsers.set(maxNesting, parser);
  }
  return parser;
};

/** Why a document could not be read: nested deeper than allowed, or not XML the parser takes. */
export class XmlReadError extends Error {
  constructor(
    readonly kind: 'nesting' | 'syntax',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The document element, or undefined when the document holds none. Call it on a document that
 * declaresEntities() has cleared: the parser never expands entities, and text and attribute values are
 * decoded here. `maxNesting` bounds the parser's work and every recursion over the tree.
 */
export function readXmlTree(xml: string, maxNesting: number): XmlNode | undefined {
  let nodes: unknown;
  try {
    nodes = parserFor(maxNesting).parse(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(reason)) throw new XmlReadError('nesting', reason);
    throw new XmlReadError('syntax', reason.replace(/^\[[A-Z]+\]\s*/, '').replace(/\.$/, ''));
  }
  const top = Array.isArray(nodes) ? nodes.map(nodeParts).find((part) => part && !/^[?#]/.test(part.tag)) : undefined;
  return top && buildNode(top);
}

type NodeParts = { tag: string; content: unknown; attrs: Map<string, string> };

/** The parser's preserveOrder node: `{ [tag]: content, ':@': attributes }`. */
function nodeParts(node: unknown): NodeParts | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  const tag = Object.keys(record).find((key) => key !== ATTRS);
  if (tag === undefined) return undefined;
  const attrs = new Map<string, string>();
  const raw = record[ATTRS];
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') attrs.set(key, decodeXmlText(value));
  }
  return { tag, content: record[tag], attrs };
}

function buildNode(parts: NodeParts): XmlNode {
  const node: XmlNode = { tag: parts.tag, attrs: parts.attrs, children: [] };
  for (const raw of Array.isArray(parts.content) ? (parts.content as unknown[]) : []) {
    const child = nodeParts(raw);
    if (!child || child.tag.startsWith('?')) continue;
    if (child.tag === TEXT) node.children.push(decodeXmlText(String(child.content)));
    else if (child.tag === CDATA)
      node.children.push(Array.isArray(child.content) ? child.content.map((c) => String(nodeParts(c)?.content ?? '')).join('') : '');
    else node.children.push(buildNode(child));
  }
  return node;
}

/**
 * Whether the document declares entities anywhere outside CDATA and comments. The parser reads a
 * DOCTYPE wherever it appears, even inside an element, so the whole document is scanned, not the prolog.
 */
export function declaresEntities(xml: string): boolean {
  for (let i = xml.indexOf('<!'); i >= 0; i = xml.indexOf('<!', i)) {
    if (xml.startsWith('<![CDATA[', i)) i = after(xml, ']]>', i + 9);
    else if (xml.startsWith('<!--', i)) i = after(xml, '-->', i + 4);
    else if (startsWithWord(xml, i, '<!DOCTYPE')) {
      const end = doctypeEnd(xml, i);
      if (/<!ENTITY/i.test(xml.slice(i, end))) return true;
      i = end;
    } else if (startsWithWord(xml, i, '<!ENTITY')) return true;
    else i += 2;
  }
  return false;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references, in one pass (so "&amp;lt;" stays "&lt;"); other references are kept as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (named) return XML_ENTITIES[named]!;
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/** The index just past the first `close` from `from`, or the end of the text when there is none. */
export function after(text: string, close: string, from: number): number {
  const at = text.indexOf(close, from);
  return at < 0 ? text.length : at + close.length;
}

export function startsWithWord(text: string, at: number, word: string): boolean {
  return text.slice(at, at + word.length).toUpperCase() === word;
}

/** The index just past a DOCTYPE's closing `>`: past quoted literals, the internal subset and its comments. */
export function doctypeEnd(xml: string, start: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = start + 2; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (xml.startsWith('<!--', i)) i = after(xml, '-->', i + 4) - 1;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return xml.length;
}
