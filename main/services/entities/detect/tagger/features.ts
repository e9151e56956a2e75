// What the tagger sees of each token: the word and its neighbours, its form, and everything the rule
// detector already knows about it (gazetteers, given names and family names, dictionary, head words,
// titles, and the rules' own names and types). Features are hashed numbers (see hash.ts).
import {
  EN_CAPITALISED_WORDS,
  GENERIC_ACRONYMS,
  LOC_HEADS,
  MISC_HEADS,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  ORG_HEADS,
  PLACE_PREPOSITIONS,
  QUALIFIERS,
  SPEECH_VERBS,
  TITLES,
} from '../cues.ts';
import type { Context } from '../detector.ts';
import { bloomHas } from '../bloom.ts';
import { CAP, DIGIT, MAX_TOKEN, UPPER, type Token } from '../tokenize.ts';
import type { Mention } from '../types.ts';
import { feature, feature2, hashRange, hashString } from './hash.ts';
import { O, begin, inside, TYPES } from './tags.ts';

/** A stretch of tokens the tagger decodes; tokens outside every window are left outside any name. */
export type Window = { from: number; to: number };

/** Tokens decoded on either side of a token with a capital letter. */
const MARGIN = 1;
/** Longer stretches of capitalised words (tables, headlines in capitals) are decoded in pieces. */
const MAX_WINDOW = 48;

/**
 * A word with a capital letter somewhere ("Putin", "EU-kommissionen", "RFSU-laboratoriet"), other than
 * a stopword that merely starts a sentence ("The", "Det").
 */
function mayBeName(ctx: Context, t: Token): boolean {
  if (t.text.length > MAX_TOKEN || (!(t.flags & CAP) && t.lower === t.text)) return false;
  return !(t.sentStart && !(t.flags & UPPER) && ctx.words.stopwords.has(t.lower));
}

/**
 * Names nearly always hold a capital letter, so only the tokens around capitalised words are decoded:
 * that keeps the tagger's cost proportional to the names in a text, not to its length.
 */
export function windowsOf(ctx: Context): Window[] {
  const tokens = ctx.tokens;
  const out: Window[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!mayBeName(ctx, tokens[i]!)) continue;
    const from = Math.max(0, i - MARGIN);
    const to = Math.min(tokens.length, i + MARGIN + 1);
    const prev = out[out.length - 1];
    if (prev && from <= prev.to && prev.to - prev.from < MAX_WINDOW) prev.to = to;
    else out.push({ from: prev ? Math.max(from, prev.to) : from, to });
  }
  return out;
}

// Templates: each kind of feature has its own number.
const F = {
  Bias: 0,
  Word: 1,
  Lower: 2,
  Prefix: 3,
  Suffix: 4,
  Shape: 5,
  Flag: 6,
  Length: 7,
  PrevWord: 8,
  NextWord: 9,
  Prev2Word: 10,
  Next2Word: 11,
  PrevBigram: 12,
  NextBigram: 13,
  PrevShape: 14,
  NextShape: 15,
  Bit: 16,
  PrevBit: 17,
  NextBit: 18,
  StemBit: 19,
  Phrase: 20,
  Rule: 21,
  RuleWhy: 22,
  PrevRule: 23,
  NextRule: 24,
  RuleLength: 25,
  Position: 26,
  ShapeAround: 27,
  Language: 28,
} as const;

// Facts about a word, one bit each.
const B = {
  given: 1 << 0,
  surname: 1 << 1,
  knownPerson: 1 << 2,
  personLikePlace: 1 << 3,
  country: 1 << 4,
  world: 1 << 5,
  supra: 1 << 6,
  org: 1 << 7,
  region: 1 << 8,
  landmark: 1 << 9,
  city: 1 << 10,
  bigCity: 1 << 11,
  capitalisedCommon: 1 << 12,
  stopword: 1 << 13,
  common: 1 << 14,
  proper: 1 << 15,
  dictPlace: 1 << 16,
  title: 1 << 17,
  orgHead: 1 << 18,
  locHead: 1 << 19,
  miscHead: 1 << 20,
  orgSuffix: 1 << 21,
  locSuffix: 1 << 22,
  particle: 1 << 23,
  placePreposition: 1 << 24,
  speech: 1 << 25,
  midCap: 1 << 26,
  lowerSeen: 1 << 27,
  qualifier: 1 << 28,
  genericAcronym: 1 << 29,
  englishCapitalised: 1 << 30,
} as const;
const BIT_COUNT = 31;

