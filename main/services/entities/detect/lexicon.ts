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
    suffixes: new Map(),
    prefixes: [],
    maxAdd: 0,
    compoundBegin: '',
    compoundMiddle: '',
    compoundEnd: '',
    onlyInCompound: '',
    needAffix: '',
    forbidden: '',
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
      if (!headerSeen.has(groupKey)) {
        headerSeen.add(groupKey);
        continue;
      }
      if (parts.length < 5) continue;
      const strip = parts[2] === '0' ? '' : parts[2]!;
      const [addRaw, cont = ''] = parts[3]!.split('/');
      const add = addRaw === '0' ? '' : addRaw!;
      const condText = parts[4]!;
      let cond: RegExp | null = null;
      if (condText !== '.') {
        try {
          cond = new RegExp(key === 'SFX' ? `${condText}$` : `^${condText}`, 'u');
        } catch {
          cond = null;
        }
      }
      const rule: Affix = { flag, strip, add, cont, cond };
      if (key === 'SFX') {
        const list = data.suffixes.get(add);
        if (list) list.push(rule);
        else data.suffixes.set(add, [rule]);
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

/**
 * The dictionary's entries, looked up in place: an open-addressing hash table of offsets into the
 * .dic text, so loading makes no string per entry (150,000 of them for Swedish) and stays fast.
 */
class DicTable {
  private wordStart: Int32Array;
  private wordEnd: Int32Array;
  private flagStart: Int32Array;
  private flagEnd: Int32Array;
  private count = 0;
  private slots: Int32Array;
  private mask: number;

  constructor(
    private readonly text: string,
    capacity: number,
  ) {
    this.wordStart = new Int32Array(capacity);
    this.wordEnd = new Int32Array(capacity);
    this.flagStart = new Int32Array(capacity);
    this.flagEnd = new Int32Array(capacity);
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  private static hashRange(text: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  add(ws: number, we: number, fs: number, fe: number) {
    const i = this.count++;
    this.wordStart[i] = ws;
    this.wordEnd[i] = we;
    this.flagStart[i] = fs;
    this.flagEnd[i] = fe;
    let slot = DicTable.hashRange(this.text, ws, we) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = i + 1;
  }

  /** The flags of `word` (of every entry spelt so, joined), or undefined when it is not listed. */
  get(word: string): string | undefined {
    let slot = DicTable.hashRange(word, 0, word.length) & this.mask;
    let found: string | undefined;
    const text = this.text;
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) return found;
      const i = e - 1;
      const ws = this.wordStart[i]!;
      if (this.wordEnd[i]! - ws === word.length) {
        let same = true;
        for (let k = 0; k < word.length; k++)
          if (text.charCodeAt(ws + k) !== word.charCodeAt(k)) {
            same = false;
            break;
          }
        if (same) {
          const flags = text.slice(this.flagStart[i]!, this.flagEnd[i]!);
          found = found === undefined ? flags : found + flags;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

type Table = { get(word: string): string | undefined };

export function loadLexicon(dir: string, options: { compounds: boolean }): Lexicon {
  const aff = parseAff(readFileSync(join(dir, 'index.aff'), 'utf8'));
  const dic = readFileSync(join(dir, 'index.dic'), 'utf8');
  // Lowercase-initial stems and proper-noun stems are kept apart: the first answer "ordinary word?",
  // the second "known name?".
  // Entries with a lowercase first letter are ordinary words; the rest are names and abbreviations.
  const lines = Number.parseInt(dic, 10) || 200_000;
  const common = new DicTable(dic, lines + 16);
  const proper = new DicTable(dic, lines + 16);
  const compoundParts = new Set<string>();
  let pos = dic.indexOf('\n') + 1; // the first line is the entry count
  const len = dic.length;
  // Morphological fields after a tab or space are rare; their positions are found once, up front, so
  // no search runs past the end of its own line.
  const fieldStarts: number[] = [];
  for (const sep of ['\t', ' ']) for (let i = dic.indexOf(sep); i >= 0; i = dic.indexOf(sep, i + 1)) fieldStarts.push(i);
  fieldStarts.sort((a, b) => a - b);
  let nextField = 0;
  while (pos < len) {
    let eol = dic.indexOf('\n', pos);
    if (eol < 0) eol = len;
    let lineEnd = eol;
    while (nextField < fieldStarts.length && fieldStarts[nextField]! < pos) nextField++;
    if (nextField < fieldStarts.length && fieldStarts[nextField]! < eol) lineEnd = fieldStarts[nextField]!;
    if (lineEnd > pos && dic.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let slash = dic.indexOf('/', pos);
    if (slash < 0 || slash >= lineEnd) slash = -1;
    const wordEnd = slash >= 0 ? slash : lineEnd;
    if (wordEnd > pos) {
      const fs = slash >= 0 ? slash + 1 : lineEnd;
      const c = dic.charCodeAt(pos);
      if (dic.charCodeAt(wordEnd - 1) === 45 /* - */) compoundParts.add(dic.slice(pos, wordEnd - 1).toLowerCase());
      else {
        // ASCII lowercase, or a non-ASCII letter whose lowercase is itself (å, ä, ö, é, …).
        const isLowerInitial = (c >= 97 && c <= 122) || (c > 127 && dic[pos] === dic[pos]!.toLowerCase());
        (isLowerInitial ? common : proper).add(pos, wordEnd, fs, lineEnd);
      }
    }
    pos = eol + 1;
  }

  const { suffixes, prefixes, maxAdd } = aff;
  const blocked = aff.onlyInCompound + aff.needAffix + aff.forbidden;

  /** Calls `visit(stemFlags, derivedFlags)` for each way `word` derives from a stem in `table`. */
  function analyse(word: string, table: Table, visit: (stemFlags: string, formFlags: string | null) => boolean, allowPrefix = true): boolean {
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
  const canBegin = (stemFlags: string, formFlags: string | null) => (formFlags === null ? hasAny(stemFlags, beginFlags) : hasAny(formFlags, beginFlags));
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
