// Reliability at the size of a study: 1,000 articles of 4,000 characters coded by three coders, 10,000
// passages each over a codebook of 20 tags, the second and third coders starting from the first's
// passages and moving, retagging or replacing some. Each figure is the median of three runs, beside a
// baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openProject, type Project } from '../../main/services/project.ts';
import { krippendorffAlphaNominal, unitizedAlpha } from '../../main/services/analysis/agreement.ts';
import { gatherCoding, mergeSpans } from '../../main/services/reliability/units.ts';
import { article, fmt, medianTime, ok, random, vocabulary, zipfPicker } from './corpus.ts';

const ARTICLES = 1_000;
const PER_CODER = 10_000;
const TAGS = 20;
const CODERS = ['Ada', 'Bo', 'Cy'];
const RUNS = 3;

const time = (fn: () => unknown) => medianTime(fn, RUNS);

function build(dir: string): Project {
  const rnd = random(23);
  const pick = zipfPicker(vocabulary(12_000, rnd), rnd);
  const p = openProject(join(dir, 'reliability.framelens'));
  const texts = Array.from({ length: ARTICLES }, (_, i) => `Artikel ${i}\n\n${article(pick, rnd, 4000)}`.slice(0, 4000));
  p.services.articles.importMany(texts.map((text, i) => ({ text, name: `a${i}.txt`, meta: { language: 'sv' } })));
  const tags = Array.from({ length: TAGS }, (_, i) => ok<{ id: number }>(p.dispatch('tags.create', { name: `Frame ${i}` })).id);
  const insert = p.db.prepare(
    `INSERT INTO annotations (uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '', '', '', ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
  );
  p.db.transaction(() => {
    for (let i = 0; i < PER_CODER; i++) {
      const articleId = 1 + (i % ARTICLES);
      const text = texts[articleId - 1]!;
      const start = Math.floor(rnd() * (text.length - 300));
      const end = start + 30 + Math.floor(rnd() * 250);
      const tagId = tags[Math.floor(rnd() * tags.length)]!;
      for (const coder of CODERS) {
        // The first coder's passage; the others agree mostly, with moved bounds, another tag, or a passage
        // somewhere else instead.
        const r = coder === 'Ada' ? 1 : rnd();
        const shift = coder === 'Ada' || r > 0.6 ? 0 : r < 0.1 ? Math.floor((rnd() - 0.5) * 2000) : Math.floor((rnd() - 0.5) * 40);
        const s = Math.min(text.length - 30, Math.max(0, start + shift));
        const e = Math.min(text.length, Math.max(s + 1, end + shift));
        const t = r < 0.2 ? tags[Math.floor(rnd() * tags.length)]! : tagId;
        insert.run(randomUUID(), articleId, t, s, e, text.slice(s, e), coder);
      }
    }
  })();
  for (const c of CODERS) p.services.coders.ensure(c);
  return p;
}

export function runReliabilityBench(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(join(tmpdir(), 'framelens-reliability-bench-'));
  try {
    const t = performance.now();
    const p = build(dir);
    const passages = p.db.prepare('SELECT count(*) FROM annotations').pluck().get() as number;
    log(
      `project: ${fmt(ARTICLES)} articles of 4,000 characters, ${fmt(passages)} passages by 3 coders over ${TAGS} tags (built in ${fmt((performance.now() - t) / 1000, 1)} s)`,
    );

    const figures = time(() => ok(p.dispatch('reliability.agreement', { coders: CODERS })));
    const data = gatherCoding(p.db, p.services, { coders: CODERS });
    // Baseline: alpha of one tag over every character written out one by one (what a naive tool does).
    const naive = time(() => {
      const units: { values: number[] }[] = [];
      const tagId = 1;
      for (const a of data.articles) {
        const spans = (data.passages.get(tagId)?.get(a.id) ?? CODERS.map(() => [])).map(mergeSpans);
        for (let i = 0; i < a.length; i++) units.push({ values: spans.map((list) => (list.some((s) => i >= s.start && i < s.end) ? 1 : 0)) });
      }
      krippendorffAlphaNominal(units);
    });
    log(
      `agreement for all ${TAGS} tags and all together (percent, alpha, unitized and article-level alpha): ${fmt(figures)} ms (target ≤ 1,000 ms) | one tag's alpha over 4 million characters one by one ${fmt(naive)} ms`,
    );

    const boot = time(() => ok(p.dispatch('reliability.agreement', { coders: CODERS, bootstrap: { seed: 1, resamples: 1000 } })));
    log(
      `with 1,000-resample bootstrap intervals for every tag and all together: ${fmt(boot)} ms (target ≤ 5,000 ms) | the figures without it ${fmt(figures)} ms`,
    );

    const continua = [...Array(TAGS).keys()].map((i) =>
      data.articles.map((a) => ({
        length: a.length,
        segments: (data.passages.get(i + 1)?.get(a.id) ?? []).flatMap((spans, coder) => mergeSpans(spans).map((s) => ({ coder, ...s }))),
      })),
    );
    const unitized = time(() => continua.forEach((c) => unitizedAlpha(c, CODERS.length)));
    const gather = time(() => gatherCoding(p.db, p.services, { coders: CODERS }));
    log(`unitized alpha for all ${TAGS} tags: ${fmt(unitized)} ms (target ≤ 2,000 ms) | reading the coders' passages from the project ${fmt(gather)} ms`);
    p.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runReliabilityBench();
