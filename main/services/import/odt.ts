// OpenDocument text (.odt, from LibreOffice, OpenOffice or Google Docs) to a plain-text article. The
// file is a zip, checked whole by zip-guard.ts; its mimetype says what kind of document it is,
// content.xml holds the text and meta.xml the title, author, date and language. No XML part that
// declares entities is read, and the parser runs with entity processing off (see xml-safe.ts).
//
// Paragraphs and headings are blocks, wherever they are: in lists, table cells, sections and the text
// boxes of frames. Comments, footnotes and endnotes, tracked deletions and the templates of indexes are
// left out. White space follows ODF's rules: spaces, tabs and line ends written in the XML collapse to
// one space, and text:s, text:tab and text:line-break are the spaces, tabs and line breaks typed.
import { XMLValidator } from 'fast-xml-parser';
import { invalid } from '../errors.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';
import { languageCode } from './language-code.ts';
import { declaresEntities, readXmlTree, XmlReadError, type XmlNode } from './xml-safe.ts';
import { listZipEntries, looksLikeZip, readZipEntries } from './zip-guard.ts';
import { firstShortParagraph, singleLine } from './title-fallback.ts';

const ODT = 'application/vnd.oasis.opendocument.text';
const PARTS = new Set(['mimetype', 'content.xml', 'meta.xml', 'META-INF/manifest.xml']);
/** Far deeper than any document; the parser refuses beyond it, which also bounds the recursion here. */
const MAX_NESTING = 256;
/** More spaces than any text:s needs; a hostile count is cut to this. */
const MAX_SPACES = 1000;

export function convertOdt(bytes: Uint8Array, name: string): ConvertedArticle[] {
  refuseNonZip(bytes, name);
  const paths = new Set(listZipEntries(bytes, name));
  const parts = readZipEntries(bytes, name, (path) => PARTS.has(path));
  const manifest = readPart(parts, 'META-INF/manifest.xml', name);
  const kind = mediaType(parts, manifest);
  if (kind !== ODT) throw notText(name, kind, paths);
  if (manifest && find(manifest, 'manifest:encryption-data')) {
    throw invalid(`${name} is password-protected; open it in LibreOffice, save it again without a password and import that.`);
  }
  const content = readContent(parts, name);
  const text = documentText(content);
  if (text.length === 0) throw invalid(`${name} has no text in it.`);
  const { title, meta } = readMeta(readPart(parts, 'meta.xml', name));
  const heading = title ?? firstShortParagraph(text);
  return [{ text, ...(heading === undefined ? {} : { title: heading }), meta }];
}

// --- Sniffing -------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: number[] | string): boolean {
  const expected = typeof prefix === 'string' ? Array.from(prefix, (c) => c.charCodeAt(0)) : prefix;
  return expected.every((byte, i) => bytes[i] === byte);
}

function refuseNonZip(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw invalid(`${name} is an old Microsoft Office file (such as a Word 97–2003 .doc), not an OpenDocument text; open it and save it as .odt or .docx.`);
  }
  if (startsWith(bytes, '%PDF')) throw invalid(`${name} is a PDF, not an OpenDocument text; import it as a PDF.`);
  if (startsWith(bytes, '{\\rtf')) throw invalid(`${name} is an RTF file, not an OpenDocument text; import it as .rtf.`);
  if (!looksLikeZip(bytes)) {
    throw invalid(`${name} is not an OpenDocument text: a .odt is a zip archive and this file is not one. It may be damaged or have the wrong extension.`);
  }
}

/** What the package says it is: its mimetype entry, or failing that the manifest's entry for the root. */
function mediaType(parts: Map<string, Uint8Array>, manifest: XmlElement | undefined): string | undefined {
  const mimetype = parts.get('mimetype');
  if (mimetype) return new TextDecoder().decode(mimetype.subarray(0, 200)).trim();
  const root = manifest && findAll(manifest, 'manifest:file-entry').find((entry) => entry.attrs.get('manifest:full-path') === '/');
  return root?.attrs.get('manifest:media-type')?.trim();
}

const AS_SHEET = 'save it as .xlsx or .csv to import it as a spreadsheet of articles';
const AS_ODT = 'open it in LibreOffice and save it as .odt';

