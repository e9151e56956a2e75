// The entity-mention detector: finds names of people, places and organisations in news text and links
// each mention to a canonical name. Pure and synchronous; safe to run in a worker thread.
//
// Outline: tokenise; gather runs of capitalised words (with name particles, connectors after a head
// word, Swedish lowercase heads such as "Europeiska unionen", and multi-word gazetteer names); drop
// titles and sentence-initial ordinary words at the front; keep a lone sentence-initial word only on
// evidence (gazetteer, recurrence mid-sentence, dictionary proper noun, unknown to the dictionary);
// type each mention from gazetteers, head words, titles and context; resolve short forms ("Putin" →
// "Vladimir Putin") and unify the type of each entity within the text.
import {
  EN_CAPITALISED_WORDS,
  GENERIC_ACRONYMS,
  LOC_HEADS,
  MISC_HEADS,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  ORG_HEADS,
  PERSON_FOLLOWERS,
  PLACE_PREPOSITIONS,
  QUALIFIERS,
  SPEECH_VERBS,
  SV_LOC_SUFFIXES,
  SV_LOWER_HEAD_ENDINGS,
  SV_LOWER_HEADS,
  SV_ORG_SUFFIXES,
  TITLES,
  TITLE_ABBREVIATIONS,
} from './cues.ts';
import { detectLanguage, type LanguageEvidence } from './language.ts';
import { loadResources, placeName, stopwordLists, type LangWords, type Resources } from './resources.ts';
import { CAP, DIGIT, MAX_TOKEN, tokenize, UPPER, type Token } from './tokenize.ts';
import type { DetectOptions, Detector, DetectorOptions, EntityType, Mention, TypeReason } from './types.ts';
import type { Lexicon } from './lexicon.ts';
import { bloomHas } from './bloom.ts';
import { tagSpans } from './tagger/combine.ts';
import { packageRoot } from '../../package-root.ts';
import type { TaggerModel } from './tagger/model.ts';
import { loadTagger } from './tagger/weights.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Languages that mark the genitive with a plain -s on names ("Putins"). */
const S_GENITIVE = new Set(['sv', 'da', 'nb', 'no', 'nn', 'de', 'is', 'fo']);
/** Languages close enough to Swedish for its dictionary to recognise their ordinary words. */
const NEIGHBOURS_OF_SWEDISH = new Set(['da', 'nb', 'nn', 'no']);
/** Languages that capitalise every noun, so a capital mid-sentence is weak evidence. */
const NOUN_CAPITALISING = new Set(['de', 'lb']);
const MAX_RUN = 8;

export type Candidate = {
  first: number; // token index
  last: number;
  start: number;
  end: number;
  words: string[]; // token texts, colon suffix removed
  titled: boolean; // a title came before it
  sentStart: boolean;
  /** Set when the trained tagger chose the span and type. */
  model?: ModelChoice;
};

export type ModelChoice = { type: EntityType; confidence: number };

/** A tagger's type outranks most rules, but not a gazetteer country that the tagger is unsure of. */
const MODEL_SCORE = 3;

type Typed = {
  type: EntityType;
  entity: string;
  score: number;
  surnameKey: string | null;
  /** Typed by its own sentence only ("Russia said" is the government): not spread to other mentions. */
  local?: boolean;
  why: TypeReason;
};

const EMPTY_WORDS: LangWords = { stopwords: new Set(), capitalisedCommon: new Set(), calendar: new Set() };

/** The committed weights, beside this module (or, from a bundle, in Framelens's own folder). */
function defaultWeightsPath(): string {
  try {
    const here = fileURLToPath(new URL('./data/tagger.bin', import.meta.url));
    if (existsSync(here)) return here;
  } catch {
    // No file URL for this module: look in Framelens's folder.
  }
  return join(packageRoot(), 'main', 'services', 'entities', 'detect', 'data', 'tagger.bin');
}

export function createDetector(options: DetectorOptions = {}): Detector {
  const res = loadResources(options);
  const taggers = new Map<string, TaggerModel>();
  if (options.taggerWeights !== null) {
    const loaded = loadTagger(options.taggerWeights ?? defaultWeightsPath());
    for (const [lang, model] of loaded.models) taggers.set(lang, model);
    if (loaded.warning) (options.onWarning ?? ((m: string) => process.stderr.write(`framelens: ${m}\n`)))(loaded.warning);
  }
  // Words the spelling dictionaries know are good evidence of Swedish versus English.
  const evidence: LanguageEvidence = (lowerWords) => {
    const points = new Map<string, number>();
    for (const [lang, lex] of res.lexicons) {
      let known = 0;
      for (const w of lowerWords) if (lex.isCommon(w)) known++;
      points.set(lang, known * LEXICON_POINTS);
    }
    return points;
  };
  const guess = (text: string) => detectLanguage(text, evidence);
  return {
    detect: (text, opts) => detect(res, taggers, text, opts, guess),
    detectLanguage: guess,
    taggerLanguages: [...taggers.keys()],
  };
}

/** Points per word a dictionary knows; a stopword scores up to 1, so stopwords still decide between close languages. */
const LEXICON_POINTS = 0.25;

/** "sv-SE" → "sv", "SV" → "sv"; anything unusable becomes '' (rules without a dictionary). */
function normaliseLanguage(language: unknown, text: string, guess: (text: string) => string): string {
  if (language === undefined || language === null || language === '' || language === 'auto') return guess(text);
  if (typeof language !== 'string') throw new TypeError(`language must be a language code such as "sv" or "en", not ${typeof language}`);
  const m = /^([a-zA-Z]{2,3})(?:[-_].*)?$/.exec(language.trim());
  if (!m) return '';
  const code = m[1]!.toLowerCase();
  if (code === 'swe') return 'sv';
  if (code === 'eng') return 'en';
  if (code === 'nob' || code === 'no') return 'nb';
  return code;
}

function detect(res: Resources, taggers: Map<string, TaggerModel>, text: string, opts: DetectOptions = {}, guess: (text: string) => string): Mention[] {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  if (text.length === 0) return [];
  const lang = normaliseLanguage(opts.language, text, guess);
  const ctx = new Context(res, text, lang);
  const model = taggers.get(lang);
  const mentions = model ? combined(ctx, model) : ctx.run();
  if (!model) for (const m of mentions) m.why = { ...(m.why ?? { source: 'fallback', detail: 'no other evidence' }), rulesOnly: true };
  const ignore = opts.ignore;
  if (!ignore || ignore.size === 0) return mentions;
  return mentions.filter((m) => !ignore.has(m.entity.toLowerCase()) && !ignore.has(m.text.toLowerCase()));
}

/**
 * The tagger decides where names are and their types, seeing the rules' names among its features; the
 * rules then give each name its canonical form, link family names to full names and unify types.
 */
