// The API trusts nothing it is sent: undo restores only what the project deleted, an output the
// contract refuses is rolled back, control characters never get in or out, id lists of any length work,
// writes wait their turn behind another program, and a read-only project refuses every change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ok, snapshot, tempProject, TRICKY_TEXT } from './support/project.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { openProject } from '../../main/services/project.ts';
import { CSV_COLUMNS } from '../../main/services/export-csv.ts';
import type { Annotation, Envelope, Handlers, Tag } from '../../main/api/contract.ts';

function setup() {
  const p = tempProject();
  const article = ok<{ id: number }>(p.dispatch('articles.importText', { text: TRICKY_TEXT }));
  const tag = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Rhetoric', 'Trolling'] }));
  const a = ok<Annotation>(p.dispatch('annotations.create', { articleId: article.id, tagId: tag.id, start: 0, end: 9, note: 'first' }));
  return { p, articleId: article.id, tagId: tag.id, a };
}

const refused = (r: Envelope<unknown>, code: string, message?: RegExp) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  if (!r.ok) {
    assert.equal(r.error.code, code, r.error.message);
    if (message) assert.match(r.error.message, message);
  }
};

test('restore takes an id only and puts back exactly what the project deleted', () => {
  const { p, a } = setup();
  try {
    ok(p.dispatch('annotations.delete', { id: a.id }));
    // What a client claims beyond the id is not taken: note, annotator, dates, offsets.
    const restored = ok<Annotation>(
      p.dispatch('annotations.restore', { id: a.id, note: 'x'.repeat(1_000_000), annotator: '', createdAt: 'yesterday', start: -5 }),
    );
    assert.deepEqual(restored, a);
  } finally {
    p.cleanup();
  }
});

test('restore refuses ids the project did not delete, and a huge id leaves the project working', () => {
  const { p, articleId, tagId, a } = setup();
  try {
    const before = snapshot(p);
    refused(p.dispatch('annotations.restore', { id: a.id }), 'NOT_FOUND'); // alive, not deleted
    refused(p.dispatch('annotations.restore', { id: 424242 }), 'NOT_FOUND');
    refused(p.dispatch('annotations.restore', { id: Number.MAX_SAFE_INTEGER }), 'NOT_FOUND');
    refused(p.dispatch('annotations.restore', { id: 2 ** 53 }), 'INVALID_INPUT');
    refused(p.dispatch('annotations.restore', { annotation: a }), 'INVALID_INPUT');
    assert.equal(snapshot(p), before);
    const b = ok<Annotation>(p.dispatch('annotations.create', { articleId, tagId, start: 10, end: 16 }));
    assert.equal(b.id, a.id + 1);
    assert.equal(ok<{ annotations: Annotation[] }>(p.dispatch('annotations.list', { articleId })).annotations.length, 2);
  } finally {
    p.cleanup();
  }
});

test('a new annotation never takes the id of a deleted one, so undo brings back the one deleted', () => {
  const { p, articleId, tagId, a } = setup();
  try {
    ok(p.dispatch('annotations.delete', { id: a.id }));
    const b = ok<Annotation>(p.dispatch('annotations.create', { articleId, tagId, start: 20, end: 30 }));
    assert.notEqual(b.id, a.id);
    assert.deepEqual(ok<Annotation>(p.dispatch('annotations.restore', { id: a.id })), a);
    // Deleted with its tag: nothing left to restore.
    ok(p.dispatch('annotations.delete', { id: b.id }));
    ok(p.dispatch('tags.delete', { id: tagId }));
    refused(p.dispatch('annotations.restore', { id: b.id }), 'NOT_FOUND');
  } finally {
    p.cleanup();
  }
});

test('a write whose output the contract refuses is rolled back, so "nothing was changed" holds', () => {
  const p = tempProject();
  try {
    const before = snapshot(p);
    const logged: unknown[] = [];
    const broken = {
      ...p.handlers,
      'tags.create': (input: Parameters<Handlers['tags.create']>[0]) => ({ ...p.handlers['tags.create'](input), id: -1 }),
    } as Handlers;
    const dispatch = createDispatch(broken, { db: p.db, log: (e) => logged.push(e) });
    refused(dispatch('tags.create', { name: 'Threat' }), 'INTERNAL', /nothing was changed/);
    assert.equal(snapshot(p), before);
    assert.equal(logged.length, 1);
  } finally {
    p.cleanup();
  }
});