/** Other kinds of package, as [what it is, what to do instead]. */
const OTHER_KINDS = new Map<string, [string, string?]>([
  ['application/vnd.oasis.opendocument.spreadsheet', ['an OpenDocument spreadsheet (.ods)', AS_SHEET]],
  ['application/vnd.oasis.opendocument.spreadsheet-template', ['an OpenDocument spreadsheet template (.ots)', AS_SHEET]],
  ['application/vnd.oasis.opendocument.text-template', ['an OpenDocument text template (.ott)', AS_ODT]],
  ['application/vnd.oasis.opendocument.text-master', ['an OpenDocument master document (.odm)', 'open it in LibreOffice and export it as .odt']],
  ['application/vnd.oasis.opendocument.text-web', ['an HTML document template (.oth)', AS_ODT]],
  ['application/vnd.oasis.opendocument.presentation', ['an OpenDocument presentation (.odp)']],
  ['application/vnd.oasis.opendocument.presentation-template', ['an OpenDocument presentation template (.otp)']],
  ['application/vnd.oasis.opendocument.graphics', ['an OpenDocument drawing (.odg)']],
  ['application/vnd.oasis.opendocument.formula', ['an OpenDocument formula (.odf)']],
  ['application/vnd.oasis.opendocument.chart', ['an OpenDocument chart (.odc)']],
  ['application/vnd.oasis.opendocument.image', ['an OpenDocument image (.odi)']],
  ['application/vnd.oasis.opendocument.base', ['a LibreOffice Base database (.odb)']],
  ['application/epub+zip', ['an EPUB e-book']],
]);

/** A zip that is not an OpenDocument text, said in terms of what it seems to be instead. */
function notText(name: string, kind: string | undefined, paths: Set<string>) {
  const other = kind === undefined ? undefined : OTHER_KINDS.get(kind);
  if (other) return invalid(`${name} is ${other[0]}, not an OpenDocument text${other[1] ? `; ${other[1]}` : ''}.`);
  if (kind) return invalid(`${name} is not an OpenDocument text: its mimetype is ${showValue(kind)}.`);
  const looks = paths.has('word/document.xml')
    ? ' (it looks like a Word document, .docx)'
    : paths.has('xl/workbook.xml')
      ? ' (it looks like an Excel workbook, .xlsx)'
      : paths.has('ppt/presentation.xml')
        ? ' (it looks like a PowerPoint presentation, .pptx)'
        : '';
  return invalid(`${name} is a zip archive but not an OpenDocument text: it has no mimetype${looks}.`);
}

/** Values from the file are shown in messages, so a hostile one is cut short and stripped of control characters. */
function showValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

// --- The XML parts --------------------------------------------------------------------------------

/** An element, its name and its attributes' names with the usual prefix of a known namespace ("text:p"). */
type XmlElement = { name: string; attrs: Map<string, string>; children: (XmlElement | string)[] };

const NAMESPACES = new Map([
  ['urn:oasis:names:tc:opendocument:xmlns:office:1.0', 'office'],
  ['urn:oasis:names:tc:opendocument:xmlns:text:1.0', 'text'],
  ['urn:oasis:names:tc:opendocument:xmlns:table:1.0', 'table'],
  ['urn:oasis:names:tc:opendocument:xmlns:drawing:1.0', 'draw'],
  ['urn:oasis:names:tc:opendocument:xmlns:meta:1.0', 'meta'],
  ['urn:oasis:names:tc:opendocument:xmlns:manifest:1.0', 'manifest'],
  ['urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0', 'svg'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
]);

function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  return new TextDecoder().decode(data);
}

const looksLikeXml = (xml: string) => /^\uFEFF?\s*</.test(xml);

function refuseEntities(xml: string, path: string, name: string): void {
  if (declaresEntities(xml)) {
    throw invalid(
      `${name} declares XML entities in ${path}. LibreOffice never writes them, and they can hide tricks that exhaust memory, so Framelens does not read the file.`,
    );
  }
}

/** A part other than the text, for what it says; one that is missing or does not parse says nothing. */
function readPart(parts: Map<string, Uint8Array>, path: string, name: string): XmlElement | undefined {
  const data = parts.get(path);
  if (!data) return undefined;
  const xml = decodeXml(data);
  refuseEntities(xml, path, name);
  try {
    return looksLikeXml(xml) ? buildTree(readXmlTree(xml, MAX_NESTING)) : undefined;
  } catch {
    return undefined;
  }
}