export type FeatureOptions = {
  /** Use the rule detector's names and types as features (off for the tagger on its own). */
  rules: boolean;
  /** One model for several languages: each feature also has a copy of its own per language. */
  shared?: boolean;
  /** Leave out word pairs, words two away and exact word forms (fewer features, faster, less fitted to the training sentences). */
  light?: boolean;
};

/** Per-text facts computed once per token and shared by the windows. */
export class TokenFacts {
  readonly lowerHash: Int32Array;
  readonly shapeHash: Int32Array;
  readonly bits: Int32Array;
  readonly stemBits: Int32Array;
  /** 1 + the last token of a multi-word gazetteer name starting at the token, 0 if none. */
  readonly phraseEnd: Int32Array;
  private readonly done: Uint8Array;
  /** Label of each token in the rules' own output, and a hash of why the rules typed it. */
  readonly ruleTag: Uint8Array;
  readonly ruleWhy: Int32Array;
  readonly ruleLength: Uint8Array;
  readonly langHash: number;

  constructor(
    readonly ctx: Context,
    ruleMentions: Mention[] | null,
  ) {
    const n = ctx.tokens.length;
    this.lowerHash = new Int32Array(n);
    this.shapeHash = new Int32Array(n);
    this.bits = new Int32Array(n);
    this.stemBits = new Int32Array(n);
    this.phraseEnd = new Int32Array(n);
    this.done = new Uint8Array(n);
    this.ruleTag = new Uint8Array(n);
    this.ruleWhy = new Int32Array(n);
    this.ruleLength = new Uint8Array(n);
    this.langHash = hashString(ctx.lang);
    if (ruleMentions) this.markRules(ruleMentions);
  }

  private markRules(mentions: Mention[]) {
    const tokens = this.ctx.tokens;
    let k = 0;
    for (const m of mentions) {
      while (k < tokens.length && tokens[k]!.end <= m.start) k++;
      const type = TYPES.indexOf(m.type);
      const why = hashString(m.why ? m.why.detail : '');
      let first = true;
      let count = 0;
      for (let j = k; j < tokens.length && tokens[j]!.start < m.end; j++) count++;
      for (let j = k; j < tokens.length && tokens[j]!.start < m.end; j++) {
        this.ruleTag[j] = first ? begin(type) : inside(type);
        this.ruleWhy[j] = why;
        this.ruleLength[j] = Math.min(count, 4);
        first = false;
      }
    }
  }

  /** Fills the cached facts of token `k`. */
  facts(k: number) {
    if (this.done[k]) return;
    this.done[k] = 1;
    const ctx = this.ctx;
    const t = ctx.tokens[k]!;
    const entry = wordEntry(ctx, t);
    this.words[k] = entry;
    this.lowerHash[k] = entry.lowerHash;
    this.shapeHash[k] = entry.shapeHash;
    if (t.text.length > MAX_TOKEN) return;
    this.phraseEnd[k] = ctx.matchPhrase(k) + 1;
    // What the text itself says of the word: capitalised elsewhere mid-sentence, or written in lower case.
    let own = 0;
    if (t.flags & CAP) {
      const text = t.colonSuffix ? t.text.slice(0, t.text.length - t.colonSuffix) : t.text;
      if (ctx.midCaps.has(text) || ctx.midCapStems.has(text)) own |= B.midCap;
      if (ctx.lowerSeen.has(t.lower)) own |= B.lowerSeen;
      if (entry.stemBits && (ctx.midCaps.has(text.slice(0, -1)) || ctx.midCapStems.has(text.slice(0, -1)))) this.stemBits[k] = entry.stemBits | B.midCap;
      else this.stemBits[k] = entry.stemBits;
    }
    this.bits[k] = entry.bits | own;
  }

  /** The word-level facts of each token, once `facts(k)` has run. */
  readonly words: WordEntry[] = [];
}

