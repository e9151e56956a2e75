// XML from outside files, read without ever expanding an entity. Importers refuse a document that
// declares entities before parsing it (expansion is how hostile files exhaust memory, and external
// entities would read local files), parse it with entity processing off, and decode only the five
// predefined entities and character references themselves, with decodeXmlText.

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
