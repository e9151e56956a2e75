// From a file's bytes to plain-text articles: which format it is (by its first bytes, then by its
// extension, so a PDF named .docx is read as what it is), and the importer for that format.
import type { ImportInput } from '../articles.ts';
import { invalid } from '../errors.ts';
import { decodeArticleBytes } from '../text/decode.ts';
import { convertDocx } from './docx.ts';
import { convertFeed } from './feed.ts';
import { convertHtml } from './html.ts';
import { htmlToText } from './html-text.ts';
import { splitArticles, trySplit } from './split/split.ts';
import { convertPdf } from './pdf.ts';
import { convertOdt } from './odt.ts';
import { convertRtf } from './rtf.ts';
import { decodeMarkup } from './markup-bytes.ts';
import type { ConvertedArticle } from './types.ts';

export type Format = 'text' | 'html' | 'docx' | 'odt' | 'feed' | 'sheet' | 'pdf' | 'rtf' | 'zip' | 'ole';

/** The file extensions the importers read, for file pickers and folder imports. */
export const IMPORTABLE_EXTENSIONS = [
  '.txt',
  '.md',
  '.markdown',
  '.text',
  '.html',
  '.htm',
  '.xhtml',
  '.docx',
  '.xml',
  '.rss',
  '.atom',
  '.csv',
  '.tsv',
  '.xlsx',
];

/** Spreadsheets of articles, one per row: they need their columns mapped (see sheet/). */
export const isSheetName = (name: string) => /\.(csv|tsv|xlsx)$/i.test(name);

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const extensionOf = (name: string) => /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';

/** The start of a text file as lowercase ASCII, past a BOM and white space, to recognise markup. */
function opening(bytes: Uint8Array): string {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 2048); i++) head += String.fromCharCode(bytes[i]!);
  return head
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
}

export function sniffFormat(bytes: Uint8Array, name: string): Format {
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'ole';
  if (startsWith(bytes, 0x50, 0x4b)) {
    const extension = extensionOf(name);
    return extension === '.docx' ? 'docx' : extension === '.odt' ? 'odt' : extension === '.xlsx' ? 'sheet' : 'zip';
  }
  if (isSheetName(name)) return 'sheet';
  const head = opening(bytes);
  const extension = extensionOf(name);
  if (/^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<rss|<feed|<rdf:rdf)/.test(head) || /^(<rss|<feed)/.test(head)) return 'feed';
  if (/^(<!doctype html|<html|<head|<body)/.test(head) || ['.html', '.htm', '.xhtml'].includes(extension)) return 'html';
  if (['.xml', '.rss', '.atom'].includes(extension)) return 'feed';
  if (extension === '.docx') return 'docx';
  return 'text';
}

/** The file's articles; throws INVALID_INPUT with a message naming the file when it cannot be read. */
export async function convertFile(name: string, bytes: Uint8Array): Promise<ConvertedArticle[]> {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  switch (sniffFormat(bytes, name)) {
    case 'text':
      return [{ text: decodeArticleBytes(bytes, name), meta: {} }];
    case 'html':
      return [convertHtml(decodeMarkup(bytes, name), name)];
    case 'feed':
      return convertFeed(decodeMarkup(bytes, name), name);
    case 'docx':
    case 'ole':
      return convertDocx(bytes, name);
    case 'sheet':
      throw invalid(`${name} is a spreadsheet of articles; its columns are chosen in the Import dialog, or with framelens import --columns.`);
    case 'pdf':
      return convertPdf(bytes, name);
    case 'rtf':
      return convertRtf(bytes, name);
    case 'odt':
      return convertOdt(bytes, name);
    case 'zip':
      if (/\.qdpx$/i.test(name)) throw invalid(`${name} is a REFI-QDA project; it is imported as a project of its own (project.importQdpx).`);
      throw invalid(`${name} is a zip archive Framelens does not read; it imports .docx, .odt and .xlsx among zipped formats.`);
  }
}

/** What the analyst gave for a whole batch; a field given wins over what the file says. */
export type GivenMeta = { source?: string | null; author?: string | null; publishedAt?: string | null; language?: string | null; url?: string | null };

const LIMITS = { title: 500, source: 300, author: 300, url: 2000 } as const;

/** Text from a file's metadata as a field can hold it: no control characters or half characters, within its length. */
function fit(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const clean = value
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    .replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** A file's articles as the project stores them, each named after its file (and its place in it). */
export function importInputs(fileName: string, articles: ConvertedArticle[], given: GivenMeta = {}, title?: string): ImportInput[] {
  const chosen = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return articles.map((a) => ({
    text: a.text,
    name: a.part ? `${fileName} › ${a.part}` : fileName,
    title: (articles.length === 1 ? title : undefined) ?? fit(a.title, LIMITS.title),
    meta: {
      source: fit(a.meta.source, LIMITS.source),
      author: fit(a.meta.author, LIMITS.author),
      publishedAt: a.meta.publishedAt,
      language: a.meta.language,
      url: fit(a.meta.url, LIMITS.url),
      ...chosen,
    },
  }));
}

/**
 * The file's whole text, for finding the articles of a news-database export in it: a web page's every
 * block (Readability would keep one article of many), else what the file's importer gives.
 */
export async function wholeText(name: string, bytes: Uint8Array): Promise<string> {
  if (sniffFormat(bytes, name) === 'html') {
    const text = htmlToText(decodeMarkup(bytes, name));
    if (!text) throw invalid(`${name} is a web page with no text in it.`);
    return text;
  }
  const articles = await convertFile(name, bytes);
  return articles.map((a) => a.text).join('\n\n');
}

export type SplitChoice = { split?: boolean; delimiter?: string };

/** The file's articles, split as a news-database export when the analyst said so; one article otherwise. */
export async function convertSplit(name: string, bytes: Uint8Array, choice: SplitChoice): Promise<ConvertedArticle[]> {
  if (!choice.split && choice.delimiter === undefined) return convertFile(name, bytes);
  const text = await wholeText(name, bytes);
  if (choice.delimiter !== undefined) return splitArticles(text, { delimiter: choice.delimiter }, name);
  return trySplit(text) ?? convertFile(name, bytes);
}
