// Files converted to articles in worker threads, shared by every project the process opens (conversion
// touches no database). A job that is cancelled stops its worker at once, even inside a long PDF, and
// a fresh worker takes its place for the next file.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../api/contract.ts';
import { AppError } from '../errors.ts';
import type { SplitChoice } from './convert.ts';
import { sniffFormat } from './formats.ts';
import { plainTextArticles } from './plain-text.ts';
import type { ConvertedArticle } from './types.ts';

type ConvertTask = { kind: 'articles'; name: string; bytes: Uint8Array; choice: SplitChoice } | { kind: 'whole'; name: string; bytes: Uint8Array };
export type ConvertRequest = ConvertTask & { id: number };
export type ConvertReply = { id: number; ok: true; articles?: ConvertedArticle[]; text?: string } | { id: number; ok: false; code: ErrorCode; message: string };

export type SpawnConvertWorker = () => Worker;

const spawnSource: SpawnConvertWorker = () => new Worker(new URL('./convert-worker-entry.mjs', import.meta.url));

type Pending = { request: ConvertRequest; resolve: (reply: ConvertReply) => void; reject: (error: Error) => void; signal?: AbortSignal };
type Slot = { worker: Worker; job: Pending | null };

export const cancelled = (name: string) => new AppError('CANCELLED', `The import of ${name} was cancelled; nothing of it was stored.`);

export function createConvertPool(size = Math.max(1, Math.min(4, availableParallelism())), spawn: SpawnConvertWorker = spawnSource) {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;

  function start(): Slot {
    const slot: Slot = { worker: spawn(), job: null };
    slot.worker.on('message', (reply: ConvertReply) => {
      const job = slot.job;
      slot.job = null;
      job?.resolve(reply);
      pump();
    });
    slot.worker.on('error', (error) => {
      const job = slot.job;
      slot.job = null;
      drop(slot);
      job?.reject(new AppError('INTERNAL', `${job.request.name} could not be read: the converter stopped (${error.message}).`));
      pump();
    });
    slots.push(slot);
    return slot;
  }

  function drop(slot: Slot) {
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  function pump() {
    while (queue.length > 0) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? start() : undefined);
      if (!slot) break;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      // The bytes are copied, not transferred: the caller may still need them (a split preview, a retry).
      slot.worker.postMessage(job.request);
    }
    // Idle workers do not keep the process alive.
    for (const slot of slots) if (slot.job === null) slot.worker.unref();
  }

  function run(request: ConvertTask, signal?: AbortSignal): Promise<ConvertReply> {
    if (signal?.aborted) return Promise.reject(cancelled(request.name));
    return new Promise((resolve, reject) => {
      const job: Pending = { request: { ...request, id: nextId++ }, resolve, reject, signal };
      signal?.addEventListener(
        'abort',
        () => {
          const waiting = queue.indexOf(job);
          if (waiting >= 0) queue.splice(waiting, 1);
          const slot = slots.find((s) => s.job === job);
          if (slot) drop(slot);
          reject(cancelled(request.name));
          pump();
        },
        { once: true },
      );
      queue.push(job);
      pump();
    });
  }

  const unwrap = (reply: ConvertReply) => {
    if (!reply.ok) throw new AppError(reply.code, reply.message);
    return reply;
  };

  return {
    /** The file's articles, split as the analyst chose; throws what the importer throws, or CANCELLED. */
    async convert(name: string, bytes: Uint8Array, choice: SplitChoice = {}, signal?: AbortSignal): Promise<ConvertedArticle[]> {
      // Plain text is only decoded: copying it to a worker and back would cost more than that.
      if (!choice.split && choice.delimiter === undefined && sniffFormat(bytes, name) === 'text') {
        if (signal?.aborted) throw cancelled(name);
        return plainTextArticles(name, bytes);
      }
      return unwrap(await run({ kind: 'articles', name, bytes, choice }, signal)).articles!;
    },
    /** The file's whole text, for the preview of a split. */
    async wholeText(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
      return unwrap(await run({ kind: 'whole', name, bytes }, signal)).text!;
    },
    async close() {
      for (const job of queue.splice(0)) job.reject(cancelled(job.request.name));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

export type ConvertPool = ReturnType<typeof createConvertPool>;

let shared: ConvertPool | null = null;
let sharedSpawn: SpawnConvertWorker = spawnSource;

/** The process's pool, started on first use. */
export function convertPool(): ConvertPool {
  shared ??= createConvertPool(undefined, sharedSpawn);
  return shared;
}

/** How the shared pool starts its workers (the desktop app runs a bundled copy); before first use. */
export function useConvertWorker(spawn: SpawnConvertWorker): void {
  sharedSpawn = spawn;
}