/** content.xml, refused when it is missing, unreadable (encrypted without a manifest saying so) or not well-formed. */
function readContent(parts: Map<string, Uint8Array>, name: string): XmlElement {
  const data = parts.get('content.xml');
  if (!data) throw invalid(`${name} is damaged: it has no content.xml, the part of an OpenDocument file that holds the text.`);
  const xml = decodeXml(data);
  if (!looksLikeXml(xml)) {
    throw invalid(
      `${name} is password-protected or damaged: its text (content.xml) is not XML. If it has a password, open it in LibreOffice, save it again without one and import that.`,
    );
  }
  refuseEntities(xml, 'content.xml', name);
  const problem = XMLValidator.validate(xml);
  if (problem !== true) {
    const { msg, line } = problem.err;
    throw invalid(`${name} is damaged: its text (content.xml) is not well-formed XML (${msg.replace(/\.$/, '')}, line ${line}).`);
  }
  let tree: XmlElement | undefined;
  try {
    tree = buildTree(readXmlTree(xml, MAX_NESTING));
  } catch (error) {
    if (error instanceof XmlReadError && error.kind === 'nesting') {
      throw invalid(`${name} nests XML elements more than ${MAX_NESTING} deep; no document needs that, so Framelens does not read it.`);
    }
    throw invalid(`${name} is damaged: its text (content.xml) could not be read as XML.`);
  }
  if (!tree) throw invalid(`${name} is damaged: its text (content.xml) has no document in it.`);
  return tree;
}

/** The document element, with names resolved through the namespaces declared in scope. */
function buildTree(top: XmlNode | undefined): XmlElement | undefined {
  return top && buildElement(top, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function buildElement(node: XmlNode, inherited: Map<string, string>): XmlElement {
  const namespaces = declaredNamespaces(node.attrs, inherited);
  const attrs = new Map<string, string>();
  for (const [key, value] of node.attrs) if (key !== 'xmlns' && !key.startsWith('xmlns:')) attrs.set(resolveName(key, namespaces, false), value);
  return {
    name: resolveName(node.tag, namespaces, true),
    attrs,
    children: node.children.map((child) => (typeof child === 'string' ? child : buildElement(child, namespaces))),
  };
}

function declaredNamespaces(attrs: Map<string, string>, inherited: Map<string, string>): Map<string, string> {
  let namespaces = inherited;
  for (const [key, value] of attrs) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (namespaces === inherited) namespaces = new Map(inherited);
    namespaces.set(key === 'xmlns' ? '' : key.slice(6), value);
  }
  return namespaces;
}

/** "p" in the text namespace → "text:p", whatever prefix the file used; unknown namespaces → "{uri}p". */
function resolveName(tag: string, namespaces: Map<string, string>, isElement: boolean): string {
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const local = colon < 0 ? tag : tag.slice(colon + 1);
  // Unprefixed attributes are in no namespace.
  const uri = prefix || isElement ? namespaces.get(prefix) : undefined;
  if (uri === undefined) return tag;
  const known = NAMESPACES.get(uri);
  return known ? `${known}:${local}` : `{${uri}}${local}`;
}

const childElements = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  (parent?.children ?? []).filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);

function findAll(root: XmlElement, name: string, found: XmlElement[] = []): XmlElement[] {
  for (const child of root.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) found.push(child);
    findAll(child, name, found);
  }
  return found;
}

const find = (root: XmlElement, name: string) => findAll(root, name)[0];

// --- meta.xml -------------------------------------------------------------------------------------

function readMeta(root: XmlElement | undefined): { title?: string; meta: FoundMeta } {
  const fields = root?.name === 'office:document-meta' ? childElements(root, 'office:meta')[0] : undefined;
  const value = (field: string) => {
    const element = childElements(fields, field)[0];
    const text = element ? singleLine(element.children.filter((c) => typeof c === 'string').join('')) : '';
    return text.length > 0 ? text : undefined;
  };
  const meta: FoundMeta = {};
  const author = value('meta:initial-creator') ?? value('dc:creator');
  const publishedAt = isoDate(value('meta:creation-date'));
  const language = languageCode(value('dc:language'));
  if (author) meta.author = author;
  if (publishedAt) meta.publishedAt = publishedAt;
  if (language) meta.language = language;
  const title = value('dc:title');
  return title ? { title, meta } : { meta };
}

/** "2024-05-02T08:15:00.123" → "2024-05-02", if it is a real calendar date. */
function isoDate(value: string | undefined): string | undefined {
  const match = value?.match(/^(\d{4})-(\d{2})-(\d{2})(?:T|$)/);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0].slice(0, 10) : undefined;
}

// --- content.xml ----------------------------------------------------------------------------------

