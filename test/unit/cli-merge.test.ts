// framelens merge as an analyst uses it: preview a colleague's file with --dry-run, merge it, see the
// conflicts, merge again to no effect, read the report as JSON, and one clear line for each mistake.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support/project.ts';
import { cliIn, type Run } from './support/cli.ts';
import type { MergeReport } from '../../main/services/merge/merge.ts';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('framelens merge', () => {
  const tmp = tempDir('framelens-cli-merge-');
  const mine = join(tmp.dir, 'mine.framelens');
  const theirs = join(tmp.dir, 'theirs.framelens');
  const run = cliIn(tmp.dir);
  const must = async (...args: string[]) => {
    const r = await run(...args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const refused = (r: Run, code: number, pattern: RegExp) => {
    assert.equal(r.code, code, r.stdout);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|SQLITE/m);
  };

  before(async () => {
    writeFileSync(join(tmp.dir, 'astana.txt'), 'Toppmötet i Astana\n\nPresidenten talade om hot och trolling på hög nivå.');
    writeFileSync(join(tmp.dir, 'hamnen.txt'), 'Hamnen öppnar igen\n\nStormen är över.');
    await must('import', 'astana.txt', '--db', mine, '--no-detect');
    await must('import', 'astana.txt', 'hamnen.txt', '--db', theirs, '--no-detect');
    await must('tag', '--db', theirs, '--article', '1', '--quote', 'trolling på hög nivå', '--tag', 'Rhetoric > Trolling', '--annotator', 'Bo');
    await must('tag', '--db', theirs, '--article', '2', '--quote', 'Stormen är över', '--tag', 'Rhetoric > Threat', '--annotator', 'Bo');
    for (const db of [mine, theirs]) await must('vars', 'add', '--db', db, '--name', 'Kind', '--type', 'category', '--values', 'Tabloid,Broadsheet');
    await must('vars', 'set', '--db', mine, '--var', 'Kind', '--value', 'Tabloid', '--articles', '1');
    await must('vars', 'set', '--db', theirs, '--var', 'Kind', '--value', 'Broadsheet', '--articles', '1,2');
  });
  after(() => tmp.cleanup());

  test('the overview lists merge, and its help says how to call it', async () => {
    assert.match((await must('--help')).stdout, /^ {2}merge +bring a colleague’s project file into this one/m);
    const help = await must('merge', '--help');
    assert.match(help.stdout, /^Usage: framelens merge OTHER\.framelens \[--dry-run\] \[options\]/);
    assert.match(help.stdout, /--dry-run +show what the merge would bring in, and write nothing/);
  });

  test('a dry run shows what would come and writes nothing; the merge then does just that; again adds nothing', async () => {
    const [mineBefore, theirsBefore] = [sha256(mine), sha256(theirs)];
    const preview = await must('merge', theirs, '--db', mine, '--dry-run');
    assert.match(preview.stdout, /^A merge of theirs\.framelens into mine\.framelens would bring in \(--dry-run: nothing was written\):/);
    assert.match(preview.stdout, /annotations +2 added, 0 already here/);
    assert.equal(sha256(mine), mineBefore, 'a dry run writes nothing');

    const merged = await must('merge', theirs, '--db', mine);
    assert.match(merged.stdout, /^Merged theirs\.framelens into mine\.framelens:/);
    assert.match(merged.stdout, /articles +1 added, 1 already here/);
    assert.match(merged.stdout, /tags +3 added, 0 already here/);
    assert.match(merged.stdout, /values +1 set/);
    assert.match(merged.stdout, /annotations +2 added, 0 already here/);
    assert.match(merged.stdout, /coders +1 added/);
    assert.match(
      merged.stdout,
      /\n1 conflict \(this project's version was kept\):\n {2}- “Kind” of the article “Toppmötet i Astana” is “Tabloid” here and “Broadsheet” in theirs\.framelens; kept “Tabloid”\./,
    );
    assert.equal(sha256(theirs), theirsBefore, 'the other file is only read');
    assert.equal(preview.stdout.split('\n').slice(1).join('\n'), merged.stdout.split('\n').slice(1).join('\n'), 'the preview told what the merge did');

    const tags = await must('tags', '--db', mine);
    assert.match(tags.stdout, /Rhetoric[\s\S]*Trolling[\s\S]*Threat/);

    const again = await must('merge', theirs, '--db', mine, '--json');
    const report = JSON.parse(again.stdout) as MergeReport;
    assert.equal(report.path, theirs);
    assert.deepEqual(report.articles, { added: 0, matched: 2 });
    assert.deepEqual(report.annotations, { added: 0, skipped: 2 });
    assert.deepEqual(report.tags, { added: 0, matched: 3 });
    assert.equal(report.conflicts.length, 1);
  });

  test('mistakes get one clear line and change nothing', async () => {
    const before = sha256(mine);
    refused(await run('merge', '--db', mine), 2, /name the project file to merge from/);
    refused(await run('merge', theirs, theirs, '--db', mine), 2, /one project file at a time/);
    refused(await run('merge', theirs, '--db', mine, '--force'), 2, /Unknown option '--force'/);
    refused(
      await run('merge', 'nowhere.framelens', '--db', mine),
      1,
      /There is no project file at .*nowhere\.framelens to merge from\. Check the path\. Nothing was changed\./,
    );
    refused(await run('merge', mine, '--db', mine), 1, /is the project you have open; a project cannot be merged into itself/);
    mkdirSync(join(tmp.dir, 'folder'));
    refused(await run('merge', 'folder', '--db', mine), 1, /is a folder, not a Framelens project file/);
    refused(await run('merge', 'astana.txt', '--db', mine), 1, /is not a Framelens project \(it is not a SQLite database\)/);
    refused(await run('merge', theirs, '--db', join(tmp.dir, 'typo.framelens')), 1, /There is no Framelens project at .*typo\.framelens/);
    assert.equal(sha256(mine), before);
  });
});
