// Tagging a long article reads its text once, not once a passage: the service keeps the last texts it
// read and checks them against the hash index, so a deleted article, or an id taken again, is never
// served from the kept copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import type { Tag } from '../../main/api/contract.ts';

test('a kept text is checked through the hash index and never outlives its article', () => {
  const p = tempProject();
  try {
    const plan = p.db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM articles WHERE text_hash = ? AND +id = ?').all('x', 1) as { detail: string }[];
    assert.match(plan.map((r) => r.detail).join(' | '), /USING (COVERING )?INDEX sqlite_autoindex_articles/);
    const first = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Första artikeln om hamnen i Visby.' })).id;
    const tag = ok<Tag>(p.dispatch('tags.create', { name: 'Hamn' }));
    ok(p.dispatch('annotations.create', { articleId: first, tagId: tag.id, start: 0, end: 6 }));
    for (let i = 0; i < 3; i++) ok(p.dispatch('annotations.create', { articleId: first, tagId: tag.id, start: 7, end: 15 + i }));
    ok(p.dispatch('articles.delete', { id: first }));
    // The same id again, with another text: the kept copy of the first is not used for it.
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'En helt annan text om något annat.' })).id;
    assert.equal(second, first, 'SQLite gives the freed id to the next article');
    const made = ok<{ quote: string }>(p.dispatch('annotations.create', { articleId: second, tagId: tag.id, start: 0, end: 10 }));
    assert.equal(made.quote, 'En helt an');
    assert.equal(ok<{ text: string }>(p.dispatch('articles.get', { id: second })).text, 'En helt annan text om något annat.');
  } finally {
    p.cleanup();
  }
});