/** What is known of a word regardless of the text it is in. */
type WordEntry = {
  lowerHash: number;
  shapeHash: number;
  bits: number;
  /** The same for the word less a genitive -s (Swedish capitalised words in -s). */
  stemBits: number;
  /** Features of the word itself: form, lowercase, prefixes and suffixes, shape, length. */
  own: number[];
};

/** Word facts per detector's resources and language, kept between texts: names and words recur. */
const wordCaches = new WeakMap<object, Map<string, WordEntry>>();
const WORD_CACHE_LIMIT = 100_000;

function wordEntry(ctx: Context, t: Token): WordEntry {
  let cache = wordCaches.get(ctx.res);
  if (!cache) wordCaches.set(ctx.res, (cache = new Map()));
  const key = `${ctx.lang}\t${t.text}`;
  let entry = cache.get(key);
  if (entry) return entry;
  const text = t.colonSuffix ? t.text.slice(0, t.text.length - t.colonSuffix) : t.text;
  const lower = t.colonSuffix ? text.toLowerCase() : t.lower;
  const long = t.text.length > MAX_TOKEN;
  entry = {
    lowerHash: hashString(lower),
    shapeHash: shapeHash(text),
    bits: long ? 0 : wordBits(ctx, t, text, lower),
    stemBits: !long && ctx.sGenitive && lower.length > 3 && lower.endsWith('s') && t.flags & CAP ? wordBits(ctx, t, text.slice(0, -1), lower.slice(0, -1)) : 0,
    own: [],
  };
  const formText = long ? '' : t.text;
  const form = long ? '' : t.lower;
  const own = entry.own;
  own.push(feature(F.Word, hashString(formText)));
  own.push(feature(F.Lower, entry.lowerHash));
  const len = form.length;
  for (let a = 1; a <= 4 && a <= len; a++) {
    own.push(feature2(F.Prefix, a, hashRange(form, 0, a)));
    own.push(feature2(F.Suffix, a, hashRange(form, len - a, len)));
  }
  own.push(feature(F.Shape, entry.shapeHash));
  own.push(feature(F.Length, Math.min(len, 12)));
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  cache.set(key, entry);
  return entry;
}

function wordBits(ctx: Context, t: Token, text: string, lower: string): number {
  const res = ctx.res;
  let b = 0;
  const cap = (t.flags & CAP) !== 0;
  // Lowercase words: only the small word lists (the dictionary and the gazetteers answer for names).
  if (!cap && t.lower === t.text) return lowerWordBits(ctx, lower);
  if (res.givenNames.has(lower)) b |= B.given;
  if (cap && bloomHas(res.surnames, lower)) b |= B.surname;
  if (res.knownPeople.has(lower)) b |= B.knownPerson;
  if (res.personLikePlaces.has(lower)) b |= B.personLikePlace;
  if (cap || t.flags & UPPER) {
    const place = res.places.get(lower);
    if (place) {
      b |= B[place.kind];
      if (place.kind === 'city' && place.population >= 100_000) b |= B.bigCity;
    }
  }
  const words = ctx.words;
  if (words.capitalisedCommon.has(lower)) b |= B.capitalisedCommon;
  if (words.stopwords.has(lower)) b |= B.stopword;
  if (ctx.isCommonWord(lower)) b |= B.common;
  if (cap && ctx.lexicon?.isProper(text)) b |= B.proper;
  if (cap && ctx.res.lexicons.get('sv')?.isPlace(text)) b |= B.dictPlace;
  if (TITLES.has(lower)) b |= B.title;
  if (ORG_HEADS.has(lower)) b |= B.orgHead;
  if (LOC_HEADS.has(lower)) b |= B.locHead;
  if (MISC_HEADS.has(lower)) b |= B.miscHead;
  if (ctx.hasOrgSuffix(lower)) b |= B.orgSuffix;
  if (ctx.hasLocSuffix(lower)) b |= B.locSuffix;
  if (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower)) b |= B.particle;
  if (PLACE_PREPOSITIONS.has(lower)) b |= B.placePreposition;
  if (SPEECH_VERBS.has(lower)) b |= B.speech;
  if (QUALIFIERS.has(lower)) b |= B.qualifier;
  if (GENERIC_ACRONYMS.has(lower)) b |= B.genericAcronym;
  if (EN_CAPITALISED_WORDS.has(lower)) b |= B.englishCapitalised;
  return b;
}

