// Odd project files: each gets its own clear message, nothing is written to it (its hash is unchanged),
// and a project that cannot be written opens read-only. Permission cases run in a child process as an
// unprivileged user (root may write anywhere, so as root the child runs as 'nobody').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openProject } from '../../main/services/project.ts';
import { AppError } from '../../main/services/errors.ts';
import { tempDir, ok, TRICKY_TEXT } from './support/project.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const projectModule = join(root, 'main/services/project.ts');
const cli = join(root, 'main/bin/framelens.mjs');
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A small project with one article and one tag, closed cleanly (no -wal or -shm left). */
function makeProject(path: string): void {
  const p = openProject(path);
  const article = ok<{ id: number }>(p.dispatch('articles.importText', { text: TRICKY_TEXT, title: 'Toppmötet' }));
  const tag = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Hot' }));
  ok(p.dispatch('annotations.create', { articleId: article.id, tagId: tag.id, start: 0, end: 9 }));
  p.close();
}

/** Opens `path` in a child process as an unprivileged user, tries a read and a write, and reports. */
function openAsUser(path: string, options: Record<string, unknown> = {}) {
  const code = `
    const { openProject } = await import(${JSON.stringify(projectModule)});
    const out = {};
    try {
      const p = openProject(${JSON.stringify(path)}, ${JSON.stringify(options)});
      const info = p.dispatch('project.info', {});
      out.readOnly = info.value.readOnly;
      out.notices = info.value.notices;
      out.articles = p.dispatch('articles.list', {}).value.total;
      out.write = p.dispatch('tags.create', { name: 'New' });
      p.close();
    } catch (error) {
      out.error = { code: error.code, message: error.message };
    }
    process.stdout.write(JSON.stringify(out));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', ...unprivileged });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as {
    readOnly?: boolean;
    notices?: string[];
    articles?: number;
    write?: { ok: boolean; error?: { code: string; message: string } };
    error?: { code: string; message: string };
  };
}

/** A temporary folder the unprivileged user may enter. */
function sharedDir() {
  const t = tempDir('framelens-files-');
  chmodSync(t.dir, 0o755);
  return t;
}

test('a project in a read-only folder opens read-only: reads work, writes are refused, the file is untouched', () => {
  const t = sharedDir();
  try {
    const folder = join(t.dir, 'ro');
    mkdirSync(folder);
    const path = join(folder, 'study.framelens');
    makeProject(path);
    const before = hash(path);
    chmodSync(folder, 0o555);
    const out = openAsUser(path);
    chmodSync(folder, 0o755);
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.readOnly, true);
    assert.equal(out.articles, 1);
    assert.equal(out.write?.ok, false);
    assert.equal(out.write?.error?.code, 'READ_ONLY');
    assert.match(out.write!.error!.message, /read-only/);
    assert.match(out.notices!.join(' '), /read-only.*folder/);
    assert.equal(hash(path), before);
    assert.deepEqual(readdirSync(folder), ['study.framelens']);
  } finally {
    chmodSync(join(t.dir, 'ro'), 0o755);
    t.cleanup();
  }
});

test('a read-only project file opens read-only, and the command line still reads it', () => {
  const t = sharedDir();
  try {
    const path = join(t.dir, 'study.framelens');
    makeProject(path);
    chmodSync(t.dir, 0o777);
    chmodSync(path, 0o444);
    const before = hash(path);
    const out = openAsUser(path);
    assert.equal(out.readOnly, true);
    assert.equal(out.articles, 1);
    assert.equal(out.write?.error?.code, 'READ_ONLY');
    assert.match(out.notices!.join(' '), /read-only: the file cannot be written/);
    const listed = spawnSync(process.execPath, [cli, 'articles', '--db', path], { cwd: root, encoding: 'utf8', ...unprivileged });
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /Toppmötet/);
    assert.match(listed.stderr, /read-only/);
    const tagged = spawnSync(process.execPath, [cli, 'tag', '--db', path, '--article', '1', '--tag', 'Hot', '--quote', 'Astana'], {
      cwd: root,
      encoding: 'utf8',
      ...unprivileged,
    });
    assert.equal(tagged.status, 1);
    assert.match(tagged.stderr, /read-only/);
    assert.doesNotMatch(tagged.stderr, /SQLITE|unexpected/);
    const article = join(t.dir, 'more.txt');
    writeFileSync(article, 'Ännu en artikel om toppmötet.');
    chmodSync(article, 0o644);
    const imported = spawnSync(process.execPath, [cli, 'import', article, '--db', path, '--no-detect'], { cwd: root, encoding: 'utf8', ...unprivileged });
    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /is open read-only, so nothing can be imported/);
    assert.doesNotMatch(imported.stderr + imported.stdout, /SQLITE|more\.txt cannot be read/);
    assert.equal(hash(path), before);
  } finally {
    t.cleanup();
  }
});

test('a project file that may not be read says permission denied', () => {
  const t = sharedDir();
  try {
    const path = join(t.dir, 'secret.framelens');
    makeProject(path);
    chmodSync(path, 0o000);
    const before = hash(path);
    const out = openAsUser(path);
    assert.match(out.error!.message, /may not read .*permission denied/);
    assert.equal(hash(path), before);
  } finally {
    t.cleanup();
  }
});

test('a new project in a read-only folder is refused with the reason', () => {
  const t = sharedDir();
  try {
    const out = openAsUser(join(t.dir, 'new.framelens'));
    assert.match(out.error!.message, /cannot create a project .*read-only or not yours/);
    assert.deepEqual(readdirSync(t.dir), []);
  } finally {
    t.cleanup();
  }
});

test('a named pipe and a folder are not project files, and nothing waits on the pipe', () => {
  const t = tempDir();
  try {
    const fifo = join(t.dir, 'pipe.framelens');
    execFileSync('mkfifo', [fifo]);
    assert.throws(
      () => openProject(fifo),
      (e: unknown) => e instanceof AppError && /is a named pipe, not a Framelens project/.test(e.message),
    );
    assert.throws(
      () => openProject(t.dir),
      (e: unknown) => e instanceof AppError && /is a folder, not a Framelens project/.test(e.message),
    );
    assert.ok(statSync(fifo).isFIFO());
    // As an article to import, the pipe is named for what it is, and the run goes on without waiting on it.
    const run = spawnSync(process.execPath, [cli, 'import', fifo, '--db', join(t.dir, 'p.framelens'), '--no-detect'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /is not a regular file \(a named pipe/);
  } finally {
    t.cleanup();
  }
});

test('an empty file becomes a project only for a command that creates one, which says so', () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'empty.framelens');
    writeFileSync(path, '');
    assert.throws(
      () => openProject(path, { create: false }),
      (e: unknown) => e instanceof AppError && /is an empty file, not a Framelens project/.test(e.message),
    );
    for (const args of [['articles'], ['tags'], ['export', 'csv'], ['entities']]) {
      const run = spawnSync(process.execPath, [cli, ...args, '--db', path], { cwd: root, encoding: 'utf8' });
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /empty file, not a Framelens project/);
      assert.equal(statSync(path).size, 0, `${args.join(' ')} left the file empty`);
    }
    const article = join(t.dir, 'a.txt');
    writeFileSync(article, 'Toppmötet i Astana\n\nPresidenten talade.');
    const imported = spawnSync(process.execPath, [cli, 'import', article, '--db', path, '--no-detect'], { cwd: root, encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /created a new project at/);
    assert.ok(statSync(path).size > 0);
  } finally {
    t.cleanup();
  }
});

test('a leftover journal that does not belong is set aside, said so, and the project opens from its file', () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'study.framelens');
    makeProject(path);
    const stray = Buffer.from('this journal belongs to nobody; '.repeat(200));
    writeFileSync(`${path}-wal`, stray);
    const before = hash(path);
    const p = openProject(path);
    const info = ok<{ notices: string[] }>(p.dispatch('project.info', {}));
    assert.equal(info.notices.length, 1);
    assert.match(info.notices[0]!, /set aside as .*study\.framelens-wal\.bak/);
    assert.equal(ok<{ total: number }>(p.dispatch('articles.list', {})).total, 1);
    p.close();
    assert.deepEqual(readFileSync(`${path}-wal.bak`), stray, 'the journal is kept byte for byte');
    assert.equal(hash(path), before);
    // A second stray journal gets a name of its own; the first backup stays.
    writeFileSync(`${path}-wal`, stray.subarray(0, 40));
    const again = openProject(path);
    assert.match(again.notices.join(' '), /study\.framelens-wal\.2\.bak/);
    again.close();
    assert.ok(existsSync(`${path}-wal.bak`) && existsSync(`${path}-wal.2.bak`));
  } finally {
    t.cleanup();
  }
});

test('a journal another program is writing is left alone', () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'study.framelens');
    makeProject(path);
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare(`INSERT INTO settings (key, value) VALUES ('live', 'yes')`).run();
    assert.ok(statSync(`${path}-wal`).size > 32, 'the other program has frames in the journal');
    const p = openProject(path);
    assert.deepEqual(p.notices, []);
    assert.equal(p.db.prepare(`SELECT value FROM settings WHERE key = 'live'`).pluck().get(), 'yes');
    p.close();
    writer.close();
    assert.equal(existsSync(`${path}-wal.bak`), false);
  } finally {
    t.cleanup();
  }
});