export function combined(ctx: Context, model: TaggerModel, keepRuleBelow = KEEP_RULE_BELOW[ctx.lang] ?? 0.3): Mention[] {
  const ruleCands = ctx.candidates();
  const rules = ctx.finish(ruleCands);
  const tagging = tagSpans(ctx, model, model.options.rules ? rules : null);
  const cands: Candidate[] = [];
  const taken = new Uint8Array(ctx.tokens.length);
  for (const s of tagging.spans) {
    // MISC (events, works, nationalities) helps the tagger tell them apart; they are not reported, and
    // where the rules see a person, place or organisation there, the rules' name stands (below).
    if (s.type === 'MISC') continue;
    const choice = { type: s.type, confidence: s.confidence };
    // "Liberalerna och Kristdemokraterna": where the rules see two names joined by "och" or "and", two names.
    const parts = ctx.splitAtConjunction(s.first, s.last, ruleCands);
    for (const [first, last] of parts) {
      for (let k = first; k <= last; k++) taken[k] = 1;
      cands.push(ctx.spanCandidate(first, last, choice));
    }
  }
  // A name only the rules found stays when the tagger is not sure that any of its words is outside a
  // name, or when the rules have firm evidence for it (a title, a head word such as "-inspektionen", a
  // gazetteer entry): a one-word organisation opening a sentence is what the tagger most often drops.
  for (const c of ruleCands) {
    let free = true;
    let outside = 1;
    for (let k = c.first; k <= c.last; k++) {
      if (taken[k]) free = false;
      outside = Math.min(outside, tagging.outside(k));
    }
    if (free && (outside < keepRuleBelow || ctx.classifyOnce(c).score >= FIRM_RULE)) cands.push(c);
  }
  cands.sort((a, b) => a.first - b.first);
  return ctx.finish(cands);
}

/**
 * A rule's name the tagger left out is kept when, for one of its words at least, the tagger's
 * probability of "no name" is below this. Chosen per language on the held-out sentences closest to
 * news (Swedish web news; English Wikipedia rather than reviews and e-mail).
 */
const KEEP_RULE_BELOW: Record<string, number> = { sv: 0.3, en: 0.5 };

/**
 * Rule evidence firm enough to keep a name the tagger left out, and to keep the rules' type where the
 * tagger types it otherwise with less than even confidence: titles, head words, names in the gazetteer,
 * a given name with a family name, and the definite plural of Swedish party names.
 */
const FIRM_RULE = 2.6;

export class Context {
  readonly tokens: Token[];
  readonly words: LangWords;
  readonly lexicon;
  readonly sGenitive: boolean;
  /** Capitalised forms seen away from a sentence start. */
  readonly midCaps = new Set<string>();
  /** The same without a genitive -s ("Putins" → "Putin"), for recognising a name at a sentence start. */
  readonly midCapStems = new Set<string>();
  /** Lowercased sentence-initial capitalised words that the text also writes in lower case. */
  readonly lowerSeen = new Set<string>();
  /** Names in -s that the text also uses where no genitive can stand ("mot Hamas.", "Hamas och Israel"). */
  readonly sNominative = new Set<string>();

  constructor(
    readonly res: Resources,
    readonly text: string,
    readonly lang: string,
  ) {
    this.tokens = tokenize(text);
    this.words = res.langs.get(lang) ?? EMPTY_WORDS;
    this.lexicon = res.lexicons.get(lang) ?? null;
    this.sGenitive = S_GENITIVE.has(lang);
    const initial = new Set<string>();
    for (const t of this.tokens) {
      if (t.flags & CAP) {
        if (!t.sentStart) {
          const w = bare(t);
          this.midCaps.add(w);
          if (this.sGenitive && w.length > 3 && w.endsWith('s')) this.midCapStems.add(w.slice(0, -1));
        } else if (t.text.length <= MAX_TOKEN) {
          initial.add(t.lower);
        }
      }
    }
    if (this.sGenitive) this.findNominatives();
    // Only the few sentence-initial words need checking against the lowercase ones; their first letters
    // and lengths filter most tokens out before any set lookup.
    if (initial.size) {
      const firsts = new Set<number>();
      let minLen = Infinity;
      let maxLen = 0;
      for (const w of initial) {
        firsts.add(w.charCodeAt(0));
        if (w.length < minLen) minLen = w.length;
        if (w.length > maxLen) maxLen = w.length;
      }
      for (const t of this.tokens) {
        const n = t.text.length;
        if (t.flags & CAP || n < minLen || n > maxLen || !firsts.has(t.text.charCodeAt(0))) continue;
        if (initial.has(t.text)) this.lowerSeen.add(t.text);
      }
    }
  }

