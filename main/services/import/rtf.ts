// RTF to plain text, for the text-only RTF that Word writes and news archives export (LexisNexis and
// Nexis Uni, Factiva, Retriever/Mediearkivet, ProQuest). One pass over the source: groups and control
// words are tokenised here, and only the body's text is kept. Tables of fonts, colours and styles,
// pictures, objects, headers, footers, footnotes, field instructions and unknown {\*\…} destinations
// are skipped; \'hh escapes are decoded by the code page of the document (or of the font in use), and
// \uN escapes replace their fallback characters as \ucN says.
//
// Archive exports hold many articles one after another; they stay one text here, with page and
// section breaks as block breaks, and rtfToText is there for a splitter that works on the layout.
import { invalid } from '../errors.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';
import { CP1252_HIGH } from '../text/windows-1252.ts';
import { firstShortParagraph, singleLine } from './title-fallback.ts';

/** Far deeper than any real document; a file nesting deeper is refused rather than followed. */
const MAX_DEPTH = 512;

export function convertRtf(bytes: Uint8Array, name: string): ConvertedArticle[] {
  // RTF is 7-bit text with its own escapes, so each byte is read as one character; \'hh and any raw
  // 8-bit bytes are decoded by the document's code page while reading.
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!/[^\s\0]/.test(source)) throw invalid(`${name} is empty.`);
  const { text, title, meta } = rtfToText(source, name);
  if (text.length === 0) throw invalid(`${name} has no text in it.`);
  const heading = title ?? firstShortParagraph(text);
  return [{ text, ...(heading === undefined ? {} : { title: heading }), meta }];
}

/**
 * The body text of an RTF document and what its \info group says. `rtf` holds the file one byte per
 * character (as read with latin1); characters above U+00FF, from a source already decoded, are kept
 * as they are. Refuses (INVALID_INPUT, naming `name`) what is not RTF, is cut short or nests too deep.
 */
export function rtfToText(rtf: string, name = 'The RTF text'): { text: string; title?: string; meta: FoundMeta } {
  // Past a byte-order mark (as a character, or as UTF-8 bytes read one per character) and white space.
  const start = /^(?:\xef\xbb\xbf)?\s*/.exec(rtf)![0].length;
  if (!rtf.startsWith('{\\rtf', start)) {
    throw invalid(`${name} is not an RTF file: it does not begin with {\\rtf. It may be damaged or have the wrong file extension.`);
  }
  const reader = new RtfReader(rtf, name);
  reader.read(start);
  return reader.result();
}

// --- Groups and destinations ----------------------------------------------------------------------

/**
 * How a group's control words are read: body text; the \info group and its \title/\author text and
 * \creatim date; the font table (for code pages); a \upr pair (ANSI and Unicode versions of the same
 * text, of which only the \ud one is read); a shape, whose text box (\shptxt) is body text.
 */
type Mode = 'body' | 'info' | 'meta' | 'creatim' | 'fonttbl' | 'upr' | 'shape';

type Group = {
  mode: Mode;
  /** Where the group's text goes; undefined drops it. */
  sink: string[] | undefined;
  /** Fallback characters after each \uN (\ucN). */
  uc: number;
  /** The font in use (\fN); -1 is the document's default font. */
  font: number;
  /** Hidden (\v) or deleted (\deleted) text is not shown, so not read. */
  hidden: boolean;
  deleted: boolean;
  /** A \* was just read: the next control word names a destination the reader may skip. */
  starred: boolean;
  /** In a \upr group, the mode and sink its \ud part is read with. */
  resume?: { mode: Mode; sink: string[] | undefined };
};

/** Destinations whose content is never body text. */
const SKIPPED = new Set([
  'colortbl',
  'stylesheet',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'footnote',
  'fldinst',
  'nonshppict',
  'shprslt',
  'sp',
  // Numbering text for readers without lists ("1.", a Symbol-font bullet).
  'listtext',
  'pntext',
  'pntxta',
  'pntxtb',
  // Tables and marks that hold no visible text.
  'filetbl',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'xe',
  'tc',
  'txe',
  'rxe',
  'bkmkstart',
  'bkmkend',
  'template',
  'ftnsep',
  'ftnsepc',
  'ftncn',
  'aftnsep',
  'aftnsepc',
  'aftncn',
  'atnid',
  'atnauthor',
  'atntime',
  'atnref',
  'annotation',
]);

