// Words for distinctive-language analysis (log-odds of word use between groups of articles).
//
// What counts as a word, and why:
// - Text is normalised with NFKC, so a composed "ö" and "o" + combining diaeresis are the same word and a
//   PDF ligature such as "ﬁ" reads as "fi"; then lowercased. (Tokens are counted, never mapped back to
//   offsets, so normalising here is safe.) Soft hyphens, invisible in print, are removed.
// - A word is a run of Unicode letters, combining marks and digits, so å, ä, ö and every other script
//   stay whole.
// - Inner hyphens join: "EU-kommissionen", "Nato-medlemskap" and "covid-19" are one word each; splitting
//   them would invent counts for "eu" and "kommissionen". A hyphen at either end ("EU- och Natofrågor")
//   is dropped.
// - Inner colons join: Swedish writes the endings of abbreviations after a colon ("CSTO:s", "EU:s",
//   "SVT:s"). Splitting would leave a one-letter "s" and mix the genitive into the bare abbreviation;
//   nothing else is stemmed either ("Rysslands" and "Ryssland" stay two words), so "csto:s" stays a
//   word of its own, the way the analyst will recognise it in a ranking.
// - Inner apostrophes join (’ is read as '), so English "don't" and "Sweden's" stay whole and match the
//   stop-word lists, which write contractions with an apostrophe.
// - Dropped: stop words of the languages asked for (from the stopwords-iso package), numbers (runs of
//   digits, also "10:30", "2020-2021" and ordinals such as "3:e", "1:a", "21st"; words that mix digits
//   with letters, such as "co2", "g7" or "1990-talet", stay), and words of a single character.
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import { invalid } from '../errors.ts';

const STOPWORD_LISTS: Readonly<Record<string, readonly string[]>> = stopwordsIso;

export interface TokenOptions {
  /** Languages whose stop words are removed, as ISO 639-1 codes ("sv", "en"); a region ("sv-FI") is ignored. */
  languages: readonly string[];
  /** Words to keep although a stop-word list has them (the lists include, for instance, "vänster", "höger" and "world"). */
  keep?: Iterable<string>;
  /** More words to remove. */
  extra?: Iterable<string>;
}

/** A word in normalised, lowercased text. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-\u2010\u2011'\u2019:][\p{L}\p{M}\p{N}]+)*/gu;
/**
 * A run of letters in the text as written, before normalising: the same shape, with soft hyphens inside.
 * Each distinct run is normalised and decided once (see `runReader`), so a corpus is never normalised or
 * lowercased as a whole, and a run keeps its place in the text.
 */
export const RUN = /[\p{L}\p{M}\p{N}\u00ad]+(?:[-\u2010\u2011'\u2019:][\p{L}\p{M}\p{N}\u00ad]+)*/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_NUMBER = /\p{N}/u;
const NUMBER = /^\p{N}+(?:[-:']\p{N}+)*(?::\p{L}{1,2}|st|nd|rd|th)?$/u;

/** Bounds the memory of a run reader kept over a large corpus. */
const MAX_DECIDED = 500_000;

/**
 * A character outside the ranges NFKC leaves as they are: ASCII, Latin-1's letters, Latin Extended-A
 * but for its few compatibility characters (Ĳ ĳ Ŀ ŀ ŉ ſ), and the common dashes and quotes.
 */
// eslint-disable-next-line no-control-regex -- tabs and newlines are in the range NFKC leaves alone
const CHANGED_BY_NFKC = /[^\u0000-\u009f\u00c0-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2010\u2012-\u2016\u2018\u2019\u201c\u201d]/;

const SPECIAL_MARKS = /[\u2010\u2011\u2019]/;
const unifyMarks = (word: string) => word.replace(/[\u2010\u2011]/g, '-').replace(/\u2019/g, "'");
const isSurrogatePair = (word: string) => word.charCodeAt(0) >= 0xd800 && word.charCodeAt(0) <= 0xdbff;

/** The form in which words and stop words are compared. */
function normalise(word: string): string {
  return unifyMarks(word.normalize('NFKC').toLowerCase());
}

/** The ISO 639-1 codes that have a stop-word list. */
export function stopwordLanguages(): string[] {
  return Object.keys(STOPWORD_LISTS).sort();
}

const baseLanguage = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** The stop words of the given languages, normalised as tokens are. Throws INVALID_INPUT for a language without a list. */
export function stopwords(languages: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const code of languages) {
    const list = STOPWORD_LISTS[baseLanguage(code)];
    if (!list) throw invalid(`There is no stop-word list for the language "${code}"; lists exist for ${stopwordLanguages().join(', ')}.`);
    for (const w of list) words.add(normalise(w));
  }
  return words;
}

const NONE: readonly string[] = [];

/**
 * What each distinct run of letters, as written, becomes: its words (almost always one, none when it is
 * dropped; NFKC can split a run, as "½" becomes "1⁄2"). Decided once per run: a corpus has tens of
 * thousands of distinct runs against millions of tokens.
 */
export function runReader(options: TokenOptions): (run: string) => readonly string[] {
  const stop = stopwords(options.languages);
  for (const w of options.extra ?? []) stop.add(normalise(w));
  for (const w of options.keep ?? []) stop.delete(normalise(w));
  const keep = (found: string): boolean => {
    if (found.length < 2 || (found.length === 2 && isSurrogatePair(found))) return false;
    if (stop.has(found)) return false;
    return HAS_NUMBER.test(found) ? HAS_LETTER.test(found) && !NUMBER.test(found) : HAS_LETTER.test(found);
  };
  const decide = (run: string): readonly string[] => {
    let clean = CHANGED_BY_NFKC.test(run) ? run.normalize('NFKC') : run;
    if (clean.includes('\u00ad')) clean = clean.replace(/\u00ad/g, '');
    const words = clean.toLowerCase().match(WORD);
    if (!words) return NONE;
    const kept = words.map((w) => (SPECIAL_MARKS.test(w) ? unifyMarks(w) : w)).filter(keep);
    return kept.length ? kept : NONE;
  };
  const decided = new Map<string, readonly string[]>();
  return (run) => {
    let words = decided.get(run);
    if (words === undefined) {
      if (decided.size >= MAX_DECIDED) decided.clear();
      decided.set(run, (words = decide(run)));
    }
    return words;
  };
}

/** A tokenizer with its stop-word set built once, for use over many articles. */
export function createTokenizer(options: TokenOptions): (text: string) => string[] {
  const wordsOf = runReader(options);
  return (text) => {
    const out: string[] = [];
    for (const run of text.match(RUN) ?? NONE) for (const word of wordsOf(run)) out.push(word);
    return out;
  };
}

/** The words of one text; for many texts, build the tokenizer once with `createTokenizer`. */
export function tokenize(text: string, options: TokenOptions): string[] {
  return createTokenizer(options)(text);
}

/** How often each word occurs, for `weightedLogOdds`. */
export function countTerms(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