function lowerWordBits(ctx: Context, lower: string): number {
  let b = 0;
  if (ctx.words.stopwords.has(lower)) b |= B.stopword;
  if (TITLES.has(lower)) b |= B.title;
  if (ORG_HEADS.has(lower)) b |= B.orgHead;
  if (LOC_HEADS.has(lower)) b |= B.locHead;
  if (MISC_HEADS.has(lower)) b |= B.miscHead;
  if (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower)) b |= B.particle;
  if (PLACE_PREPOSITIONS.has(lower)) b |= B.placePreposition;
  if (SPEECH_VERBS.has(lower)) b |= B.speech;
  if (QUALIFIERS.has(lower)) b |= B.qualifier;
  // Swedish lowercase heads: "Uppsala universitet", "Kalmar tennisklubb" (the endings are long).
  if (lower.length >= 6 && ctx.hasOrgSuffix(lower)) b |= B.orgSuffix;
  if (lower.length >= 6 && ctx.hasLocSuffix(lower)) b |= B.locSuffix;
  return b;
}

/** "Putin" → "Xx", "CSTO:s" → "X:x", "G20" → "Xd", "al-Assad" → "x-Xx". */
function shapeHash(text: string): number {
  let h = 0x811c9dc5;
  let last = -1;
  const n = Math.min(text.length, 40);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c >= 97 && c <= 122) k = 120;
    else if (c >= 65 && c <= 90) k = 88;
    else if (c >= 48 && c <= 57) k = 100;
    else if (c < 128) k = c;
    else {
      const ch = text[i]!;
      const lo = ch.toLowerCase();
      k = lo !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : 111;
    }
    if (k === last) continue;
    last = k;
    h = Math.imul(h ^ k, 0x01000193);
  }
  return h >>> 0;
}

/** Token flags as small numbers, one feature each. */
function flagValues(t: Token, prev: Token | undefined): number[] {
  const out: number[] = [];
  if (t.flags & CAP) out.push(1);
  if (t.flags & UPPER) out.push(2);
  if (t.flags & DIGIT) out.push(3);
  if (t.sentStart) out.push(4);
  if (t.joined) out.push(5);
  if (t.possessive) out.push(6);
  if (t.colonSuffix) out.push(7);
  if (t.dotAfter) out.push(8);
  if (t.text.includes('-')) out.push(9);
  if (prev && prev.possessive) out.push(10);
  if (!t.joined && !t.sentStart) out.push(11); // after punctuation inside a sentence
  return out;
}

