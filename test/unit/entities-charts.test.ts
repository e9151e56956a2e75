import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import type { Tag } from '../../main/api/contract.ts';

// Hand-placed mentions, so each chart figure can be counted by eye.
function setup() {
  const p = tempProject();
  const a1 = ok<{ id: number }>(
    p.dispatch('articles.importText', { text: 'Oslo möter Bergen. Oslo igen och Oslo.', source: 'Posten', publishedAt: '2024-01-15' }),
  );
  const a2 = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Bergen och Oslo i februari.', source: 'Bladet', publishedAt: '2024-02-03' }));
  const a3 = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Oslo utan datum.', source: 'Posten' }));
  const add = (articleId: number, text: string, from: number, name: string, type = 'LOC') => {
    const full = p.services.articles.text(articleId);
    const start = full.indexOf(text, from);
    return ok<{ entityId: number }>(p.dispatch('mentions.add', { articleId, start, end: start + text.length, name, type }));
  };
  const oslo = add(a1.id, 'Oslo', 0, 'Oslo').entityId;
  add(a1.id, 'Oslo', 5, 'Oslo');
  add(a1.id, 'Oslo', 25, 'Oslo');
  const bergen = add(a1.id, 'Bergen', 0, 'Bergen').entityId;
  add(a2.id, 'Bergen', 0, 'Bergen');
  add(a2.id, 'Oslo', 0, 'Oslo');
  add(a3.id, 'Oslo', 0, 'Oslo');
  const conflict = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Frames', 'Conflict'] }));
  const frames = conflict.parentId!;
  // "Oslo möter Bergen." carries Conflict: one Oslo and one Bergen fall inside it.
  ok(p.dispatch('annotations.create', { articleId: a1.id, tagId: conflict.id, start: 0, end: 18 }));
  return { p, a1: a1.id, a2: a2.id, oslo, bergen, conflict: conflict.id, frames };
}

test('top entities count mentions and articles, filtered by source, date and tag', () => {
  const { p, oslo, bergen, conflict, frames } = setup();
  try {
    const top = (filters = {}) => ok<{ rows: { entityId: number; mentions: number; articles: number }[] }>(p.dispatch('charts.topEntities', { filters })).rows;
    assert.deepEqual(
      top().map((r) => [r.entityId, r.mentions, r.articles]),
      [
        [oslo, 5, 3],
        [bergen, 2, 2],
      ],
    );
    assert.deepEqual(
      top({ sources: ['Bladet'] }).map((r) => [r.entityId, r.mentions]),
      [
        [bergen, 1],
        [oslo, 1],
      ],
    );
    assert.deepEqual(
      top({ from: '2024-02-01', to: '2024-12-31' }).map((r) => r.mentions),
      [1, 1],
    );
    assert.deepEqual(
      top({ tagIds: [conflict] }).map((r) => [r.entityId, r.mentions]),
      [
        [bergen, 1],
        [oslo, 1],
      ],
    );
    assert.deepEqual(
      top({ tagIds: [frames] }).map((r) => r.mentions),
      [1, 1],
      'a parent tag covers its subtags',
    );
    assert.deepEqual(top({ types: ['PER'] }), []);
  } finally {
    p.cleanup();
  }
});

test('the timeline buckets mentions by publication month and counts the undated apart', () => {
  const { p, oslo, bergen } = setup();
  try {
    const t = ok<{ buckets: string[]; series: { entityId: number; counts: number[] }[]; undated: number }>(
      p.dispatch('charts.timeline', { entityIds: [oslo, bergen] }),
    );
    assert.deepEqual(t.buckets, ['2024-01', '2024-02']);
    assert.deepEqual(
      t.series.map((s) => [s.entityId, s.counts]),
      [
        [oslo, [3, 1]],
        [bergen, [1, 1]],
      ],
    );
    assert.equal(t.undated, 1);
  } finally {
    p.cleanup();
  }
});

test('entities × tags counts mentions inside tagged passages, and kwic lists them in context', () => {
  const { p, oslo, conflict, a1 } = setup();
  try {
    const h = ok<{ cells: { entityId: number; tagId: number; mentions: number }[]; tags: { id: number; path: string }[] }>(p.dispatch('charts.entityTags', {}));
    assert.ok(h.cells.some((c) => c.entityId === oslo && c.tagId === conflict && c.mentions === 1));
    assert.deepEqual(
      h.tags.map((t) => t.path),
      ['Frames', 'Frames > Conflict'],
      'a parent tag has its own column, its subtags included',
    );
    const frames = h.tags[0]!.id;
    assert.ok(h.cells.some((c) => c.entityId === oslo && c.tagId === frames && c.mentions === 1));
    assert.equal(ok<{ total: number }>(p.dispatch('charts.kwic', { entityId: oslo, tagId: frames })).total, 1, 'the cell and its list agree');
    const k = ok<{ lines: { articleId: number; text: string; before: string; after: string; start: number }[]; total: number }>(
      p.dispatch('charts.kwic', { entityId: oslo, tagId: conflict }),
    );
    assert.equal(k.total, 1);
    assert.deepEqual([k.lines[0]!.articleId, k.lines[0]!.text, k.lines[0]!.before, k.lines[0]!.after], [a1, 'Oslo', '', ' möter Bergen. Oslo igen och Oslo.']);
    assert.equal(ok<{ total: number }>(p.dispatch('charts.kwic', { entityId: oslo, bucket: '2024-02' })).total, 1);
  } finally {
    p.cleanup();
  }
});

