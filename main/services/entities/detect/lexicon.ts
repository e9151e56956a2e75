// A small reader for Hunspell spelling dictionaries (the dictionary-sv and dictionary-en packages).
// The detector asks two questions of it: "is this (lowercased) word an ordinary word of the
// language?" — so a capitalised word that merely starts a sentence is not taken for a name — and
// "is this capitalised word listed as a proper noun?". Only suffix and prefix rules and a simple
// two-part compound check are implemented: enough to recognise inflected and compound forms such as
// "Regeringen" or "Säkerhetsrådets", not a full spelling checker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Affix = {
  flag: string;
  strip: string;
  add: string;
  /** Flags the derived form carries (compound-begin and so on). */
  cont: string;
  cond: RegExp | null;
};

export type Lexicon = {
  /** True when `lower` (already lowercase) is an ordinary word form of the language, compounds
   * included unless `compounds` is false. */
  isCommon(lower: string, compounds?: boolean): boolean;
  /** True when `word` (as written) is a dictionary proper noun or acronym, inflected or not. */
  isProper(word: string): boolean;
  /**
   * True when the dictionary marks `word` as a place: the Swedish dictionary lets place names take the
   * inhabitant ending "-bo" ("Aten" → "atenbo"), which no person or company takes.
   */
  isPlace(word: string): boolean;
  /** True when the proper noun `stem` takes a suffix that gives `form` ("Volvo" → "Volvon"). */
  derives(stem: string, form: string): boolean;
};

/** Endings that name a place's inhabitants; a proper noun allowed to take one is a place. */
const INHABITANT_ENDINGS = new Set(['bo']);

type AffData = {
  suffixes: Map<string, Affix[]>;
  prefixes: Affix[];
  maxAdd: number;
  compoundBegin: string;
  compoundMiddle: string;
  compoundEnd: string;
  onlyInCompound: string;
  needAffix: string;
  forbidden: string;
};

const MAX_WORD = 40;
const CACHE_LIMIT = 200_000;

function parseAff(text: string): AffData {
  const data: AffData = {
    suffixes: new Map(), prefixes: [], maxAdd: 0,
    compoundBegin: '', compoundMiddle: '', compoundEnd: '', onlyInCompound: '', needAffix: '', forbidden: '',
  };
  const headerSeen = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    const key = parts[0];
    if (key === 'COMPOUNDBEGIN') data.compoundBegin = parts[1] ?? '';
    else if (key === 'COMPOUNDMIDDLE') data.compoundMiddle = parts[1] ?? '';
    else if (key === 'COMPOUNDEND') data.compoundEnd = parts[1] ?? '';
    else if (key === 'ONLYINCOMPOUND') data.onlyInCompound = parts[1] ?? '';
    else if (key === 'NEEDAFFIX') data.needAffix = parts[1] ?? '';
    else if (key === 'FORBIDDENWORD') data.forbidden = parts[1] ?? '';
    else if ((key === 'SFX' || key === 'PFX') && parts.length >= 4) {
      const flag = parts[1]!;
      // The first line of each group is a header ("SFX A Y 1"); the rest are rules.
      const groupKey = `${key}${flag}`;
      if (!headerSeen.has(groupKey)) { headerSeen.add(groupKey); continue; }
      if (parts.length < 5) continue;
      const strip = parts[2] === '0' ? '' : parts[2]!;
      const [addRaw, cont = ''] = parts[3]!.split('/');
      const add = addRaw === '0' ? '' : addRaw!;
      const condText = parts[4]!;
      let cond: RegExp | null = null;
      if (condText !== '.') {
        try { cond = new RegExp(key === 'SFX' ? `${condText}$` : `^${condText}`, 'u'); } catch { cond = null; }
      }
      const rule: Affix = { flag, strip, add, cont, cond };
      if (key === 'SFX') {
        const list = data.suffixes.get(add);
        if (list) list.push(rule); else data.suffixes.set(add, [rule]);
        if (add.length > data.maxAdd) data.maxAdd = add.length;
      } else {
        data.prefixes.push(rule);
      }
    }
  }
  return data;
}