/** Appends the features of token `k` to `out`. */
export function tokenFeatures(facts: TokenFacts, k: number, options: FeatureOptions, out: number[]) {
  const ctx = facts.ctx;
  const tokens = ctx.tokens;
  const n = tokens.length;
  for (let j = Math.max(0, k - 2); j <= Math.min(n - 1, k + 2); j++) facts.facts(j);
  const t = tokens[k]!;
  const prev = k > 0 ? tokens[k - 1] : undefined;
  const next = k + 1 < n ? tokens[k + 1] : undefined;
  const lh = facts.lowerHash;
  const lang = facts.langHash;

  const start = out.length;
  out.push(feature(F.Bias, lang));
  const own = facts.words[k]!.own;
  for (let i = options.light ? 1 : 0; i < own.length; i++) out.push(own[i]!);
  for (const v of flagValues(t, prev)) out.push(feature(F.Flag, v));
  // Position in the sentence: first, second, later.
  const pos = t.sentStart ? 0 : prev && prev.sentStart ? 1 : 2;
  out.push(feature2(F.Position, pos, t.flags & CAP));

  const BOUNDARY = 0x5eed;
  const ph = prev ? (t.joined ? lh[k - 1]! : Math.imul(lh[k - 1]!, 31) ^ 1) : BOUNDARY;
  const nh = next ? (next.joined ? lh[k + 1]! : Math.imul(lh[k + 1]!, 31) ^ 1) : BOUNDARY;
  out.push(feature(F.PrevWord, ph));
  out.push(feature(F.NextWord, nh));
  const ps = prev ? facts.shapeHash[k - 1]! : BOUNDARY;
  const ns = next ? facts.shapeHash[k + 1]! : BOUNDARY;
  out.push(feature(F.PrevShape, ps));
  out.push(feature(F.NextShape, ns));
  if (!options.light) {
    out.push(feature(F.Prev2Word, k >= 2 ? lh[k - 2]! : BOUNDARY));
    out.push(feature(F.Next2Word, k + 2 < n ? lh[k + 2]! : BOUNDARY));
    out.push(feature2(F.PrevBigram, ph, lh[k]!));
    out.push(feature2(F.NextBigram, lh[k]!, nh));
    out.push(feature2(F.ShapeAround, Math.imul(ps, 17) ^ facts.shapeHash[k]!, ns));
  }

  const bits = facts.bits[k]!;
  const pb = prev ? facts.bits[k - 1]! : 0;
  const nb = next ? facts.bits[k + 1]! : 0;
  const sb = facts.stemBits[k]!;
  const cap = t.flags & CAP ? 1 : 0;
  for (let i = 0; i < BIT_COUNT; i++) {
    const m = 1 << i;
    if (bits & m) out.push(feature2(F.Bit, i, cap));
    if (pb & m) out.push(feature(F.PrevBit, i));
    if (nb & m) out.push(feature(F.NextBit, i));
    if (sb & m) out.push(feature(F.StemBit, i));
  }

  // Multi-word names of the gazetteer starting here, or covering this token.
  const phraseEnd = facts.phraseEnd;
  if (phraseEnd[k]! > k + 1) out.push(feature(F.Phrase, 1));
  for (let j = Math.max(0, k - 2); j < k; j++) {
    if (phraseEnd[j]! > k) {
      out.push(feature(F.Phrase, 2));
      break;
    }
  }

  if (options.rules) {
    const rt = facts.ruleTag[k]!;
    out.push(feature(F.Rule, rt));
    if (rt !== O) {
      out.push(feature2(F.RuleWhy, rt, facts.ruleWhy[k]!));
      out.push(feature2(F.RuleLength, rt, facts.ruleLength[k]!));
    }
    out.push(feature2(F.PrevRule, rt, k > 0 ? facts.ruleTag[k - 1]! : 99));
    out.push(feature2(F.NextRule, rt, k + 1 < n ? facts.ruleTag[k + 1]! : 99));
  }
  if (options.shared) {
    const end = out.length;
    for (let i = start; i < end; i++) out.push(feature2(F.Language, out[i]!, lang));
  }
}

/** Buffers reused from window to window, so decoding a text allocates little. */
export class FeatureBuffer {
  list: number[] = [];
  feats = new Uint32Array(4096);
  offsets = new Uint32Array(64);
}

/**
 * Features of the tokens of `w`, flattened: token i's run from offsets[i] to offsets[i + 1]. With a
 * buffer, the arrays returned are views into it, valid until its next use.
 */
export function windowFeatures(facts: TokenFacts, w: Window, options: FeatureOptions, buffer?: FeatureBuffer): { feats: Uint32Array; offsets: Uint32Array } {
  const list = buffer ? buffer.list : [];
  list.length = 0;
  const len = w.to - w.from;
  let offsets = buffer ? buffer.offsets : new Uint32Array(len + 1);
  if (offsets.length < len + 1) offsets = buffer!.offsets = new Uint32Array((len + 1) * 2);
  for (let k = w.from; k < w.to; k++) {
    tokenFeatures(facts, k, options, list);
    offsets[k - w.from + 1] = list.length;
  }
  if (!buffer) return { feats: new Uint32Array(list), offsets };
  if (buffer.feats.length < list.length) buffer.feats = new Uint32Array(list.length * 2);
  const feats = buffer.feats;
  for (let i = 0; i < list.length; i++) feats[i] = list[i]!;
  return { feats: feats.subarray(0, list.length), offsets: offsets.subarray(0, len + 1) };
}
