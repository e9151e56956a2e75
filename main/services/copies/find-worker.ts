// Finding copy families off the main thread: the worker reads every article's text through a read-only
// connection of its own (a consistent snapshot, since the project is in WAL mode), reports its progress
// and answers with the families. The main thread stores them.
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyFile } from '../../../db/connection.ts';
import { familiesOf, type FindRequest, type FindMessage } from './families-store.ts';

const { path, threshold, nativeBinding } = workerData as FindRequest;
const post = (message: FindMessage) => parentPort!.postMessage(message);
let last = 0;
try {
  const db = openReadOnlyFile(path, { nativeBinding });
  try {
    const families = familiesOf(db, threshold, (done, total) => {
      const at = Date.now();
      if (at - last < 100 && done < total) return;
      last = at;
      post({ type: 'progress', done, total });
    });
    post({ type: 'done', families });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
