// RSS (2.0, 0.9x and 1.0/RDF) and Atom 1.0 feeds saved from a browser: one article per item or entry,
// with its title, link, date, author, the feed's title as source and the feed's language.
//
// XML entities are never expanded: a document declaring any is refused before parsing (expansion is
// how hostile files exhaust memory, and external entities would read local files), and the parser
// runs with entity processing off. The five predefined entities and character references are decoded
// by xml-safe.ts, in text only, never inside CDATA.
import { XMLValidator, type ValidationError } from 'fast-xml-parser';
import { invalid } from '../errors.ts';
import { normaliseLineEndings } from '../text/decode.ts';
import { htmlToText } from './html-text.ts';
import { languageCode } from './language-code.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';
import { after, declaresEntities, doctypeEnd, readXmlTree, startsWithWord, XmlReadError, type XmlNode } from './xml-safe.ts';

export function convertFeed(xml: string, name: string): ConvertedArticle[] {
  const source = normaliseLineEndings(xml.replace(/^\uFEFF/, '')).trimStart();
  if (source.trim().length === 0) throw invalid(`${name} is empty.`);
  if (declaresEntities(source)) {
    throw invalid(`${name} declares XML entities; Framelens does not expand them, as that is how hostile files exhaust memory.`);
  }
  const notAFeed = invalid(`${name} is not an RSS or Atom feed.`);
  if (!FEED_ROOTS.has(localName(rootName(source) ?? ''))) throw notAFeed;
  const problem = XMLValidator.validate(source);
  if (problem !== true) throw invalid(`${name} is not well-formed XML (${describe(problem)}); it may have been cut short or damaged when it was saved.`);
  const root = parseTree(source, name);
  const feed = readFeed(root);
  if (feed === 'atom-0.3') throw invalid(`${name} is an Atom 0.3 feed; Framelens reads Atom 1.0 and RSS.`);
  if (!feed) throw notAFeed;
  if (feed.items.length === 0) throw invalid(`${name} is a feed with no items.`);
  // Parts count every item, skipped or not, so "item 3" is the third in the file.
  const articles = feed.items.flatMap((item, i) => {
    const article = feed.convert(item);
    // Character references can write a CR, even inside <pre>.
    return article ? [{ ...article, text: normaliseLineEndings(article.text).trim(), part: `item ${i + 1}` }] : [];
  });
  if (articles.length === 0) throw invalid(`${name} is a feed whose items have neither a title nor any text.`);
  return articles;
}

// ---------------------------------------------------------------------------------------------------
// Refusals before parsing

const FEED_ROOTS = new Set(['rss', 'feed', 'RDF']);

/** The first element's name, past the XML declaration, comments, processing instructions and DOCTYPE. */
function rootName(xml: string): string | undefined {
  let i = 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    if (xml.startsWith('<?', i)) i = after(xml, '?>', i + 2);
    else if (xml.startsWith('<!--', i)) i = after(xml, '-->', i + 4);
    else if (startsWithWord(xml, i, '<!DOCTYPE')) i = doctypeEnd(xml, i);
    else return /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(i, i + 256))?.[1];
  }
}

