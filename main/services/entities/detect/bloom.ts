// A Bloom filter: a compact set of strings that answers "maybe present" or "certainly absent". The
// detector keeps its list of ~190,000 surnames in one (a few hundred kilobytes instead of megabytes,
// and no start-up cost); a false "present" only makes an unknown name a person rather than an
// organisation.

/** Two independent 32-bit hashes of the string's UTF-16 code units (FNV-1a and a multiplicative mix). */
function hashes(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, (h2 >>> 0) | 1];
}

export type Bloom = { bits: Uint8Array; hashCount: number };

export function bloomHas(bloom: Bloom, s: string): boolean {
  const m = bloom.bits.length * 8;
  const [h1, h2] = hashes(s);
  for (let i = 0; i < bloom.hashCount; i++) {
    const bit = (h1 + Math.imul(i, h2)) >>> 0;
    const idx = bit % m;
    if ((bloom.bits[idx >>> 3]! & (1 << (idx & 7))) === 0) return false;
  }
  return true;
}

/** Builds a filter for `items` with about `falsePositiveRate` wrong "present" answers. */
export function bloomBuild(items: Iterable<string>, count: number, falsePositiveRate: number): Bloom {
  const m = Math.max(64, Math.ceil((-count * Math.log(falsePositiveRate)) / (Math.LN2 * Math.LN2)));
  const hashCount = Math.max(1, Math.round((m / count) * Math.LN2));
  const bits = new Uint8Array(Math.ceil(m / 8));
  const size = bits.length * 8;
  for (const s of items) {
    const [h1, h2] = hashes(s);
    for (let i = 0; i < hashCount; i++) {
      const idx = ((h1 + Math.imul(i, h2)) >>> 0) % size;
      bits[idx >>> 3]! |= 1 << (idx & 7);
    }
  }
  return { bits, hashCount };
}
