// The conversion worker: turns one file's bytes into plain-text articles per message. Readability,
// pdf.js and mammoth are CPU-bound; in a thread of their own they leave the web host or the app free
// to answer other calls, and several workers read several files at once.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { convertSplit, wholeText } from './convert.ts';
import type { ConvertReply, ConvertRequest } from './convert-pool.ts';

async function answer(job: ConvertRequest): Promise<void> {
  let reply: ConvertReply;
  try {
    reply =
      job.kind === 'whole'
        ? { id: job.id, ok: true, text: await wholeText(job.name, job.bytes) }
        : { id: job.id, ok: true, articles: await convertSplit(job.name, job.bytes, job.choice) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { id: job.id, ok: false, code: error.code, message: error.message }
        : { id: job.id, ok: false, code: 'INTERNAL', message: `${job.name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  parentPort!.postMessage(reply);
}

parentPort!.on('message', (job: ConvertRequest) => void answer(job));
