// framelens import with folders, --pattern and paths on standard input, over the formats it reads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/project.ts';
import { cliIn, importReport } from './support/cli.ts';
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
    const { results } = importReport(r.stdout);
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
      importReport(r.stdout).results.map((x) => x.name.slice(folder.length + 1)),
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
      importReport(listed.stdout).results.map((x) => x.status),
      ['imported', 'imported'],
    );
    const bad = await run('import', folder, '--pattern', 'h?ml', '--db', db);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pattern takes file extensions/);
  });

  test('a spreadsheet imports one article per row, its columns guessed or named with --columns', async () => {
    const sheet = join(tmp.dir, 'press.csv');
    writeFileSync(sheet, 'Rubrik;Källa;Brödtext;Sektion\nEtt;SVT;Första texten om valet.;Inrikes\nTvå;DN;Andra texten om valet.;Utrikes\n');
    const db = join(tmp.dir, 'sheet.framelens');
    const guessed = await run('import', sheet, '--db', db, '--no-detect', '--json');
    assert.equal(guessed.code, 0, guessed.stderr);
    assert.deepEqual(
      importReport(guessed.stdout).results.map((r) => [r.name.slice(tmp.dir.length + 1), r.status, r.title]),
      [
        ['press.csv › row 2', 'imported', 'Ett'],
        ['press.csv › row 3', 'imported', 'Två'],
      ],
    );
    const other = join(tmp.dir, 'other.csv');
    writeFileSync(other, 'Head;Body;Desk\nTre;Tredje texten.;Sport\n');
    const named = await run('import', other, '--db', db, '--no-detect', '--columns', 'text=Body,title=Head,Desk=Desk');
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /1 imported/);
    const wrong = await run('import', other, '--db', db, '--columns', 'text=Nope');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /has no column "Nope"; its columns are Head, Body, Desk/);
  });

  test('export qdpx writes the project for other QDA tools, and import reads it into another project', async () => {
    const source = join(tmp.dir, 'all.framelens');
    const out = join(tmp.dir, 'study.qdpx');
    const noOut = await run('export', 'qdpx', '--db', source);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out FILE\.qdpx/);
    const exported = await run('export', 'qdpx', '--db', source, '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Wrote the project as REFI-QDA/);
    const imported = await run('import', out, '--db', join(tmp.dir, 'copy.framelens'), '--no-detect', '--json');
    assert.equal(imported.code, 0, imported.stderr);
    const [result] = importReport(imported.stdout).results;
    assert.equal(result!.status, 'imported');
    assert.match(result!.message ?? '', /^4 articles/);
    const empty = await run('export', 'qdc', '--db', source);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /The codebook is empty/);
  });

  test('--split imports a news-database export as its articles, --split-at at a line the analyst names', async () => {
    const part = (title: string, outlet: string, date: string, body: string) =>
      `${title}\n${outlet}\n${date}\n\nLength: 80 words\nBody\n\n${body}\n\nLoad-Date: ${date}\n\nEnd of Document\n\n`;
    const nexis = join(tmp.dir, 'nexis.txt');
    writeFileSync(nexis, part('Ett', 'DN', 'October 8, 2024 Tuesday', 'Första texten.') + part('Två', 'SvD', 'October 9, 2024 Wednesday', 'Andra texten.'));
    const db = join(tmp.dir, 'split.framelens');
    const whole = await run('import', nexis, '--db', db, '--no-detect', '--json');
    assert.equal(importReport(whole.stdout).results.length, 1, 'without --split the file is one article');
    const split = await run('import', nexis, '--db', join(tmp.dir, 'split2.framelens'), '--no-detect', '--split', '--json');
    const results = importReport(split.stdout).results;
    assert.deepEqual(
      results.map((r) => [r.name.slice(tmp.dir.length + 1), r.title]),
      [
        ['nexis.txt › article 1', 'Ett'],
        ['nexis.txt › article 2', 'Två'],
      ],
    );
    const starred = join(tmp.dir, 'starred.txt');
    writeFileSync(starred, 'Rubrik A\nText a.\n*****\nRubrik B\nText b.\n');
    const at = await run('import', starred, '--db', join(tmp.dir, 'split3.framelens'), '--no-detect', '--split-at', '*****', '--json');
    assert.equal(importReport(at.stdout).results.length, 2);
  });

  test('patterns are read in the ways analysts write them', () => {
    assert.deepEqual(readPattern('html,htm'), ['.html', '.htm']);
    assert.deepEqual(readPattern('*.docx *.txt'), ['.docx', '.txt']);
    assert.deepEqual(readPattern('.RSS'), ['.rss']);
  });
});

describe('framelens copies', () => {
  const tmp = tempDir('framelens-copies-');
  const run = cliIn(tmp.dir);
  after(() => tmp.cleanup());

  test('a wire story run again with a new byline is one family, its earliest article the original', async () => {
    const story = [
      'Rysslands president Vladimir Putin anlände på tisdagen till Astana för ett toppmöte med ledarna i CSTO.',
      'Mötet väntas handla om gasledningar, elpriser och säkerheten vid de gemensamma gränserna i regionen.',
      'Kazakstans president Tokajev tog emot honom på flygplatsen, men tonen beskrevs som sval av flera bedömare.',
      'Enligt analytiker vill Moskva visa att man fortfarande är den ledande makten i Centralasien trots kriget.',
    ].join('\n\n');
    const db = join(tmp.dir, 'wire.framelens');
    writeFileSync(join(tmp.dir, 'tt.txt'), `Av Anna Lind/TT\n\n${story}`);
    writeFileSync(join(tmp.dir, 'gp.txt'), `Av Per Holm/TT\n\n${story}\n\nArtikeln uppdateras.`);
    writeFileSync(join(tmp.dir, 'other.txt'), 'Regeringen presenterade i dag sin budget för nästa år, med satsningar på skola och vård i hela landet.');
    assert.equal((await run('import', join(tmp.dir, 'tt.txt'), '--db', db, '--date', '2024-10-08', '--no-detect')).code, 0);
    assert.equal((await run('import', join(tmp.dir, 'gp.txt'), join(tmp.dir, 'other.txt'), '--db', db, '--date', '2024-10-09', '--no-detect')).code, 0);
    const r = await run('copies', '--db', db, '--json');
    assert.equal(r.code, 0, r.stderr);
    const { families } = JSON.parse(r.stdout) as { families: { original: { id: number }; copies: { id: number; similarity: number }[] }[] };
    assert.equal(families.length, 1);
    assert.equal(families[0]!.original.id, 1);
    assert.deepEqual(
      families[0]!.copies.map((c) => c.id),
      [2],
    );
    assert.ok(families[0]!.copies[0]!.similarity >= 0.8);
    const text = await run('copies', '--db', db);
    assert.match(text.stdout, /1 family, 1 copy \(threshold 0\.8\)/);
    const compared = async (...more: string[]) =>
      (JSON.parse((await run('compare', '--db', db, '--tags', 'Tema', '--rest', '--json', ...more)).stdout) as { articles: number }).articles;
    assert.equal((await run('tag', '--db', db, '--article', '1', '--quote', 'Rysslands president', '--tag', 'Tema')).code, 0);
    assert.equal(await compared(), 3);
    assert.equal(await compared('--copies', 'once'), 2, 'the copy is left out, its family counted once');
    const csv = await run('export', 'csv', '--db', db);
    assert.match(csv.stdout.split('\r\n')[0]!, /,copy_of$/);
    const bad = await run('copies', '--db', db, '--threshold', '2');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--threshold is a number from 0\.5 to 1/);
  });
});
