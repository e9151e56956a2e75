// Merging a colleague's project at the size of a study: 5,000 articles and 50,000 annotations over 30
// tags, into an empty project, into one that already holds half of the articles and 40% of the
// annotations, and the same file merged a second time (nothing to add). Each figure is the median of
// three runs on fresh copies, beside a baseline measured in the same run: the bare copy of the same
// article and annotation rows with prepared INSERT statements in one transaction.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/connection.ts';
import { openProject, type Project } from '../../main/services/project.ts';
import { mergeProject } from '../../main/services/merge/merge.ts';
import { article, fmt, median, random, vocabulary, zipfPicker } from './corpus.ts';

const ARTICLES = 5_000;
const ANNOTATIONS = 50_000;
const RUNS = 3;
const TARGET_MS = 10_000;

const ARTICLE_COLUMNS = 'id, title, source, author, published_at, language, url, text, text_hash, char_count, created_at';
const ANNOTATION_COLUMNS = 'id, uuid, article_id, tag_id, start, "end", quote, context_before, context_after, note, annotator, created_at, updated_at';
const placeholders = (columns: string) => columns.replace(/"?\w+"?/g, '?');

/** The colleague's project, written with prepared statements (building it is not what is measured). */
function buildSource(path: string): Project {
  const rnd = random(23);
  const pick = zipfPicker(vocabulary(15_000, rnd), rnd);
  const p = openProject(path);
  const db = p.db;
  const insertArticle = db.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (${placeholders(ARTICLE_COLUMNS)})`);
  const insertTag = db.prepare('INSERT INTO tags (id, parent_id, name, color, position, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAnnotation = db.prepare(`INSERT INTO annotations (${ANNOTATION_COLUMNS}) VALUES (${placeholders(ANNOTATION_COLUMNS)})`);
  const stamp = '2024-03-01T09:00:00.000Z';
  const texts: string[] = [];
  db.transaction(() => {
    for (let i = 1; i <= ARTICLES; i++) {
      const text = `Artikel ${i}\n\n${article(pick, rnd, 1500)}`;
      texts.push(text);
      const hash = createHash('sha256').update(text).digest('hex');
      insertArticle.run(i, `Artikel ${i}`, i % 2 ? 'SVT' : 'DN', null, '2024-02-01', 'sv', null, text, hash, text.length, stamp);
    }
    // 6 frames with 4 subframes each: 30 tags.
    let id = 0;
    for (let f = 0; f < 6; f++) {
      const frame = ++id;
      insertTag.run(frame, null, `Frame ${f}`, '#336699', id, stamp);
      for (let s = 0; s < 4; s++) insertTag.run(++id, frame, `Sub ${s}`, '#993366', id, stamp);
    }
    for (let i = 1; i <= ANNOTATIONS; i++) {
      const articleId = 1 + Math.floor(rnd() * ARTICLES);
      const text = texts[articleId - 1]!;
      const start = Math.floor(rnd() * (text.length - 200));
      const end = start + 20 + Math.floor(rnd() * 150);
      const coder = rnd() < 0.5 ? 'Ada' : 'Bo';
      insertAnnotation.run(i, randomUUID(), articleId, 1 + Math.floor(rnd() * 30), start, end, text.slice(start, end), '', '', '', coder, stamp, stamp);
    }
    db.prepare("INSERT INTO coders (name, color, created_at) VALUES ('Ada', '#1f6fb2', ?), ('Bo', '#c2410c', ?)").run(stamp, stamp);
  })();
  return p;
}

/** The baseline: the rows alone, read from the source and inserted with prepared statements in one transaction. */
function bareCopy(source: Db, target: Db, { articles = ARTICLES, annotations = ANNOTATIONS } = {}): void {
  const insertArticle = target.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (${placeholders(ARTICLE_COLUMNS)})`);
  const insertTag = target.prepare(
    'INSERT INTO tags (id, parent_id, name, color, description, shortcut, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAnnotation = target.prepare(`INSERT INTO annotations (${ANNOTATION_COLUMNS}) VALUES (${placeholders(ANNOTATION_COLUMNS)})`);
  target.transaction(() => {
    for (const row of source.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id <= ?`).raw().iterate(articles)) insertArticle.run(...(row as unknown[]));
    for (const row of source.prepare('SELECT id, parent_id, name, color, description, shortcut, position, created_at FROM tags ORDER BY id').raw().iterate())
      insertTag.run(...(row as unknown[]));
    for (const row of source.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE id <= ? AND article_id <= ?`).raw().iterate(annotations, articles))
      insertAnnotation.run(...(row as unknown[]));
  })();
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export function runMergeBench(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(join(tmpdir(), 'framelens-merge-bench-'));
  try {
    const t = performance.now();
    const source = buildSource(join(dir, 'colleague.framelens'));
    const sourcePath = source.path;
    log(`colleague's project: ${fmt(ARTICLES)} articles, ${fmt(ANNOTATIONS)} annotations over 30 tags (built in ${fmt((performance.now() - t) / 1000, 1)} s)`);

    let n = 0;
    const fresh = () => openProject(join(dir, `target-${++n}.framelens`));
    const runs = { empty: [] as number[], overlap: [] as number[], again: [] as number[], bare: [] as number[] };
    let added = 0;
    let overlapAdded = 0;
    for (let run = 0; run < RUNS; run++) {
      const bare = fresh();
      runs.bare.push(timed(() => bareCopy(source.db, bare.db)));
      bare.close();

      const empty = fresh();
      runs.empty.push(timed(() => (added = mergeProject(empty.db, empty.services, sourcePath).annotations.added)));
      runs.again.push(timed(() => mergeProject(empty.db, empty.services, sourcePath)));
      empty.close();

      const overlap = fresh();
      bareCopy(source.db, overlap.db, { articles: ARTICLES / 2, annotations: ANNOTATIONS * 0.8 });
      runs.overlap.push(timed(() => (overlapAdded = mergeProject(overlap.db, overlap.services, sourcePath).annotations.added)));
      overlap.close();
    }
    source.close();
    const bare = median(runs.bare);
    const line = (what: string, ms: number) =>
      log(`${what}: ${fmt(ms)} ms (target ≤ ${fmt(TARGET_MS)} ms) | bare copy of the same rows with INSERTs in one transaction ${fmt(bare)} ms`);
    line(`merge into an empty project (${fmt(added)} annotations added)`, median(runs.empty));
    line(`merge into a project holding half of it (${fmt(overlapAdded)} annotations added)`, median(runs.overlap));
    line('the same merge again (nothing to add)', median(runs.again));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runMergeBench();