  /**
   * A genitive is followed by what it owns. A name in -s at the end of a sentence, or joined by "och" to
   * a word that is not a genitive too, is the name itself: "Hamas" is no genitive of "Hama" there.
   * ("Sveriges och Finlands ansökningar" stays a pair of genitives.)
   */
  private findNominatives() {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!(t.flags & CAP) || t.colonSuffix || t.text.length <= 3 || !t.text.endsWith('s')) continue;
      const next = tokens[i + 1];
      if (!next || /^\s*[.!?]/.test(this.text.slice(t.end, next.start))) {
        this.sNominative.add(t.text);
        continue;
      }
      if (!next.joined || !CONJUNCTIONS.has(next.lower)) continue;
      const after = tokens[i + 2];
      if (!(after && after.joined && after.flags & CAP && after.text.endsWith('s'))) this.sNominative.add(t.text);
    }
  }

  run(): Mention[] {
    return this.finish(this.candidates());
  }

  /** The rules' names: runs of capitalised words, trimmed and accepted. */
  candidates(): Candidate[] {
    const candidates: Candidate[] = [];
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!(t.flags & CAP) || t.text.length > MAX_TOKEN) continue;
      const last = this.extendRun(i);
      const cand = this.trim(i, last);
      if (cand && this.accept(cand)) candidates.push(cand);
      i = last;
    }
    return candidates;
  }

  /** The span `first`…`last` cut at a conjunction ("och", "and") that the rules' names do not cross. */
  splitAtConjunction(first: number, last: number, ruleCands: Candidate[]): [number, number][] {
    const tokens = this.tokens;
    const parts: [number, number][] = [];
    let from = first;
    for (let k = first + 1; k < last; k++) {
      const t = tokens[k]!;
      if (t.flags & CAP || !(CONJUNCTIONS.has(t.lower) || t.lower === 'and' || t.lower === 'or')) continue;
      const before = ruleCands.some((c) => c.last === k - 1 && c.first >= from);
      const after = ruleCands.some((c) => c.first === k + 1 && c.last <= last);
      if (!before || !after) continue;
      parts.push([from, k - 1]);
      from = k + 1;
    }
    parts.push([from, last]);
    return parts;
  }

  /** A candidate for tokens `first`…`last` as the tagger marked them; a title just before still counts. */
  spanCandidate(first: number, last: number, model: ModelChoice): Candidate {
    const tokens = this.tokens;
    const before = tokens[first - 1];
    const titled = !!before && !(before.flags & CAP) && TITLES.has(before.lower) && tokens[first]!.joined;
    const words: string[] = [];
    for (let k = first; k <= last; k++) words.push(bare(tokens[k]!));
    return { first, last, start: tokens[first]!.start, end: tokens[last]!.end, words, titled, sentStart: tokens[first]!.sentStart, model };
  }

  /** Index of the last token of the run of name words starting at `i`. */
  extendRun(i: number): number {
    const tokens = this.tokens;
    let last = i;
    const phraseEnd = this.matchPhrase(i);
    if (phraseEnd > last) last = phraseEnd;
    let hasHead = this.isHeadWord(tokens[i]!);
    while (last - i < MAX_RUN) {
      const cur = tokens[last]!;
      if (cur.possessive || cur.colonSuffix) break;
      const next = tokens[last + 1];
      if (!next || !next.joined || next.text.length > MAX_TOKEN) break;
      if (next.flags & CAP) {
        last++;
        const pe = this.matchPhrase(last);
        if (pe > last) last = pe;
        if (this.isHeadWord(tokens[last]!)) hasHead = true;
        continue;
      }
      const lower = next.text;
      const after = tokens[last + 2];
      const afterJoinsCap = !!after && after.joined && (after.flags & CAP) !== 0;
      // "Ludwig van Beethoven", "Ursula von der Leyen", but not "Wien den Präsidenten …" (German articles
      // look like particles).
      if (NAME_PARTICLES.has(lower)) {
        const j = after && after.joined && !(after.flags & CAP) && NAME_PARTICLES.has(after.text) ? last + 3 : last + 2;
        const head = tokens[j];
        if (head && head.joined && head.flags & CAP && head.text.length <= MAX_TOKEN && !TITLES.has(head.lower)) {
          last = j;
          continue;
        }
      }
      if (NAME_CONNECTORS.has(lower) && hasHead) {
        // "University of Western Ontario", "Department of Health and Human Services", "Bank of the West".
        if (afterJoinsCap) {
          last += 2;
          continue;
        }
        const after2 = tokens[last + 3];
        if (after && after.text === 'the' && after.joined && after2 && after2.joined && after2.flags & CAP) {
          last += 3;
          continue;
        }
      }
      // Swedish names whose later words are lower case: "Europeiska unionen", "Uppsala universitet",
      // "Kalmar tennisklubb".
      if (this.lang === 'sv' && this.isLowerHead(lower)) {
        const first = tokens[i]!;
        if (!(first.flags & UPPER) && (!first.sentStart || last > i || !this.words.stopwords.has(first.lower))) {
          last++;
          break;
        }
      }
      break;
    }
    return last;
  }

  isLowerHead(lower: string): boolean {
    if (this.isLowerHeadForm(lower)) return true;
    return lower.endsWith('s') && this.isLowerHeadForm(lower.slice(0, -1));
  }

  isLowerHeadForm(word: string): boolean {
    if (SV_LOWER_HEADS.has(word)) return true;
    for (const e of SV_LOWER_HEAD_ENDINGS) if (word.endsWith(e) && word.length > e.length + 2) return true;
    return false;
  }

  /** Last token index of the longest multi-word gazetteer name starting at token `i`, or -1. */
  matchPhrase(i: number): number {
    const t = this.tokens[i]!;
    const options = this.res.phrases.get(t.lower);
    if (!options) return -1;
    let best = -1;
    for (const rest of options) {
      let ok = true;
      let k = 0;
      for (; k < rest.length; k++) {
        const tk = this.tokens[i + 1 + k];
        if (!tk || !tk.joined) {
          ok = false;
          break;
        }
        let w = tk.lower;
        // English capitalises every word of a name: "Main Street", but "Main street shops" is no name.
        if (this.lang === 'en' && !(tk.flags & CAP) && !NAME_CONNECTORS.has(w) && !NAME_PARTICLES.has(w)) {
          ok = false;
          break;
        }
        if (k === rest.length - 1) {
          if (tk.colonSuffix) w = w.slice(0, w.length - tk.colonSuffix);
          if (w !== rest[k] && this.sGenitive && w.endsWith('s')) w = w.slice(0, -1);
        }
        if (w !== rest[k]) {
          ok = false;
          break;
        }
        // Possessives end a name in the middle ("Russia's Foreign Ministry").
        if (tk.possessive && k < rest.length - 1) {
          ok = false;
          break;
        }
      }
      if (ok && i + rest.length > best) best = i + rest.length;
    }
    return best;
  }

  isHeadWord(t: Token): boolean {
    const w = t.lower;
    return ORG_HEADS.has(w) || LOC_HEADS.has(w);
  }

  /** Removes titles and non-name words at the edges; null when nothing is left. */
  trim(first: number, last: number): Candidate | null {
    const tokens = this.tokens;
    let titled = false;
    // Titles just before the run: "president Putin", "Mr. Smith".
    const before = tokens[first - 1];
    if (before && !(before.flags & CAP) && TITLES.has(before.lower) && tokens[first]!.joined) titled = true;
    while (first <= last) {
      const t = tokens[first]!;
      const lower = t.lower;
      const rest = last - first;
      if (rest > 0 && (TITLES.has(lower) || (TITLE_ABBREVIATIONS.has(lower) && t.dotAfter)) && !(t.flags & UPPER)) {
        titled = true;
        first++;
        continue;
      }
      // "Norra ishavet", "Svenska kyrkan": the capitalised word before a lowercase head is the name.
      if (rest === 1 && !(tokens[last]!.flags & CAP)) break;
      // "New Zealand's …" at a sentence start: a listed name is kept whole.
      if (rest > 0 && this.matchPhrase(first) >= last) break;
      if (rest > 0 && this.isNonNameWord(t, lower)) {
        // Keep "Swedish Academy", "Democratic Party": an adjective before an organisation's head word.
        if (!t.sentStart && this.hasOrgHead(first + 1, last)) break;
        if (
          t.sentStart &&
          (this.words.capitalisedCommon.has(lower) || EN_CAPITALISED_WORDS.has(lower)) &&
          !this.words.calendar.has(lower) &&
          this.hasOrgHead(first + 1, last)
        )
          break;
        // "Amnesty International", "Human Rights Watch": an English sentence-initial ordinary word stays
        // when the words after it are ordinary words too, so no name without it.
        if (
          t.sentStart &&
          this.lang === 'en' &&
          !this.words.stopwords.has(lower) &&
          !this.words.capitalisedCommon.has(lower) &&
          !EN_CAPITALISED_WORDS.has(lower) &&
          !this.startsName(first + 1)
        )
          break;
        first++;
        continue;
      }
      if (rest > 0 && (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower)) && !(t.flags & CAP)) {
        first++;
        continue;
      }
      break;
    }
    let trimmedEnd = false;
    while (last >= first) {
      const t = tokens[last]!;
      const lower = t.lower;
      if (
        last > first &&
        !(t.flags & UPPER) &&
        (this.words.capitalisedCommon.has(lower) ||
          (this.lang === 'en' && EN_CAPITALISED_WORDS.has(lower)) ||
          TITLES.has(lower) ||
          (!(t.flags & CAP) && (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower))))
      ) {
        last--;
        trimmedEnd = true;
        continue;
      }
      break;
    }
    if (first > last || !(tokens[first]!.flags & CAP)) return null;
    // "South" left over from "South African": no name.
    if (trimmedEnd && first === last && QUALIFIERS.has(tokens[first]!.lower)) return null;
    // Events, agreements and awards ("Kyoto Protocol", "Nobel Prize") are not reported.
    if (last > first && MISC_HEADS.has(tokens[last]!.lower)) return null;
    const words: string[] = [];
    for (let k = first; k <= last; k++) {
      const t = tokens[k]!;
      words.push(t.colonSuffix ? t.text.slice(0, t.text.length - t.colonSuffix) : t.text);
    }
    return {
      first,
      last,
      start: tokens[first]!.start,
      end: tokens[last]!.end,
      words,
      titled,
      sentStart: tokens[first]!.sentStart,
    };
  }

  /** The token starts a name on its own: an abbreviation, a given name, or no ordinary word ("Union" is one). */
  startsName(i: number): boolean {
    const t = this.tokens[i]!;
    const lower = bare(t).toLowerCase();
    return (t.flags & UPPER) !== 0 || this.res.givenNames.has(lower) || !this.isCommonWord(lower);
  }

  /** A capitalised word at the front of a run that is not part of the name ("But", "Enligt", "American"). */
  isNonNameWord(t: Token, lower: string): boolean {
    if (t.flags & UPPER) return false;
    if (this.words.capitalisedCommon.has(lower)) return true;
    if (this.lang === 'en' && EN_CAPITALISED_WORDS.has(lower)) return true;
    if (!t.sentStart) return false;
    if (this.res.givenNames.has(lower) && !this.words.stopwords.has(lower)) return false;
    if (this.words.stopwords.has(lower)) return !this.res.places.has(lower);
    if (this.res.places.has(lower)) return false;
    // A sentence-initial ordinary word followed by a name: "Därför Putin …", "Yesterday Okafor …".
    // Danish and Norwegian borrow the Swedish dictionary for this one question.
    const lex = this.lexicon ?? (NEIGHBOURS_OF_SWEDISH.has(this.lang) ? (this.res.lexicons.get('sv') ?? null) : null);
    if (!lex) return false;
    const common = this.lexicon ? this.isCommonWord(lower) : lex.isCommon(lower);
    return common && !lex.isProper(t.text) && !this.midCaps.has(t.text);
  }

  /** An ordinary word of the text's language, or of `lang` (needs its dictionary; false without one). */
  isCommonWord(lower: string, lang = this.lang): boolean {
    const lex = lang === this.lang ? this.lexicon : this.res.lexicons.get(lang);
    if (!lex) return false;
    if (lex.isCommon(lower)) return true;
    // The English dictionary lacks some plurals ("investments").
    if (lang === 'en' && lower.length > 4 && lower.endsWith('s')) {
      if (lex.isCommon(lower.slice(0, -1))) return true;
      if (lower.endsWith('ies') && lex.isCommon(lower.slice(0, -3) + 'y')) return true;
      if (lower.endsWith('es') && lex.isCommon(lower.slice(0, -2))) return true;
    }
    return false;
  }

  hasOrgHead(first: number, last: number): boolean {
    for (let k = first; k <= last; k++) if (ORG_HEADS.has(this.tokens[k]!.lower)) return true;
    return false;
  }

  /** Decides whether a trimmed run is a name. */
  accept(c: Candidate): boolean {
    // "Vladimir Putin-kritikern", "Champions League-matchen": the name only modifies a compound.
    const after = this.tokens[c.last + 1];
    if (after && after.joined && !(after.flags & CAP) && /^\p{Lu}/u.test(after.text) && after.text.includes('-')) return false;
    if (c.first !== c.last) return true;
    const t = this.tokens[c.first]!;
    const word = c.words[0]!;
    const lower = word.toLowerCase();
    if (word.length < 2) return false;
    // A plural ending after a colon makes an abbreviation an ordinary noun ("SUV:ar", "PC:er").
    if (t.colonSuffix && /:(?:er|ar|or|erna|arna|orna)$/.test(t.text)) return false;
    // A capitalised stopword is a sentence start the punctuation did not show ("3 Vi har", "The").
    if (
      !(t.flags & UPPER) &&
      (this.words.stopwords.has(lower) || (this.lang !== 'en' && t.sentStart && EN_STOPWORDS().has(lower))) &&
      !(this.res.givenNames.has(lower) && !t.sentStart)
    )
      return false;
    if (t.flags & DIGIT) return false;
    if (GENERIC_ACRONYMS.has(lower)) return false;
    if (this.words.capitalisedCommon.has(lower)) return false;
    if (this.lang === 'en' && EN_CAPITALISED_WORDS.has(lower)) return false;
    if (TITLES.has(lower) && !(t.flags & UPPER)) return false;
    // Plural abbreviations are ordinary nouns ("NGOs", "SUVs"); so are dotted ones ("C.E.O.").
    if (/^\p{Lu}{2,}s$/u.test(word)) return false;
    if (t.flags & UPPER) return !(word.includes('.') && GENERIC_ACRONYMS.has(lower.replace(/\./g, '')));
    // A head word alone is an ordinary noun ("the Ministry", "Council").
    if (ORG_HEADS.has(lower) || LOC_HEADS.has(lower) || MISC_HEADS.has(lower)) return false;
    const known = this.res.places.has(lower) || this.res.givenNames.has(lower);
    if (this.lang === 'en' && !known) {
      const lex = this.lexicon;
      // Adjectives of peoples and places ("Flemish", "Kurdish", "Estonian").
      if (lex && /(?:ish|ese|ian|ean|an)$/.test(lower) && lex.isProper(word) && !lex.isCommon(lower)) return false;
      // A capitalised ordinary word mid-sentence is emphasis or a product, not a name ("Independent"),
      // unless someone says something ("says Berg").
      if (!t.sentStart && this.isCommonWord(lower) && !(lex && lex.isProper(word)) && !c.titled && !this.speechContext(c)) return false;
    }
    if (this.lang === 'sv' && !known && this.isNamedThing(word, lower)) return false;
    if (!t.sentStart && !NOUN_CAPITALISING.has(this.lang)) return true;
    return this.initialWordIsName(t, word, lower, c);
  }

  /** The name is the subject of a verb of saying or deciding, or of a plural verb ("Norway were"). */
  actsAsBody(c: Candidate): boolean {
    const next = this.tokens[c.last + 1];
    if (!next || !next.joined || next.flags & CAP || this.tokens[c.last]!.possessive) return false;
    // After a preposition it is no subject: "the critics in Helsinki were …".
    const prev = this.tokens[c.first - 1];
    if (prev && this.tokens[c.first]!.joined && !(prev.flags & CAP) && (PLACE_PREPOSITIONS.has(prev.lower) || PREPOSITIONS.has(prev.lower))) return false;
    return BODY_VERBS.has(next.lower) || (this.lang === 'en' && TEAM_VERBS.has(next.lower));
  }

  /** "the town of X", "the village of X", "staden X": a noun of places right before the name. */
  placeNounBefore(c: Candidate): boolean {
    const prev = this.tokens[c.first - 1];
    if (!prev || prev.flags & CAP || !this.tokens[c.first]!.joined) return false;
    if (PLACE_NOUNS.has(prev.lower)) return true;
    const prev2 = this.tokens[c.first - 2];
    return (prev.lower === 'of' || prev.lower === 'av') && !!prev2 && prev.joined && !(prev2.flags & CAP) && PLACE_NOUNS.has(prev2.lower);
  }

  /** A reflexive or a relative pronoun that only people take, right after the name (English). */
  personCue(c: Candidate): boolean {
    if (this.lang !== 'en') return false;
    const next = this.tokens[c.last + 1];
    if (!next || next.flags & CAP || this.tokens[c.last]!.possessive) return false;
    if (next.joined) return next.lower === 'himself' || next.lower === 'herself';
    return (next.lower === 'who' || next.lower === 'whom') && /^\s*,\s*$/.test(this.text.slice(c.end, next.start));
  }

  /** A verb of saying right before or after the name ("says Berg", "Berg said"). */
  speechContext(c: Candidate): boolean {
    const prev = this.tokens[c.first - 1];
    const next = this.tokens[c.last + 1];
    if (prev && !(prev.flags & CAP) && SPEECH_VERBS.has(prev.lower) && this.tokens[c.first]!.joined) return true;
    return !!next && next.joined && !(next.flags & CAP) && PERSON_FOLLOWERS.has(next.lower);
  }

  /**
   * A Swedish compound of a name and an ordinary word ("Astanadeklarationen", "Kazakstanbesöket"): it names
   * a thing, not the entity. Organisation and place endings ("Miljöpartiet", "Drottninggatan") stay.
   */
  isNamedThing(word: string, lower: string): boolean {
    const lex = this.lexicon;
    if (!lex || lower.length < 8 || lower.includes('-')) return false;
    const key = `${this.lang}|${word}`;
    let found = this.res.memo.get(key) as true | string[] | undefined;
    if (found === undefined) {
      found = this.nameAndWordSplits(word, lower, lex);
      if (this.res.memo.size > 100_000) this.res.memo.clear();
      this.res.memo.set(key, found);
    }
    if (found === true) return true;
    for (const left of found) if (this.midCaps.has(left)) return true;
    return false;
  }

  /**
   * True when the word splits into a known name and an ordinary word; otherwise the first parts
   * that would count as names if the text writes them capitalised elsewhere.
   */
  private nameAndWordSplits(word: string, lower: string, lex: Lexicon): true | string[] {
    // An ordinary word as a whole ("Liberalernas") is a party or body written with a capital.
    if (lex.isCommon(lower) || lex.isProper(word) || this.hasOrgSuffix(lower) || this.hasLocSuffix(lower)) return [];
    const maybe: string[] = [];
    for (let i = 3; i <= lower.length - 5; i++) {
      const right = lower.slice(i);
      if (!lex.isCommon(right, false)) continue;
      const left = lower.slice(0, i);
      if (lex.isCommon(left)) continue;
      if (left.endsWith('s') && lex.isCommon(left.slice(0, -1))) continue;
      // The first part must be a known name, or the second part long enough not to be a chance
      // ending of a foreign surname.
      if (right.length >= 8) return true;
      if (left.length < 4) continue;
      const leftWord = word.slice(0, i);
      if (this.res.places.has(left) || lex.isProper(leftWord)) return true;
      maybe.push(leftWord);
    }
    return maybe;
  }

  /** A capitalised word whose capital may be due only to its position: keep it on evidence. */
  initialWordIsName(t: Token, word: string, lower: string, c: Candidate): boolean {
    if (t.flags & UPPER) return true;
    const stripped = this.sGenitive && lower.length > 3 && lower.endsWith('s') ? word.slice(0, -1) : null;
    // The word, its genitive, or its stem appears capitalised mid-sentence ("Putin" … "Putins").
    const recurs = this.midCaps.has(word) || this.midCapStems.has(word) || (stripped !== null && this.midCaps.has(stripped));
    // (In German every noun is capitalised, so recurring capitals prove nothing there.)
    if (recurs && !NOUN_CAPITALISING.has(this.lang)) return true;
    if (c.titled) return true;
    const stop = this.words.stopwords.has(lower);
    if (stop) return false;
    const place = this.res.places.get(lower) ?? (stripped ? this.res.places.get(stripped.toLowerCase()) : undefined);
    if (place && (place.kind === 'country' || place.kind === 'world' || place.kind === 'supra')) return true;
    if (place && !this.isCommonWord(lower) && (place.kind === 'region' || place.population >= 100_000)) return true;
    if (this.hasOrgSuffix(lower) || (stripped !== null && this.hasOrgSuffix(stripped.toLowerCase())) || this.hasLocSuffix(lower)) return true;
    if (this.lowerSeen.has(lower)) return false;
    const lex = this.lexicon;
    if (lex) {
      // An ordinary word that happens to be a name too ("Split", "Mobile") starts sentences as a word.
      if (this.isCommonWord(lower)) return false;
      if (lex.isProper(word)) return true;
      if (place) return true;
      if (this.res.givenNames.has(lower)) return true;
      // Unknown to the dictionary: a name, unless it is too short to tell.
      return lower.length >= 3;
    }
    if (place) return true;
    // Without a dictionary, be conservative: known given names only.
    return this.res.givenNames.has(lower) && !NOUN_CAPITALISING.has(this.lang);
  }

  hasOrgSuffix(lower: string): boolean {
    if (this.lang !== 'sv' && this.lang !== 'da' && this.lang !== 'nb' && this.lang !== 'de') return false;
    const org = longestSuffix(lower, SV_ORG_SUFFIXES);
    // "Uppsalaområdet" ends in "rådet" but is an area: the longer place ending wins.
    return org > 0 && (this.lang !== 'sv' || longestSuffix(lower, SV_LOC_SUFFIXES) < org);
  }

  hasLocSuffix(lower: string): boolean {
    if (this.lang !== 'sv') return false;
    const word = lower.endsWith('s') ? lower.slice(0, -1) : lower;
    for (const s of SV_LOC_SUFFIXES) {
      if ((lower.length > s.length + 2 && lower.endsWith(s)) || (word.length > s.length + 2 && word.endsWith(s))) return true;
    }
    return false;
  }

  /** Types, canonical names, short forms, and one type per entity within the text. */
  finish(cands: Candidate[]): Mention[] {
    const typed = cands.map((c) => (c.model ? this.modelTyped(c, c.model) : this.classifyOnce(c)));
    // Short forms: a surname alone refers to the full name given elsewhere in the text.
    const fullNames = new Map<string, string>();
    for (let k = 0; k < cands.length; k++) {
      const ty = typed[k]!;
      if (ty.type === 'PER' && ty.surnameKey && cands[k]!.words.length >= 2) {
        const seen = fullNames.get(ty.surnameKey);
        if (!seen || ty.entity.length > seen.length) fullNames.set(ty.surnameKey, ty.entity);
      }
    }
    if (fullNames.size) {
      for (let k = 0; k < cands.length; k++) {
        const c = cands[k]!;
        if (c.words.length !== 1) continue;
        const ty = typed[k]!;
        const key = this.nameKey(c.words[0]!).toLowerCase();
        const full = fullNames.get(key);
        if (full && !(ty.score >= 4 && ty.type !== 'PER')) typed[k] = { type: 'PER', entity: full, score: 3, surnameKey: key, why: WHY.linked };
      }
    }
    // One type per entity: the best-supported one.
    const best = new Map<string, Typed>();
    for (const ty of typed) {
      if (ty.local) continue;
      const key = ty.entity.toLowerCase();
      const seen = best.get(key);
      if (!seen || ty.score > seen.score) best.set(key, ty);
    }
    const out: Mention[] = [];
    for (let k = 0; k < cands.length; k++) {
      const c = cands[k]!;
      const ty = typed[k]!;
      const type = ty.local ? ty.type : best.get(ty.entity.toLowerCase())!.type;
      // "Portland, Oregon": a town and its state or province are one place.
      const next = cands[k + 1];
      if (type === 'LOC' && next && next.words.length <= 2 && this.text.slice(c.end, next.start) === ', ') {
        const region = this.res.places.get(next.words.join(' ').toLowerCase());
        if (region && region.kind === 'region' && this.res.places.get(c.words.join(' ').toLowerCase())?.kind === 'city') {
          const entity = `${ty.entity}, ${placeName(region, this.lang)}`;
          out.push({ start: c.start, end: next.end, text: this.text.slice(c.start, next.end), type: 'LOC', entity, why: ty.why });
          k++;
          continue;
        }
      }
      const why = ty.local ? ty.why : best.get(ty.entity.toLowerCase())!.why;
      out.push({ start: c.start, end: c.end, text: this.text.slice(c.start, c.end), type, entity: ty.entity, why });
    }
    return out;
  }

  /** The tagger's type, with the canonical name the rules give the span and what they would have said. */
  modelTyped(c: Candidate, model: ModelChoice): Typed {
    const rules = this.classifyOnce(c);
    // "Russia said": the sentence's grammar makes the country its government, whatever the tagger learnt.
    if (rules.local) return rules;
    const n = c.words.length;
    const surnameKey = model.type === 'PER' && n >= 2 ? this.nameKey(c.words[n - 1]!).toLowerCase() : null;
    if (rules.type !== model.type && model.confidence < 0.5 && rules.score >= FIRM_RULE) {
      return { ...rules, why: { ...rules.why, detail: `${rules.why.detail}; the trained tagger, unsure, would say ${model.type}` } };
    }
    const agree = rules.type === model.type ? 'the rules agree' : `the rules would say ${rules.type}`;
    const why: TypeReason = { source: 'model', detail: `the trained tagger; ${agree}: ${rules.why.detail}`, confidence: model.confidence };
    return { type: model.type, entity: rules.entity, score: MODEL_SCORE + model.confidence, surnameKey, why };
  }

  /** Rule types of spans already classified: the tagger's names are mostly the rules' names too. */
  private readonly typedSpans = new Map<number, Typed>();

  classifyOnce(c: Candidate): Typed {
    const key = (c.first * 64 + Math.min(c.last - c.first, 31)) * 2 + (c.titled ? 1 : 0);
    let ty = this.typedSpans.get(key);
    if (!ty) this.typedSpans.set(key, (ty = this.classify(c)));
    return ty;
  }

  /** The word without a genitive -s, when the language and the evidence allow. */
  nameKey(word: string): string {
    if (!this.sGenitive || word.length <= 3 || !word.endsWith('s') || word.endsWith('ss')) return word;
    const stem = word.slice(0, -1);
    const lowerStem = stem.toLowerCase();
    if (this.res.places.has(word.toLowerCase()) || this.res.givenNames.has(word.toLowerCase())) return word;
    if (this.midCaps.has(stem)) return stem;
    // The text uses the word as a name on its own ("Hamas och Israel", "… med Hamas."): whatever name the
    // word less its -s may be, this is not its genitive.
    if (this.sNominative.has(word)) return word;
    if (this.res.places.has(lowerStem) || this.res.givenNames.has(lowerStem)) return stem;
    if (this.lexicon?.isProper(stem)) return stem;
    if (this.lexicon?.isProper(word)) return word;
    // Names in -ius and -eus (Latinised surnames) end in s in the nominative; their genitive adds none.
    return /(?:[sxz]|iu|eu)$/.test(stem) ? word : stem;
  }

  classify(c: Candidate): Typed {
    const n = c.words.length;
    const lastWord = this.nameKey(c.words[n - 1]!);
    const canonical = c.words.slice(0, -1).concat(lastWord).join(' ');
    const lowerCanon = canonical.toLowerCase();
    const lowerWords = c.words.map((w) => w.toLowerCase());
    const tokens = this.tokens;
    const first = tokens[c.first]!;

    let place = this.res.places.get(lowerCanon) ?? this.res.places.get(c.words.join(' ').toLowerCase());
    // An abbreviation is a country ("USA", "UK"), never a town that happens to be spelt the same.
    if (place && n === 1 && first.flags & UPPER && (place.kind === 'city' || place.kind === 'region')) place = undefined;
    // A given name that is also a town ("Vladimir") still starts a full name.
    const firstGiven = this.res.givenNames.has(lowerWords[0]!) && (n >= 2 || !this.res.places.has(lowerWords[0]!));
    const orgHead = this.orgHead(lowerWords);
    const lastLower = lastWord.toLowerCase();
    const locHead = LOC_HEADS.has(lastLower) || SV_LOWER_HEADS_LOC.has(lowerWords[n - 1]!) || this.hasLocSuffix(lastLower);
    const prev = c.first > 0 ? tokens[c.first - 1]! : null;
    const prevLower = prev && !(prev.flags & CAP) && first.joined ? prev.lower : '';
    // "in Vienna", but not "in Lindqvist's trial".
    const placeContext = PLACE_PREPOSITIONS.has(prevLower) && !tokens[c.last]!.possessive;
    const surnameKey = n >= 2 ? lastLower : null;

    // A country or city that speaks, decides or (in British English) plays as a team is acting as its
    // government or side: "Russia said", "Moscow warns", "Norway were".
    if (place && (place.kind === 'country' || place.kind === 'city') && place.type === 'LOC' && this.actsAsBody(c)) {
      return { ...typed('ORG', 5, placeName(place, this.lang), null, WHY.body), local: true };
    }
    // Countries, continents, the EU and the UN: the strongest evidence there is.
    if (place && (place.kind === 'country' || place.kind === 'world' || place.kind === 'supra')) {
      return typed(place.type, 4, placeName(place, this.lang), surnameKey, WHY.country);
    }
    // Well-known organisations and landmarks (rivers, seas, districts, buildings), as the text spells them.
    if (place && (place.kind === 'org' || place.kind === 'landmark')) return typed(place.type, 3.5, canonical, surnameKey, WHY.listed);
    if (c.titled && !orgHead) return typed('PER', 3, canonical, surnameKey, WHY.title);
    // A known organisation followed by more name: "Vodafone Iceland", "Netflix Nordic".
    const orgFirst = n >= 2 && !locHead && this.res.places.get(lowerWords[0]!)?.kind === 'org';
    if (orgHead || orgFirst) return typed('ORG', 3, canonical, surnameKey, WHY.orgHead);
    // People known by one name ("Banksy"), unless a sizeable town of that name is meant.
    if (n === 1 && this.res.knownPeople.has(lowerCanon) && !placeContext && (!place || place.population < 100_000)) {
      return typed('PER', 3, canonical, surnameKey, WHY.knownPerson);
    }
    if (n >= 2 && !place && !locHead && PLACE_FIRST_WORDS.has(lowerWords[0]!)) return typed('LOC', 2.2, canonical, surnameKey, WHY.placeWord);
    if (n >= 2 && firstGiven && !locHead && !place) return typed('PER', 3, canonical, surnameKey, WHY.givenFull);
    // "the town of Brackwell", "staden Kiruna": the noun before says what the name is.
    if (this.placeNounBefore(c)) return typed('LOC', 2.8, place ? placeName(place, this.lang) || canonical : canonical, surnameKey, WHY.placeNoun);
    // "Trevannick, who led …", "Trevannick herself": only a person is referred to so.
    // (One word, not an ordinary one: groups take "who" too, "the Greens, who".)
    if (n === 1 && !this.isCommonWord(lowerCanon) && this.personCue(c) && (!place || place.kind === 'city' || place.kind === 'landmark')) {
      return typed('PER', 2.8, canonical, surnameKey, WHY.personCue);
    }
    if (place) {
      // A town that is also a person's name ("Victoria", "Florence") is a person unless the context says place.
      const big = place.population >= 200_000 || (place.kind === 'region' && !firstGiven);
      if (n === 1 && !big && !placeContext && (this.res.personLikePlaces.has(lowerCanon) || firstGiven))
        return typed('PER', 2, canonical, surnameKey, WHY.personLikePlace);
      return typed('LOC', place.kind === 'region' || place.population >= 100_000 ? 3 : 2.5, placeName(place, this.lang), surnameKey, WHY.town);
    }
    if (locHead) return typed('LOC', 2.5, canonical, surnameKey, WHY.locHead);
    // "Konungariket Norge", "Republiken Finland": ordinary words before a country.
    if (n >= 2) {
      const country = this.res.places.get(lastLower);
      if (country?.kind === 'country' && lowerWords.slice(0, -1).every((w) => this.isCommonWord(w))) {
        return typed('LOC', 3, canonical, surnameKey, WHY.countryTitle);
      }
    }
    if (n === 1) {
      const word = c.words[0]!;
      // The Swedish dictionary knows many of the world's places, whatever the text's language.
      if (this.res.lexicons.get('sv')?.isPlace(lastWord)) return typed('LOC', 2.5, canonical, surnameKey, WHY.dictPlace);
      if (first.flags & UPPER) {
        // Two-letter dotted abbreviations are mostly places ("N.Y.", "L.A."); the rest organisations.
        return /^(?:\p{Lu}\.){2}$/u.test(word) ? typed('LOC', 2, canonical, surnameKey, WHY.dottedPlace) : typed('ORG', 2, canonical, surnameKey, WHY.acronym);
      }
      // Inner capitals are brand names ("PayPal", "YouTube", "EMotion"), surname prefixes aside ("McLean").
      if ((/\p{Ll}\p{Lu}/u.test(word) || /^\p{Lu}{2}\p{Ll}/u.test(word)) && !SURNAME_PREFIX.test(word))
        return typed('ORG', 2, canonical, surnameKey, WHY.innerCaps);
      if (firstGiven) return typed('PER', 2, canonical, surnameKey, WHY.givenAlone);
      // Swedish parties and groups are named in the definite plural ("Liberalerna", "Moderaternas").
      if (this.lang === 'sv' && /(?:erna|arna|orna)s?$/.test(lastLower) && this.lexicon?.isCommon(lowerWords[0]!)) {
        return typed('ORG', 2.6, canonical, surnameKey, WHY.svParty);
      }
      // A name that takes the Swedish definite article ("Saaben", "Volvon") is a product or company.
      if (this.takesDefinite(lastWord)) return typed('ORG', 2.2, canonical, surnameKey, WHY.definiteName);
      // A Swedish noun in the definite form, capitalised mid-sentence, names an institution or a paper:
      // "Försvarsmakten", "Expressen", "Kustbevakningen".
      if (this.lang === 'sv' && !first.sentStart && this.isDefiniteNoun(lowerWords[0]!)) return typed('ORG', 2.2, canonical, surnameKey, WHY.definiteNoun);
    }
    // Several ordinary words, or places, and no given name: "Human Rights Watch", "Police Scotland".
    if (n >= 2 && lowerWords.every((w) => this.isCommonWord(w) || this.res.places.has(w))) return typed('ORG', 1.8, canonical, surnameKey, WHY.ordinaryWords);
    if (this.speechContext(c)) return typed('PER', 1.5, canonical, surnameKey, WHY.speech);
    if (placeContext && n === 1) return typed('LOC', 1.2, canonical, surnameKey, WHY.placePrep);
    // Two capitalised words that are no ordinary words (of the text's language or of English, which
    // company names borrow; with and without a genitive -s) read as a first name and a family name:
    // "Margrethe Vestager".
    if (
      n === 2 &&
      c.last === c.first + 1 &&
      [tokens[c.first]!, tokens[c.last]!].every((t) => (t.flags & (CAP | UPPER)) === CAP) &&
      ![...lowerWords, lastLower].some((w) => this.isCommonWord(w) || this.isCommonWord(w, 'en'))
    ) {
      return typed('PER', 1.1, canonical, surnameKey, WHY.twoUnknown);
    }
    // A name nothing else explains: a person if it ends in a known family name, else an organisation
    // (companies, websites and bands are the usual names that no list of people holds).
    if (!bloomHas(this.res.surnames, lastLower) && !bloomHas(this.res.surnames, lowerWords[n - 1]!) && !SURNAME_ENDING.test(lastLower)) {
      return typed('ORG', 1, canonical, surnameKey, WHY.unknown);
    }
    // Several words with an abbreviation among them ("UN Habitat") name a body, not a person.
    if (n >= 2) for (let k = c.first; k <= c.last; k++) if (tokens[k]!.flags & UPPER) return typed('ORG', 1, canonical, surnameKey, WHY.acronymInside);
    return typed('PER', 1, canonical, surnameKey, WHY.surname);
  }

  /** "expressen" (express + en), "försvarsmakten" (försvarsmakt + en): an ordinary noun with its definite ending. */
  isDefiniteNoun(lower: string): boolean {
    const lex = this.lexicon;
    if (!lex || lower.length < 6 || !lex.isCommon(lower)) return false;
    const m = /(?:en|et|n|t)$/.exec(lower);
    return !!m && lex.isCommon(lower.slice(0, lower.length - m[0].length));
  }

  takesDefinite(word: string): boolean {
    const sv = this.res.lexicons.get('sv');
    if (!sv) return false;
    return /[aeiouyåäö]$/i.test(word) ? sv.derives(word, `${word}n`) : sv.derives(word, `${word}en`) || sv.derives(word, `${word}et`);
  }

  orgHead(lowerWords: string[]): boolean {
    const n = lowerWords.length;
    for (let k = n > 1 ? 1 : 0; k < n; k++) {
      const w = lowerWords[k]!;
      if (ORG_HEADS.has(w) || SV_LOWER_HEADS_ORG.has(w)) return true;
      // English plurals of head words: "the Johnson Administrations".
      if (this.lang === 'en' && k === n - 1 && n > 1 && w.length > 5 && w.endsWith('s') && ORG_HEADS.has(w.slice(0, -1))) return true;
    }
    if (n > 1 && ORG_HEADS.has(lowerWords[0]!) && lowerWords.length > 2) return true;
    const last = lowerWords[n - 1]!;
    return this.hasOrgSuffix(last) || (this.sGenitive && last.endsWith('s') && this.hasOrgSuffix(last.slice(0, -1)));
  }
}

