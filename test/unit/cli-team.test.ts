// framelens agreement and framelens sample as an analyst uses them: the figures as a table, CSV and
// JSON, a bootstrap reproducible from its seed, a sample marked in the project or written for a
// colleague, and a clear message for every mistake.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tempDir } from './support/project.ts';
import { cliIn, type Run } from './support/cli.ts';
import { openProject } from '../../main/services/project.ts';

const TEXT = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå. Kazakstan vill vara neutralt.';

describe('framelens agreement and sample', () => {
  const tmp = tempDir('framelens-team-');
  const db = join(tmp.dir, 'study.framelens');
  const run = cliIn(tmp.dir);
  const clean = (r: Run, pattern: RegExp) => {
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|SQLITE/m);
  };

  before(() => {
    const p = openProject(db);
    const id = (v: unknown) => (v as { value: { id: number } }).value.id;
    const threat = id(p.dispatch('tags.create', { name: 'Threat' }));
    for (let i = 0; i < 6; i++) {
      const article = id(p.dispatch('articles.importText', { text: `${i}. ${TEXT}`, title: `A${i}`, source: i < 4 ? 'SVT' : 'DN' }));
      p.dispatch('annotations.create', { articleId: article, tagId: threat, start: 3, end: 40, annotator: 'Ada' });
      p.dispatch('annotations.create', { articleId: article, tagId: threat, start: 3 + i, end: 40, annotator: 'Bo' });
    }
    p.close();
  });
  after(() => tmp.cleanup());

  test('agreement prints the figures with their verdicts, and the same figures as CSV and JSON', async () => {
    const table = await run('agreement', '--db', db, '--coders', 'Ada,Bo');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Coders: Ada, Bo; 6 articles coded by all of them/);
    assert.match(table.stdout, /Threat\s+6\s+\d+\s+222\s/);
    const json = JSON.parse((await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--json')).stdout) as {
      rows: { tag: string; alpha: { ok: boolean; value: number } }[];
    };
    const alpha = json.rows.find((r) => r.tag === 'Threat')!.alpha;
    assert.ok(alpha.ok);
    const csv = parse((await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--csv')).stdout, { columns: true }) as Record<string, string>[];
    assert.equal(Number(csv.find((r) => r.tag === 'Threat')!.alpha), Number(alpha.value.toFixed(4)));
    assert.match(table.stdout, alpha.value >= 0.8 ? /reliable/ : alpha.value >= 0.667 ? /tentative/ : /unreliable/);
  });

  test('the bootstrap interval is printed with its seed, and the same seed gives the same interval', async () => {
    const a = await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--bootstrap', '500', '--seed', '9', '--csv');
    const b = await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--bootstrap', '500', '--seed', '9', '--csv');
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const row = (parse(a.stdout, { columns: true }) as Record<string, string>[]).find((r) => r.tag === 'Threat')!;
    assert.equal(row.seed, '9');
    assert.ok(Number(row.alpha_ci_low) <= Number(row.alpha) && Number(row.alpha) <= Number(row.alpha_ci_high));
    const text = await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--bootstrap', '500', '--seed', '9');
    assert.match(text.stdout, /Bootstrap: 500 resamples of articles, seed 9\./);
  });

  test('agreement mistakes get one clear line', async () => {
    clean(await run('agreement', '--db', db), /--coders/);
    clean(await run('agreement', '--db', db, '--coders', 'Ada'), /two coders or more/);
    clean(await run('agreement', '--db', db, '--coders', 'Ada,Zed'), /no coder named "Zed"/);
    clean(await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--tags', 'Nope'), /no tag "Nope"/);
    clean(await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--seed', 'x'), /--seed/);
    clean(await run('agreement', '--db', db, '--coders', 'Ada,Bo', '--json', '--csv'), /--json or --csv/);
  });

  test('compare, crosstab and export count only the coders named with --coders', async () => {
    const passages = async (...more: string[]) => {
      const r = await run('compare', '--db', db, '--tags', 'Threat', '--rest', '--json', ...more);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { overall: { passages: number }[] }).overall[0]!.passages;
    };
    assert.equal(await passages(), 12);
    assert.equal(await passages('--coders', 'Bo'), 6);
    assert.equal(await passages('--coders', 'Ada, Bo'), 12);
    const crosstab = await run('crosstab', '--db', db, '--rows', 'source', '--tags', 'Threat', '--rest', '--coders', 'Bo', '--csv');
    assert.deepEqual(
      (parse(crosstab.stdout, { columns: true }) as Record<string, string>[]).map((r) => [r.group, r.Threat]),
      [
        ['DN', '2'],
        ['SVT', '4'],
      ],
    );
    clean(await run('crosstab', '--db', db, '--rows', 'source', '--tags', 'Threat', '--rest', '--coders', 'Ada,Zed'), /no coder "Zed"/);
    assert.equal(crosstab.code, 0, crosstab.stderr);
    const exported = await run('export', 'csv', '--db', db, '--coders', 'Bo');
    assert.equal(exported.code, 0, exported.stderr);
    const rows = parse(exported.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 6);
    assert.ok(rows.every((r) => r.annotator === 'Bo'));
    const matrix = parse((await run('export', 'matrix', '--db', db, '--unit', 'passage', '--coders', 'Ada')).stdout, { columns: true }) as unknown[];
    assert.equal(matrix.length, 6);
    clean(await run('compare', '--db', db, '--tags', 'Threat', '--rest', '--coders', 'Zed'), /no coder "Zed".*Coders: Ada, Bo/);
    clean(await run('export', 'csv', '--db', db, '--coders', ' , '), /--coders needs at least one name/);
  });

  test('sample marks a stratified sample in the project, or writes it to a new project for a colleague', async () => {
    const marked = await run('sample', '--db', db, '--n', '3', '--by', 'source', '--seed', '5');
    assert.equal(marked.code, 0, marked.stderr);
    assert.match(marked.stdout, /Drew 3 articles with seed 5; marked with the variable "Reliability sample"/);
    assert.match(marked.stdout, /SVT\s+4\s+2/);
    assert.match(marked.stdout, /DN\s+2\s+1/);
    const again = await run('sample', '--db', db, '--n', '3', '--by', 'source', '--seed', '5');
    assert.equal(again.stdout.split('\n').at(-2), marked.stdout.split('\n').at(-2), 'the same seed draws the same articles');
    const out = join(tmp.dir, 'for-bo.framelens');
    const written = await run('sample', '--db', db, '--percent', '50', '--seed', '5', '--out', out, '--json');
    assert.equal(written.code, 0, written.stderr);
    assert.equal((JSON.parse(written.stdout) as { articleIds: number[] }).articleIds.length, 3);
    assert.ok(existsSync(out));
    const copy = openProject(out, { create: false });
    try {
      assert.equal(copy.db.prepare('SELECT count(*) FROM articles').pluck().get(), 3);
      assert.equal(copy.db.prepare('SELECT count(*) FROM annotations').pluck().get(), 0);
    } finally {
      copy.close();
    }
    clean(await run('sample', '--db', db, '--n', '3', '--out', out), /exists already/);
  });

  test('sample mistakes get one clear line and change nothing', async () => {
    clean(await run('sample', '--db', db), /--n N or --percent P/);
    clean(await run('sample', '--db', db, '--n', '0'), /at least one article/);
    clean(await run('sample', '--db', db, '--n', '99'), /larger than the 6 articles/);
    clean(await run('sample', '--db', db, '--n', '2', '--by', 'Colour'), /no variable "Colour"/);
    clean(await run('sample', '--db', db, '--n', '2', '--percent', '5'), /--n N or --percent P/);
  });
});