test('control characters are refused in every text field and removed from imported text', () => {
  const { p, articleId, a } = setup();
  try {
    const before = snapshot(p);
    for (const [method, input] of [
      ['tags.create', { name: 'Th\u0000reat' }],
      ['tags.create', { name: 'Threat', description: 'bell \u0007' }],
      ['settings.setAnnotator', { name: 'Ada\u001b[31m' }],
      ['annotations.update', { id: a.id, note: 'NUL\u0000inside' }],
      ['articles.update', { id: articleId, source: 'DN\u000b' }],
      ['articles.list', { search: 'x\u0001' }],
      ['articles.importText', { text: 'Fine text', title: 'Ti\u0000tle' }],
      ['entities.unignore', { name: '\u0002' }],
    ] as const) {
      refused(p.dispatch(method, input), 'INVALID_INPUT', /control characters.*U\+00/);
    }
    assert.equal(snapshot(p), before);
    // Tab, line feed and carriage return are text.
    ok(p.dispatch('annotations.update', { id: a.id, note: 'line one\nline\ttwo\r\n' }));
    const imported = ok<{ id: number; message?: string }>(p.dispatch('articles.importText', { text: 'Form\u000cfeed and\u0000 NUL in a paste.' }));
    assert.match(imported.message ?? '', /removed 2 control characters/);
    assert.equal(ok<{ text: string }>(p.dispatch('articles.get', { id: imported.id })).text, 'Formfeed and NUL in a paste.');
  } finally {
    p.cleanup();
  }
});

test('half characters (lone surrogates) are refused in every text field and replaced in imported text', () => {
  const { p, a } = setup();
  try {
    const before = snapshot(p);
    for (const [method, input] of [
      ['tags.create', { name: 'Brutet \ud83d tecken' }],
      ['settings.setAnnotator', { name: 'Ada\udc00' }],
      ['annotations.update', { id: a.id, note: '\ud83d' }],
      ['articles.importText', { text: 'Fine text', author: 'Half \ude00 a' }],
    ] as const) {
      refused(p.dispatch(method, input), 'INVALID_INPUT', /half of a character.*U\+D/);
    }
    assert.equal(snapshot(p), before);
    // A whole emoji is text, of course.
    ok(p.dispatch('annotations.update', { id: a.id, note: 'Toppmötet 😀' }));
    const imported = ok<{ id: number; message?: string }>(p.dispatch('articles.importText', { text: 'Brutet tecken: \ud83d slut.' }));
    assert.match(imported.message ?? '', /replaced 1 broken half character/);
    const article = ok<{ text: string; charCount: number }>(p.dispatch('articles.get', { id: imported.id }));
    assert.equal(article.text, 'Brutet tecken: \ufffd slut.');
    assert.equal(article.charCount, article.text.length);
  } finally {
    p.cleanup();
  }
});

