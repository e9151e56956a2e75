import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalJournal } from '../../renderer/src/reader/journal.ts';

type A = { id: number; articleId: number; updatedAt: string; note: string };
const a = (id: number, updatedAt = '2025-01-01T00:00:00Z', note = '', articleId = 1): A => ({ id, articleId, updatedAt, note });

test('a list from before a local create gets the new annotation until it shows it', () => {
  const j = new LocalJournal<A>();
  const old = [a(1), a(2)];
  assert.equal(j.apply(old, 1), old);
  j.put(a(3));
  assert.deepEqual(
    j.apply(old, 1).map((x) => x.id),
    [1, 2, 3],
  );
  const fresh = [a(1), a(2), a(3)];
  assert.equal(j.apply(fresh, 1), fresh);
  assert.equal(j.size, 0);
});

test('a stale list does not bring back a deleted annotation or undo a note', () => {
  const j = new LocalJournal<A>();
  j.drop(2, 1);
  j.put(a(1, '2025-01-02T00:00:00Z', 'new note'));
  const stale = [a(1, '2025-01-01T00:00:00Z', 'old'), a(2)];
  assert.deepEqual(j.apply(stale, 1), [a(1, '2025-01-02T00:00:00Z', 'new note')]);
  const fresh = [a(1, '2025-01-02T00:00:00Z', 'new note')];
  assert.equal(j.apply(fresh, 1), fresh);
  assert.equal(j.size, 0);
});

test('entries belong to their article and expire', () => {
  let now = 0;
  const j = new LocalJournal<A>(1000, () => now);
  j.put(a(9, '2025-01-01T00:00:00Z', '', 2));
  const other = [a(1)];
  assert.equal(j.apply(other, 1), other);
  assert.deepEqual(
    j.apply([], 2).map((x) => x.id),
    [9],
  );
  now = 5000;
  assert.deepEqual(j.apply([], 2), []);
  assert.equal(j.size, 0);
});

test('adoptList reuses unchanged objects and the whole list when nothing changed', async () => {
  const { adoptList } = await import('../../renderer/src/reader/journal.ts');
  const mk = (id: number, updatedAt = 't1') => ({ id, tagId: 1, start: id, end: id + 1, updatedAt, note: '' });
  const first = adoptList([mk(1), mk(2)], []);
  assert.notEqual(first[0], undefined);
  const again = adoptList([mk(1), mk(2)], first);
  assert.equal(again, first);
  const edited = adoptList([mk(1), mk(2, 't2')], first);
  assert.notEqual(edited, first);
  assert.equal(edited[0], first[0]);
  assert.notEqual(edited[1], first[1]);
  assert.equal(edited[1]!.updatedAt, 't2');
  const shorter = adoptList([mk(2, 't2')], edited);
  assert.deepEqual(
    shorter.map((a) => a.id),
    [2],
  );
  assert.equal(shorter[0], edited[1]);
});