/** Control words that stand for a character. */
const CHARACTERS = new Map([
  ['tab', '\t'],
  ['emdash', '\u2014'],
  ['endash', '\u2013'],
  ['lquote', '\u2018'],
  ['rquote', '\u2019'],
  ['ldblquote', '\u201c'],
  ['rdblquote', '\u201d'],
  ['bullet', '\u2022'],
  ['emspace', '\u2003'],
  ['enspace', '\u2002'],
  ['qmspace', '\u2005'],
  ['zwj', '\u200d'],
  ['zwnj', '\u200c'],
  ['zwbo', '\u200b'],
  ['ltrmark', '\u200e'],
  ['rtlmark', '\u200f'],
]);

/** Control words that end a block: paragraphs, and page, section, column, cell and row breaks. */
const BLOCK_BREAKS = new Set(['par', 'sect', 'page', 'column', 'cell', 'row', 'nestcell', 'nestrow']);
const LINE_BREAKS = new Set(['line', 'lbr']);
const BLOCK = '\n\n';
const LINE = '\n';

/** Words the reader acts on in formatting() and destination(); every other word is ignored. */
const READ = [
  'u',
  'uc',
  'f',
  'plain',
  'v',
  'deleted',
  'ansi',
  'mac',
  'ansicpg',
  'deff',
  'fonttbl',
  'fcharset',
  'cpg',
  'info',
  'title',
  'author',
  'creatim',
  'yr',
  'mo',
  'dy',
  'upr',
  'shptxt',
];

type WordKind = 'skip' | 'block' | 'line' | 'char' | 'read';

const WORD_KINDS = new Map<string, WordKind>([
  ...[...SKIPPED].map((word) => [word, 'skip'] as const),
  ...[...BLOCK_BREAKS].map((word) => [word, 'block'] as const),
  ...[...LINE_BREAKS].map((word) => [word, 'line'] as const),
  ...[...CHARACTERS.keys()].map((word) => [word, 'char'] as const),
  ...READ.map((word) => [word, 'read'] as const),
]);

// --- Code pages -----------------------------------------------------------------------------------

/** \fcharsetN → the Windows code page its text is in; charsets not listed use the document's. */
const CHARSET_CODEPAGES = new Map([
  [77, 10000],
  [128, 932],
  [129, 949],
  [134, 936],
  [136, 950],
  [161, 1253],
  [162, 1254],
  [163, 1258],
  [177, 1255],
  [178, 1256],
  [186, 1257],
  [204, 1251],
  [222, 874],
  [238, 1250],
]);

const CODEPAGE_LABELS = new Map([
  [65001, 'utf-8'],
  [10000, 'macintosh'],
  [866, 'ibm866'],
  [874, 'windows-874'],
  [932, 'shift_jis'],
  [936, 'gbk'],
  [949, 'euc-kr'],
  [950, 'big5'],
  [20866, 'koi8-r'],
  [21866, 'koi8-u'],
]);

/** A single-byte code page as a table of its 256 characters; a multi-byte one as a decoder for runs of bytes. */
type Codepage = { table: string[] } | { decoder: TextDecoder };

const MULTI_BYTE = new Set([932, 936, 949, 950, 65001]);

/** Built here: Node's TextDecoder reads windows-1252 as Latin-1 (0x93 as U+0093, not “). */
const WINDOWS_1252: Codepage = {
  table: Array.from({ length: 256 }, (_, byte) => (byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte))),
};

const codepages = new Map<number, Codepage>([
  [1252, WINDOWS_1252],
  [28591, WINDOWS_1252],
]);