test('no cell of the CSV export can carry a control character, a formula or a shifted column', () => {
  const { p, a } = setup();
  try {
    // A project written by an older version, or edited by hand, may hold anything.
    p.db
      .prepare('UPDATE annotations SET note = ?, annotator = ?, created_at = ?, updated_at = ? WHERE id = ?')
      .run('before\u0000after, "quoted"', 'Ada\u0007', '=HYPERLINK("http://x","y")', '2026-01-01T00:00:00Z\r\nforged,row', a.id);
    for (const raw of [false, true]) {
      const { csv } = ok<{ csv: string }>(p.dispatch('export.csv', { raw }));
      // eslint-disable-next-line no-control-regex -- the export must hold none
      assert.doesNotMatch(csv, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      const rows = parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
      assert.equal(rows.length, 1);
      assert.equal(Object.keys(rows[0]!).length, CSV_COLUMNS.length);
      assert.equal(rows[0]!.note, 'beforeafter, "quoted"');
      assert.equal(rows[0]!.annotator, 'Ada');
      assert.equal(rows[0]!.created_at, raw ? '=HYPERLINK("http://x","y")' : `'=HYPERLINK("http://x","y")`);
      assert.equal(rows[0]!.updated_at, '2026-01-01T00:00:00Z\r\nforged,row');
      assert.equal(rows[0]!.annotation_id, String(a.id));
    }
  } finally {
    p.cleanup();
  }
});

test('id lists longer than SQLite allows parameters work in exports and chart filters', () => {
  const { p, articleId, tagId } = setup();
  try {
    const many = Array.from({ length: 40_000 }, (_, i) => i + 1);
    assert.equal(ok<{ rows: number }>(p.dispatch('export.csv', { articleIds: many, tagIds: many })).rows, 1);
    assert.equal(ok<{ rows: number }>(p.dispatch('export.csv', { articleIds: [articleId], tagIds: [tagId] })).rows, 1);
    ok(p.dispatch('charts.topEntities', { filters: { tagIds: many, sources: many.map(String) } }));
    ok(p.dispatch('charts.kwic', { entityId: 1, filters: { tagIds: many } }));
    ok(p.dispatch('charts.entityTags', { filters: { tagIds: many } }));
  } finally {
    p.cleanup();
  }
});

test('a pasted text over 50 MB is refused like a file of that size', () => {
  const p = tempProject();
  try {
    const before = snapshot(p);
    refused(p.dispatch('articles.importText', { text: 'å'.repeat(26 * 1024 * 1024) }), 'INVALID_INPUT', /at most 50 MB/);
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});

/** Another program that takes the project's write lock, holds it for `ms`, then commits. */
function holdWriteLock(path: string, ms: number): Promise<() => Promise<void>> {
  const code = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings (key, value) VALUES ('other', 'program')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => resolve(() => done));
    child.on('error', reject);
  });
}

test('a write waits for another program to finish writing instead of failing', async () => {
  const { p, articleId, tagId } = setup();
  try {
    const finished = await holdWriteLock(join(p.dir, 'test.framelens'), 400);
    const started = Date.now();
    // Reads inside it come first, then the insert: a deferred transaction failed here with SQLITE_BUSY.
    const created = p.dispatch('annotations.create', { articleId, tagId, start: 10, end: 16 });
    assert.equal(created.ok, true, JSON.stringify(created));
    assert.ok(Date.now() - started >= 300, 'it waited for the other program');
    await finished();
    assert.equal(p.db.prepare(`SELECT value FROM settings WHERE key = 'other'`).pluck().get(), 'program');
  } finally {
    p.cleanup();
  }
});

test('when the wait runs out the analyst is told another program is writing, and nothing changed', async () => {
  const t = tempProject();
  const path = join(t.dir, 'test.framelens');
  t.close();
  const p = openProject(path, { busyTimeoutMs: 100 });
  try {
    const finished = await holdWriteLock(path, 1500);
    const before = p.db.prepare('SELECT count(*) FROM tags').pluck().get();
    refused(p.dispatch('tags.create', { name: 'Threat' }), 'BUSY', /Another program is writing to this project.*Try again/);
    assert.equal(p.db.prepare('SELECT count(*) FROM tags').pluck().get(), before);
    await finished();
    ok(p.dispatch('tags.create', { name: 'Threat' }));
  } finally {
    p.close();
    t.cleanup();
  }
});

test('a project opened read-only answers reads and refuses every write', () => {
  const { p, articleId, a } = setup();
  const path = join(p.dir, 'test.framelens');
  p.close();
  const ro = openProject(path, { readOnly: true });
  try {
    assert.equal(ok<{ readOnly: boolean }>(ro.dispatch('project.info', {})).readOnly, true);
    assert.equal(ok<{ annotations: Annotation[] }>(ro.dispatch('annotations.list', { articleId })).annotations.length, 1);
    ok(ro.dispatch('export.csv', {}));
    refused(ro.dispatch('annotations.delete', { id: a.id }), 'READ_ONLY', /read-only/);
    refused(ro.dispatch('tags.create', { name: 'New' }), 'READ_ONLY');
    refused(ro.dispatch('entities.detect', {}), 'READ_ONLY');
    assert.equal(ro.db.prepare('SELECT count(*) FROM annotations').pluck().get(), 1);
  } finally {
    ro.close();
    p.cleanup();
  }
});
