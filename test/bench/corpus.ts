// A synthetic news corpus for benchmarks: Swedish- and English-like words with a Zipf-like spread,
// so common words match many articles and rare ones few, as in real collections.
const SYLLABLES = ['ka', 'sa', 'tor', 'mö', 'ran', 'li', 'ber', 'sto', 'vä', 'nen', 'da', 'gen', 'fre', 'ås', 'pol', 'ik', 'mer', 'us', 'tal', 'ro'];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct made-up words (at most about 168,000 can be made from the syllables). */
export function vocabulary(size: number, rnd: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rnd() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** Picks word i with probability about 1/(i+1): a few very common words and a long tail. */
export function zipfPicker(words: string[], rnd: () => number): () => string {
  const max = Math.log(words.length + 1);
  return () => words[Math.min(words.length - 1, Math.floor(Math.exp(rnd() * max)) - 1)]!;
}

export function article(pick: () => string, rnd: () => number, chars: number): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentences: string[] = [];
    for (let s = 0; s < 3 + Math.floor(rnd() * 4); s++) {
      const words: string[] = [];
      for (let w = 0; w < 8 + Math.floor(rnd() * 12); w++) words.push(pick());
      const sentence = words.join(' ');
      sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + '.');
    }
    const p = sentences.join(' ');
    paragraphs.push(p);
    length += p.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, chars);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** The median time in ms of `runs` calls of fn. */
export function medianTime(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The value of an API envelope; a refused call stops the benchmark with its message. */
export function ok<T>(envelope: { ok: boolean; value?: unknown; error?: { message: string } }): T {
  if (!envelope.ok) throw new Error(envelope.error!.message);
  return envelope.value as T;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
