// The project's copy families: found over every article's text and kept (article_copies), so the
// article list can mark copies and every count can take each family once. On a project file the search
// runs in a worker thread, with progress and a cancel that stores nothing.
import { Worker } from 'node:worker_threads';
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { now } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Job } from '../jobs.ts';
import { DEFAULT_THRESHOLD, findCopyFamilies } from './minhash.ts';

export type CopyFamily = { original: number; copies: { id: number; similarity: number }[] };
export type FindRequest = { path: string; threshold: number; nativeBinding?: string };
export type FindMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; families: CopyFamily[] } | { type: 'error'; message: string };
const stopped = () => new AppError('CANCELLED', 'The search for copies was cancelled; the families found before it are kept as they were.');

export type SpawnFindWorker = (request: FindRequest) => Worker;

export const spawnSourceFindWorker: SpawnFindWorker = (request) => new Worker(new URL('./find-worker-entry.mjs', import.meta.url), { workerData: request });

/** The families among all the project's articles, read in one statement (one snapshot). */
export function familiesOf(db: Db, threshold: number, onProgress?: (done: number, total: number) => void): CopyFamily[] {
  const articles = db.prepare('SELECT id, text, published_at AS publishedAt FROM articles ORDER BY id').iterate() as Iterable<{
    id: number;
    text: string;
    publishedAt: string | null;
  }>;
  return findCopyFamilies(articles, { threshold, onProgress }).families.map((f) => ({
    original: f.original,
    copies: f.copies.map((id) => ({ id, similarity: Number((f.similarity.get(id) ?? threshold).toFixed(4)) })),
  }));
}

export type CopyServiceOptions = { spawn?: SpawnFindWorker; nativeBinding?: string };

export function copyService(db: Db, options: CopyServiceOptions = {}) {
  const clear = db.prepare('DELETE FROM article_copies');
  const insert = db.prepare('INSERT INTO article_copies (article_id, original_id, similarity, threshold, found_at) VALUES (?, ?, ?, ?, ?)');
  const store = writeTransaction(db, (families: CopyFamily[], threshold: number) => {
    clear.run();
    const at = now();
    for (const f of families) for (const c of f.copies) insert.run(c.id, f.original, c.similarity, threshold, at);
  });

  function inWorker(threshold: number, job?: Job): Promise<CopyFamily[]> {
    const worker = (options.spawn ?? spawnSourceFindWorker)({ path: db.name, threshold, nativeBinding: options.nativeBinding });
    return new Promise((resolve, reject) => {
      const stop = () => {
        void worker.terminate();
        reject(stopped());
      };
      job?.signal.addEventListener('abort', stop, { once: true });
      const settle = () => job?.signal.removeEventListener('abort', stop);
      worker.on('message', (message: FindMessage) => {
        if (message.type === 'progress') job?.report('comparing', message.done, message.total);
        else {
          settle();
          void worker.terminate();
          if (message.type === 'done') resolve(message.families);
          else reject(new AppError('INTERNAL', `The search for copies failed: ${message.message}`));
        }
      });
      worker.on('error', (error) => {
        settle();
        reject(new AppError('INTERNAL', `The search for copies stopped: ${error.message}`));
      });
    });
  }

  /**
   * Finds the families among all articles and keeps them, replacing the last search's. A project in a
   * file is searched in a worker; one in memory (tests, scratch) on this thread.
   */
  async function find(threshold = DEFAULT_THRESHOLD, job?: Job) {
    const onFile = !db.memory && db.name !== '' && db.name !== ':memory:';
    const families = onFile ? await inWorker(threshold, job) : familiesOf(db, threshold, (done, total) => job?.report('comparing', done, total));
    if (job?.cancelled()) throw stopped();
    store(families, threshold);
    return { families: families.length, copies: families.reduce((n, f) => n + f.copies.length, 0), threshold };
  }

  /** The kept families, originals in id order, each with its copies. */
  function list(): CopyFamily[] {
    const rows = db.prepare('SELECT article_id, original_id, similarity FROM article_copies ORDER BY original_id, article_id').raw().all() as [
      number,
      number,
      number,
    ][];
    const byOriginal = new Map<number, CopyFamily>();
    for (const [id, original, similarity] of rows) {
      let family = byOriginal.get(original);
      if (!family) byOriginal.set(original, (family = { original, copies: [] }));
      family.copies.push({ id, similarity });
    }
    return [...byOriginal.values()];
  }

  return { find, list };
}

export type CopyService = ReturnType<typeof copyService>;