/** The code page by number; one TextDecoder cannot read (IBM 437, say) is read as Windows-1252. */
function codepageFor(number: number): Codepage {
  let codepage = codepages.get(number);
  if (!codepage) {
    const label =
      CODEPAGE_LABELS.get(number) ??
      (number >= 1250 && number <= 1258 ? `windows-${number}` : number > 28591 && number < 28606 ? `iso-8859-${number - 28590}` : undefined);
    codepage = WINDOWS_1252;
    try {
      if (label) {
        const decoder = new TextDecoder(label);
        codepage = MULTI_BYTE.has(number) ? { decoder } : { table: Array.from({ length: 256 }, (_, byte) => decoder.decode(Uint8Array.of(byte))) };
      }
    } catch {
      // A label this TextDecoder does not know: Windows-1252 it is.
    }
    codepages.set(number, codepage);
  }
  return codepage;
}

// --- The reader -----------------------------------------------------------------------------------

const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const GROUP_MARKS = /[{}\\]/g;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class RtfReader {
  private readonly stack: Group[] = [];
  private readonly body: string[] = [];
  private title: string[] | undefined;
  private author: string[] | undefined;
  private readonly created: { yr?: number; mo?: number; dy?: number } = {};
  private codepage = 1252;
  private defaultFont = -1;
  private readonly fontCodepages = new Map<number, number>();
  private fontBeingDefined = -1;
  /** Fallback characters still to skip after a \uN. */
  private fallback = 0;
  /** Bytes from \'hh escapes in a multi-byte code page, waiting to be decoded together. */
  private bytes: number[] = [];
  private bytesSink: string[] = [];
  private bytesDecoder: TextDecoder | undefined;
  /** Whether \uN wrote a surrogate, which may have lost its other half. */
  private surrogates = false;

  constructor(
    private readonly src: string,
    private readonly name: string,
  ) {}

  private get group(): Group {
    return this.stack[this.stack.length - 1]!;
  }

  read(start: number): void {
    const { src } = this;
    let i = start;
    while (i < src.length) {
      if (this.stack.length === 0) {
        i = this.outside(i);
        continue;
      }
      const c = src.charCodeAt(i);
      if (c === BACKSLASH) i = this.control(i + 1);
      else if (c === OPEN) i = this.open(i + 1);
      else if (c === CLOSE) i = this.close(i + 1);
      else i = this.text(i);
    }
    if (this.stack.length > 0) throw this.cutShort();
    this.flushBytes();
  }

  result(): { text: string; title?: string; meta: FoundMeta } {
    const text = toBlocks(this.body.join(''), this.surrogates);
    const title = this.title && singleLine(this.title.join(''));
    const author = this.author && singleLine(this.author.join(''));
    const { yr, mo, dy } = this.created;
    const publishedAt = yr !== undefined && mo !== undefined && dy !== undefined ? calendarDate(yr, mo, dy) : undefined;
    const meta: FoundMeta = {};
    if (author) meta.author = author;
    if (publishedAt) meta.publishedAt = publishedAt;
    return title ? { text, title, meta } : { text, meta };
  }

  private cutShort() {
    return invalid(`${this.name} is cut short or damaged: its RTF groups do not close.`);
  }

  private tooDeep() {
    return invalid(`${this.name} nests RTF groups more than ${MAX_DEPTH} deep; no document needs that, so Framelens does not read it.`);
  }

  /**
   * After the document's closing brace: white space and trailing bytes are ignored, as Word ignores
   * them, and a document appended whole ({\rtf… again) is read on. Any other brace means the groups
   * did not match, and the text after the early close would be lost, so the file is refused.
   */
  private outside(i: number): number {
    const c = this.src.charCodeAt(i);
    if (c === OPEN && this.src.startsWith('{\\rtf', i)) {
      this.flushBytes();
      this.body.push(BLOCK);
      this.stack.push({ mode: 'body', sink: this.body, uc: 1, font: -1, hidden: false, deleted: false, starred: false });
      return i + 1;
    }
    if (c === OPEN || c === CLOSE) throw invalid(`${this.name} is damaged: its RTF groups do not match (one closes that was never opened).`);
    return i + 1;
  }

  // --- Groups -------------------------------------------------------------------------------------

  private open(i: number): number {
    if (this.stack.length >= MAX_DEPTH) throw this.tooDeep();
    this.fallback = 0;
    const parent = this.group;
    const group: Group = {
      mode: parent.mode,
      sink: parent.sink,
      uc: parent.uc,
      font: parent.font,
      hidden: parent.hidden,
      deleted: parent.deleted,
      starred: false,
      resume: parent.resume,
    };
    this.stack.push(group);
    if (parent.mode === 'upr') {
      // Of {\upr{ANSI text}{\*\ud{Unicode text}}}, only the Unicode version is read.
      if (!this.src.startsWith('\\*\\ud', i) || isLetter(this.src.charCodeAt(i + 5))) return this.skipGroup(i);
      group.mode = parent.resume!.mode;
      group.sink = parent.resume!.sink;
    }
    return i;
  }

  private close(i: number): number {
    this.fallback = 0;
    this.stack.pop();
    return i;
  }

  /** Skips the rest of the current group, past its closing brace, counting nested groups and \binN data. */
  private skipGroup(i: number): number {
    const { src } = this;
    let inner = 0;
    for (;;) {
      // Pictures are long runs of hex digits: a search for the next brace or backslash walks them.
      GROUP_MARKS.lastIndex = i;
      if (!GROUP_MARKS.test(src)) throw this.cutShort();
      i = GROUP_MARKS.lastIndex - 1;
      const c = src.charCodeAt(i);
      if (c === CLOSE) {
        if (inner === 0) return this.close(i + 1);
        inner--;
      } else if (c === OPEN) {
        if (this.stack.length + ++inner > MAX_DEPTH) throw this.tooDeep();
      } else if (src.startsWith('bin', i + 1) && isDigit(src.charCodeAt(i + 4))) {
        i = this.skipBinary(i + 4);
        continue;
      } else {
        // Past the escaped character, so \{ \} \\ never count as braces.
        i++;
      }
      i++;
    }
  }

  /** Past \binN's parameter and its N bytes of raw data, which may hold anything, braces included. */
  private skipBinary(i: number): number {
    let length = 0;
    while (isDigit(this.src.charCodeAt(i))) length = Math.min(length * 10 + this.src.charCodeAt(i++) - 0x30, this.src.length);
    if (this.src.charCodeAt(i) === 0x20) i++;
    return i + length;
  }

  // --- Text ---------------------------------------------------------------------------------------

  /** The current group's sink, or undefined when its text is not read. */
  private sink(): string[] | undefined {
    const group = this.group;
    return group.hidden || group.deleted ? undefined : group.sink;
  }

  /** A run of plain characters, or one character that needs care. */
  private text(i: number): number {
    const { src } = this;
    let end = i;
    while (end < src.length) {
      const c = src.charCodeAt(end);
      if (c < 0x20 || c >= 0x80 || c === BACKSLASH || c === OPEN || c === CLOSE) break;
      end++;
    }
    if (end > i) {
      this.characters(i, end);
      return end;
    }
    const c = src.charCodeAt(i);
    if (c === 0x09) this.character('\t');
    else if (c >= 0x80 && c <= 0xff) this.byte(c);
    else if (c > 0xff) this.character(src[i]!);
    // CR, LF and other control characters are not text in RTF: Word wraps its lines anywhere.
    return i + 1;
  }

  private characters(start: number, end: number): void {
    if (this.fallback > 0) {
      const skipped = Math.min(this.fallback, end - start);
      this.fallback -= skipped;
      start += skipped;
      if (start === end) return;
    }
    this.emit(this.src.slice(start, end));
  }

  /** One character of text: skipped if it is a \uN's fallback. */
  private character(char: string): void {
    if (this.fallback > 0) this.fallback--;
    else this.emit(char);
  }

  private emit(text: string): void {
    const sink = this.sink();
    if (!sink) return;
    if (this.bytes.length > 0) this.flushBytes();
    sink.push(text);
  }

  private byte(value: number): void {
    if (this.fallback > 0) {
      this.fallback--;
      return;
    }
    const sink = this.sink();
    if (!sink) return;
    const group = this.group;
    const codepage = codepageFor(this.fontCodepages.get(group.font < 0 ? this.defaultFont : group.font) ?? this.codepage);
    if ('table' in codepage) {
      this.emit(codepage.table[value]!);
      return;
    }
    if (this.bytes.length > 0 && (sink !== this.bytesSink || codepage.decoder !== this.bytesDecoder)) this.flushBytes();
    this.bytesSink = sink;
    this.bytesDecoder = codepage.decoder;
    this.bytes.push(value);
  }

  private flushBytes(): void {
    if (this.bytes.length === 0 || !this.bytesDecoder) return;
    this.bytesSink.push(this.bytesDecoder.decode(Uint8Array.from(this.bytes)));
    this.bytes = [];
  }

  /** A paragraph or line break: structure, so it is kept even where hidden text or a fallback would drop it. */
  private breakText(kind: string): void {
    const sink = this.group.sink;
    if (!sink) return;
    if (this.bytes.length > 0) this.flushBytes();
    sink.push(this.group.mode === 'body' ? kind : ' ');
  }

  // --- Control words and symbols ------------------------------------------------------------------

  /** A control word or symbol; `i` is just past its backslash. */
  private control(i: number): number {
    const { src } = this;
    const c = src.charCodeAt(i);
    if (!isLetter(c)) return this.symbol(c, i);
    let end = i + 1;
    while (isLetter(src.charCodeAt(end))) end++;
    const word = src.slice(i, end);
    let param: number | undefined;
    const negative = src.charCodeAt(end) === 0x2d && isDigit(src.charCodeAt(end + 1));
    let at = negative ? end + 1 : end;
    if (isDigit(src.charCodeAt(at))) {
      let value = 0;
      for (; isDigit(src.charCodeAt(at)); at++) if (value < 1e9) value = value * 10 + src.charCodeAt(at) - 0x30;
      param = negative ? -value : value;
      end = at;
    }
    // A space ends the control word and is part of it, not text.
    if (src.charCodeAt(end) === 0x20) end++;
    return this.word(word, param, end);
  }

  private symbol(c: number, i: number): number {
    switch (c) {
      case 0x27: // \'hh
        return this.hex(i + 1);
      case BACKSLASH:
      case OPEN:
      case CLOSE:
        this.character(String.fromCharCode(c));
        break;
      case 0x7e: // \~
        this.character('\u00a0');
        break;
      case 0x5f: // \_
        this.character('\u2011');
        break;
      case 0x2a: // \*
        this.group.starred = true;
        break;
      case 0x0a:
      case 0x0d: // a backslash before a line break is \par
        this.breakText(BLOCK);
        break;
      default:
        // \- (optional hyphen), \: and \| and anything unknown: no text; a fallback counts it as one character.
        if (this.fallback > 0) this.fallback--;
    }
    return Number.isNaN(c) ? i : i + 1;
  }

  private hex(i: number): number {
    const { src } = this;
    if (!isHex(src.charCodeAt(i)) || !isHex(src.charCodeAt(i + 1))) return i;
    this.byte(Number.parseInt(src.slice(i, i + 2), 16));
    return i + 2;
  }

  private word(word: string, param: number | undefined, next: number): number {
    const group = this.group;
    if (group.starred) {
      group.starred = false;
      return this.starredDestination(word, next);
    }
    // One look-up for every word: most are formatting that does not matter here.
    const kind = WORD_KINDS.get(word);
    if (kind === 'skip') return this.skipGroup(next);
    if (kind === 'block' || kind === 'line') {
      this.breakText(kind === 'block' ? BLOCK : LINE);
      return next;
    }
    if (word === 'bin') return this.skipBinaryData(param, next);
    if (this.fallback > 0) {
      // A control word in a \uN's fallback counts as one character.
      this.fallback--;
      return next;
    }
    if (kind === 'char') this.emit(CHARACTERS.get(word)!);
    else if (kind === 'read') this.formatting(group, word, param);
    return next;
  }

  /** {\*\dest …}: skipped unless the reader knows the destination. */
  private starredDestination(word: string, next: number): number {
    const group = this.group;
    if (word === 'ud') return next;
    if (word === 'shpinst') {
      group.mode = 'shape';
      group.sink = undefined;
      return next;
    }
    return this.skipGroup(next);
  }

  private skipBinaryData(param: number | undefined, next: number): number {
    if (this.fallback > 0) this.fallback--;
    return Math.min(next + Math.max(0, param ?? 0), this.src.length);
  }

  /** Control words that change how what follows is read, or say something about the document. */
  private formatting(group: Group, word: string, param: number | undefined): void {
    switch (word) {
      case 'u': {
        if (param === undefined) return;
        const unit = param < 0 ? param + 0x10000 : param;
        if (unit >= 0xd800 && unit <= 0xdfff) this.surrogates = true;
        this.emit(String.fromCharCode(unit));
        this.fallback = group.uc;
        return;
      }
      case 'uc':
        group.uc = Math.max(0, param ?? 1);
        return;
      case 'f':
        if (group.mode === 'fonttbl') this.fontBeingDefined = param ?? 0;
        else group.font = param ?? 0;
        return;
      case 'plain':
        group.font = -1;
        group.hidden = false;
        group.deleted = false;
        return;
      case 'v':
        group.hidden = param !== 0;
        return;
      case 'deleted':
        group.deleted = param !== 0;
        return;
      case 'ansi':
        this.codepage = 1252;
        return;
      case 'mac':
        this.codepage = 10000;
        return;
      case 'ansicpg':
        if (param !== undefined && param > 0) this.codepage = param;
        return;
      case 'deff':
        this.defaultFont = param ?? 0;
        return;
      default:
        this.destination(group, word, param);
    }
  }

  /** Destinations read for what they say: fonts, \info and its parts, \upr pairs and shape text. */
  private destination(group: Group, word: string, param: number | undefined): void {
    switch (word) {
      case 'fonttbl':
        group.mode = 'fonttbl';
        group.sink = undefined;
        return;
      case 'fcharset':
      case 'cpg': {
        if (group.mode !== 'fonttbl' || this.fontBeingDefined < 0 || param === undefined) return;
        const codepage = word === 'cpg' ? param : CHARSET_CODEPAGES.get(param);
        if (codepage !== undefined && codepage > 0) this.fontCodepages.set(this.fontBeingDefined, codepage);
        return;
      }
      case 'info':
        group.mode = 'info';
        group.sink = undefined;
        return;
      case 'title':
      case 'author':
        if (group.mode !== 'info') return;
        group.mode = 'meta';
        group.sink = [];
        // The last one counts: after {\upr …}, that is the Unicode version.
        if (word === 'title') this.title = group.sink;
        else this.author = group.sink;
        return;
      case 'creatim':
        if (group.mode === 'info') group.mode = 'creatim';
        return;
      case 'yr':
      case 'mo':
      case 'dy':
        if (group.mode === 'creatim' && param !== undefined) this.created[word] = param;
        return;
      case 'upr':
        group.resume = { mode: group.mode, sink: group.sink };
        group.mode = 'upr';
        group.sink = undefined;
        return;
      case 'shptxt':
        if (group.mode !== 'shape') return;
        group.mode = 'body';
        group.sink = this.body;
        return;
    }
  }
}

// --- The text -------------------------------------------------------------------------------------

/**
 * Blocks separated by exactly one blank line, LF line endings, empty paragraphs dropped. Whitespace
 * inside a block is kept as written; half surrogate pairs (from a broken \uN pair) become U+FFFD.
 */
function toBlocks(raw: string, surrogates: boolean): string {
  return (surrogates ? raw.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') : raw)
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .filter((block) => block.trim().length > 0)
    .join('\n\n')
    .trim();
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