test('mentions per article for one entity, most first', () => {
  const { p, oslo, a1 } = setup();
  try {
    const rows = ok<{ rows: { articleId: number; mentions: number }[] }>(p.dispatch('charts.entityArticles', { entityId: oslo })).rows;
    assert.deepEqual(
      rows.map((r) => r.mentions),
      [3, 1, 1],
    );
    assert.equal(rows[0]!.articleId, a1);
  } finally {
    p.cleanup();
  }
});

test('a filter naming coders counts only mentions inside those coders’ passages', () => {
  const { p, a2, oslo, bergen, conflict } = setup();
  try {
    // The setup's passage is the project analyst's; Bo tags "Bergen och Oslo" in the second article.
    ok(p.dispatch('annotations.create', { articleId: a2, tagId: conflict, start: 0, end: 15, annotator: 'Bo' }));
    type Cells = { cells: { entityId: number; tagId: number; mentions: number }[] };
    const cells = (articles?: { coders: string[] }) =>
      ok<Cells>(p.dispatch('charts.entityTags', { filters: articles ? { articles } : {} }))
        .cells.filter((c) => c.tagId === conflict)
        .map((c) => [c.entityId, c.mentions])
        .sort((x, y) => x[0]! - y[0]!);
    const byEntity = (pairs: [number, number][]) => pairs.sort((x, y) => x[0] - y[0]);
    assert.deepEqual(
      cells(),
      byEntity([
        [oslo, 2],
        [bergen, 2],
      ]),
    );
    assert.deepEqual(
      cells({ coders: ['Bo'] }),
      byEntity([
        [oslo, 1],
        [bergen, 1],
      ]),
    );
    const top = ok<{ rows: { entityId: number; mentions: number }[] }>(
      p.dispatch('charts.topEntities', { filters: { tagIds: [conflict], articles: { coders: ['Bo'] } } }),
    ).rows;
    assert.deepEqual(
      top.map((r) => r.mentions),
      [1, 1],
    );
    const kwic = ok<{ total: number }>(p.dispatch('charts.kwic', { entityId: oslo, tagId: conflict, filters: { articles: { coders: ['Bo'] } } }));
    assert.equal(kwic.total, 1);
  } finally {
    p.cleanup();
  }
});

test('a tag given to a whole article holds all its mentions, in the heatmap, its lists and the tag filter', () => {
  const { p, a1, a2, oslo, bergen, conflict, frames } = setup();
  try {
    // Bo codes the second article Conflict as a whole; one Oslo of the first lies in a Conflict passage
    // and in the article Bo also coded whole: it counts once.
    ok(p.dispatch('articleCodes.add', { articleId: a2, tagId: conflict, annotator: 'Bo' }));
    ok(p.dispatch('articleCodes.add', { articleId: a1, tagId: conflict, annotator: 'Bo' }));
    type Cells = { cells: { entityId: number; tagId: number; mentions: number }[] };
    const cells = (filters = {}) =>
      ok<Cells>(p.dispatch('charts.entityTags', { filters }))
        .cells.filter((c) => c.tagId === conflict)
        .map((c) => [c.entityId, c.mentions])
        .sort((x, y) => x[0]! - y[0]!);
    const byEntity = (pairs: [number, number][]) => pairs.sort((x, y) => x[0] - y[0]);
    // Oslo: three in the first article and one in the second; Bergen: one in each.
    assert.deepEqual(
      cells(),
      byEntity([
        [oslo, 4],
        [bergen, 2],
      ]),
    );
    const parent = ok<Cells>(p.dispatch('charts.entityTags', {})).cells.find((c) => c.entityId === oslo && c.tagId === frames);
    assert.equal(parent?.mentions, 4, 'the parent tag counts its subtag’s whole-article codes');
    assert.equal(ok<{ total: number }>(p.dispatch('charts.kwic', { entityId: oslo, tagId: conflict })).total, 4, 'the cell and its list agree');
    const top = ok<{ rows: { entityId: number; mentions: number }[] }>(p.dispatch('charts.topEntities', { filters: { tagIds: [conflict] } })).rows;
    assert.deepEqual(
      top.map((r) => [r.entityId, r.mentions]),
      [
        [oslo, 4],
        [bergen, 2],
      ],
    );
    // The setup's coder only: the first article's passage, not Bo's whole-article codes.
    const analyst = p.db.prepare('SELECT annotator FROM annotations').pluck().get() as string;
    assert.deepEqual(
      cells({ articles: { coders: [analyst] } }),
      byEntity([
        [oslo, 1],
        [bergen, 1],
      ]),
    );
  } finally {
    p.cleanup();
  }
});
