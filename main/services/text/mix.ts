// The 32-bit finaliser of MurmurHash3: every input bit affects every output bit, so the low bits of a
// hash (a bucket, a band) depend on all of them. Used by the copy detector's shingles and bands and by
// the entity tagger's hashed features.
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
