// Writing XML by hand: a few element kinds, escaped so that any reader gets back the text as written.
// XML 1.0 cannot carry most control characters at all (not even as &#1;), so they are left out; a lone
// half of a surrogate pair is no character either and becomes U+FFFD. Line breaks inside attributes and
// CRs anywhere are written as character references, which survive a reader's whitespace normalisation.

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const xmlSafe = (text: string) => text.replace(NOT_XML, '').replace(LONE_SURROGATE, '\uFFFD');

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export type Attributes = Record<string, string | number | boolean | undefined>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) out += ` ${key}="${escapeAttribute(String(value))}"`;
  return out;
}

/** An XML document written element by element, indented two spaces a level. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private readonly open: string[] = [];

  private indent(): string {
    return '  '.repeat(this.open.length);
  }

  start(name: string, attrs: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${attributes(attrs)}>\n`);
    this.open.push(name);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XmlWriter: end() without start()');
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  empty(name: string, attrs: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${attributes(attrs)}/>\n`);
    return this;
  }

  /** An element holding text only; the text is written exactly, without indentation inside it. */
  text(name: string, text: string, attrs: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${attributes(attrs)}>${escapeText(text)}</${name}>\n`);
    return this;
  }

  toString(): string {
    if (this.open.length) throw new Error(`XmlWriter: <${this.open.at(-1)}> is still open`);
    return this.parts.join('');
  }
}