/** The Swedish lowercase heads that make a place; the others make an organisation. */
const SV_LOWER_HEADS_LOC = new Set([
  'huset',
  'torget',
  'havet',
  'sjön',
  'ön',
  'berget',
  'kanalen',
  'bukten',
  'viken',
  'staterna',
  'emiraten',
  'republiken',
  'riket',
  'kungariket',
  'län',
  'länet',
]);
const SV_LOWER_HEADS_ORG = new Set([...SV_LOWER_HEADS].filter((w) => !SV_LOWER_HEADS_LOC.has(w)));

/** Length of the longest ending in `endings` that `word` has with at least three letters before it; 0 if none. */
function longestSuffix(word: string, endings: string[]): number {
  let best = 0;
  for (const e of endings) if (e.length > best && word.length > e.length + 2 && word.endsWith(e)) best = e.length;
  return best;
}

/** Words that join two names of the same kind: "Hamas och Israel". */
const CONJUNCTIONS = new Set(['och', 'eller', 'samt', 'og', 'und', 'oder']);

/** Nouns for kinds of place that name the place after them: "the town of X", "staden X" (English, Swedish). */
const PLACE_NOUNS = new Set([
  'town',
  'city',
  'village',
  'hamlet',
  'municipality',
  'county',
  'province',
  'island',
  'suburb',
  'staden',
  'byn',
  'orten',
  'tätorten',
  'kommunen',
  'ön',
  'provinsen',
  'regionen',
  'delstaten',
  'förorten',
  'huvudstaden',
]);

