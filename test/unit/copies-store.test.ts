// Copy families kept in the project: found, listed, marked on the articles, written in the CSV, and
// counted once wherever a filter says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ok, snapshot, tempProject } from './support/project.ts';
import type { CompareResult, Tag } from '../../main/api/contract.ts';

const STORY = [
  'Rysslands president Vladimir Putin anlände på tisdagen till Astana för ett toppmöte med ledarna i CSTO.',
  'Mötet väntas handla om gasledningar, elpriser och säkerheten vid de gemensamma gränserna i regionen.',
  'Kazakstans president Tokajev tog emot honom på flygplatsen, men tonen beskrevs som sval av flera bedömare.',
  'Enligt analytiker vill Moskva visa att man fortfarande är den ledande makten i Centralasien trots kriget.',
].join('\n\n');

function setup() {
  const p = tempProject();
  const add = (text: string, source: string, publishedAt: string) => ok<{ id: number }>(p.dispatch('articles.importText', { text, source, publishedAt })).id;
  const copy = add(`Av Per Holm/TT\n\n${STORY}\n\nArtikeln uppdateras.`, 'GP', '2024-10-09');
  const original = add(`Av Anna Lind/TT\n\n${STORY}`, 'TT', '2024-10-08');
  const other = add(
    'Regeringen presenterade i dag sin budget för nästa år, med satsningar på skola och vård i hela landet och nya pengar till polisen.',
    'DN',
    '2024-10-08',
  );
  const tag = ok<Tag>(p.dispatch('tags.create', { name: 'Geopolitik' }));
  for (const articleId of [copy, original, other]) ok(p.dispatch('annotations.create', { articleId, tagId: tag.id, start: 0, end: 10 }));
  return { p, copy, original, other, tag };
}

test('copies.find runs in a worker with progress, and a cancelled search keeps the families of the last', async () => {
  const { p, copy } = setup();
  try {
    ok(await p.dispatchAsync('copies.find', {}));
    const kept = ok<{ families: unknown[] }>(p.dispatch('copies.list', {})).families;
    assert.equal(kept.length, 1);
    // Followed while it runs: the worker leaves this thread free to answer jobs.progress.
    const running = p.dispatchAsync('copies.find', { threshold: 0.9, job: 'search-1' });
    const seen = ok<{ running: boolean; done: number; total: number }>(p.dispatch('jobs.progress', { job: 'search-1' }));
    assert.equal(seen.running, true, 'the search is under way');
    ok(await running);
    assert.equal(ok<{ running: boolean }>(p.dispatch('jobs.progress', { job: 'search-1' })).running, false, 'and over once answered');
    // A cancel, even one sent before the call arrives, stops it and stores nothing.
    assert.deepEqual(ok(p.dispatch('jobs.cancel', { job: 'search-2' })), { cancelled: false });
    const before = snapshot(p);
    const stopped = await p.dispatchAsync('copies.find', { threshold: 1, job: 'search-2' });
    assert.equal(stopped.ok, false);
    assert.equal(!stopped.ok && stopped.error.code, 'CANCELLED');
    assert.equal(snapshot(p), before, 'the families of the last search are kept');
    const mid = p.dispatchAsync('copies.find', { threshold: 1, job: 'search-3' });
    assert.deepEqual(ok(p.dispatch('jobs.cancel', { job: 'search-3' })), { cancelled: true });
    assert.equal((await mid).ok, false);
    assert.equal(ok<{ copyOf: number | null }>(p.dispatch('articles.get', { id: copy })).copyOf !== null, true);
  } finally {
    p.cleanup();
  }
});

test('copies.find keeps each family with its earliest article as the original, and a new search replaces the last', async () => {
  const { p, copy, original } = setup();
  try {
    const found = ok<{ families: number; copies: number; threshold: number }>(await p.dispatchAsync('copies.find', {}));
    assert.deepEqual(found, { families: 1, copies: 1, threshold: 0.8 });
    const { families } = ok<{ families: { original: number; copies: { id: number; similarity: number }[] }[] }>(p.dispatch('copies.list', {}));
    assert.equal(families.length, 1);
    assert.equal(families[0]!.original, original, 'the earlier article is the original, though imported later');
    assert.deepEqual(
      families[0]!.copies.map((c) => c.id),
      [copy],
    );
    assert.ok(families[0]!.copies[0]!.similarity >= 0.8 && families[0]!.copies[0]!.similarity <= 1);
    assert.equal(ok<{ copyOf: number | null }>(p.dispatch('articles.get', { id: copy })).copyOf, original);
    assert.equal(ok<{ copyOf: number | null }>(p.dispatch('articles.get', { id: original })).copyOf, null);
    // Nothing is as alike as the strictest threshold asks: the last search's families are replaced by none.
    assert.deepEqual(ok(await p.dispatchAsync('copies.find', { threshold: 1 })), { families: 0, copies: 0, threshold: 1 });
    assert.deepEqual(ok<{ families: unknown[] }>(p.dispatch('copies.list', {})).families, []);
    const before = snapshot(p);
    assert.equal((await p.dispatchAsync('copies.find', { threshold: 0.2 })).ok, false, 'a threshold below 0.5 is refused');
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});

test('counting each family once leaves the copies out of comparisons and exports; the CSV says what each copies', async () => {
  const { p, copy, original, tag } = setup();
  try {
    ok(await p.dispatchAsync('copies.find', {}));
    const articles = (copies?: 'all' | 'once') =>
      ok<CompareResult>(p.dispatch('compare.summary', { comparison: { tagIds: [tag.id], rest: true }, filter: copies ? { copies } : undefined })).overall[0]!
        .articles;
    assert.equal(articles(), 3);
    assert.equal(articles('all'), 3);
    assert.equal(articles('once'), 2);
    const csv = ok<{ csv: string }>(p.dispatch('export.csv', {})).csv;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.equal(rows.find((r) => Number(r.article_id) === copy)!.copy_of, String(original));
    assert.equal(rows.find((r) => Number(r.article_id) === original)!.copy_of, '');
    const once = parse(ok<{ csv: string }>(p.dispatch('export.csv', { filter: { copies: 'once' } })).csv, { columns: true }) as Record<string, string>[];
    assert.equal(once.length, 2);
    assert.ok(!once.some((r) => Number(r.article_id) === copy));
    const { deletedAnnotations } = ok<{ deletedAnnotations: number }>(p.dispatch('articles.delete', { id: original }));
    assert.equal(deletedAnnotations, 1);
    assert.equal(ok<{ copyOf: number | null }>(p.dispatch('articles.get', { id: copy })).copyOf, null, 'a deleted original frees its copies');
  } finally {
    p.cleanup();
  }
});
