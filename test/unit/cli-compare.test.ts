// framelens compare, crosstab and the matrix exports on a project with hand-worked counts (the same
// design as the service tests: Threat 2/1 and Trolling 1/2 articles in outlets A/B).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { ok, tempDir } from './support/project.ts';
import { openProject } from '../../main/services/project.ts';
import type { Tag } from '../../main/api/contract.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));
type Run = { code: number; stdout: string; stderr: string };

describe('framelens compare, crosstab and export matrix', () => {
  const tmp = tempDir('framelens-compare-');
  const db = join(tmp.dir, 'study.framelens');
  const run = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args, '--db', db],
        { cwd: tmp.dir, env: { ...process.env, FRAMELENS_HOME: join(tmp.dir, 'home') } },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });

  before(() => {
    const p = openProject(db);
    const ids = ['A', 'A', 'A', 'B', 'B', 'B'].map(
      (source, i) =>
        ok<{ id: number }>(p.dispatch('articles.importText', { text: `Artikel ${i} om toppmötet i Astana och ett hot.`, source, language: 'sv' })).id,
    );
    const threat = ok<Tag>(p.dispatch('tags.create', { name: 'Threat' }));
    const trolling = ok<Tag>(p.dispatch('tags.create', { name: 'Trolling' }));
    const irony = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Trolling', 'Irony'] }));
    for (const [article, tagId, start, end] of [
      [0, threat.id, 0, 10],
      [0, threat.id, 5, 15],
      [1, threat.id, 0, 7],
      [2, irony.id, 3, 9],
      [3, trolling.id, 0, 4],
      [4, trolling.id, 0, 4],
      [4, threat.id, 10, 20],
    ] as const) {
      ok(p.dispatch('annotations.create', { articleId: ids[article]!, tagId, start, end }));
    }
    ok(p.dispatch('variables.create', { name: 'Kind', type: 'category', categories: ['Tabloid', 'Broadsheet'] }));
    ok(p.dispatch('variables.setValue', { variableId: 1, value: 'Tabloid', articleIds: ids.slice(0, 3) }));
    p.close();
  });
  after(() => tmp.cleanup());

  test('compare prints prevalence, the crosstab with its test and distinctive words', async () => {
    const r = await run('compare', '--tags', 'Threat, Trolling', '--by', 'source');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /6 articles compared/);
    assert.match(r.stdout, /Pearson's chi-square = 0\.667, df = 1, p = \.414; Cramér's V = 0\.333/);
    assert.match(r.stdout, /Fisher's exact test: two-sided p = 1\.000/);
    assert.match(r.stdout, /4 cells expect fewer than 5 articles/);
    assert.match(r.stdout, /Distinctive words of Threat/);
    const json = JSON.parse((await run('compare', '--tags', 'Threat,Trolling', '--by', 'Kind', '--json')).stdout);
    assert.deepEqual(json.crosstab.counts, [
      [2, 1],
      [1, 2],
    ]);
    assert.deepEqual(
      json.groups.map((g: { label: string }) => g.label),
      ['Tabloid', 'no Kind'],
    );
    assert.equal(json.crosstab.test.df, 1);
    assert.equal(json.distinctive.length, 2);
  });

  test('crosstab as CSV with residuals, and filtered by a variable', async () => {
    const r = await run('crosstab', '--rows', 'source', '--tags', 'Threat,Trolling', '--csv');
    assert.equal(r.code, 0, r.stderr);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((x) => [x.group, x.Threat, x.Trolling]),
      [
        ['A', '2', '1'],
        ['B', '1', '2'],
      ],
    );
    // (2 − 1.5) / √(1.5 · ½ · ½) = √(2/3), written to four decimals.
    assert.ok(Math.abs(Number(rows[0]!['Threat residual']) - Math.sqrt(2 / 3)) < 1e-4);
    const filtered = await run('crosstab', '--rows', 'source', '--tags', 'Threat,Trolling', '--where', 'Kind=Tabloid');
    assert.match(filtered.stdout, /No test: All counts fall in one group/);
  });

  test('the code matrix: counts or presence, rolled up or not, by article or passage', async () => {
    const counts = parse((await run('export', 'matrix')).stdout, { columns: true }) as Record<string, string>[];
    assert.equal(counts.length, 6);
    assert.deepEqual(Object.keys(counts[0]!).slice(-3), ['Threat', 'Trolling', 'Trolling > Irony']);
    assert.equal(counts[0]!.var_Kind, 'Tabloid');
    assert.deepEqual(
      counts.map((r) => [r.Threat, r.Trolling]),
      [
        ['2', '0'],
        ['1', '0'],
        ['0', '1'],
        ['0', '1'],
        ['1', '1'],
        ['0', '0'],
      ],
    );
    const flat = parse((await run('export', 'matrix', '--presence', '--no-rollup')).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      flat.map((r) => r.Trolling),
      ['0', '0', '0', '1', '1', '0'],
    );
    assert.equal(flat[0]!.Threat, '1');
    const passages = parse((await run('export', 'matrix', '--unit', 'passage', '--where', 'source=B')).stdout, { columns: true }) as Record<string, string>[];
    assert.equal(passages.length, 3);
    const co = parse((await run('export', 'cooccurrence', '--scope', 'article')).stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      co.map((r) => [r.tag, r.Threat, r.Trolling]),
      [
        ['Threat', '3', '1'],
        ['Trolling', '1', '2'],
        ['Trolling > Irony', '0', '0'],
      ],
    );
  });

  test('mistakes get one clear line', async () => {
    for (const [args, message] of [
      [['compare', '--tags', 'Threat'], /two tags or more, or one tag against the rest/],
      [['compare', '--tags', 'Threat,Threat'], /named twice/],
      [['compare', '--tags', 'Threat,Nope'], /no tag "Nope"/],
      [['compare', '--tags', 'Threat,Trolling', '--by', 'Colour'], /no variable "Colour"/],
      [['crosstab', '--tags', 'Threat,Trolling'], /--rows VARIABLE/],
      [['export', 'matrix', '--scope', 'article'], /--scope is for `export cooccurrence`/],
      [['export', 'matrix', '--unit', 'page'], /--unit is article or passage/],
      [['export', 'csv', '--where', 'Kind'], /--where takes NAME=VALUE/],
    ] as const) {
      const r = await run(...args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /^\s+at |node:internal/m);
    }
  });
});
