// The desktop app's project switching, on real project files: a file that cannot be opened never costs
// the analyst the project they have open, and the last project is remembered between launches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID } from '../../db/connection.ts';
import { openProject } from '../../main/services/project.ts';
import { ProjectSession } from '../../main/electron/project-session.ts';
import { tempDir } from './support/project.ts';

function withSession(run: (dir: string, session: () => ProjectSession) => void): void {
  const { dir, cleanup } = tempDir('framelens-desktop-');
  const sessions: ProjectSession[] = [];
  try {
    run(dir, () => {
      const s = new ProjectSession(openProject, join(dir, 'userData', 'desktop-state.json'));
      sessions.push(s);
      return s;
    });
  } finally {
    for (const s of sessions) s.close();
    cleanup();
  }
}

test('a launch opens the requested project, creating it, and remembers it', () => {
  withSession((dir, session) => {
    const s = session();
    const requested = join(dir, 'study.framelens');
    const { project, problems } = s.start({ requested, fallback: join(dir, 'default.framelens') });
    assert.deepEqual(problems, []);
    assert.equal(project.path, requested);
    assert.ok(existsSync(requested));
    const info = project.dispatch('project.info', {});
    assert.ok(info.ok && (info.value as { fileName: string }).fileName === 'study.framelens');
    const state = JSON.parse(readFileSync(join(dir, 'userData', 'desktop-state.json'), 'utf8'));
    assert.deepEqual(state, { lastProject: requested, recent: [requested] });
  });
});

test('without a requested project the last one is reopened, else the default is created', () => {
  withSession((dir, session) => {
    const fallback = join(dir, 'data', 'default.framelens');
    const first = session();
    assert.equal(first.start({ requested: null, fallback }).project.path, fallback);
    const other = join(dir, 'other.framelens');
    first.switchTo(other, { create: true });
    first.close();

    const second = session();
    assert.equal(second.start({ requested: null, fallback }).project.path, other, 'the last project');
    second.close();

    // The last project was deleted meanwhile: quietly back to the default.
    for (const suffix of ['', '-wal', '-shm']) rmSync(other + suffix, { force: true });
    const third = session();
    const { project, problems } = third.start({ requested: null, fallback });
    assert.equal(project.path, fallback);
    assert.deepEqual(problems, []);
  });
});

test('a file that is not a Framelens project is refused and the open project stays usable', () => {
  withSession((dir, session) => {
    const s = session();
    const current = s.start({ requested: join(dir, 'mine.framelens'), fallback: join(dir, 'default.framelens') }).project;
    assert.ok(current.dispatch('tags.create', { name: 'Threat' }).ok);

    const notes = join(dir, 'notes.framelens');
    writeFileSync(notes, 'These are my notes, not a database.\n'.repeat(10));
    assert.throws(
      () => s.switchTo(notes),
      (error: Error) => /not a Framelens project/i.test(error.message),
    );

    const otherApp = join(dir, 'other-app.framelens');
    const foreign = new Database(otherApp);
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    assert.throws(() => s.switchTo(otherApp), /another program/i);

    const newer = join(dir, 'newer.framelens');
    const future = new Database(newer);
    future.pragma(`application_id = ${APPLICATION_ID}`);
    future.pragma('user_version = 9999');
    future.exec('CREATE TABLE t (x)');
    future.close();
    assert.throws(() => s.switchTo(newer), /newer Framelens/i);

    assert.throws(() => s.switchTo(join(dir, 'missing.framelens')), /no project file/i, 'opening never creates');

    assert.equal(s.current, current);
    const tags = current.dispatch('tags.list', {});
    assert.ok(tags.ok && (tags.value as { tags: unknown[] }).tags.length === 1, 'the open project still answers');
    assert.equal(readFileSync(notes, 'utf8').slice(0, 10), 'These are ', 'the refused file was not touched');
  });
});

test('switching closes the previous project and reopening the same file keeps it open', () => {
  withSession((dir, session) => {
    const s = session();
    const a = s.start({ requested: join(dir, 'a.framelens'), fallback: join(dir, 'default.framelens') }).project;
    assert.equal(s.switchTo(a.path), a, 'the same file is not opened twice');
    const b = s.switchTo(join(dir, 'b.framelens'), { create: true });
    assert.notEqual(a, b);
    assert.equal(a.db.open, false, 'the previous project was closed');
    assert.equal(s.current, b);
    assert.deepEqual(s.recent, [b.path, a.path]);
  });
});

test('a requested project that cannot be opened falls back, and says why', () => {
  withSession((dir, session) => {
    const broken = join(dir, 'broken.framelens');
    writeFileSync(broken, 'x'.repeat(100));
    const fallback = join(dir, 'default.framelens');
    const { project, problems } = session().start({ requested: broken, fallback });
    assert.equal(project.path, fallback);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /broken\.framelens/);
  });
});
