import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, openDatabase, ProjectOpenError } from '../../db/connection.ts';
import { latestVersion, migrations } from '../../db/migrations/index.ts';
import { tempDir } from './support/project.ts';

test('every migration applies in order on :memory: and records its version', () => {
  const db = openDatabase(':memory:');
  assert.equal(db.pragma('user_version', { simple: true }), latestVersion);
  assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table','index','trigger')").pluck().all() as string[]).sort();
  for (const expected of ['articles', 'articles_fts', 'tags', 'annotations', 'settings', 'annotations_article', 'tags_sibling_name']) {
    assert.ok(names.includes(expected), `${expected} exists`);
  }
  db.close();
});

test('migrations are numbered 1, 2, 3 … without gaps', () => {
  migrations.forEach((m, i) => assert.equal(m.version, i + 1));
});

test('a project file is opened in WAL mode and reopened without re-running migrations', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'p.framelens');
    const db = openDatabase(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.prepare("INSERT INTO settings VALUES ('annotator', 'Ada')").run();
    db.close();
    const again = openDatabase(path);
    assert.equal(again.prepare("SELECT value FROM settings WHERE key = 'annotator'").pluck().get(), 'Ada');
    again.close();
  } finally {
    cleanup();
  }
});

test('a project from a newer Framelens is refused with a clear message and left untouched', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'future.framelens');
    const db = openDatabase(path);
    db.pragma(`user_version = ${latestVersion + 1}`);
    db.close();
    assert.throws(
      () => openDatabase(path),
      (e: unknown) => e instanceof ProjectOpenError && e.kind === 'TOO_NEW' && /newer Framelens/.test(e.message),
    );
    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), latestVersion + 1);
    raw.close();
  } finally {
    cleanup();
  }
});

test('a file that is not a SQLite database is refused and not modified', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'notes.framelens');
    writeFileSync(path, 'just some text, not a database at all');
    assert.throws(
      () => openDatabase(path),
      (e: unknown) => e instanceof ProjectOpenError && e.kind === 'NOT_A_PROJECT',
    );
  } finally {
    cleanup();
  }
});

test("another program's SQLite database is refused", () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'other.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE things (x)');
    other.close();
    assert.throws(
      () => openDatabase(path),
      (e: unknown) => e instanceof ProjectOpenError && e.kind === 'NOT_A_PROJECT',
    );
    const check = new Database(path);
    assert.deepEqual(check.prepare('SELECT name FROM sqlite_schema').pluck().all(), ['things']);
    check.close();
  } finally {
    cleanup();
  }
});

test('a missing file is reported when creating is not allowed', () => {
  assert.throws(
    () => openDatabase('/nonexistent/dir/x.framelens', { create: false }),
    (e: unknown) => e instanceof ProjectOpenError && e.kind === 'NOT_FOUND',
  );
});

test('hot queries use the indexes meant for them', () => {
  const db = openDatabase(':memory:');
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan('SELECT * FROM annotations WHERE article_id = 1 ORDER BY start'), /USING (COVERING )?INDEX annotations_article/);
  assert.match(plan('SELECT count(*) FROM annotations WHERE tag_id = 1'), /annotations_tag/);
  assert.match(plan("SELECT id FROM articles WHERE text_hash = 'x'"), /USING (COVERING )?INDEX sqlite_autoindex_articles/);
  assert.match(plan("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'x'"), /VIRTUAL TABLE INDEX/);
  db.close();
});

test('version 7 keeps type reasons and link proposals, and an older project gains them', () => {
  const db = new Database(':memory:');
  for (const m of migrations.filter((m) => m.version <= 6)) db.exec(m.sql);
  db.prepare("INSERT INTO entities (id, name, type, created_at) VALUES (1, 'Kazakstan', 'LOC', 'now'), (2, 'Kazakhstan', 'LOC', 'now')").run();
  db.exec(migrations.find((m) => m.version === 7)!.sql);
  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  assert.ok(columns('entities').includes('type_reason'));
  assert.ok(columns('mentions').includes('type_reason'));
  assert.equal(db.prepare('SELECT type_reason FROM entities WHERE id = 1').pluck().get(), null, 'older entities have no reason yet');
  db.prepare("INSERT INTO entity_link_proposals (entity_id, other_id, kind, confidence, evidence, found_at) VALUES (1, 2, 'exonym', 0.97, 'x', 'now')").run();
  assert.throws(() =>
    db.prepare("INSERT INTO entity_link_proposals (entity_id, other_id, kind, confidence, evidence, found_at) VALUES (2, 1, 'exonym', 0.97, 'x', 'now')").run(),
  );
  assert.throws(() => db.prepare("INSERT INTO entity_link_rejections (name_a, name_b) VALUES ('b', 'a')").run());
  db.pragma('foreign_keys = ON');
  db.prepare('DELETE FROM entities WHERE id = 2').run();
  assert.equal(db.prepare('SELECT count(*) FROM entity_link_proposals').pluck().get(), 0, 'a proposal goes with its entity');
  db.close();
});
