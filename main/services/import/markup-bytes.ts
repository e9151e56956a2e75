// The characters of a saved web page or feed: the encoding its byte-order mark, XML declaration or
// <meta charset> names, else UTF-8, else Windows-1252 (what older Swedish and English news sites
// served as "ISO-8859-1"). Line endings become LF.
import { invalid } from '../errors.ts';
import { MAX_IMPORT_BYTES, normaliseLineEndings } from '../text/decode.ts';
import { decodeWindows1252 } from '../text/windows-1252.ts';

/** The encoding the file declares in its first kilobytes, as a label TextDecoder knows. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const found = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? undefined;
  if (!found) return undefined;
  try {
    return new TextDecoder(found).encoding;
  } catch {
    return undefined;
  }
}

export function decodeMarkup(bytes: Uint8Array, name: string): string {
  if (bytes.length > MAX_IMPORT_BYTES) throw invalid(`${name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Framelens reads files of up to 50 MB.`);
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = new TextDecoder('utf-8').decode(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const declared = declaredEncoding(bytes);
    if (declared === 'windows-1252') text = decodeWindows1252(bytes);
    else if (declared && declared !== 'utf-8') text = new TextDecoder(declared).decode(bytes);
    else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        if (declared === 'utf-8') throw invalid(`${name} says it is UTF-8 but is not; save it again as UTF-8 and import it again.`);
        text = decodeWindows1252(bytes);
      }
    }
  }
  if (text.includes('\0')) throw invalid(`${name} looks like a binary file (it contains NUL bytes), not a web page or feed.`);
  return normaliseLineEndings(text);
}
