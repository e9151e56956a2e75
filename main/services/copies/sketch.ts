// MinHash signatures (Broder 1997) by one-permutation hashing with optimal densification.
//
// Classic MinHash applies K hash functions to every shingle: K × 400 multiplications for a 3 KB
// article, 128 × 400 × 100,000 ≈ 5 billion for a corpus, most of the running time. One-permutation
// hashing (Li, Owen & Zhang 2012) hashes each shingle once: the top 7 bits of the (already evenly
// spread) shingle hash choose one of 128 bins, and each bin keeps its smallest hash, so a signature
// costs one pass over the shingles. Two articles have the same value in a bin with probability close
// to their Jaccard similarity, as with K permutations.
//
// A short text leaves bins empty. Optimal densification (Shrivastava 2017) fills an empty bin from the
// first non-empty bin on a probe sequence that depends only on the bin's number, so two articles that
// share a set of shingles fill their empty bins alike. A bin keeps the whole 32-bit hash, whose top bits
// name the bin it came from: a value borrowed from another bin never equals a bin's own value.

/** Bins of a signature (its length). */
export const BINS = 128;
const BIN_SHIFT = 25; // 32 − log2(BINS)
const MAX_PROBES = 1024;

const own = new Uint8Array(BINS);

/** The bin probed at `attempt` for the empty bin `bin`: the same for every article. */
function probe(bin: number, attempt: number): number {
  let h = Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) % BINS;
}

/**
 * Writes the signature of a non-empty shingle set (`shingles[from..to)`, any order, repeats allowed)
 * to `out[at..at+BINS)`.
 */
export function sketchInto(shingles: Uint32Array, from: number, to: number, out: Uint32Array, at: number): void {
  own.fill(0);
  for (let i = from; i < to; i++) {
    const h = shingles[i]!;
    const bin = h >>> BIN_SHIFT;
    if (own[bin] === 0 || h < out[at + bin]!) {
      out[at + bin] = h;
      own[bin] = 1;
    }
  }
  for (let bin = 0; bin < BINS; bin++) if (own[bin] === 0) out[at + bin] = borrowed(out, at, bin);
}

function borrowed(out: Uint32Array, at: number, bin: number): number {
  for (let attempt = 1; attempt <= MAX_PROBES; attempt++) {
    const from = probe(bin, attempt);
    if (own[from] === 1) return out[at + from]!;
  }
  // Reached only for a text with very few shingles: the next non-empty bin, still the same for all.
  for (let step = 1; step < BINS; step++) if (own[(bin + step) % BINS] === 1) return out[at + ((bin + step) % BINS)]!;
  throw new Error('sketchInto needs at least one shingle');
}

/** The signature of a sorted or unsorted, non-empty shingle set. */
export function sketch(shingles: Uint32Array): Uint32Array {
  const out = new Uint32Array(BINS);
  sketchInto(shingles, 0, shingles.length, out, 0);
  return out;
}
