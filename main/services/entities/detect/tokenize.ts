// Splits article text into word tokens with UTF-16 offsets and the facts the detector needs about
// each: capitalisation, whether it starts a sentence (or a quote, line or list item), and whether it
// is joined to the previous word by plain spaces only. One left-to-right pass; every regex here is
// free of nested repetition, so time stays linear even on 10 MB without a space.
import { SV_BODY_HEADS } from './cues.ts';

export const CAP = 1; // first letter upper case: "Putin", "Jean-Claude", "EU-kommissionen"
export const UPPER = 2; // two or more letters, all upper case: "CSTO", "U.S.", "EU:s"
export const DIGIT = 4; // has a digit: "G20", "1990-talet"

export type Token = {
  start: number;
  /** End of the name part: an English possessive "'s" is left out, a Swedish ":s" is kept. */
  end: number;
  text: string;
  /** The text in lower case (the same string for words already in lower case). */
  lower: string;
  flags: number;
  /** Length of a colon suffix ("CSTO:s" → 2) kept inside the token; stripped for the canonical name. */
  colonSuffix: number;
  /** First word of a sentence, quotation, line or list item (its capital says nothing). */
  sentStart: boolean;
  /** Only spaces or tabs (no punctuation, no line break) separate it from the previous token. */
  joined: boolean;
  /** An English possessive followed ("Okafor's"). */
  possessive: boolean;
  /** A full stop follows directly ("Mr.", "J."). */
  dotAfter: boolean;
};

const UPPER_LETTER = /\p{Lu}/u;
const LOWER_LETTER = /\p{Ll}/u;
/** Longest token treated as a word; anything longer (base64, URLs without spaces) is no name. */
export const MAX_TOKEN = 80;

/** Abbreviations after which a full stop does not end the sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'mt',
  'ft',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'adm',
  'rev',
  'jr',
  'sr',
  'no',
  'nr',
  'vs',
  'ca',
  'bl',
  'resp',
  'dvs',
  'jfr',
  'fr',
  'hr',
  'kl',
  'inc',
  'corp',
  'co',
  'ltd',
  'mme',
  'mlle',
  'hon',
  'pres',
  'gral',
  'sra',
  'sr',
  'ing',
  'mag',
  'dipl',
]);

const NAME_PREFIXES = new Set(['al', 'el', 'ul', 'ad', 'as', 'at', 'az', 'an', 'ar', 'bin', 'ibn', 'abu', 'ben']);

/** "kommissionen", "parlamentets": a Swedish word for a body, in the definite form, genitive or not. */
function isBodyHead(tail: string): boolean {
  return SV_BODY_HEADS.has(tail) || (tail.endsWith('s') && SV_BODY_HEADS.has(tail.slice(0, -1)));
}

/** Word parts after the last hyphen or apostrophe that show the token is no name. */
const CONTRACTION = /['’](?:m|ve|re|d|ll|t)$/i;

function classify(word: string): number {
  const c = word.charCodeAt(0);
  // Most words start with a lowercase ASCII letter: nothing more to learn about them.
  if (c >= 97 && c <= 122 && word.indexOf('-') < 0) return 0;
  let flags = 0;
  let upperFirst = (classOf(c) & C_UPPER) !== 0;
  // Arabic-style particles before a capitalised part ("al-Assad", "el-Sisi", "bin-Salman").
  if (!upperFirst && word.length > 3) {
    const dash = word.indexOf('-');
    if (dash > 0 && dash <= 3 && NAME_PREFIXES.has(word.slice(0, dash)) && classOf(word.charCodeAt(dash + 1)) & C_UPPER) upperFirst = true;
  }
  // "EU-mötet", "Nobel-winning", "Putin-kritikern": a compound whose head is an ordinary word. A head
  // that names a body keeps the name: "EU-kommissionen", "EU-parlamentets".
  if (upperFirst) {
    const dash = Math.max(word.lastIndexOf('-'), word.lastIndexOf('‐'));
    if (dash > 0 && dash < word.length - 1 && classOf(word.charCodeAt(dash + 1)) & C_LOWER && !isBodyHead(word.slice(dash + 1))) upperFirst = false;
    // "I'm", "We’ve", "They're".
    if (upperFirst && CONTRACTION.test(word)) upperFirst = false;
  }
  if (upperFirst) flags |= CAP;
  let letters = 0;
  let allUpper = true;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      flags |= DIGIT;
      continue;
    }
    const k = classOf(ch);
    if (k & C_LOWER) {
      letters++;
      allUpper = false;
    } else if (k & C_UPPER) letters++;
  }
  if (upperFirst && allUpper && letters >= 2) flags |= UPPER;
  return flags;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 160 || ch === 8239 || ch === 8201 || ch === 8202 || ch === 0xfeff || ch === 0xad || ch === 0x200b;
}

