// Merging through the API, as the web host's upload does: the file arrives as base64, is merged from a
// private temporary copy that is gone afterwards, and a dry run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, snapshot, tempDir } from './support/project.ts';
import { openProject } from '../../main/services/project.ts';
import type { Annotation, Envelope, MergeReportOutput } from '../../main/api/contract.ts';

const TEXT = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå.';
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('framelens-merge-') && !n.includes('test'));

test('an uploaded project merges, a dry run first says what it would do, and no temporary copy is left', () => {
  const tmp = tempDir('framelens-upload-test-');
  try {
    const theirs = openProject(join(tmp.dir, 'theirs.framelens'));
    const article = ok<{ id: number }>(theirs.dispatch('articles.importText', { text: TEXT, title: 'Toppmötet' })).id;
    const tag = ok<{ id: number }>(theirs.dispatch('tags.ensurePath', { path: ['Rhetoric', 'Trolling'] })).id;
    const passage = ok<Annotation>(
      theirs.dispatch('annotations.create', {
        articleId: article,
        tagId: tag,
        start: TEXT.indexOf('trolling'),
        end: TEXT.indexOf('trolling') + 20,
        annotator: 'Bo',
      }),
    );
    theirs.close();
    const dataBase64 = readFileSync(join(tmp.dir, 'theirs.framelens')).toString('base64');
    const mine = openProject(join(tmp.dir, 'mine.framelens'));
    try {
      const before = leftovers();
      const empty = snapshot(mine);
      const dry = ok<MergeReportOutput>(mine.dispatch('project.merge', { fileName: 'theirs.framelens', dataBase64, dryRun: true }));
      assert.deepEqual([dry.articles.added, dry.tags.added, dry.annotations.added, dry.coders.added], [1, 2, 1, 1]);
      assert.equal(dry.path, 'theirs.framelens');
      assert.equal(snapshot(mine), empty, 'a dry run writes nothing');
      const done = ok<MergeReportOutput>(mine.dispatch('project.merge', { fileName: 'theirs.framelens', dataBase64 }));
      assert.deepEqual(done, dry);
      const merged = ok<{ annotations: Annotation[] }>(mine.dispatch('annotations.list', { articleId: 1 })).annotations;
      assert.deepEqual(
        merged.map((a) => [a.uuid, a.annotator, a.quote]),
        [[passage.uuid, 'Bo', 'trolling på hög nivå']],
      );
      const again = ok<MergeReportOutput>(mine.dispatch('project.merge', { fileName: 'theirs.framelens', dataBase64 }));
      assert.equal(again.annotations.added, 0);
      assert.deepEqual(leftovers(), before, 'the temporary copy is deleted');
      // A file that is no project, and data that is not base64, are refused and change nothing.
      const state = snapshot(mine);
      const text = mine.dispatch('project.merge', { fileName: 'notes.txt', dataBase64: Buffer.from('not a project').toString('base64') }) as Envelope<unknown>;
      assert.equal(text.ok, false);
      // A file name no file system takes (too long, a path) only labels the report.
      const long = mine.dispatch('project.merge', { fileName: `${'x'.repeat(400)}/../../etc.framelens`, dataBase64, dryRun: true }) as Envelope<unknown>;
      assert.equal(long.ok, true);
      const broken = mine.dispatch('project.merge', { fileName: 'x.framelens', dataBase64: '%%%' }) as Envelope<unknown>;
      assert.equal(!broken.ok && broken.error.code, 'INVALID_INPUT');
      assert.equal(snapshot(mine), state);
      assert.deepEqual(leftovers(), before);
    } finally {
      mine.close();
    }
  } finally {
    tmp.cleanup();
  }
});