/** Elements whose content is not the document's visible text. */
const SKIPPED = new Set([
  'office:annotation',
  'office:annotation-end',
  'office:forms',
  'text:note',
  'text:tracked-changes',
  'text:hidden-text',
  'text:ruby-text',
  // The label of a numbered paragraph or heading, as last laid out: a copy, not text typed.
  'text:number',
  'text:sequence-decls',
  'text:variable-decls',
  'text:user-field-decls',
  'text:dde-connection-decls',
  'svg:title',
  'svg:desc',
]);

/** Index sources (text:table-of-content-source and the like) hold templates, not the index shown. */
const isSkipped = (name: string) => SKIPPED.has(name) || (name.startsWith('text:') && name.endsWith('-source'));

/** Text elements that hold paragraphs rather than text: white space in them is layout. */
const CONTAINERS = new Set([
  'text:list',
  'text:list-item',
  'text:list-header',
  'text:section',
  'text:numbered-paragraph',
  'text:index-body',
  'text:index-title',
]);

/** Whether character data in the element is text: inline text elements are, frames, tables, lists and indexes are not. */
const isInline = (name: string) => name.startsWith('text:') && !CONTAINERS.has(name) && !/^text:(?:.*-index|table-of-content|bibliography)$/.test(name);

type Paragraph = {
  parts: string[];
  /** Paragraphs inside this one (the text box of a frame anchored in it), to follow it. */
  after: string[];
  /** The last text written was a space from the XML, so a following one collapses into it. */
  spaced: boolean;
};

class TextCollector {
  readonly blocks: string[] = [];
  private readonly open: Paragraph[] = [];

  /** The element's content; `inline` when it is in a paragraph with no frame, table or list in between. */
  walk(element: XmlElement, inline: boolean): void {
    for (const child of element.children) {
      if (typeof child === 'string') {
        if (inline) this.characters(child);
      } else this.element(child, inline);
    }
  }

  private element(element: XmlElement, inline: boolean): void {
    const { name } = element;
    if (isSkipped(name)) return;
    if (name === 'text:p' || name === 'text:h') {
      this.open.push({ parts: [], after: [], spaced: false });
      this.walk(element, true);
      this.close();
    } else if (name === 'text:s') {
      const count = Number.parseInt(element.attrs.get('text:c') ?? '1', 10);
      this.typed(inline, ' '.repeat(Number.isFinite(count) && count > 0 ? Math.min(count, MAX_SPACES) : 1));
    } else if (name === 'text:tab') this.typed(inline, '\t');
    else if (name === 'text:line-break') this.typed(inline, '\n');
    else this.walk(element, inline && isInline(name));
  }

  private close(): void {
    const paragraph = this.open.pop()!;
    const outer = this.open[this.open.length - 1];
    const target = outer ? outer.after : this.blocks;
    target.push(paragraph.parts.join(''));
    for (const block of paragraph.after) target.push(block);
  }

  /** Spaces, tabs and line ends in the XML collapse to one space, and none starts a paragraph. */
  private characters(text: string): void {
    const paragraph = this.open[this.open.length - 1]!;
    let collapsed = text.replace(/[ \t\r\n]+/g, ' ');
    if (collapsed.startsWith(' ') && (paragraph.spaced || paragraph.parts.length === 0)) collapsed = collapsed.slice(1);
    if (collapsed.length === 0) return;
    paragraph.parts.push(collapsed);
    paragraph.spaced = collapsed.endsWith(' ');
  }

  /** Spaces, tabs and breaks typed (text:s, text:tab, text:line-break): kept as they are. */
  private typed(inline: boolean, text: string): void {
    if (!inline) return;
    const paragraph = this.open[this.open.length - 1]!;
    paragraph.parts.push(text);
    paragraph.spaced = false;
  }
}

function documentText(root: XmlElement): string {
  const body = root.name === 'office:document-content' ? childElements(root, 'office:body')[0] : undefined;
  const text = childElements(body, 'office:text')[0];
  if (!text) return '';
  const collector = new TextCollector();
  collector.walk(text, false);
  return toBlocks(collector.blocks);
}

/** Blocks separated by exactly one blank line (two line breaks in a row end a block too); empty ones dropped. */
function toBlocks(blocks: string[]): string {
  return blocks
    .join('\n\n')
    .split(/\n(?:[ \t]*\n)+/)
    .filter((block) => block.trim().length > 0)
    .join('\n\n')
    .trim();
}
