// The runs of letters of a text (the same runs as the RUN pattern of tokens.ts finds), each turned into a
// number that stands for its spelling, without making a string of it: a corpus of millions of tokens has
// only tens of thousands of distinct runs, and making and hashing a string per token is most of the cost
// of counting words. The scan reads the text once, hashing as it goes; a run's string is made only the
// first time it is seen.
import { RUN } from './tokens.ts';

const OTHER = 0;
const LETTER = 1;
const JOINER = 2;
const HIGH_SURROGATE = 3;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

let classes: Uint8Array | undefined;

/** What each UTF-16 code unit is to RUN, decided by RUN itself, once. */
function classTable(): Uint8Array {
  if (classes) return classes;
  const letter = new RegExp(`^(?:${RUN.source.slice(0, RUN.source.indexOf(']') + 1)})$`, 'u');
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdbff) table[c] = HIGH_SURROGATE;
    else if (c >= 0xdc00 && c <= 0xdfff) table[c] = OTHER;
    else table[c] = letter.test(String.fromCharCode(c)) ? LETTER : OTHER;
  }
  for (const joiner of "-\u2010\u2011'\u2019:") table[joiner.charCodeAt(0)] = JOINER;
  return (classes = table);
}

/** Whether the code point at `i`, a high surrogate, and the one after it make a letter. */
function astralLetter(text: string, i: number, cache: Map<number, boolean>): boolean {
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
  const point = text.codePointAt(i)!;
  let known = cache.get(point);
  if (known === undefined) {
    known = /^[\p{L}\p{M}\p{N}]$/u.test(String.fromCodePoint(point));
    cache.set(point, known);
  }
  return known;
}

/** Distinct runs by number, the numbers handed out in the order first seen. */
export function createRunTable() {
  const table = classTable();
  const astral = new Map<number, boolean>();
  let runs: string[] = [];
  let hashes = new Int32Array(1024);
  let slots = new Int32Array(4096); // id + 1, or 0 for an empty slot
  let mask = slots.length - 1;

  const grow = () => {
    const next = new Int32Array(slots.length * 2);
    const nextMask = next.length - 1;
    for (let id = 0; id < runs.length; id++) {
      let s = hashes[id]! & nextMask;
      while (next[s] !== 0) s = (s + 1) & nextMask;
      next[s] = id + 1;
    }
    slots = next;
    mask = nextMask;
  };

  const sameSpelling = (run: string, text: string, start: number, end: number) => {
    if (run.length !== end - start) return false;
    for (let i = start, j = 0; i < end; i++, j++) if (text.charCodeAt(i) !== run.charCodeAt(j)) return false;
    return true;
  };

  /** The number of the text's run [start, end), given its hash. */
  function idOf(text: string, start: number, end: number, hash: number): number {
    let s = hash & mask;
    for (;;) {
      const found = slots[s]!;
      if (found === 0) break;
      if (hashes[found - 1] === hash && sameSpelling(runs[found - 1]!, text, start, end)) return found - 1;
      s = (s + 1) & mask;
    }
    const id = runs.push(text.slice(start, end)) - 1;
    if (id >= hashes.length) {
      const wider = new Int32Array(hashes.length * 2);
      wider.set(hashes);
      hashes = wider;
    }
    hashes[id] = hash;
    slots[s] = id + 1;
    if (runs.length * 2 > slots.length) grow();
    return id;
  }

  return {
    /** Calls `found` with each run's number and place, in order. */
    scan(text: string, found: (id: number, start: number, end: number) => void): void {
      const n = text.length;
      let i = 0;
      while (i < n) {
        let c = text.charCodeAt(i);
        let kind = table[c]!;
        if (kind !== LETTER && !(kind === HIGH_SURROGATE && astralLetter(text, i, astral))) {
          i++;
          continue;
        }
        const start = i;
        let hash = FNV_OFFSET;
        // At a letter (a surrogate pair is two units); a joiner continues the run only before a letter.
        for (;;) {
          if (kind === LETTER) {
            hash = Math.imul(hash ^ c, FNV_PRIME);
            i++;
          } else {
            hash = Math.imul(Math.imul(hash ^ c, FNV_PRIME) ^ text.charCodeAt(i + 1), FNV_PRIME);
            i += 2;
          }
          if (i >= n) break;
          c = text.charCodeAt(i);
          kind = table[c]!;
          if (kind === LETTER || (kind === HIGH_SURROGATE && astralLetter(text, i, astral))) continue;
          if (kind === JOINER && i + 1 < n) {
            const next = text.charCodeAt(i + 1);
            const nextKind = table[next]!;
            if (nextKind === LETTER || (nextKind === HIGH_SURROGATE && astralLetter(text, i + 1, astral))) {
              hash = Math.imul(hash ^ c, FNV_PRIME);
              i++;
              c = next;
              kind = nextKind;
              continue;
            }
          }
          break;
        }
        found(idOf(text, start, i, hash), start, i);
      }
    },
    /** The spelling of a run. */
    run: (id: number): string => runs[id]!,
    size: (): number => runs.length,
    /** Forgets every run (their numbers may then be handed out again). */
    clear(): void {
      runs = [];
      hashes = new Int32Array(1024);
      slots = new Int32Array(4096);
      mask = slots.length - 1;
    },
  };
}

export type RunTable = ReturnType<typeof createRunTable>;
