import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, snapshot, tempProject } from './support/project.ts';
import type { Tag } from '../../main/api/contract.ts';

test('tags form a hierarchy with paths, and can be renamed, recoloured and moved', () => {
  const p = tempProject();
  try {
    const rhetoric = ok<Tag>(p.dispatch('tags.create', { name: 'Rhetoric', color: '#aa0000', description: 'How things are said' }));
    const threat = ok<Tag>(p.dispatch('tags.create', { name: 'Threat', parentId: rhetoric.id, shortcut: 't' }));
    assert.deepEqual(threat.path, ['Rhetoric', 'Threat']);
    const renamed = ok<Tag>(p.dispatch('tags.update', { id: rhetoric.id, name: 'Rhetorical devices', color: '#00aa00' }));
    assert.equal(renamed.color, '#00aa00');
    assert.deepEqual(ok<Tag>(p.dispatch('tags.update', { id: threat.id })).path, ['Rhetorical devices', 'Threat']);
    const moved = ok<Tag>(p.dispatch('tags.update', { id: threat.id, parentId: null }));
    assert.deepEqual(moved.path, ['Threat']);
    const list = ok<{ tags: Tag[] }>(p.dispatch('tags.list', {})).tags;
    assert.equal(list.length, 2);
  } finally {
    p.cleanup();
  }
});

test('ensurePath finds existing tags case-insensitively and creates the missing ones', () => {
  const p = tempProject();
  try {
    const a = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Rhetoric', 'Threat'] }));
    const b = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['rhetoric', 'threat'] }));
    assert.equal(a.id, b.id);
    assert.equal(ok<{ tags: Tag[] }>(p.dispatch('tags.list', {})).tags.length, 2);
  } finally {
    p.cleanup();
  }
});

test('bad tag input is refused with a clear error and changes nothing', () => {
  const p = tempProject();
  try {
    const parent = ok<Tag>(p.dispatch('tags.create', { name: 'Frames' }));
    const child = ok<Tag>(p.dispatch('tags.create', { name: 'Conflict', parentId: parent.id, shortcut: 'c' }));
    const before = snapshot(p);
    const refusals: [string, unknown, string, RegExp][] = [
      ['tags.create', { name: '' }, 'INVALID_INPUT', /needs a name/],
      ['tags.create', { name: '   ' }, 'INVALID_INPUT', /needs a name/],
      ['tags.create', { name: 'x'.repeat(201) }, 'INVALID_INPUT', /200 characters/],
      ['tags.create', { name: 'conflict', parentId: parent.id }, 'CONFLICT', /already exists under “Frames”/],
      ['tags.create', { name: 'Other', shortcut: 'c' }, 'CONFLICT', /shortcut/],
      ['tags.create', { name: 'Orphan', parentId: 999 }, 'NOT_FOUND', /Tag 999/],
      ['tags.create', { name: 'Bad colour', color: 'red' }, 'INVALID_INPUT', /#rrggbb/],
      ['tags.update', { id: parent.id, parentId: child.id }, 'INVALID_INPUT', /inside itself/],
      ['tags.update', { id: parent.id, parentId: parent.id }, 'INVALID_INPUT', /inside itself/],
      ['tags.delete', { id: 12345 }, 'NOT_FOUND', /does not exist/],
    ];
    for (const [method, input, code, message] of refusals) {
      const result = p.dispatch(method, input);
      assert.equal(result.ok, false, `${method} ${JSON.stringify(input)}`);
      if (!result.ok) {
        assert.equal(result.error.code, code, `${method} ${JSON.stringify(input)}: ${result.error.message}`);
        assert.match(result.error.message, message);
      }
      assert.equal(snapshot(p), before);
    }
    // the same name under another parent is fine
    assert.equal(p.dispatch('tags.create', { name: 'Conflict' }).ok, true);
  } finally {
    p.cleanup();
  }
});

test('deleting a tag in use reports what it removes, subtags and their annotations included', () => {
  const p = tempProject();
  try {
    const art = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Hot och konflikt i regionen.' }));
    const parent = ok<Tag>(p.dispatch('tags.create', { name: 'Frames' }));
    const child = ok<Tag>(p.dispatch('tags.create', { name: 'Conflict', parentId: parent.id }));
    ok(p.dispatch('annotations.create', { articleId: art.id, tagId: parent.id, start: 0, end: 3 }));
    ok(p.dispatch('annotations.create', { articleId: art.id, tagId: child.id, start: 8, end: 16 }));
    assert.deepEqual(ok(p.dispatch('tags.usage', { id: parent.id })), { annotations: 2, descendants: 1 });
    assert.deepEqual(ok(p.dispatch('tags.delete', { id: parent.id })), { deletedTags: 2, deletedAnnotations: 2 });
    assert.equal(p.db.prepare('SELECT count(*) FROM annotations').pluck().get(), 0);
    assert.equal(p.db.prepare('SELECT count(*) FROM tags').pluck().get(), 0);
  } finally {
    p.cleanup();
  }
});