// Character classes of UTF-16 code units, worked out once per code unit and kept.
const C_START = 1; // letter or digit: may start a word
const C_INNER = 2; // letter, mark, digit or soft hyphen: may continue one
const C_UPPER = 4;
const C_LOWER = 8;
const C_DONE = 128;
const charClass = new Uint8Array(65536);
const START_RE = /[\p{L}\p{N}]/u;
const INNER_RE = /[\p{L}\p{M}\p{N}\u00AD]/u;

function classOf(ch: number): number {
  const known = charClass[ch]!;
  if (known) return known;
  // Lone surrogates (halves of emoji and rare scripts) are not word characters.
  const s = ch >= 0xd800 && ch <= 0xdfff ? '' : String.fromCharCode(ch);
  let c = C_DONE;
  if (s && START_RE.test(s)) c |= C_START;
  if (s && INNER_RE.test(s)) c |= C_INNER;
  if (s && UPPER_LETTER.test(s)) c |= C_UPPER;
  if (s && LOWER_LETTER.test(s)) c |= C_LOWER;
  charClass[ch] = c;
  return c;
}

/** Joiners between the parts of one word: apostrophes and hyphens ("O'Brien", "Jean-Claude"). */
function isJoiner(ch: number): boolean {
  return ch === 39 || ch === 8217 || ch === 45 || ch === 0x2010;
}

/**
 * End of the word starting at `i`: a dotted abbreviation ("U.S.") or letters and digits whose parts
 * may be joined by single hyphens or apostrophes. Each character is looked at once or twice.
 */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  // Dotted abbreviations: two or more "capital + full stop".
  if (
    classOf(text.charCodeAt(i)) & C_UPPER &&
    text.charCodeAt(i + 1) === 46 &&
    i + 3 < n &&
    classOf(text.charCodeAt(i + 2)) & C_UPPER &&
    text.charCodeAt(i + 3) === 46
  ) {
    let j = i;
    while (j + 1 < n && classOf(text.charCodeAt(j)) & C_UPPER && text.charCodeAt(j + 1) === 46) j += 2;
    return j;
  }
  let j = i + 1;
  let upper = 0;
  for (;;) {
    while (j < n) {
      const k = classOf(text.charCodeAt(j));
      if (!(k & C_INNER)) break;
      upper |= k & C_UPPER;
      j++;
    }
    if (j + 1 < n && isJoiner(text.charCodeAt(j)) && classOf(text.charCodeAt(j + 1)) & C_START) {
      j += 2;
      upper |= C_UPPER;
      continue;
    }
    upperInside = upper !== 0;
    return j;
  }
}