function hasAny(flags: string, wanted: string): boolean {
  for (let i = 0; i < wanted.length; i++) if (wanted[i] && flags.includes(wanted[i]!)) return true;
  return false;
}

export function loadLexicon(dir: string, options: { compounds: boolean }): Lexicon {
  const aff = parseAff(readFileSync(join(dir, 'index.aff'), 'utf8'));
  const dic = readFileSync(join(dir, 'index.dic'), 'utf8');
  // Lowercase-initial stems and proper-noun stems are kept apart: the first answer "ordinary word?",
  // the second "known name?".
  const common = new Map<string, string>();
  const proper = new Map<string, string>();
  const compoundParts = new Set<string>();
  let pos = dic.indexOf('\n') + 1; // the first line is the entry count
  const len = dic.length;
  while (pos < len) {
    let eol = dic.indexOf('\n', pos);
    if (eol < 0) eol = len;
    let line = dic.slice(pos, eol);
    // Morphological fields after a tab or space are ignored.
    const tab = line.indexOf('\t');
    if (tab >= 0) line = line.slice(0, tab);
    const space = line.indexOf(' ');
    if (space >= 0) line = line.slice(0, space);
    const slash = line.indexOf('/');
    const word = slash >= 0 ? line.slice(0, slash) : line;
    if (word.length > 0) {
      const flags = slash >= 0 ? line.slice(slash + 1) : '';
      const c = word.charCodeAt(0);
      if (word.endsWith('-')) compoundParts.add(word.slice(0, -1).toLowerCase());
      else {
        // ASCII lowercase, or a non-ASCII letter whose lowercase is itself (å, ä, ö, é, …).
        const isLowerInitial = (c >= 97 && c <= 122) || (c > 127 && word[0] === word[0]!.toLowerCase());
        const table = isLowerInitial ? common : proper;
        const seen = table.get(word);
        table.set(word, seen === undefined ? flags : seen + flags);
      }
    }
    pos = eol + 1;
  }

  const { suffixes, prefixes, maxAdd } = aff;
  const blocked = aff.onlyInCompound + aff.needAffix + aff.forbidden;

  /** Calls `visit(stemFlags, derivedFlags)` for each way `word` derives from a stem in `table`. */
  function analyse(word: string, table: Map<string, string>, visit: (stemFlags: string, formFlags: string | null) => boolean, allowPrefix = true): boolean {
    const bare = table.get(word);
    if (bare !== undefined && visit(bare, null)) return true;
    const n = word.length;
    for (let k = 0; k <= Math.min(maxAdd, n - 1); k++) {
      const rules = suffixes.get(k === 0 ? '' : word.slice(n - k));
      if (!rules) continue;
      const base = word.slice(0, n - k);
      for (const r of rules) {
        const stem = base + r.strip;
        const flags = table.get(stem);
        if (flags === undefined || !flags.includes(r.flag)) continue;
        if (r.cond && !r.cond.test(stem)) continue;
        if (visit(flags, r.cont)) return true;
      }
    }
    if (!allowPrefix) return false;
    for (const r of prefixes) {
      if (!word.startsWith(r.add) || word.length <= r.add.length + 1) continue;
      const rest = r.strip + word.slice(r.add.length);
      if (r.cond && !r.cond.test(rest)) continue;
      const flags = table.get(rest);
      if (flags !== undefined && flags.includes(r.flag) && visit(flags, r.cont)) return true;
      // Prefix and suffix together ("re" + "search" + "ers"): the stem must carry the prefix flag too.
      if (analyse(rest, table, (stemFlags, formFlags) => stemFlags.includes(r.flag) && visit(stemFlags, formFlags), false)) return true;
    }
    return false;
  }

  const standalone = (stemFlags: string, formFlags: string | null) =>
    formFlags === null ? !hasAny(stemFlags, blocked) : !hasAny(formFlags, aff.onlyInCompound + aff.forbidden);
  const beginFlags = aff.compoundBegin + aff.compoundMiddle;
  const canBegin = (stemFlags: string, formFlags: string | null) =>
    formFlags === null ? hasAny(stemFlags, beginFlags) : hasAny(formFlags, beginFlags);
  const canEnd = (stemFlags: string, formFlags: string | null) =>
    hasAny(stemFlags, aff.compoundEnd) || (formFlags !== null && hasAny(formFlags, aff.compoundEnd));

  const isForm = (w: string) => analyse(w, common, standalone);
  const isBegin = (w: string) => compoundParts.has(w) || (--budget >= 0 && analyse(w, common, canBegin));
  const isEnd = (w: string) => --budget >= 0 && analyse(w, common, canEnd);

  // Splitting is quadratic in the word's length; a budget of dictionary look-ups per word keeps odd
  // input (long strings of random letters) cheap. Real compounds are found well within it.
  let budget = 0;
  const COMPOUND_BUDGET = 80;

  /** A compound of two or three parts; the last part inflects, the others are compound-begin forms. */
  function isCompound(w: string, depth: number): boolean {
    const n = w.length;
    for (let i = 2; i <= n - 2; i++) {
      if (budget < 0) return false;
      const left = w.slice(0, i);
      if (!isBegin(left)) continue;
      let right = w.slice(i);
      if (right.charCodeAt(0) === 45 /* - */) right = right.slice(1);
      if (right.length >= 2 && (isEnd(right) || (depth > 0 && isCompound(right, depth - 1)))) return true;
    }
    return false;
  }

  let placeFlags = '';
  for (const rules of suffixes.values()) {
    for (const r of rules) if (INHABITANT_ENDINGS.has(r.add) && !placeFlags.includes(r.flag)) placeFlags += r.flag;
  }

  const cache = new Map<string, boolean>();
  const properCache = new Map<string, boolean>();
  const placeCache = new Map<string, boolean>();
  const withCompounds = options.compounds && aff.compoundBegin !== '';

  return {
    isCommon(lower: string, compounds = true): boolean {
      if (lower.length === 0 || lower.length > MAX_WORD) return false;
      if (!compounds) return isForm(lower);
      const hit = cache.get(lower);
      if (hit !== undefined) return hit;
      budget = COMPOUND_BUDGET;
      const result = isForm(lower) || (withCompounds && lower.length >= 5 && isCompound(lower, 1));
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(lower, result);
      return result;
    },
    isProper(word: string): boolean {
      if (word.length === 0 || word.length > MAX_WORD) return false;
      const hit = properCache.get(word);
      if (hit !== undefined) return hit;
      const result = analyse(word, proper, standalone);
      if (properCache.size >= CACHE_LIMIT) properCache.clear();
      properCache.set(word, result);
      return result;
    },
    derives(stem: string, form: string): boolean {
      const flags = proper.get(stem);
      if (flags === undefined || !form.startsWith(stem.slice(0, Math.max(1, stem.length - 3)))) return false;
      for (let k = 1; k <= Math.min(maxAdd, form.length - 1); k++) {
        for (const r of suffixes.get(form.slice(form.length - k)) ?? []) {
          if (form.slice(0, form.length - k) + r.strip === stem && flags.includes(r.flag) && (!r.cond || r.cond.test(stem))) return true;
        }
      }
      return false;
    },
    isPlace(word: string): boolean {
      if (!placeFlags || word.length === 0 || word.length > MAX_WORD) return false;
      const hit = placeCache.get(word);
      if (hit !== undefined) return hit;
      const result = analyse(word, proper, (stemFlags) => hasAny(stemFlags, placeFlags));
      if (placeCache.size >= CACHE_LIMIT) placeCache.clear();
      placeCache.set(word, result);
      return result;
    },
  };
}
