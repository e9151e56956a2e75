// Comparing frames at the size of a study: 10,000 articles, 100,000 annotations over 30 tags and three
// variables. Each figure is the median of five runs, beside its target and a baseline measured in the
// same run (the bare query or computation underneath).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openProject, type Project } from '../../main/services/project.ts';
import { cooccurrence } from '../../main/services/analysis/cooccurrence.ts';
import { createTokenizer } from '../../main/services/analysis/tokens.ts';
import { article, fmt, medianTime, ok, random, vocabulary, zipfPicker } from './corpus.ts';

const ARTICLES = 10_000;
const ANNOTATIONS = 100_000;
const RUNS = 5;
const OUTLETS = ['Aftonbladet', 'Expressen', 'Dagens Nyheter', 'Svenska Dagbladet', 'SVT', 'Sveriges Radio', 'Göteborgs-Posten', 'Sydsvenskan'];

const time = (fn: () => unknown) => medianTime(fn, RUNS);

function build(dir: string): Project {
  const rnd = random(11);
  const pick = zipfPicker(vocabulary(15_000, rnd), rnd);
  const p = openProject(join(dir, 'compare.framelens'));
  const texts = Array.from({ length: ARTICLES }, (_, i) => `Artikel ${i}\n\n${article(pick, rnd, 1500)}`);
  p.services.articles.importMany(
    texts.map((text, i) => ({
      text,
      name: `a${i}.txt`,
      meta: {
        source: OUTLETS[i % OUTLETS.length]!,
        publishedAt: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        language: 'sv',
      },
    })),
  );
  // 6 frames with 4 subframes each: 30 tags.
  const tags: number[] = [];
  for (let f = 0; f < 6; f++) {
    tags.push(ok<{ id: number }>(p.dispatch('tags.create', { name: `Frame ${f}` })).id);
    for (let s = 0; s < 4; s++) tags.push(ok<{ id: number }>(p.dispatch('tags.ensurePath', { path: [`Frame ${f}`, `Sub ${s}`] })).id);
  }
  const insert = p.db.prepare(
    `INSERT INTO annotations (article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '', '', '', ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
  );
  p.db.transaction(() => {
    for (let i = 0; i < ANNOTATIONS; i++) {
      const articleId = 1 + Math.floor(rnd() * ARTICLES);
      const text = texts[articleId - 1]!;
      const start = Math.floor(rnd() * (text.length - 200));
      const end = start + 20 + Math.floor(rnd() * 150);
      insert.run(articleId, tags[Math.floor(rnd() * tags.length)]!, start, end, text.slice(start, end), rnd() < 0.5 ? 'Ada' : 'Bo');
    }
  })();
  const kind = ok<{ id: number }>(
    p.dispatch('variables.create', { name: 'Kind', type: 'category', categories: ['Tabloid', 'Broadsheet', 'Public service'] }),
  ).id;
  const pages = ok<{ id: number }>(p.dispatch('variables.create', { name: 'Pages', type: 'number' })).id;
  ok(p.dispatch('variables.create', { name: 'Printed', type: 'date' }));
  ok(
    p.dispatch('variables.setValue', {
      variableId: kind,
      value: 'Tabloid',
      filter: { conditions: [{ variable: 'source', op: 'is', values: OUTLETS.slice(0, 2) }] },
    }),
  );
  ok(p.dispatch('variables.setValue', { variableId: pages, value: 3, filter: {} }));
  return p;
}

export function runCompareBench(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(join(tmpdir(), 'framelens-compare-bench-'));
  try {
    const t = performance.now();
    const p = build(dir);
    log(`project: ${fmt(ARTICLES)} articles, ${fmt(ANNOTATIONS)} annotations over 30 tags, 3 variables (built in ${fmt((performance.now() - t) / 1000, 1)} s)`);
    const comparison = { tagIds: [1, 6], groupBy: { kind: 'variable', variable: 'source' } };

    const summary = time(() => ok(p.dispatch('compare.summary', { comparison })));
    const countQuery = p.db.prepare(
      `SELECT a.source, n.tag_id, count(DISTINCT n.article_id) FROM annotations n JOIN articles a ON a.id = n.article_id
       WHERE n.tag_id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) GROUP BY a.source, n.tag_id`,
    );
    const summaryBase = time(() => countQuery.all());
    log(`compare view data, 2 tags by source: ${fmt(summary)} ms (target ≤ 300 ms) | SQL GROUP BY of the article counts alone ${fmt(summaryBase)} ms`);

    const co = time(() => ok(p.dispatch('compare.cooccurrence', {})));
    const rows = p.db.prepare('SELECT article_id AS articleId, tag_id AS tagId, start, "end" FROM annotations').all() as {
      articleId: number;
      tagId: number;
      start: number;
      end: number;
    }[];
    const coBase = time(() => cooccurrence(rows));
    log(`co-occurrence of the whole codebook: ${fmt(co)} ms (target ≤ 500 ms) | the computation alone on passages in memory ${fmt(coBase)} ms`);

    // The first call after opening reads and indexes every text it needs; later calls count from the index.
    const distinctive = () => ok(p.dispatch('compare.distinctive', { comparison: { tagIds: [1], rest: true }, side: 0, kind: 'words' }));
    const firstStart = performance.now();
    distinctive();
    const firstWords = performance.now() - firstStart;
    const words = time(distinctive);
    const quotes = p.db.prepare('SELECT quote FROM annotations').pluck().all() as string[];
    const tokenize = createTokenizer({ languages: ['sv'] });
    const wordsBase = time(() => quotes.forEach((q) => tokenize(q)));
    log(
      `distinctive words, one tag against the rest: first call after opening ${fmt(firstWords)} ms, then ${fmt(words)} ms (target ≤ 1,000 ms) | tokenizing every passage alone ${fmt(wordsBase)} ms`,
    );

    const matrix = time(() => ok(p.dispatch('export.matrix', {})));
    const matrixQuery = p.db.prepare('SELECT article_id, tag_id, count(*) FROM annotations GROUP BY article_id, tag_id');
    const matrixBase = time(() => matrixQuery.all());
    log(`export matrix, ${fmt(ARTICLES)} articles × 30 tags: ${fmt(matrix)} ms (target ≤ 2,000 ms) | SQL GROUP BY of the counts alone ${fmt(matrixBase)} ms`);

    let value = 0;
    const set = time(() => ok(p.dispatch('variables.setValue', { variableId: 2, value: ++value, filter: {} })));
    const upsert = p.db.prepare(
      'INSERT INTO article_values (article_id, variable_id, value) VALUES (?, 2, ?) ON CONFLICT(article_id, variable_id) DO UPDATE SET value = excluded.value',
    );
    const setBase = time(() =>
      p.db.transaction(() => {
        const v = ++value;
        for (let id = 1; id <= ARTICLES; id++) upsert.run(id, v);
      })(),
    );
    log(`setting a variable on ${fmt(ARTICLES)} articles: ${fmt(set)} ms (target ≤ 1,000 ms) | bare upsert loop in one transaction ${fmt(setBase)} ms`);
    p.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runCompareBench();
