// Near-duplicate detection at the size of a large study: 100,000 generated articles of about 3 KB, with
// wire stories run again in edited copies (sentences moved, a paragraph cut or added, words
// substituted, the byline changed, punctuation changed) and follow-ups that reuse a paragraph of an
// earlier story but are no copies. Every article opens with one of a few dozen bylines and many close
// with a stock line, as real ones do, so LSH buckets hold boilerplate as well as copies.
//
// Printed: the time to find the families beside two baselines measured in the same run (shingling
// every text alone, which the method cannot go below, and exact duplicates by hashing whole texts,
// which finds no edited copy), recall and precision of (copy, original) pairs, and memory.
//
//   node --import tsx test/bench/copies.bench.ts [--articles 100000]
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { BINS, DEFAULT_THRESHOLD, findCopyFamilies, shingleSet, similarity, type CopyFamilies } from '../../main/services/copies/minhash.ts';
import { ShingleBuffer, shingleInto, sortUnique } from '../../main/services/copies/shingles.ts';
import { article, fmt, random, vocabulary, zipfPicker } from './corpus.ts';

const TARGET_S = 60;
const COPIED_SHARE = 0.08; // of stories, run again in one to three edited copies
const FOLLOW_UP_SHARE = 0.02; // of stories, followed up reusing one paragraph
const BYLINES = Array.from(
  { length: 40 },
  (_, i) => `Av ${['Anna', 'Per', 'Maria', 'Johan', 'Sara'][i % 5]} ${['Lind', 'Holm', 'Ek', 'Berg', 'Nyström', 'Sandberg', 'Ahlgren', 'Öberg'][i % 8]}/TT`,
);
const SIGN_OFFS = ['Läs mer om ämnet på vår sajt.', 'Artikeln uppdateras.', 'Rättad: en tidigare version angav fel datum.'];

interface Corpus {
  articles: { id: number; text: string; publishedAt: string | null }[];
  /** copy id → original id */
  truth: Map<number, number>;
}

function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(cpu);
    return { s: (performance.now() - wall) / 1000, cpuS: (c.user + c.system) / 1e6 };
  };
}

const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);

/** Edits an outlet makes to a wire story, applied to paragraphs of sentences. */
function edit(text: string, rnd: () => number, newParagraph: () => string): string {
  const [byline, ...rest] = text.split('\n\n');
  let paragraphs = rest.map((p) => p.split(/(?<=\.) /));
  let head = byline!;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const kind = Math.floor(rnd() * 5);
    if (kind === 0) for (const p of paragraphs) p.sort(() => rnd() - 0.5);
    else if (kind === 1 && paragraphs.length > 3) paragraphs.splice(Math.floor(rnd() * paragraphs.length), 1);
    else if (kind === 2) paragraphs.splice(Math.floor(rnd() * paragraphs.length), 0, newParagraph().split(/(?<=\.) /));
    else if (kind === 3) head = `Publicerad ${Math.floor(rnd() * 24)}.${Math.floor(rnd() * 60)}`;
    else
      paragraphs = paragraphs.map((p) =>
        p.map((s) =>
          rnd() < 0.05
            ? s
                .split(' ')
                .map((w, i) => (i === 2 ? 'ändå' : w))
                .join(' ')
            : s,
        ),
      );
  }
  return [head, ...paragraphs.map((p) => p.join(' '))].join('\n\n');
}

function build(size: number): Corpus {
  const rnd = random(2024);
  const pick = zipfPicker(vocabulary(20_000, rnd), rnd);
  const articles: Corpus['articles'] = [];
  const truth = new Map<number, number>();
  const add = (text: string, publishedAt: string | null) => {
    articles.push({ id: articles.length + 1, text, publishedAt });
    return articles.length;
  };
  while (articles.length < size) {
    const date = Math.floor(rnd() * 365);
    const signOff = rnd() < 0.5 ? `\n\n${SIGN_OFFS[Math.floor(rnd() * SIGN_OFFS.length)]}` : '';
    const text = `${BYLINES[Math.floor(rnd() * BYLINES.length)]}\n\n${article(pick, rnd, 2400 + Math.floor(rnd() * 1200))}.${signOff}`;
    const original = add(text, day(date));
    const fate = rnd();
    if (fate < COPIED_SHARE) {
      for (let c = 1 + Math.floor(rnd() * 3); c > 0 && articles.length < size; c--) {
        const copy = add(
          edit(text, rnd, () => article(pick, rnd, 300 + Math.floor(rnd() * 300)) + '.'),
          rnd() < 0.1 ? null : day(date + Math.floor(rnd() * 3)),
        );
        truth.set(copy, original);
      }
    } else if (fate < COPIED_SHARE + FOLLOW_UP_SHARE && articles.length < size) {
      const reused = text.split('\n\n')[1]!;
      add(`${BYLINES[Math.floor(rnd() * BYLINES.length)]}\n\n${reused}\n\n${article(pick, rnd, 2400)}.`, day(date + 1));
    }
  }
  return { articles, truth };
}