function describe(problem: ValidationError): string {
  const { msg, line } = problem.err;
  // The validator reports elements left open at the end as "Invalid '[ "rss", "channel" ]' found." on line 1.
  if (/^Invalid '\[/.test(msg)) return 'it ends with elements left open';
  return `${msg.replace(/\.$/, '')}, line ${line}`;
}

// ---------------------------------------------------------------------------------------------------
// The XML tree, with namespaces resolved

/** An element. `name` is namespace-qualified with a fixed prefix per known namespace ("atom:entry", "dc:creator", "item"). */
type XmlElement = {
  name: string;
  local: string;
  attrs: Map<string, string>;
  /** Text (entities decoded, CDATA as written) and child elements, in document order. */
  children: (XmlElement | string)[];
  /** xml:lang in force here. */
  lang?: string;
  /** xml:base in force here, as an absolute URL. */
  base?: string;
};

const ATOM = 'http://www.w3.org/2005/Atom';
const ATOM_03 = 'http://purl.org/atom/ns#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
/** Known namespaces and the prefix their names get here; RSS 1.0 and 0.90 share RSS 2.0's bare names. */
const PREFIXES = new Map([
  [ATOM, 'atom'],
  [ATOM_03, 'atom03'],
  [RDF, 'rdf'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://purl.org/rss/1.0/', ''],
  ['http://my.netscape.com/rdf/simple/0.9/', ''],
]);

/** Far deeper than any feed; the parser refuses beyond it, which bounds its work and this module's recursion. */
const MAX_NESTING = 100;

type Scope = { namespaces: Map<string, string>; lang?: string; base?: string };

function parseTree(xml: string, name: string): XmlElement {
  let top: XmlNode | undefined;
  try {
    top = readXmlTree(xml, MAX_NESTING);
  } catch (error) {
    if (!(error instanceof XmlReadError)) throw error;
    if (error.kind === 'nesting') throw invalid(`${name} nests XML elements more than ${MAX_NESTING} deep; no feed needs that, so Framelens does not read it.`);
    throw invalid(`${name} could not be read as XML (${error.message}).`);
  }
  if (!top) throw invalid(`${name} is not an RSS or Atom feed.`);
  const scope: Scope = { namespaces: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) };
  // Atom without its namespace is still plainly Atom.
  if (top.tag === 'feed' && top.attrs.get('xmlns') === undefined) scope.namespaces.set('', ATOM);
  return buildElement(top, scope);
}

function buildElement(node: XmlNode, parent: Scope): XmlElement {
  const scope = childScope(node.attrs, parent);
  const [prefix, local] = splitName(node.tag);
  const uri = scope.namespaces.get(prefix);
  return {
    name: qualifiedName(prefix, local, uri),
    local,
    attrs: node.attrs,
    children: node.children.map((child) => (typeof child === 'string' ? child : buildElement(child, scope))),
    lang: scope.lang,
    base: scope.base,
  };
}

function childScope(attrs: Map<string, string>, parent: Scope): Scope {
  let namespaces = parent.namespaces;
  for (const [key, value] of attrs) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (namespaces === parent.namespaces) namespaces = new Map(parent.namespaces);
    namespaces.set(key === 'xmlns' ? '' : key.slice(6), value);
  }
  const base = attrs.get('xml:base');
  return { namespaces, lang: attrs.get('xml:lang') ?? parent.lang, base: base === undefined ? parent.base : (resolveUrl(base, parent.base) ?? parent.base) };
}

function splitName(tag: string): [string, string] {
  const colon = tag.indexOf(':');
  return colon < 0 ? ['', tag] : [tag.slice(0, colon), tag.slice(colon + 1)];
}

function localName(tag: string): string {
  return splitName(tag)[1];
}

/** Known namespaces get their fixed prefix; an undeclared prefix is kept as written (sloppy feeds omit xmlns:content). */
function qualifiedName(prefix: string, local: string, uri: string | undefined): string {
  if (uri === undefined || uri === '') return prefix ? `${prefix}:${local}` : local;
  const known = PREFIXES.get(uri);
  if (known === undefined) return `{${uri}}${local}`;
  return known ? `${known}:${local}` : local;
}

// ---------------------------------------------------------------------------------------------------
// Reading the tree

const elements = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  (parent?.children ?? []).filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
const element = (parent: XmlElement | undefined, name: string): XmlElement | undefined => elements(parent, name)[0];

/** The element's own text (its text and CDATA, not its children's), on one line. */
function line(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return nonEmpty(oneLine(el.children.filter((child) => typeof child === 'string').join('')));
}

function oneLine(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

function nonEmpty(text: string | undefined): string | undefined {
  return text && text.trim().length > 0 ? text : undefined;
}

/** The element's content as HTML source: its text as written, and any child elements (unescaped XHTML) serialised back. */
function htmlSource(el: XmlElement): string {
  return el.children.map((child) => (typeof child === 'string' ? child : serialise(child))).join('');
}

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'col', 'area', 'input', 'source', 'track', 'embed', 'meta', 'link', 'param', 'base']);