/** Verbs whose subject, when a country or city, is its government: English and Swedish. */
const BODY_VERBS = new Set([
  'said',
  'says',
  'warned',
  'warns',
  'argued',
  'argues',
  'announced',
  'announces',
  'insisted',
  'insists',
  'claimed',
  'claims',
  'accused',
  'accuses',
  'denied',
  'denies',
  'rejected',
  'rejects',
  'demanded',
  'demands',
  'threatened',
  'threatens',
  'decided',
  'decides',
  'believes',
  'considers',
  'wants',
  'vowed',
  'vows',
  'urged',
  'urges',
  'condemned',
  'condemns',
  'sade',
  'sa',
  'säger',
  'anser',
  'menar',
  'varnar',
  'varnade',
  'kräver',
  'krävde',
  'hävdar',
  'hävdade',
  'meddelade',
  'meddelar',
  'uppger',
  'uppgav',
  'förnekar',
  'förnekade',
  'fördömer',
  'fördömde',
  'hotar',
  'hotade',
  'vill',
  'beslutade',
  'beslutar',
]);
const PREPOSITIONS = new Set(['of', 'for', 'with', 'by', 'on', 'about', 'against', 'av', 'för', 'med', 'hos', 'om', 'på', 'mot', 'åt']);
/** Plural verbs after a singular place name: a sports side in British English ("Norway were"). */
const TEAM_VERBS = new Set(['were', 'are', 'have']);

