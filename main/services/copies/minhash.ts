// Near-duplicate articles: the same wire story (TT, Reuters, AP) run by several outlets, lightly
// edited. Finding them takes four steps, each in its own module:
// 1. shingles.ts: each text becomes a set of 5-word shingles within sentences, hashed to 32 bits;
// 2. sketch.ts: each set becomes a 128-value MinHash signature (one-permutation hashing);
// 3. lsh.ts: signatures are cut into bands; articles that agree on a whole band are candidate pairs;
// 4. similarity.ts: each candidate pair is verified on its exact shingle sets, and families.ts joins
//    verified pairs into families (connected components), each with its earliest article as original.
//
// Memory: a signature is 512 bytes; a shingle set takes 0.3 to 0.5 bytes per character of text (225 to
// 450 distinct shingles in a 3 KB article, measured on the benchmark corpus and on running prose). Both
// live in typed arrays outside the JS heap: for 100,000 articles of 3 KB, 51 MB of signatures and 90 to
// 150 MB of shingle sets. The texts are not kept, so they can be streamed from the database; keeping
// them to re-shingle candidates on demand would cost more (1 or 2 bytes per character, 300 to 600 MB).
import { invalid } from '../errors.ts';
import { chronological, chronologically, components, dateKey, UnionFind } from './families.ts';
import { bandsFor, forEachBucket, sharedEarlierBand } from './lsh.ts';
import { ShingleBuffer, SHINGLE_WORDS, shingleInto, shingleSet, sortUnique } from './shingles.ts';
import { copySimilarity } from './similarity.ts';
import { BINS, sketch, sketchInto } from './sketch.ts';
import { NumberColumn, RowStore, SetStore } from './store.ts';

export { SHINGLE_WORDS, shingleSet } from './shingles.ts';
export { BINS } from './sketch.ts';
export { containment, jaccard, MIN_LENGTH_RATIO, similarity } from './similarity.ts';
export { bandsFor, candidateProbability, jaccardFloor } from './lsh.ts';

export const DEFAULT_THRESHOLD = 0.8;
/** Changes whenever shingles or signatures would come out differently: stored ones must then be recomputed. */
export const SIGNATURE_VERSION = 1;

/** A bucket with more articles than this offers only the pairs of its first article, not all pairs. */
const MAX_BUCKET = 100;
const PROGRESS_EVERY = 256;

/**
 * What an article contributes: its shingle set (sorted, distinct) and its MinHash signature of BINS
 * values. A text of fewer than SHINGLE_WORDS words has empty ones and never pairs, not even with the
 * same text: a caption or a headline alone ("Foto: TT") says too little to call another article a copy.
 */
export interface ArticleSignature {
  minhash: Uint32Array;
  shingles: Uint32Array;
}

/** An article by its text, or by the signature stored from an earlier run. */
export type CopyArticle = { id: number; publishedAt: string | null } & ({ text: string } | { signature: ArticleSignature });

export interface CopyOptions {
  /** The containment an article must share with another to be its copy (see similarity.ts); default 0.8. */
  threshold?: number;
  /**
   * Called every 256 articles read and after each LSH band. `done` counts articles read plus bands
   * finished; `total` is the articles (known up front for an array or a Set, otherwise those read so
   * far) plus the bands. The last call has done === total.
   */
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps; once true, the search stops with an AbortError. */
  signal?: { aborted: boolean };
}

export interface CopyFamily {
  /** The earliest article: by publication date, then by id; undated after dated. */
  original: number;
  /** The others, earliest first. */
  copies: number[];
  /**
   * For each copy, its verified similarity to the original; if that is under the threshold (a chain
   * A~B~C), its best verified similarity to another member, the pair it joined through.
   */
  similarity: Map<number, number>;
}

export interface CopyFamilies {
  /** Families of two or more articles, in the order of their originals. */
  families: CopyFamily[];
  /** Candidate pairs verified on their shingle sets (pairs already in one family are not). */
  pairsChecked: number;
  /**
   * Candidate pairs the LSH bands offered, each counted in the first band it shares (a pair in a
   * crowded bucket, which offers only its first article's pairs, may count again in a later band).
   */
  candidates: number;
}

/** The shingle set and signature of one text, to be stored and given back to findCopyFamilies later. */
export function signature(text: string): ArticleSignature {
  const { shingles, words } = shingleSet(text);
  if (words < SHINGLE_WORDS) return { minhash: new Uint32Array(0), shingles: new Uint32Array(0) };
  return { minhash: sketch(shingles), shingles };
}

/** The articles that can pair, as signatures and shingle sets, with their ids and date keys. */
interface Corpus {
  signatures: Uint32Array;
  sets: SetStore;
  ids: NumberColumn;
  dates: NumberColumn;
  size: number;
  /** Articles read, including those too short to sign. */
  read: number;
}

function stopped(): DOMException {
  return new DOMException('Finding copies was stopped.', 'AbortError');
}

function checkThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) throw invalid(`The similarity threshold must be above 0 and at most 1; it was ${threshold}.`);
}

/** How many articles an iterable will give, when it says so (arrays, sets, maps). */
function knownSize(articles: Iterable<unknown>): number | undefined {
  const sized = articles as { length?: unknown; size?: unknown };
  if (typeof sized.length === 'number') return sized.length;
  if (typeof sized.size === 'number') return sized.size;
  return undefined;
}

