import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProject, defaultProjectPath } from '../../main/services/project.ts';
import { AppError } from '../../main/services/errors.ts';
import { ok, tempDir } from './support/project.ts';

test('every change is on disk at once and survives closing and reopening', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'study.framelens');
    const first = openProject(path);
    const art = ok<{ id: number }>(first.dispatch('articles.importText', { text: 'Rubrik\nText om hot.' }));
    const tag = ok<{ id: number }>(first.dispatch('tags.create', { name: 'Threat' }));
    ok(first.dispatch('annotations.create', { articleId: art.id, tagId: tag.id, start: 7, end: 11, note: 'n' }));
    first.close();
    const second = openProject(path);
    const list = ok<{ annotations: { note: string }[] }>(second.dispatch('annotations.list', { articleId: art.id }));
    assert.equal(list.annotations[0]?.note, 'n');
    assert.equal(ok<{ fileName: string }>(second.dispatch('project.info', {})).fileName, 'study.framelens');
    second.close();
  } finally {
    cleanup();
  }
});

test('opening a file that is not a project gives an AppError a person can read', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'picture.framelens');
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert.throws(
      () => openProject(path),
      (e: unknown) => e instanceof AppError && e.code === 'UNSUPPORTED' && /not a Framelens project/.test(e.message),
    );
    assert.throws(
      () => openProject(join(dir, 'missing.framelens'), { create: false }),
      (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
    );
  } finally {
    cleanup();
  }
});

test('the default project lives in the user data folder, FRAMELENS_HOME overriding it', () => {
  const saved = process.env.FRAMELENS_HOME;
  process.env.FRAMELENS_HOME = '/tmp/fl-home';
  try {
    assert.equal(defaultProjectPath(), '/tmp/fl-home/default.framelens');
  } finally {
    if (saved === undefined) delete process.env.FRAMELENS_HOME;
    else process.env.FRAMELENS_HOME = saved;
  }
});
