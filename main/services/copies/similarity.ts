// Exact similarity of two shingle sets (sorted, distinct 32-bit hashes), by one merge pass.
//
// Which similarity the threshold applies to: containment of the shorter text in the longer,
// |A ∩ B| / min(|A|, |B|), provided the shorter has at least half the shingles of the longer.
// Jaccard similarity |A ∩ B| / |A ∪ B| punishes exactly the edits wire copies get: an outlet that cuts
// one paragraph of five, or adds a local one, leaves a Jaccard similarity near 0.8 before any other
// edit, so a Jaccard threshold of 0.8 misses many real copies. Containment sees such a copy as whole.
// The length floor keeps containment from pairing a short brief with a long feature that quotes it:
// a copy keeps at least half the length of the longer text. At threshold t the lowest Jaccard
// similarity a verified pair can have is t·ρ / (1 + ρ − t·ρ) with ρ = 1/2 (0.36 at t = 0.8); the LSH
// bands are placed for that (see lsh.ts).

/** The shorter text of a pair has at least this share of the longer one's shingles. */
export const MIN_LENGTH_RATIO = 0.5;

/**
 * |A ∩ B| for sorted, distinct a[aFrom..aTo) and b[bFrom..bTo). Stops early, returning a lower count,
 * once the count can no longer reach `need` (pass 0 for the exact count).
 */
export function intersectionSize(a: Uint32Array, aFrom: number, aTo: number, b: Uint32Array, bFrom: number, bTo: number, need = 0): number {
  let i = aFrom;
  let j = bFrom;
  let common = 0;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (common + Math.min(aTo - i, bTo - j) < need) return common;
    } else {
      j++;
      if (common + Math.min(aTo - i, bTo - j) < need) return common;
    }
  }
  return common;
}

/** Jaccard similarity of two shingle sets: |A ∩ B| / |A ∪ B| (1 for two empty sets). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const common = intersectionSize(a, 0, a.length, b, 0, b.length);
  const union = a.length + b.length - common;
  return union === 0 ? 1 : common / union;
}

/** Containment of the smaller set in the larger: |A ∩ B| / min(|A|, |B|) (0 if either is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const smaller = Math.min(a.length, b.length);
  return smaller === 0 ? 0 : intersectionSize(a, 0, a.length, b, 0, b.length) / smaller;
}

/**
 * The similarity the threshold applies to, for sets stored at a[aFrom..aTo) and b[bFrom..bTo): their
 * containment, or 0 if the shorter is under MIN_LENGTH_RATIO of the longer. With `threshold` given, a
 * pair that cannot reach it may return early with a lower value.
 */
export function copySimilarity(a: Uint32Array, aFrom: number, aTo: number, b: Uint32Array, bFrom: number, bTo: number, threshold = 0): number {
  const na = aTo - aFrom;
  const nb = bTo - bFrom;
  const smaller = Math.min(na, nb);
  if (smaller === 0 || smaller < MIN_LENGTH_RATIO * Math.max(na, nb)) return 0;
  return intersectionSize(a, aFrom, aTo, b, bFrom, bTo, Math.ceil(threshold * smaller - 1e-9)) / smaller;
}

/** copySimilarity of two whole shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  return copySimilarity(a, 0, a.length, b, 0, b.length);
}
