// Guesses an article's language from how many of its words are stopwords of each language (Latin
// script), or from its script otherwise. Returns an ISO 639-1 code, or 'und' when there is too little
// text to tell.
import { stopwordLists } from './resources.ts';

/** Only the beginning of a long text is read: a few thousand words settle the question. */
const SAMPLE_CHARS = 2_000;
const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

let weights: Map<string, { lang: string; weight: number }[]> | null = null;
let langList: string[] = [];

/** Each stopword counts for its languages, less when many languages share it ("a", "de", "in"). */
function stopwordWeights() {
  if (weights) return weights;
  const lists = stopwordLists();
  langList = Object.keys(lists);
  const owners = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(lists)) {
    for (const w of words) {
      const list = owners.get(w);
      if (list) list.push(lang);
      else owners.set(w, [lang]);
    }
  }
  weights = new Map();
  for (const [w, langs] of owners)
    weights.set(
      w,
      langs.map((lang) => ({ lang, weight: 1 / langs.length })),
    );
  return weights;
}

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
];

/**
 * Extra evidence from the caller (the detector counts words its spelling dictionaries know): gets
 * the sample's lowercase words and returns points per language.
 */
export type LanguageEvidence = (lowerWords: string[]) => Map<string, number>;

const EVIDENCE_WORDS = 300;

export function detectLanguage(text: string, evidence?: LanguageEvidence): string {
  if (typeof text !== 'string' || text.length === 0) return 'und';
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const table = stopwordWeights();
  const scores = new Map<string, number>();
  let latinLetters = 0;
  let otherLetters = 0;
  const lowerWords: string[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(sample)) !== null) {
    const w = m[0];
    // Latin script (with its extensions) ends at U+024F; its words decide by stopwords.
    if (w.charCodeAt(0) < 0x250) latinLetters += w.length;
    else {
      otherLetters += w.length;
      continue;
    }
    if (lowerWords.length < EVIDENCE_WORDS && w.length >= 3 && w === w.toLowerCase()) lowerWords.push(w);
    if (w.length < 2) continue; // "i", "a", "s" after "CSTO:" belong to too many languages
    const owners = table.get(w.toLowerCase());
    if (!owners) continue;
    for (const { lang, weight } of owners) scores.set(lang, (scores.get(lang) ?? 0) + weight);
  }
  // Mostly another script: name the script's main language.
  if (otherLetters > latinLetters) {
    let best = 'und';
    let bestCount = 0;
    for (const [re, lang] of SCRIPTS) {
      const count = sample.match(new RegExp(re.source, 'gu'))?.length ?? 0;
      if (count > bestCount) {
        best = lang;
        bestCount = count;
      }
    }
    return best;
  }
  // Letters that only some languages use add a little evidence (names hold few stopwords).
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    if (ch < 0xc0 || ch > 0x17f) continue; // the letters below are all in Latin-1 and Latin Extended-A
    const owners = LETTERS.get(ch);
    if (!owners) continue;
    for (const lang of owners) scores.set(lang, (scores.get(lang) ?? 0) + LETTER_WEIGHT / owners.length);
  }
  // Ask for more evidence only when the stopwords leave doubt (short or name-heavy texts).
  if (evidence && !confident(scores)) {
    for (const [lang, points] of evidence(lowerWords)) scores.set(lang, (scores.get(lang) ?? 0) + points);
  }
  let best = 'und';
  let bestScore = 0;
  let runnerUp = 'und';
  let second = 0;
  for (const lang of langList) {
    const s = scores.get(lang) ?? 0;
    if (s > bestScore) {
      runnerUp = best;
      second = bestScore;
      best = lang;
      bestScore = s;
    } else if (s > second) {
      runnerUp = lang;
      second = s;
    }
  }
  if (bestScore < 0.3) return 'und';
  // Danish and Norwegian share nearly all their function words: a close call between them is still
  // one of them. Any other near tie is no evidence.
  if (CLOSE_PAIR.has(best) && CLOSE_PAIR.has(runnerUp)) return best;
  return bestScore > second * 1.1 ? best : 'und';
}

/** A clear winner: well ahead of the runner-up on plenty of words. */
function confident(scores: Map<string, number>): boolean {
  let best = 0;
  let second = 0;
  for (const s of scores.values()) {
    if (s > best) {
      second = best;
      best = s;
    } else if (s > second) second = s;
  }
  return best >= 8 && best >= second * 2;
}

const CLOSE_PAIR = new Set(['da', 'nb']);

const LETTER_WEIGHT = 0.3;
const LETTERS = new Map<number, string[]>();
for (const [chars, langs] of [
  ['åÅ', ['sv', 'da', 'nb']],
  ['äÄöÖ', ['sv', 'fi', 'de']],
  ['æÆøØ', ['da', 'nb']],
  ['ßüÜ', ['de']],
  ['ñÑ', ['es']],
  ['çÇ', ['fr', 'pt']],
  ['ãõÃÕ', ['pt']],
  ['łŁąęśżźćń', ['pl']],
  ['èêàùâîôûëïœ', ['fr']],
  ['ìò', ['it']],
] as [string, string[]][]) {
  for (const ch of chars) LETTERS.set(ch.charCodeAt(0), langs);
}
