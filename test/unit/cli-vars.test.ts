// framelens vars as an analyst uses it: add variables, set values for many articles, import a sheet
// with a preview, export, and clear messages for every mistake.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tempDir } from './support/project.ts';
import { cliIn, type Run } from './support/cli.ts';

describe('framelens vars', () => {
  const tmp = tempDir('framelens-vars-');
  const db = join(tmp.dir, 'study.framelens');
  const run = cliIn(tmp.dir);
  const clean = (r: Run, pattern: RegExp) => {
    assert.equal(r.code === 0, false, r.stdout);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|SQLITE/m);
  };

  before(async () => {
    for (const [name, text] of [
      ['astana.txt', 'Toppmötet i Astana\n\nPresidenten talade om hot.'],
      ['hamnen.txt', 'Hamnen öppnar igen\n\nStormen är över.'],
      ['summit.txt', 'Summit ends without statement\n\nLeaders met in Astana.'],
    ])
      writeFileSync(join(tmp.dir, name!), text!);
    const imported = await run('import', 'astana.txt', 'hamnen.txt', 'summit.txt', '--db', db, '--no-detect', '--source', 'Wire');
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(() => tmp.cleanup());

  test('add, set by search and by ids, list', async () => {
    assert.equal((await run('vars', 'add', '--db', db, '--name', 'Outlet kind', '--type', 'category', '--values', 'Tabloid,Broadsheet')).code, 0);
    assert.equal((await run('vars', 'add', '--db', db, '--name', 'Pages', '--type', 'number')).code, 0);
    const bySearch = await run('vars', 'set', '--db', db, '--var', 'outlet kind', '--value', 'Tabloid', '--search', 'Astana');
    assert.equal(bySearch.code, 0, bySearch.stderr);
    assert.match(bySearch.stdout, /Set “Outlet kind” for 2 articles \(2 changed\)/);
    assert.equal((await run('vars', 'set', '--db', db, '--var', 'Pages', '--value', '4', '--articles', '1,2')).code, 0);
    assert.equal((await run('vars', 'set', '--db', db, '--var', 'source', '--value', 'Expressen', '--articles', '2')).code, 0);
    const listed = await run('vars', '--db', db);
    assert.match(listed.stdout, /Outlet kind\s+category \(Tabloid, Broadsheet\)\s+2/);
    assert.match(listed.stdout, /Pages\s+number\s+2/);
  });

  test('import with a preview, then export', async () => {
    writeFileSync(join(tmp.dir, 'kinds.csv'), '\uFEFFid;Outlet kind;Pages\n1;Broadsheet;5\n2;;\n9;Tabloid;1\n');
    const preview = await run('vars', 'import', 'kinds.csv', '--db', db, '--key', 'id', '--dry-run');
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /3 rows: 2 matched an article, 1 did not\.\n {2}line 4: no article with id "9"\n2 values would change; nothing was written/);
    const exported = await run('vars', 'export', '--db', db);
    const before = parse(exported.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(before.find((r) => r.id === '1')!['var_Outlet kind'], 'Tabloid', 'the preview wrote nothing');
    assert.equal((await run('vars', 'import', 'kinds.csv', '--db', db, '--key', 'id')).code, 0);
    const after = parse((await run('vars', 'export', '--db', db)).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      after.map((r) => [r.id, r.source, r['var_Outlet kind'], r.var_Pages]),
      [
        ['1', 'Wire', 'Broadsheet', '5'],
        ['2', 'Expressen', '', '4'],
        ['3', 'Wire', 'Tabloid', ''],
      ],
    );
  });

  test('mistakes get one clear line and change nothing', async () => {
    const before = (await run('vars', 'export', '--db', db)).stdout;
    clean(await run('vars', 'set', '--db', db, '--var', 'Colour', '--value', 'red', '--articles', '1'), /no variable "Colour".*Outlet kind/);
    clean(await run('vars', 'set', '--db', db, '--var', 'Pages', '--value', 'many', '--articles', '1'), /takes a number/);
    clean(await run('vars', 'set', '--db', db, '--var', 'Outlet kind', '--value', 'Magazine', '--articles', '1'), /not one of the values/);
    clean(await run('vars', 'set', '--db', db, '--var', 'Pages', '--value', '2'), /either --articles IDS or --search Q/);
    clean(await run('vars', 'add', '--db', db, '--name', 'pages', '--type', 'number'), /already exists/);
    clean(await run('vars', 'add', '--db', db, '--name', 'Tone', '--type', 'mood'), /--type is one of/);
    writeFileSync(join(tmp.dir, 'bad.csv'), 'url,Pages,Colour\nx,1,red\n');
    clean(await run('vars', 'import', 'bad.csv', '--db', db, '--key', 'url'), /No variable is named “Colour”/);
    clean(await run('vars', 'import', 'bad.csv', '--db', db, '--key', 'title'), /no “title” column/);
    clean(await run('vars', 'import', 'missing.csv', '--db', db, '--key', 'url'), /Could not read missing\.csv: no such file/);
    clean(await run('vars', 'frobnicate', '--db', db), /is not one of list, add, set, import, export/);
    assert.equal((await run('vars', 'export', '--db', db)).stdout, before);
  });
});
