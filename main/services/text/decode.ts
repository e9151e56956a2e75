// Turning the bytes of an imported file into article text: detect the encoding, refuse what is not
// text, and normalise line endings. Nothing else about the text changes (no Unicode normalisation:
// it would move every offset).
import { MAX_ARTICLE_BYTES } from '../../api/contract.ts';
import { invalid } from '../errors.ts';

export const MAX_IMPORT_BYTES = MAX_ARTICLE_BYTES;

export function decodeArticleBytes(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw invalid(`${name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Framelens imports articles of up to 50 MB.`);
  }
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid(`${name} is not valid UTF-8 text (nor UTF-16 with a byte-order mark). Save it as UTF-8 and import it again.`);
  }
  if (text.includes('\0')) throw invalid(`${name} looks like a binary file (it contains NUL bytes), not plain text.`);
  return checkText(normaliseLineEndings(text), name);
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The checks pasted text and files share (control characters are removed before, at import). */
export function checkText(text: string, name: string): string {
  if (text.trim().length === 0) throw invalid(`${name} has no text in it.`);
  return text;
}

/** The title an article gets when none is given: its first line if short enough, else the file name. */
export function defaultTitle(text: string, fileName?: string): string {
  const firstLine =
    text
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? '';
  const cleaned = firstLine.replace(/^#{1,6}\s+/, '').trim();
  if (cleaned.length > 0 && cleaned.length <= 200) return cleaned;
  if (fileName) return fileName.replace(/\.(txt|md|markdown|text)$/i, '');
  return Array.from(cleaned).slice(0, 120).join('') + '…';
}
