// Locality-sensitive hashing of signatures by bands (Leskovec, Rajaraman & Ullman, Mining of Massive
// Datasets, ch. 3): a signature of b·r values is cut into b bands of r rows; two articles are a
// candidate pair when all r rows of some band agree. A pair with Jaccard similarity J becomes a
// candidate with probability 1 − (1 − J^r)^b, an S-curve whose steep part sits near (1/b)^(1/r).
//
// Where the curve is placed: verification accepts containment ≥ t between texts whose lengths differ by
// up to half (similarity.ts), so a pair that passes can have a Jaccard similarity as low as
// J₀ = t·ρ / (1 + ρ − t·ρ). Of the band shapes that fit in the signature, the one with the most rows
// that still finds a pair at J₀ with probability ≥ 0.99 is taken: more rows mean fewer pairs of
// unrelated articles to verify. At t = 0.8, J₀ = 0.36 and that is 64 bands of 2 rows: a pair at J₀ is
// found with probability 0.9999, one at J = 0.1 with 0.47 and one at J = 0.02 with 0.03. Verification
// costs about a microsecond, so the false candidates are cheap; missed copies are not.
import { MIN_LENGTH_RATIO } from './similarity.ts';
import { fmix32 } from '../text/mix.ts';

const TARGET_RECALL = 0.99;
const MAX_ROWS = 8;

/** The lowest Jaccard similarity a pair at `threshold` can have (see similarity.ts). */
export function jaccardFloor(threshold: number): number {
  const r = MIN_LENGTH_RATIO;
  return (threshold * r) / (1 + r - threshold * r);
}

/** The probability that a pair with Jaccard similarity `j` shares a band. */
export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}

/** Bands and rows for a signature of `bins` values, so that pairs at `threshold` are found. */
export function bandsFor(threshold: number, bins: number): { bands: number; rows: number } {
  const floor = jaccardFloor(threshold);
  let best = { bands: bins, rows: 1 };
  for (let rows = 2; rows <= MAX_ROWS; rows++) {
    const bands = Math.floor(bins / rows);
    if (candidateProbability(floor, bands, rows) >= TARGET_RECALL) best = { bands, rows };
  }
  return best;
}

/** The bucket of article `i` in `band`: a hash of the band's rows of its signature. */
export function bandKey(signatures: Uint32Array, bins: number, i: number, band: number, rows: number): number {
  const at = i * bins + band * rows;
  if (rows === 1) return signatures[at]!;
  let h = band;
  for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h, 0x9e3779b1) ^ signatures[at + r]!);
  return h;
}

/**
 * True when articles a and b agree on every row of some band before `band`, so the pair was offered
 * then. Bands in which `crowded` (n values per band) marks article a are passed over: its bucket there
 * was too large for all its pairs to be offered.
 */
export function sharedEarlierBand(
  signatures: Uint32Array,
  bins: number,
  a: number,
  b: number,
  band: number,
  rows: number,
  crowded: Uint8Array | null,
  n: number,
): boolean {
  const pa = a * bins;
  const pb = b * bins;
  for (let j = 0; j < band; j++) {
    if (crowded && crowded[j * n + a] === 1) continue;
    let r = 0;
    const at = j * rows;
    while (r < rows && signatures[pa + at + r] === signatures[pb + at + r]) r++;
    if (r === rows) return true;
  }
  return false;
}

/**
 * Sorts the articles 0..n−1 by their bucket in `band` and calls `run(members, count)` for every bucket
 * with two or more articles; `members` holds the article numbers in ascending order. `scratch` and
 * `members` are reused between calls and must hold n values.
 *
 * A bucket key and an article number are packed into one float64 (the key in the high bits), so the
 * engine's native numeric sort does the grouping; above 2^21 articles the key loses low bits, which only
 * adds candidates that verification drops.
 */
export function forEachBucket(
  signatures: Uint32Array,
  bins: number,
  n: number,
  band: number,
  rows: number,
  scratch: Float64Array,
  members: Int32Array,
  run: (members: Int32Array, count: number) => void,
): void {
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keyShift = Math.max(0, indexBits - 21);
  const scale = 2 ** indexBits;
  for (let i = 0; i < n; i++) scratch[i] = (bandKey(signatures, bins, i, band, rows) >>> keyShift) * scale + i;
  const sorted = scratch.subarray(0, n).sort();
  let start = 0;
  let startKey = Math.floor(sorted[0]! / scale);
  for (let i = 1; i <= n; i++) {
    const key = i < n ? Math.floor(sorted[i]! / scale) : -1;
    if (key === startKey) continue;
    if (i - start > 1) {
      for (let m = start; m < i; m++) members[m - start] = sorted[m]! - startKey * scale;
      run(members, i - start);
    }
    start = i;
    startKey = key;
  }
}
