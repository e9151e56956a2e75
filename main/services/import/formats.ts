// Which kind of file an import is: told by its first bytes, then by its extension (a PDF named .docx
// is a PDF). Kept apart from the importers so that telling the format loads none of them.

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