/** Markup only as far as htmlToText reads it: names and text, no attributes. */
function serialise(el: XmlElement): string {
  const tag = el.local.toLowerCase();
  if (VOID.has(tag)) return `<${tag}>`;
  return `<${tag}>${el.children.map(xhtmlSource).join('')}</${tag}>`;
}

/** Inside XHTML, text is text: escaped so that the HTML parser reads it back as written. */
function xhtmlSource(child: XmlElement | string): string {
  return typeof child === 'string' ? escapeHtml(child) : serialise(child);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markup or an entity: RSS does not say whether a description is HTML, so this decides. */
const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Text that may be HTML or plain: HTML when it looks like it, else plain paragraphs. */
function richText(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const source = htmlSource(el);
  return nonEmpty(LOOKS_LIKE_HTML.test(source) ? htmlToText(source) : plainParagraphs(source));
}

/** Plain text as paragraphs at blank lines, whitespace inside each collapsed, the way htmlToText writes them. */
function plainParagraphs(text: string): string {
  return text
    .split(/\n[ \t\f]*\n/)
    .map(oneLine)
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

// ---------------------------------------------------------------------------------------------------
// RSS and Atom

type Feed = { items: XmlElement[]; convert: (item: XmlElement) => Omit<ConvertedArticle, 'part'> | undefined };

function readFeed(root: XmlElement): Feed | 'atom-0.3' | undefined {
  if (root.name === 'rss') return rssFeed(root, element(root, 'channel'));
  if (root.name === 'rdf:RDF') {
    const channel = element(root, 'channel');
    return channel ? rssFeed(root, channel) : undefined;
  }
  if (root.name === 'atom:feed') return atomFeed(root);
  if (root.name === 'atom03:feed') return 'atom-0.3';
  return undefined;
}

/** RSS 2.0 puts items in the channel, RSS 1.0 beside it. */
function rssFeed(root: XmlElement, channel: XmlElement | undefined): Feed {
  const items = [...elements(channel, 'item'), ...elements(root, 'item')];
  const feedMeta: FoundMeta = {
    source: line(element(channel, 'title')),
    language: languageCode(line(element(channel, 'language')) ?? line(element(channel, 'dc:language')) ?? channel?.lang),
  };
  return { items, convert: (item) => rssItem(item, feedMeta) };
}

function rssItem(item: XmlElement, feedMeta: FoundMeta): Omit<ConvertedArticle, 'part'> | undefined {
  const title = line(element(item, 'title'));
  const text = richText(element(item, 'content:encoded')) ?? richText(element(item, 'description')) ?? title;
  if (!text) return undefined;
  const meta: FoundMeta = {
    // An aggregator's item names its own publication in <source>.
    source: line(element(item, 'source')) ?? feedMeta.source,
    author: rssAuthor(item),
    publishedAt: firstDate(line(element(item, 'pubDate')), line(element(item, 'dc:date'))),
    language: languageCode(item.attrs.get('xml:lang') ?? line(element(item, 'dc:language'))) ?? feedMeta.language,
    url: rssLink(item),
  };
  return { text, title, meta: definedOnly(meta) };
}

function rssLink(item: XmlElement): string | undefined {
  const link = resolveUrl(line(element(item, 'link')), item.base);
  if (link) return link;
  // A guid is the item's permalink unless it says otherwise.
  const guid = element(item, 'guid');
  return guid && guid.attrs.get('isPermaLink') !== 'false' ? resolveUrl(line(guid), item.base) : undefined;
}

function rssAuthor(item: XmlElement): string | undefined {
  const authors = elements(item, 'author').map(line).map(personName);
  const named = authors.length > 0 ? authors : elements(item, 'dc:creator').map(line);
  return joinNames(named);
}

/** RSS wants "email (Name)"; the name is what an analyst wants. */
function personName(author: string | undefined): string | undefined {
  if (!author) return undefined;
  const inParentheses = /^\S+@\S+\s*\((.+)\)$/.exec(author);
  if (inParentheses) return inParentheses[1]!.trim();
  const beforeAddress = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(author);
  return beforeAddress ? beforeAddress[1] : author;
}

function joinNames(names: (string | undefined)[]): string | undefined {
  const present = names.filter((name): name is string => name !== undefined);
  return present.length > 0 ? [...new Set(present)].join(', ') : undefined;
}

function atomFeed(feed: XmlElement): Feed {
  const feedMeta: FoundMeta = { source: atomLine(element(feed, 'atom:title')), author: atomAuthors(feed) };
  return { items: elements(feed, 'atom:entry'), convert: (entry) => atomEntry(entry, feedMeta) };
}

function atomEntry(entry: XmlElement, feedMeta: FoundMeta): Omit<ConvertedArticle, 'part'> | undefined {
  const title = atomLine(element(entry, 'atom:title'));
  const text = atomText(element(entry, 'atom:content')) ?? atomText(element(entry, 'atom:summary')) ?? title;
  if (!text) return undefined;
  const meta: FoundMeta = {
    source: atomLine(element(element(entry, 'atom:source'), 'atom:title')) ?? feedMeta.source,
    // An entry without authors has its feed's.
    author: atomAuthors(entry) ?? feedMeta.author,
    publishedAt: firstDate(line(element(entry, 'atom:published')), line(element(entry, 'atom:updated'))),
    language: languageCode(entry.lang),
    url: atomLink(entry),
  };
  return { text, title, meta: definedOnly(meta) };
}

function atomAuthors(parent: XmlElement): string | undefined {
  return joinNames(elements(parent, 'atom:author').map((author) => line(element(author, 'atom:name'))));
}

/** rel="alternate" (the default rel) is the entry's page; failing that, any link. */
function atomLink(entry: XmlElement): string | undefined {
  const links = elements(entry, 'atom:link').filter((link) => link.attrs.has('href'));
  const alternate = links.find((link) => (link.attrs.get('rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alternate ? resolveUrl(alternate.attrs.get('href'), alternate.base) : undefined;
}

/** An Atom text construct as article text: type "text" (the default), "html" or "xhtml". */
function atomText(el: XmlElement | undefined): string | undefined {
  if (!el || el.attrs.has('src')) return undefined; // content elsewhere, which is never fetched
  const type = (el.attrs.get('type') ?? 'text').toLowerCase();
  if (type === 'text' || type === 'text/plain') return nonEmpty(plainParagraphs(el.children.filter((c) => typeof c === 'string').join('')));
  if (type === 'html' || type === 'text/html') return nonEmpty(htmlToText(htmlSource(el)));
  if (type === 'xhtml' || type === 'application/xhtml+xml') return nonEmpty(htmlToText(el.children.map(xhtmlSource).join('')));
  return undefined; // another media type (often base64): not text
}

function atomLine(el: XmlElement | undefined): string | undefined {
  const text = atomText(el);
  return text === undefined ? undefined : nonEmpty(oneLine(text));
}

// ---------------------------------------------------------------------------------------------------
// Metadata values

/** The first of the values that is a date, as YYYY-MM-DD. */
function firstDate(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const date = value === undefined ? undefined : (rfc822Date(value) ?? isoDate(value));
    if (date) return date;
  }
  return undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // Swedish and German feeds sometimes write their own abbreviations.
  maj: 5,
  mai: 5,
  okt: 10,
  dez: 12,
};

/** "Tue, 03 Jun 2025 08:15:00 +0200": the calendar date as written, in its own timezone. */
function rfc822Date(value: string): string | undefined {
  const match = /^\s*(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{4}|\d{2})(?!\d)/.exec(value);
  if (!match) return undefined;
  const month = MONTHS[match[2]!.toLowerCase()];
  if (month === undefined) return undefined;
  const written = Number(match[3]);
  // RFC 2822's rule for two-digit years.
  const year = match[3]!.length === 4 ? written : written < 50 ? 2000 + written : 1900 + written;
  return calendarDate(year, month, Number(match[1]));
}

/** "2025-06-03T08:15:00+02:00" or "2025-06-03": the date part as written. */
function isoDate(value: string): string | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An http(s) URL, resolved against xml:base when relative; anything else (javascript:, file:) is dropped. */
function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  const written = value?.trim();
  if (!written) return undefined;
  try {
    const url = new URL(written, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return URL.canParse(written) ? written : url.href;
  } catch {
    return undefined;
  }
}

function definedOnly(meta: FoundMeta): FoundMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined)) as FoundMeta;
}