function score(result: CopyFamilies, corpus: Corpus) {
  const { truth, articles } = corpus;
  const found = new Map<number, number>();
  for (const f of result.families) for (const c of f.copies) found.set(c, f.original);
  let right = 0;
  for (const [copy, original] of found) if (truth.get(copy) === original) right++;
  // Copies whose exact similarity reaches the threshold: what LSH could have found. Missing one of
  // these is a loss of the bands; missing one below it is the threshold's decision.
  let reachable = 0;
  let reached = 0;
  for (const [copy, original] of truth) {
    if (similarity(shingleSet(articles[copy - 1]!.text).shingles, shingleSet(articles[original - 1]!.text).shingles) < DEFAULT_THRESHOLD) continue;
    reachable++;
    if (found.get(copy) === original) reached++;
  }
  return {
    precision: found.size ? right / found.size : 1,
    recall: truth.size ? right / truth.size : 1,
    reachable,
    lshRecall: reachable ? reached / reachable : 1,
  };
}

const mb = (bytes: number) => fmt(bytes / 1e6);

export function runCopiesBench(log: (line: string) => void = console.log, size = 100_000) {
  const built = clock();
  const { articles, truth } = build(size);
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  log(
    `corpus: ${fmt(articles.length)} articles, ${fmt(chars / articles.length)} characters on average, ${fmt(truth.size)} edited copies (built in ${fmt(built().s, 1)} s)`,
  );

  // Baseline 1: exact duplicates, by a hash of each whole text.
  const exact = clock();
  const byHash = new Map<string, number>();
  let exactFound = 0;
  for (const a of articles) {
    const h = createHash('sha1').update(a.text).digest('base64');
    const first = byHash.get(h);
    if (first === undefined) byHash.set(h, a.id);
    else if (truth.get(a.id) === first) exactFound++;
  }
  const exactTime = exact();

  // Baseline 2: shingling every text, the floor of the method's cost.
  const shingling = clock();
  const buffer = new ShingleBuffer();
  let distinct = 0;
  for (const a of articles) {
    shingleInto(a.text, buffer);
    distinct += sortUnique(buffer.data, buffer.count);
  }
  const shingleTime = shingling();

  // Memory is sampled at each progress call, while the signatures and shingle sets are held.
  const before = process.memoryUsage();
  const peak = { arrayBuffers: 0, heapUsed: 0, rss: 0 };
  let signed = { s: 0, cpuS: 0 };
  const run = clock();
  const result = findCopyFamilies(articles, {
    onProgress: (done) => {
      if (done === articles.length + 1) signed = run();
      const m = process.memoryUsage();
      for (const k of ['arrayBuffers', 'heapUsed', 'rss'] as const) peak[k] = Math.max(peak[k], m[k] - before[k]);
    },
  });
  const time = run();
  const { precision, recall, reachable, lshRecall } = score(result, { articles, truth });

  const seconds = (t: { s: number; cpuS: number }) => `${fmt(t.s, 1)} s (${fmt(t.cpuS, 1)} s CPU)`;
  log(
    `copy families: ${seconds(time)}, target ≤ ${TARGET_S} s | shingling alone ${seconds(shingleTime)}, ` +
      `exact duplicates by SHA-1 of each text ${seconds(exactTime)}`,
  );
  log(
    `  reading and signing, up to the first band: ${seconds(signed)}; bands and verification ${seconds({ s: time.s - signed.s, cpuS: time.cpuS - signed.cpuS })}`,
  );
  log(
    `  ${fmt(result.families.length)} families, ${fmt(result.candidates)} candidate pairs, ${fmt(result.pairsChecked)} checked | ` +
      `recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (exact duplicates by hash: recall ${(exactFound / truth.size).toFixed(3)})`,
  );
  log(
    `  ${fmt(reachable)} of the copies have an exact similarity ≥ ${DEFAULT_THRESHOLD} to their original; the bands found ${(100 * lshRecall).toFixed(2)}% of them`,
  );
  log(
    `  memory: signatures ${mb(articles.length * BINS * 4)} MB, shingle sets ${mb(distinct * 4)} MB (${fmt((distinct * 4) / chars, 2)} bytes per character), ` +
      `texts ${mb(chars)} MB as one-byte strings | largest growth while running: array buffers ${mb(peak.arrayBuffers)} MB, ` +
      `heap ${mb(peak.heapUsed)} MB, RSS ${mb(peak.rss)} MB`,
  );
  return { seconds: time.s, recall, precision };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' } } });
  runCopiesBench(console.log, Math.max(10, Number(values.articles) || 100_000));
}
