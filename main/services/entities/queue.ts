// Detection in the background: articles are queued after their import has committed, a worker thread
// finds the mentions, and the main thread stores them one article per transaction. The article list
// is usable at once; mentions appear as each article is done.
import { Worker } from 'node:worker_threads';
import type { DetectionProgress } from '../../api/contract.ts';
import type { ArticleService } from '../articles.ts';
import type { EntityStore } from './store.ts';
import type { Detector, Mention } from './detect/types.ts';

export type DetectionJob = { articleId: number; text: string; language: string | null };
export type DetectionReply = { articleId: number; language: string | null; mentions: Mention[]; error?: string };

export type DetectionQueue = {
  enqueue(articleIds: number[]): void;
  progress(): DetectionProgress;
  /** Resolves when everything queued so far is stored. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

export type SpawnWorker = () => Worker;

export const spawnSourceWorker: SpawnWorker = () => new Worker(new URL('./worker-entry.mjs', import.meta.url));

type Deps = { articles: ArticleService; entities: EntityStore; counts: () => { detected: number; articles: number } };

export function createDetectionQueue(deps: Deps, spawn: SpawnWorker = spawnSourceWorker): DetectionQueue {
  const pending: number[] = [];
  const queued = new Set<number>(); // the ids in pending, for a quick duplicate check on large imports
  let worker: Worker | null = null;
  let busy: number | null = null;
  let done = 0;
  let total = 0;
  let lastError: string | null = null;
  let waiters: (() => void)[] = [];
  let closed = false;

  const settle = () => {
    if (busy === null && pending.length === 0) {
      worker?.unref(); // an idle worker does not keep the process alive
      for (const w of waiters) w();
      waiters = [];
      done = 0;
      total = 0;
    }
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = spawn();
    w.on('message', (reply: DetectionReply) => {
      busy = null;
      done++;
      try {
        if (reply.error) lastError = `Detection failed for article ${reply.articleId}: ${reply.error}`;
        else deps.entities.applyDetection(reply.articleId, reply.mentions, reply.language);
      } catch (error) {
        // The article may have been deleted meanwhile; anything else is reported, never thrown.
        if (!/does not exist|FOREIGN KEY/.test(String(error))) lastError = `Storing mentions for article ${reply.articleId} failed.`;
      }
      next();
    });
    w.on('error', (error) => {
      lastError = `The detection worker stopped: ${error.message}`;
      worker = null;
      if (busy !== null) {
        busy = null;
        done++;
      }
      next();
    });
    worker = w;
    return w;
  }

  function next() {
    if (closed) return;
    while (busy === null && pending.length > 0) {
      const articleId = pending.shift()!;
      queued.delete(articleId);
      let text: string;
      let language: string | null;
      try {
        text = deps.articles.text(articleId);
        language = deps.articles.summary(articleId).language;
      } catch {
        done++;
        continue; // deleted before its turn
      }
      busy = articleId;
      ensureWorker().ref();
      worker!.postMessage({ articleId, text, language } satisfies DetectionJob);
    }
    settle();
  }

  return {
    enqueue(articleIds) {
      const fresh = articleIds.filter((id) => id !== busy && !queued.has(id));
      for (const id of fresh) {
        pending.push(id);
        queued.add(id);
      }
      total += fresh.length;
      if (fresh.length) lastError = null;
      next();
    },
    progress() {
      return { running: busy !== null || pending.length > 0, done, total, ...deps.counts(), error: lastError };
    },
    idle() {
      if (busy === null && pending.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      closed = true;
      pending.length = 0;
      queued.clear();
      for (const w of waiters) w();
      waiters = [];
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}

/** Detection on the calling thread, for the command line: it waits for the result anyway. */
export function detectNow(
  deps: Pick<Deps, 'articles' | 'entities'>,
  detector: Detector,
  articleIds: number[],
  onProgress?: (done: number, total: number) => void,
) {
  let mentions = 0;
  articleIds.forEach((articleId, i) => {
    const text = deps.articles.text(articleId);
    const language = deps.articles.summary(articleId).language || detector.detectLanguage(text);
    mentions += deps.entities.applyDetection(articleId, detector.detect(text, { language }), language);
    onProgress?.(i + 1, articleIds.length);
  });
  return { articles: articleIds.length, mentions };
}
