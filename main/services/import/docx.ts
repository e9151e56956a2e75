// Word documents (.docx) to plain-text articles. The bytes are sniffed, the zip is checked whole
// (zip-guard.ts) and every XML part carrying a DOCTYPE is refused before mammoth reads the file, so a
// bomb or an entity trick never reaches it. Metadata comes from docProps/core.xml, parsed with entity
// processing off; the five predefined entities and character references are decoded here.
import { XMLParser } from 'fast-xml-parser';
import mammoth from 'mammoth';
import { invalid } from '../errors.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';
import { listZipEntries, looksLikeZip, readZipEntries, readZipEntry } from './zip-guard.ts';
import { firstShortParagraph, singleLine } from './title-fallback.ts';

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const CORE_PROPERTIES = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';
const XML_PART = /\.(xml|rels)$/i;
/** What the API accepts for a title and an author; longer values in core.xml are left out. */
const MAX_TITLE = 500;
const MAX_AUTHOR = 300;
/** The language codes the API accepts (sv, sv-SE); a primary subtag in capitals is lowered first. */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export async function convertDocx(bytes: Uint8Array, name: string): Promise<ConvertedArticle[]> {
  refuseNonDocx(bytes, name);
  const { mainPart, corePart } = findParts(bytes, name);
  const meta = inspectParts(bytes, name, mainPart, corePart);
  const text = toBlocks(rawText(await readDocument(bytes, name)));
  if (text.trim().length === 0) throw invalid(`${name} has no text in it.`);
  const title = meta.title ?? firstShortParagraph(text);
  return [{ text, ...(title === undefined ? {} : { title }), meta: meta.found }];
}

// --- Sniffing -------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: number[] | string): boolean {
  const expected = typeof prefix === 'string' ? Array.from(prefix, (c) => c.charCodeAt(0)) : prefix;
  return expected.every((byte, i) => bytes[i] === byte);
}

/** Whether an OLE compound file holds a stream of this name (its directory stores names as UTF-16LE). */
const hasStream = (bytes: Uint8Array, stream: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(stream, 'utf16le'));

function refuseNonDocx(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  // Word saves a password-protected .docx, like the old .doc, as an OLE compound file rather than a zip.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    if (hasStream(bytes, 'EncryptedPackage')) {
      throw invalid(`${name} is password-protected; open it in Word, remove the password and save it as .docx again.`);
    }
    if (hasStream(bytes, 'WordDocument')) throw invalid(`${name} is an old Word 97–2003 .doc; open it in Word and save it as .docx.`);
    throw invalid(`${name} is password-protected or an old Word 97–2003 .doc; open it in Word and save it as .docx without a password.`);
  }
  if (startsWith(bytes, '%PDF')) throw invalid(`${name} is a PDF, not a Word document; copy its text into a .txt file, or save it as .docx, and import that.`);
  if (startsWith(bytes, '{\\rtf')) throw invalid(`${name} is an RTF file, not a Word document; open it in Word and save it as .docx.`);
  if (!looksLikeZip(bytes)) {
    throw invalid(`${name} is not a Word document: a .docx is a zip archive and this file is not one. It may be damaged or have the wrong extension.`);
  }
}

// --- The package ----------------------------------------------------------------------------------

type Relationship = { type: string; target: string };

const relationshipParser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (tag) => tag === 'Relationship',
});

/**
 * The main document and core properties as mammoth finds them: through the package relationships,
 * falling back to the usual paths. The directory is checked here (entries, paths) before anything else.
 */
