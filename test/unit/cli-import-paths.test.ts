// framelens import with folders, --pattern and paths on standard input, over the formats it reads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/project.ts';
import { cliIn } from './support/cli.ts';
import { readPattern } from '../../main/cli/import-paths.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));

describe('framelens import of folders and lists of paths', () => {
  const tmp = tempDir('framelens-import-paths-');
  const run = cliIn(tmp.dir);
  const folder = join(tmp.dir, 'press');

  before(() => {
    mkdirSync(join(folder, 'web'), { recursive: true });
    mkdirSync(join(folder, '.hidden'), { recursive: true });
    writeFileSync(join(folder, 'a.txt'), 'Första artikeln om valet.\n');
    writeFileSync(join(folder, 'notes.pdf.bak'), 'not an article');
    writeFileSync(join(folder, '.hidden', 'b.txt'), 'Dold artikel.\n');
    copyFileSync(new URL('./fixtures/import/news-page.html', import.meta.url), join(folder, 'web', 'putin.html'));
    writeFileSync(
      join(folder, 'web', 'feed.rss'),
      '<rss version="2.0"><channel><title>TT</title><item><title>Ett</title><description>Nyhet ett.</description></item><item><title>Två</title><description>Nyhet två.</description></item></channel></rss>',
    );
  });
  after(() => tmp.cleanup());

  test('a folder is read recursively, only the kinds Framelens reads, hidden files passed over', async () => {
    const db = join(tmp.dir, 'all.framelens');
    const r = await run('import', folder, '--db', db, '--no-detect', '--json');
    assert.equal(r.code, 0, r.stderr);
    const { results } = JSON.parse(r.stdout) as { results: { name: string; status: string; title?: string }[] };
    assert.deepEqual(
      results.map((x) => [x.name.slice(folder.length + 1), x.status]),
      [
        ['a.txt', 'imported'],
        ['web/feed.rss › item 1', 'imported'],
        ['web/feed.rss › item 2', 'imported'],
        ['web/putin.html', 'imported'],
      ],
    );
    const text = await run('import', folder, '--db', db, '--no-detect');
    assert.match(text.stdout, /3 files holding 4 articles: 0 imported, 4 duplicate, 0 failed/);
  });

  test('--pattern chooses the extensions, and - reads the paths from standard input', async () => {
    const db = join(tmp.dir, 'web.framelens');
    const r = await run('import', folder, '--pattern', '*.html', '--db', db, '--no-detect', '--json');
    assert.deepEqual(
      (JSON.parse(r.stdout) as { results: { name: string }[] }).results.map((x) => x.name.slice(folder.length + 1)),
      ['web/putin.html'],
    );
    const listed = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [bin, 'import', '-', '--db', join(tmp.dir, 'stdin.framelens'), '--no-detect', '--json'],
        { cwd: tmp.dir, env: { ...process.env, FRAMELENS_HOME: join(tmp.dir, 'home') } },
        (error, stdout) => resolve({ code: error ? 1 : 0, stdout }),
      );
      child.stdin!.end(`${join(folder, 'a.txt')}\n\n${join(folder, 'web', 'putin.html')}\r\n`);
    });
    assert.equal(listed.code, 0);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { results: { status: string }[] }).results.map((x) => x.status),
      ['imported', 'imported'],
    );
    const bad = await run('import', folder, '--pattern', 'h?ml', '--db', db);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pattern takes file extensions/);
  });

  test('patterns are read in the ways analysts write them', () => {
    assert.deepEqual(readPattern('html,htm'), ['.html', '.htm']);
    assert.deepEqual(readPattern('*.docx *.txt'), ['.docx', '.txt']);
    assert.deepEqual(readPattern('.RSS'), ['.rss']);
  });
});