/** Surnames with an inner capital ("McLean", "DeLuca", "MacArthur", "FitzGerald", "O'Neill"). */
const SURNAME_PREFIX = /^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O')\p{Lu}/u;

/** Endings typical of family names in many languages ("Petrov", "Tokayev", "Kovalenko", "Nowakowski",
 * "Pashinyan", "Andersson", "Lindqvist", "Papadopoulos", "Gelashvili"). */
const SURNAME_ENDING =
  /(?:ov|ova|ev|eva|yev|enko|sky|skiy|ski|ska|vić|vic|ić|escu|sson|son|sen|berg|ström|qvist|quist|gren|lund|ez|yan|ian|oglu|oğlu|idis|ides|poulos|elli|etti|ini|mann|stein|czyk|shvili|adze|uk|chuk|jan|jev)$/;

/** Words that start place names: compass points and "Mount", "San", "Port"-like parts. */
const PLACE_FIRST_WORDS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'nord',
  'syd',
  'öst',
  'väst',
  'norra',
  'södra',
  'östra',
  'västra',
  'mount',
  'mont',
  'monte',
  'san',
  'santa',
  'santo',
  'são',
  'saint',
  'sankt',
  'port',
  'porto',
  'puerto',
  'fort',
  'cape',
  'lake',
  'isla',
  'costa',
  'bad',
  'st',
]);