/** Set by wordEnd: the word has a capital (or a joiner) after its first character. */
let upperInside = false;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  let prev: Token | null = null;
  const length = text.length;
  let scan = 0;
  for (;;) {
    while (scan < length && !(classOf(text.charCodeAt(scan)) & C_START)) scan++;
    if (scan >= length) break;
    let start = scan;
    upperInside = true;
    let end = wordEnd(text, start);
    scan = end;
    // French and Italian elision before a name: "l'OTAN", "d'Italia", "qu'Ankara".
    const elided = elisionLength(text, start, end);
    if (elided) {
      start += elided;
      upperInside = true;
    }
    let word = text.slice(start, end);
    // Gap since the previous token: decide sentence start and joining.
    let sentStart = prev === null;
    let joined = prev !== null;
    for (let i = prevEnd; i < start; i++) {
      const ch = text.charCodeAt(i);
      if (isSpace(ch)) continue;
      joined = false;
      if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) {
        sentStart = true;
        continue;
      }
      if (ch === 46 /* . */) {
        // A full stop after an initial ("J. Smith") or a title ("Dr. Ruth") does not end anything.
        if (prev && i === prev.end && (isInitial(prev) || ABBREVIATIONS.has(prev.lower))) {
          if (i + 1 === start || onlySpaces(text, i + 1, start)) joined = true;
          continue;
        }
        sentStart = true;
        continue;
      }
      if (ch === 33 || ch === 63 || ch === 8230 || ch === 58 /* ! ? … : */) {
        sentStart = true;
        continue;
      }
      // Quotation marks and dashes open a quotation, a reply or a list item.
      if (
        ch === 34 ||
        ch === 8220 ||
        ch === 8221 ||
        ch === 8222 ||
        ch === 171 ||
        ch === 187 ||
        ch === 8216 ||
        ch === 8218 ||
        ch === 39 ||
        ch === 8217 ||
        ch === 8211 ||
        ch === 8212 ||
        ch === 8213 ||
        ch === 8226 ||
        ch === 42 ||
        ch === 35 ||
        ch === 62 ||
        ch === 0x2010 ||
        (ch === 45 && (i === 0 || !isWordChar(text.charCodeAt(i - 1))))
      ) {
        sentStart = true;
        continue;
      }
    }
    if (word.length > MAX_TOKEN) {
      tokens.push({ start, end, text: word, lower: word, flags: 0, colonSuffix: 0, sentStart, joined: false, possessive: false, dotAfter: false });
      prev = tokens[tokens.length - 1]!;
      prevEnd = end;
      continue;
    }
    // English possessive: the name stops before "'s".
    let possessive = false;
    const n = word.length;
    if (n > 2 && (word.charCodeAt(n - 1) === 115 || word.charCodeAt(n - 1) === 83) && (word.charCodeAt(n - 2) === 39 || word.charCodeAt(n - 2) === 8217)) {
      word = word.slice(0, n - 2);
      end -= 2;
      possessive = true;
    }
    // Swedish endings after a colon: "CSTO:s", "EU:n", "SVT:are" (one to four lowercase letters).
    let colonSuffix = 0;
    if (!possessive && text.charCodeAt(end) === 58) {
      let j = end + 1;
      while (j < text.length && j - end <= 5 && isLowerLetter(text.charCodeAt(j), text[j]!)) j++;
      const len = j - end - 1;
      if (len >= 1 && len <= 4 && (j >= text.length || !isWordChar(text.charCodeAt(j)))) {
        colonSuffix = len + 1;
        end = j;
        word = text.slice(start, end);
        scan = end;
      }
    }
    const flags = classify(colonSuffix ? word.slice(0, word.length - colonSuffix) : word);
    const c0 = word.charCodeAt(0);
    const lower = c0 >= 97 && c0 <= 122 && !upperInside ? word : word.toLowerCase();
    const token: Token = {
      start,
      end,
      text: word,
      lower,
      flags,
      colonSuffix,
      sentStart,
      joined: joined && !sentStart,
      possessive,
      dotAfter: text.charCodeAt(possessive ? end + 2 : end) === 46,
    };
    if (prev && prev.possessive) token.joined = false;
    tokens.push(token);
    prev = token;
    prevEnd = possessive ? end + 2 : end;
  }
  return tokens;
}

/** Length of a lowercase elided article or pronoun ("l'", "d'", "qu'") before a capital, else 0. */
function elisionLength(text: string, start: number, end: number): number {
  const c = text.charCodeAt(start);
  if (c < 97 || c > 122) return 0;
  for (let len = 2; len <= 5 && start + len < end; len++) {
    const apostrophe = text.charCodeAt(start + len - 1);
    if (apostrophe !== 39 && apostrophe !== 8217) continue;
    if (!(classOf(text.charCodeAt(start + len)) & C_UPPER)) return 0;
    return ELISIONS.has(text.slice(start, start + len - 1)) ? len : 0;
  }
  return 0;
}

const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'dell', 'all', 'nell', 'sull', 'dall']);

function isInitial(t: Token): boolean {
  return t.text.length === 1 && (t.flags & CAP) !== 0;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function isLowerLetter(ch: number, s: string): boolean {
  if (ch >= 97 && ch <= 122) return true;
  return ch > 127 && LOWER_LETTER.test(s);
}

function isWordChar(ch: number): boolean {
  if ((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122)) return true;
  return ch > 127 && ch !== 8211 && ch !== 8212 && ch !== 8220 && ch !== 8221 && ch !== 171 && ch !== 187 && !isSpace(ch);
}
