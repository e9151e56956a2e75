import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, snapshot, tempProject, TRICKY_TEXT } from './support/project.ts';
import type { Annotation, Tag } from '../../main/api/contract.ts';

function setup() {
  const p = tempProject();
  const article = ok<{ id: number }>(p.dispatch('articles.importText', { text: TRICKY_TEXT }));
  const tag = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Rhetoric', 'Trolling'] }));
  return { p, articleId: article.id, tagId: tag.id };
}

test('an annotation after an emoji stores the exact quote, context, note and analyst', () => {
  const { p, articleId, tagId } = setup();
  try {
    ok(p.dispatch('settings.setAnnotator', { name: 'Ada Analyst' }));
    const quote = 'trolling på hög nivå';
    const start = TRICKY_TEXT.indexOf(quote);
    const a = ok<Annotation>(p.dispatch('annotations.create', { articleId, tagId, start, end: start + quote.length, note: 'Framing by a former adviser' }));
    assert.equal(a.quote, quote);
    assert.equal(a.annotator, 'Ada Analyst');
    assert.ok(TRICKY_TEXT.slice(0, start).endsWith(a.contextBefore));
    assert.ok(TRICKY_TEXT.slice(start + quote.length).startsWith(a.contextAfter));
    const updated = ok<Annotation>(p.dispatch('annotations.update', { id: a.id, note: 'edited' }));
    assert.equal(updated.note, 'edited');
    assert.ok(updated.updatedAt >= a.updatedAt);
  } finally {
    p.cleanup();
  }
});

test('overlapping annotations and several tags on one passage are all kept', () => {
  const { p, articleId, tagId } = setup();
  try {
    const other = ok<Tag>(p.dispatch('tags.create', { name: 'Sovereignty' }));
    ok(p.dispatch('annotations.create', { articleId, tagId, start: 10, end: 30 }));
    ok(p.dispatch('annotations.create', { articleId, tagId: other.id, start: 10, end: 30 }));
    ok(p.dispatch('annotations.create', { articleId, tagId, start: 20, end: 50 }));
    const list = ok<{ annotations: Annotation[] }>(p.dispatch('annotations.list', { articleId })).annotations;
    assert.equal(list.length, 3);
  } finally {
    p.cleanup();
  }
});

test('delete then restore brings the annotation back unchanged (undo)', () => {
  const { p, articleId, tagId } = setup();
  try {
    const a = ok<Annotation>(p.dispatch('annotations.create', { articleId, tagId, start: 0, end: 11, note: 'keep me' }));
    const { deleted } = ok<{ deleted: Annotation }>(p.dispatch('annotations.delete', { id: a.id }));
    assert.deepEqual(deleted, a);
    assert.deepEqual(ok<Annotation>(p.dispatch('annotations.restore', { id: deleted.id })), a);
    const again = p.dispatch('annotations.restore', { id: deleted.id });
    assert.equal(again.ok, false);
    if (!again.ok) assert.equal(again.error.code, 'NOT_FOUND');
  } finally {
    p.cleanup();
  }
});

test('bad spans and references are refused with clear errors and change nothing', () => {
  const { p, articleId, tagId } = setup();
  try {
    const emoji = TRICKY_TEXT.indexOf('😀');
    const before = snapshot(p);
    const refusals: [unknown, string, RegExp][] = [
      [{ articleId, tagId, start: 5, end: 5 }, 'INVALID_INPUT', /end > start/],
      [{ articleId, tagId, start: 9, end: 4 }, 'INVALID_INPUT', /end > start/],
      [{ articleId, tagId, start: -1, end: 4 }, 'INVALID_INPUT', /start/],
      [{ articleId, tagId, start: 0, end: TRICKY_TEXT.length + 1 }, 'INVALID_INPUT', /outside the article/],
      [{ articleId, tagId, start: emoji + 1, end: emoji + 5 }, 'INVALID_INPUT', /in half/],
      [{ articleId, tagId, start: '3', end: 8 }, 'INVALID_INPUT', /start/],
      [{ articleId, start: 0, end: 8 }, 'INVALID_INPUT', /tagId/],
      [{ articleId: 999, tagId, start: 0, end: 8 }, 'NOT_FOUND', /Article 999/],
      [{ articleId, tagId: 999, start: 0, end: 8 }, 'NOT_FOUND', /Tag 999/],
    ];
    for (const [input, code, message] of refusals) {
      const r = p.dispatch('annotations.create', input);
      assert.equal(r.ok, false, JSON.stringify(input));
      if (!r.ok) {
        assert.equal(r.error.code, code, r.error.message);
        assert.match(r.error.message, message);
      }
    }
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});