function findParts(bytes: Uint8Array, name: string): { mainPart: string; corePart: string } {
  const paths = new Set(listZipEntries(bytes, name));
  const rels = readZipEntry(bytes, '_rels/.rels', name);
  const relationships = rels && !hasDoctype(rels) ? readRelationships(rels) : [];
  const target = (type: string) =>
    relationships
      .filter((r) => r.type === type)
      .map((r) => r.target.replace(/^\//, ''))
      .find((path) => paths.has(path));
  const mainPart = target(OFFICE_DOCUMENT) ?? 'word/document.xml';
  if (!paths.has(mainPart)) throw notWord(bytes, name, paths);
  return { mainPart, corePart: target(CORE_PROPERTIES) ?? 'docProps/core.xml' };
}

function readRelationships(rels: Uint8Array): Relationship[] {
  const parsed = parseXml(relationshipParser, rels);
  const list = isRecord(parsed) && isRecord(parsed.Relationships) ? parsed.Relationships.Relationship : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter(isRecord)
    .flatMap((r) =>
      typeof r.Type === 'string' && typeof r.Target === 'string' && r.TargetMode !== 'External'
        ? [{ type: decodeXmlText(r.Type), target: decodeXmlText(r.Target) }]
        : [],
    );
}

/** A zip that is not a Word document, said in terms of what it seems to be instead. */
function notWord(bytes: Uint8Array, name: string, paths: Set<string>) {
  const mimetype = paths.has('mimetype') ? new TextDecoder().decode(readZipEntry(bytes, 'mimetype', name)?.subarray(0, 100)) : '';
  const kind = mimetype.startsWith('application/vnd.oasis.opendocument')
    ? ' (it looks like an OpenDocument file, e.g. from LibreOffice)'
    : paths.has('xl/workbook.xml')
      ? ' (it looks like an Excel workbook)'
      : paths.has('ppt/presentation.xml')
        ? ' (it looks like a PowerPoint presentation)'
        : '';
  return invalid(`${name} is a zip archive but not a Word document: it has no word/document.xml${kind}.`);
}

/**
 * Checks the whole zip (sizes, entries) and every XML part in one pass; returns what core.xml says.
 * The parts are dropped before mammoth inflates the file again.
 */
function inspectParts(bytes: Uint8Array, name: string, mainPart: string, corePart: string): CoreProperties {
  const parts = readZipEntries(bytes, name, (path) => XML_PART.test(path) || path === mainPart);
  for (const [path, data] of parts) {
    if (hasDoctype(data)) {
      throw invalid(
        `${name} contains a document type declaration (DOCTYPE) in ${path}. Word never writes one, and it can hide entity tricks, so Framelens does not read the file.`,
      );
    }
  }
  const core = parts.get(corePart);
  return core ? readCoreProperties(core) : { found: {} };
}

/** The markers of a DTD in UTF-8 and in UTF-16 either way round; OOXML forbids DTDs, so no real file has one. */
const DTD_MARKERS = ['<!DOCTYPE', '<!doctype', '<!ENTITY'].flatMap((marker) => [
  Buffer.from(marker, 'utf8'),
  Buffer.from(marker, 'utf16le'),
  Buffer.from(marker, 'utf16le').swap16(),
]);

function hasDoctype(data: Uint8Array): boolean {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return DTD_MARKERS.some((marker) => buffer.includes(marker));
}

// --- Core properties ------------------------------------------------------------------------------

type CoreProperties = { title?: string; found: FoundMeta };

const coreParser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function readCoreProperties(data: Uint8Array): CoreProperties {
  const parsed = parseXml(coreParser, data);
  const props = isRecord(parsed) && isRecord(parsed.coreProperties) ? parsed.coreProperties : {};
  const value = (key: string) => {
    const raw = [props[key]].flat()[0];
    const text = typeof raw === 'string' ? singleLine(decodeXmlText(raw)) : '';
    return text.length > 0 ? text : undefined;
  };
  const found: FoundMeta = {};
  const author = value('creator');
  const publishedAt = isoDate(value('created'));
  const language = value('language')?.replace(/^[A-Z]{2,3}(?=-|$)/, (primary) => primary.toLowerCase());
  if (author && author.length <= MAX_AUTHOR) found.author = author;
  if (publishedAt) found.publishedAt = publishedAt;
  if (language && LANGUAGE_CODE.test(language)) found.language = language;
  const title = value('title');
  return title && title.length <= MAX_TITLE ? { title, found } : { found };
}

/** The date as written ("2024-05-02T08:15:00Z" → "2024-05-02"), if it is a real calendar date. */
function isoDate(value: string | undefined): string | undefined {
  const match = value?.match(/^(\d{4})-(\d{2})-(\d{2})(?:T|$)/);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0].slice(0, 10) : undefined;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The predefined entities and character references, in one pass so "&amp;lt;" stays "&lt;". Anything else is left as written. */
function decodeXmlText(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/gi, (whole, hex?: string, dec?: string, named?: string) => {
    if (named) return NAMED_ENTITIES[named] ?? whole;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    const allowed = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return allowed ? String.fromCodePoint(code) : whole;
  });
}

function parseXml(parser: XMLParser, data: Uint8Array): unknown {
  try {
    return parser.parse(decodeXml(data)) as unknown;
  } catch {
    // Metadata is a bonus: a part that does not parse is ignored rather than failing the import.
    return undefined;
  }
}

function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  return new TextDecoder().decode(data);
}

// --- The text -------------------------------------------------------------------------------------

/**
 * Mammoth's document tree for the file. extractRawText drops line breaks (w:br), gluing the words on
 * either side together, so the tree is taken from the conversion's transform hook instead and turned
 * into text here; the HTML step then gets an empty document, so images are never read.
 */
async function readDocument(bytes: Uint8Array, name: string): Promise<unknown> {
  let tree: unknown;
  const capture = (document: unknown) => {
    tree = document;
    return isRecord(document) ? { ...document, children: [] } : document;
  };
  try {
    await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { transformDocument: capture });
  } catch {
    throw invalid(`${name} is damaged or not a valid Word document; Framelens could not read its text.`);
  }
  return tree;
}

/** As mammoth's raw text (each paragraph followed by a blank line), but with line breaks kept as newlines. */
function rawText(node: unknown): string {
  if (!isRecord(node)) return '';
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  if (node.type === 'tab') return '\t';
  if (node.type === 'break') return '\n';
  const inner = Array.isArray(node.children) ? node.children.map(rawText).join('') : '';
  return node.type === 'paragraph' ? `${inner}\n\n` : inner;
}

/** LF line endings; paragraphs as blocks separated by exactly one blank line; empty paragraphs dropped. */
function toBlocks(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((block) => block.trim().length > 0)
    .join('\n\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