function addSignature(corpus: { signatures: RowStore; sets: SetStore }, s: ArticleSignature): boolean {
  if (s.minhash.length === 0) return false;
  if (s.minhash.length !== BINS) throw invalid(`A stored signature has ${s.minhash.length} values, not ${BINS}: sign the article again.`);
  corpus.signatures.data.set(s.minhash, corpus.signatures.add());
  corpus.sets.add(s.shingles, s.shingles.length);
  return true;
}

function addText(corpus: { signatures: RowStore; sets: SetStore }, text: string, buffer: ShingleBuffer): boolean {
  shingleInto(text, buffer);
  if (buffer.words < SHINGLE_WORDS) return false;
  const count = sortUnique(buffer.data, buffer.count);
  const at = corpus.signatures.add();
  sketchInto(buffer.data, 0, count, corpus.signatures.data, at);
  corpus.sets.add(buffer.data, count);
  return true;
}

function collect(articles: Iterable<CopyArticle>, bands: number, options: CopyOptions): Corpus {
  const signatures = new RowStore(BINS);
  const sets = new SetStore();
  const ids = new NumberColumn();
  const dates = new NumberColumn();
  const buffer = new ShingleBuffer();
  const expected = knownSize(articles);
  let read = 0;
  for (const a of articles) {
    if (read % PROGRESS_EVERY === 0) {
      if (options.signal?.aborted) throw stopped();
      if (read > 0) options.onProgress?.(read, Math.max(expected ?? 0, read) + bands);
    }
    read++;
    const added = 'text' in a ? addText({ signatures, sets }, a.text, buffer) : addSignature({ signatures, sets }, a.signature);
    if (!added) continue;
    ids.push(a.id);
    dates.push(dateKey(a.publishedAt));
  }
  return { signatures: signatures.view(), sets, ids, dates, size: ids.length, read };
}

/** Verified pairs, joined: the sets of articles, each article's best verified similarity, and the counts. */
function pairUp(corpus: Corpus, threshold: number, options: CopyOptions) {
  const { signatures, sets, size: n } = corpus;
  const { bands, rows } = bandsFor(threshold, BINS);
  const families = new UnionFind(n);
  const best = new Float64Array(n);
  let crowded: Uint8Array | null = null;
  let candidates = 0;
  let pairsChecked = 0;

  const verify = (a: number, b: number) => {
    pairsChecked++;
    const s = copySimilarity(sets.chunk(a), sets.start(a), sets.end(a), sets.chunk(b), sets.start(b), sets.end(b), threshold);
    if (s < threshold) return;
    families.union(a, b);
    best[a] = Math.max(best[a]!, s);
    best[b] = Math.max(best[b]!, s);
  };
  // A pair is offered once, in the first band it shares; pairs already in one family need no check.
  const offer = (a: number, b: number, band: number) => {
    if (sharedEarlierBand(signatures, BINS, a, b, band, rows, crowded, n)) return;
    candidates++;
    if (families.find(a) !== families.find(b)) verify(a, b);
  };

  if (n > 1) {
    const scratch = new Float64Array(n);
    const members = new Int32Array(n);
    for (let band = 0; band < bands; band++) {
      if (options.signal?.aborted) throw stopped();
      forEachBucket(signatures, BINS, n, band, rows, scratch, members, (m, count) => {
        if (count <= MAX_BUCKET) {
          for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) offer(m[i]!, m[j]!, band);
          return;
        }
        // A crowded bucket (boilerplate shared by many articles, or one story copied very often): its
        // first article against the rest keeps this linear; other bands find the pairs it leaves out.
        crowded ??= new Uint8Array(n * bands);
        for (let i = 0; i < count; i++) crowded[band * n + m[i]!] = 1;
        for (let j = 1; j < count; j++) offer(m[0]!, m[j]!, band);
      });
      options.onProgress?.(corpus.read + band + 1, corpus.read + bands);
    }
  }
  return { families, best, candidates, pairsChecked, bands };
}

function family(corpus: Corpus, members: number[], best: Float64Array, threshold: number): { family: CopyFamily; date: number } {
  const { sets, ids, dates } = corpus;
  const [o, ...rest] = chronological(
    members,
    (i) => dates.get(i),
    (i) => ids.get(i),
  ) as [number, ...number[]];
  const similarity = new Map<number, number>();
  for (const c of rest) {
    const direct = copySimilarity(sets.chunk(o), sets.start(o), sets.end(o), sets.chunk(c), sets.start(c), sets.end(c));
    similarity.set(ids.get(c), direct >= threshold ? direct : best[c]!);
  }
  return { family: { original: ids.get(o), copies: rest.map((c) => ids.get(c)), similarity }, date: dates.get(o) };
}

/**
 * Families of near-duplicate articles among `articles`: each family is an original and the articles
 * whose text is, by way of verified pairs, a copy of it. An article in no family is left out.
 */
export function findCopyFamilies(articles: Iterable<CopyArticle>, options: CopyOptions = {}): CopyFamilies {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkThreshold(threshold);
  const { bands } = bandsFor(threshold, BINS);
  const corpus = collect(articles, bands, options);
  const paired = pairUp(corpus, threshold, options);
  const found = components(paired.families, corpus.size).map((members) => family(corpus, members, paired.best, threshold));
  found.sort((a, b) => chronologically(a.date, a.family.original, b.date, b.family.original));
  options.onProgress?.(corpus.read + bands, corpus.read + bands);
  return { families: found.map((f) => f.family), pairsChecked: paired.pairsChecked, candidates: paired.candidates };
}