function typed(type: EntityType, score: number, entity: string, surnameKey: string | null, why: TypeReason): Typed {
  return { type, entity, score, surnameKey: type === 'PER' ? surnameKey : null, why };
}

const reason = (source: TypeReason['source'], detail: string): TypeReason => ({ source, detail });

/** Why the rules gave a name its type, one entry per rule in `classify`. */
const WHY = {
  body: reason('context', 'a country or city that speaks or decides stands for its government or side'),
  country: reason('gazetteer', 'a country, continent or union in the gazetteer'),
  listed: reason('gazetteer', 'a well-known organisation or named place in the gazetteer'),
  title: reason('title', 'a title before the name'),
  orgHead: reason('head word', 'an organisation head word ("University", "partiet")'),
  knownPerson: reason('gazetteer', 'a person known by one name'),
  placeWord: reason('head word', 'a place word first ("North", "Mount", "San")'),
  givenFull: reason('given name', 'starts with a given name'),
  placeNoun: reason('context', 'a noun for a kind of place before it ("the town of", "staden")'),
  personCue: reason('context', 'referred to as a person (", who", "herself")'),
  personLikePlace: reason('given name', "a small town's name that is also a person's name"),
  town: reason('gazetteer', 'a town or region in the gazetteer'),
  locHead: reason('head word', 'a place head word ("Street", "River", "-gatan")'),
  countryTitle: reason('gazetteer', 'ordinary words before a country ("Konungariket Norge")'),
  dictPlace: reason('dictionary', 'the dictionary lists it as a place'),
  dottedPlace: reason('form', 'a dotted two-letter abbreviation ("L.A.")'),
  acronym: reason('form', 'an abbreviation'),
  innerCaps: reason('form', 'capitals inside the word, as brand names have'),
  givenAlone: reason('given name', 'a given name'),
  svParty: reason('form', 'an ordinary word in the definite plural, as Swedish parties are named'),
  definiteName: reason('dictionary', 'a name that takes the definite article (a product or company)'),
  definiteNoun: reason('form', 'a noun in the definite form capitalised mid-sentence'),
  ordinaryWords: reason('form', 'several ordinary words'),
  speech: reason('context', 'says something ("said", "säger")'),
  placePrep: reason('context', 'after a place preposition ("in", "i")'),
  twoUnknown: reason('form', 'two words that are no ordinary words: a given name and a family name'),
  unknown: reason('fallback', 'nothing else explains it; most such names are companies or groups'),
  acronymInside: reason('form', 'an abbreviation among several words'),
  surname: reason('gazetteer', 'ends in a known family name'),
  linked: reason('linked', 'the family name of a person named in full in the text'),
} satisfies Record<string, TypeReason>;

let enStopwords: Set<string> | null = null;
/** English stopwords: English quotations and titles turn up in articles in any language. */
function EN_STOPWORDS(): Set<string> {
  return (enStopwords ??= new Set(stopwordLists().en ?? []));
}

function bare(t: Token): string {
  return t.colonSuffix ? t.text.slice(0, t.text.length - t.colonSuffix) : t.text;
}
