import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openProject } from '../../main/services/project.ts';
import { ok, tempDir } from './support/project.ts';
import type { DetectionProgress, Entity } from '../../main/api/contract.ts';

test('importing through the app queues detection in a worker; the article is listed before mentions arrive', async () => {
  const { dir, cleanup } = tempDir();
  const project = openProject(join(dir, 'p.framelens'), { detectOnImport: true });
  try {
    const started = ok<{ id: number }>(
      project.dispatch('articles.importText', { text: 'Rubrik\n\nStatsministern Karin Berg besökte Göteborg i går.', language: 'sv' }),
    );
    // The import has returned and the article is there at once, whatever the worker is doing.
    assert.equal(ok<{ articles: unknown[] }>(project.dispatch('articles.list', {})).articles.length, 1);
    assert.equal(ok<DetectionProgress>(project.dispatch('entities.progress', {})).running, true);
    await project.detection.idle();
    const progress = ok<DetectionProgress>(project.dispatch('entities.progress', {}));
    assert.deepEqual([progress.running, progress.detected, progress.articles, progress.error], [false, 1, 1, null]);
    const names = ok<{ entities: Entity[] }>(project.dispatch('entities.list', { articleId: started.id })).entities.map((e) => e.name);
    assert.ok(names.includes('Göteborg'), names.join(', '));

    // Running detection again on demand for the whole project goes through the same queue.
    ok(project.dispatch('entities.detect', {}));
    await project.detection.idle();
    assert.equal(ok<{ entities: Entity[] }>(project.dispatch('entities.list', {})).entities.length, names.length);
  } finally {
    project.close();
    cleanup();
  }
});
