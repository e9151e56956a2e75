// Files converted in worker threads, followed and cancelled: the host stays free to answer while a file
// is read, a cancelled import keeps the files before it and stores nothing of the rest, and the
// conversion pool recovers from a cancelled or failed worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ok, snapshot, tempProject } from './support/project.ts';
import { createConvertPool } from '../../main/services/import/convert-pool.ts';
import { AppError } from '../../main/services/errors.ts';
import type { ImportResult } from '../../main/api/contract.ts';

const page = readFileSync(new URL('./fixtures/import/news-page.html', import.meta.url), 'utf8');
/** The saved page as a different article each time (a new headline and one sentence of its own). */
const variant = (i: number) =>
  page.replace('<p>Toppmötet avslutas', `<p>Variant ${i}: en mening som bara finns i denna kopia av sidan.</p><p>Toppmötet avslutas`);
const file = (i: number) => ({ name: `sida-${i}.html`, dataBase64: Buffer.from(variant(i)).toString('base64') });

test('importFiles converts web pages in a worker and reports its progress while it runs', async () => {
  const p = tempProject();
  try {
    const call = p.dispatchAsync('articles.importFiles', { files: [file(1), file(2), file(3)], job: 'pages' });
    const seen = ok<{ running: boolean; phase: string; total: number }>(p.dispatch('jobs.progress', { job: 'pages' }));
    assert.deepEqual([seen.running, seen.phase, seen.total], [true, 'converting', 3], 'the host answers while the first page is read');
    const { results } = ok<{ results: ImportResult[] }>(await call);
    assert.deepEqual(
      results.map((r) => r.status),
      ['imported', 'imported', 'imported'],
    );
    const article = ok<{ text: string; source: string }>(p.dispatch('articles.get', { id: results[1]!.id }));
    assert.match(article.text, /Variant 2: en mening/);
    assert.equal(ok<{ running: boolean }>(p.dispatch('jobs.progress', { job: 'pages' })).running, false);
  } finally {
    p.cleanup();
  }
});

test('a cancelled import keeps the files stored before it and stores nothing of the others', async () => {
  const p = tempProject();
  try {
    ok(await p.dispatchAsync('articles.importFiles', { files: [file(0)] }));
    const before = snapshot(p);
    // Cancelled at once: the page being read is dropped with its worker, and the next is never read.
    const call = p.dispatchAsync('articles.importFiles', { files: [file(1), file(2)], job: 'stop-now' });
    assert.deepEqual(ok(p.dispatch('jobs.cancel', { job: 'stop-now' })), { cancelled: true });
    const { results } = ok<{ results: ImportResult[] }>(await call);
    assert.deepEqual(
      results.map((r) => [r.status, r.message]),
      [
        ['error', 'The import of sida-1.html was cancelled; nothing of it was stored.'],
        ['error', 'The import of sida-2.html was cancelled; nothing of it was stored.'],
      ],
    );
    assert.equal(snapshot(p), before);
    // Cancelled after the first file: it stays, the second is not stored.
    const next = p.dispatchAsync('articles.importFiles', { files: [file(3), file(4)], job: 'stop-later' });
    while (ok<{ done: number }>(p.dispatch('jobs.progress', { job: 'stop-later' })).done < 1) await new Promise((r) => setTimeout(r, 2));
    ok(p.dispatch('jobs.cancel', { job: 'stop-later' }));
    const later = ok<{ results: ImportResult[] }>(await next).results;
    assert.deepEqual(
      later.map((r) => r.status),
      ['imported', 'error'],
    );
    assert.equal(ok<{ articles: number }>(p.dispatch('project.info', {})).articles, 2);
    // The pool has replaced its stopped worker: the next import reads as before.
    assert.equal(ok<{ results: ImportResult[] }>(await p.dispatchAsync('articles.importFiles', { files: [file(4)] })).results[0]!.status, 'imported');
  } finally {
    p.cleanup();
  }
});

test('the conversion pool runs files side by side, passes on the importer’s refusal, and starts a new worker after a cancel', async () => {
  const pool = createConvertPool(2);
  try {
    const pages = await Promise.all([1, 2, 3].map((i) => pool.convert(`p${i}.html`, Buffer.from(variant(i)))));
    assert.deepEqual(
      pages.map((articles) => /Variant (\d)/.exec(articles[0]!.text)?.[1]),
      ['1', '2', '3'],
    );
    // A PDF named .docx is read as a PDF, and refused as the PDF importer refuses a broken one.
    await assert.rejects(pool.convert('brev.docx', Buffer.from('%PDF-1.7\nnot really')), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'INVALID_INPUT');
      assert.match(error.message, /brev\.docx/);
      return true;
    });
    const controller = new AbortController();
    const pending = pool.convert('lång.html', Buffer.from(variant(9)), {}, controller.signal);
    controller.abort();
    await assert.rejects(pending, /cancelled/);
    assert.match((await pool.wholeText('efter.html', Buffer.from(variant(5)))).slice(0, 20000), /Variant 5/);
    // Plain text never goes to a worker, and is read the same.
    assert.deepEqual(await pool.convert('a.txt', Buffer.from('Rubrik\n\nText.')), [{ text: 'Rubrik\n\nText.', meta: {} }]);
  } finally {
    await pool.close();
  }
});
