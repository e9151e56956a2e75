// The detection worker: loads the detector once, then answers one message per article. Running it off
// the main thread keeps the app responsive while a long import is being read for names.
import { parentPort } from 'node:worker_threads';
import { createDetector } from './detect/index.ts';
import type { DetectionJob, DetectionReply } from './queue.ts';

const detector = createDetector();

parentPort!.on('message', (job: DetectionJob) => {
  let reply: DetectionReply;
  try {
    const language = job.language || detector.detectLanguage(job.text);
    reply = { articleId: job.articleId, language, mentions: detector.detect(job.text, { language }) };
  } catch (error) {
    reply = { articleId: job.articleId, language: null, mentions: [], error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
