// The command line as an analyst uses it: `node main/bin/framelens.mjs …` in a temporary folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { tempDir } from './support/project.ts';
import { importReport } from './support/cli.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

type Run = { code: number; stdout: string; stderr: string };

function makeRunner(cwd: string) {
  return (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      // FRAMELENS_HOME keeps the default project inside the test folder.
      execFile(
        process.execPath,
        [bin, ...args],
        { cwd, env: { ...process.env, FRAMELENS_HOME: join(cwd, 'home'), NO_COLOR: '1' } },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
}

/** A failure is one or two plain lines on stderr: no stack trace, no internals. */
function assertCleanError(run: Run, pattern: RegExp) {
  assert.notEqual(run.code, 0, 'exits non-zero');
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(run.stderr, /Error:|node:internal|\.ts:\d+/, 'no internals');
}

const ARTICLE =
  'Toppmötet i Astana\n\nPresidenten kallade talet ett hot. En före detta rådgivare sa: “Det var trolling på hög nivå” 😀.\n' +
  'Ministern svarade att hotet var överdrivet, men ett hot är ett hot.\n';

describe('framelens command line', () => {
  const tmp = tempDir('framelens-cli-');
  const run = makeRunner(tmp.dir);
  const db = join(tmp.dir, 'study.framelens');

  before(() => {
    writeFileSync(join(tmp.dir, 'astana.txt'), ARTICLE);
    writeFileSync(join(tmp.dir, 'copy.txt'), ARTICLE.replace(/\n/g, '\r\n')); // same text once line endings are normalised
    writeFileSync(join(tmp.dir, 'second.md'), '# Andra artikeln\n\nOm suveränitet och allianser.\n');
    writeFileSync(join(tmp.dir, 'empty.txt'), '');
    writeFileSync(
      join(tmp.dir, 'picture.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]),
    );
  });
  after(() => tmp.cleanup());

  // Read-only runs go side by side to keep the suite quick; each spawn starts Node and tsx afresh.
  describe('help and version', { concurrency: true }, () => {
    test('framelens --help lists every command', async () => {
      const r = await run('--help');
      assert.equal(r.code, 0);
      for (const name of ['import', 'articles', 'tags', 'tag', 'export', 'serve', 'detect']) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
    });

    test('framelens --version prints the package version', async () => {
      const r = await run('--version');
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), `framelens ${pkg.version}`);
    });

    for (const command of ['import', 'articles', 'tags', 'tag', 'export', 'serve']) {
      test(`framelens ${command} --help explains the command and --db`, async () => {
        const r = await run(command, '--help');
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^Usage: framelens ${command}\\b`));
        assert.match(r.stdout, /--db FILE .*default project/);
      });
    }

    test('without a command, the overview goes to stderr with exit 2', async () => {
      const r = await run();
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Commands:/);
    });
  });

  describe('import', () => {
    test('imports a file, reports a duplicate, and reports each failure with its reason', async () => {
      const r = await run(
        'import',
        'astana.txt',
        'copy.txt',
        'missing.txt',
        'empty.txt',
        'picture.png',
        '--db',
        db,
        '--source',
        'Dagens Nyheter',
        '--date',
        '2024-05-01',
        '--lang',
        'sv',
        '--json',
      );
      assert.equal(r.code, 1, 'a failed file makes the exit status 1');
      const { results } = importReport(r.stdout);
      assert.deepEqual(
        results.map((x) => [x.name, x.status]),
        [
          ['astana.txt', 'imported'],
          ['copy.txt', 'duplicate'],
          ['missing.txt', 'error'],
          ['empty.txt', 'error'],
          ['picture.png', 'error'],
        ],
      );
      assert.equal(results[0]!.id, 1);
      assert.equal(results[1]!.id, 1);
      assert.match(results[2]!.message!, /missing\.txt: file not found/);
      assert.match(results[3]!.message!, /empty/);
      assert.match(results[4]!.message!, /not valid UTF-8|binary/);
    });

    test('the table output has one line per file and a summary', async () => {
      const r = await run('import', 'second.md', 'astana.txt', 'nowhere.txt', '--db', db);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^imported\s+#2\s+second\.md\s+Andra artikeln$/m);
      assert.match(r.stdout, /^duplicate\s+#1\s+astana\.txt/m);
      assert.match(r.stdout, /^error\s+nowhere\.txt\s+nowhere\.txt: file not found\.$/m);
      assert.match(r.stdout, /3 files: 1 imported, 1 duplicate, 1 failed/);
      assertCleanError(r, /1 of 3 files could not be imported/);
    });

    test('all files fine gives exit 0', async () => {
      writeFileSync(join(tmp.dir, 'third.txt'), 'Tredje artikeln om konflikt.\n');
      const r = await run('import', 'third.txt', '--db', db, '--title', 'Den tredje', '--url', 'https://example.org/3');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /imported\s+#3\s+third\.txt\s+Den tredje/);
    });

    test('bad metadata and a misused --title are usage errors, before anything is imported', async () => {
      const date = await run('import', 'second.md', '--db', join(tmp.dir, 'other.framelens'), '--date', '1 May 2024');
      assert.equal(date.code, 2);
      assertCleanError(date, /--date: a date is written YYYY-MM-DD/);
      assert.equal(existsSync(join(tmp.dir, 'other.framelens')), false);
      const title = await run('import', 'second.md', 'third.txt', '--db', db, '--title', 'Both');
      assertCleanError(title, /--title names a single article/);
      const none = await run('import', '--db', db);
      assertCleanError(none, /name at least one file/);
    });

    test('without --db, the default project is used', async () => {
      const r = await run('import', 'second.md', '--json');
      assert.equal(r.code, 0, r.stderr);
      const out = importReport(r.stdout);
      assert.equal(out.project, join(tmp.dir, 'home', 'default.framelens'));
      assert.ok(existsSync(out.project));
    });
  });

  describe('articles', () => {
    test('lists id, date, source and title', async () => {
      const r = await run('articles', '--db', db);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ID\s+DATE\s+SOURCE\s+TITLE$/m);
      assert.match(r.stdout, /^1\s+2024-05-01\s+Dagens Nyheter\s+Toppmötet i Astana$/m);
      assert.match(r.stdout, /^2\s+-\s+-\s+Andra artikeln$/m);
    });

    test('--search shows the matching articles with a snippet, ignoring accents', async () => {
      const r = await run('articles', '--db', db, '--search', 'overdrivet');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^1\s+2024-05-01/m);
      assert.doesNotMatch(r.stdout, /Andra artikeln/);
      assert.match(r.stdout, /^ {4}.*\[överdrivet\]/m);
    });

    test('--search --json gives the snippet with its marks', async () => {
      const r = await run('articles', '--db', db, '--search', 'suveränitet', '--json');
      const { articles } = JSON.parse(r.stdout) as { articles: { id: number; snippet: { text: string; marks: { start: number; end: number }[] } }[] };
      assert.deepEqual(
        articles.map((a) => a.id),
        [2],
      );
      const mark = articles[0]!.snippet.marks[0]!;
      assert.equal(articles[0]!.snippet.text.slice(mark.start, mark.end), 'suveränitet');
    });

    test('no match is said plainly', async () => {
      const r = await run('articles', '--db', db, '--search', 'zzzzqq');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /No article contains "zzzzqq"/);
    });

    test('a project file that does not exist is an error, and is not created', async () => {
      const path = join(tmp.dir, 'typo.framelens');
      const r = await run('articles', '--db', path);
      assertCleanError(r, /There is no Framelens project at .*typo\.framelens/);
      assert.equal(existsSync(path), false);
    });

    test('a file that is not a project is refused with a clear message', async () => {
      const r = await run('articles', '--db', join(tmp.dir, 'astana.txt'));
      assertCleanError(r, /not a Framelens project/);
    });
  });

  describe('tag and tags', () => {
    test('tags a quote, creating the tags along the path', async () => {
      const r = await run(
        'tag',
        '--db',
        db,
        '--article',
        '1',
        '--quote',
        'trolling på hög nivå',
        '--tag',
        'Rhetoric > Trolling',
        '--note',
        'a former adviser',
        '--annotator',
        'Ada',
        '--json',
      );
      assert.equal(r.code, 0, r.stderr);
      const { annotation, tag } = JSON.parse(r.stdout) as {
        annotation: { start: number; end: number; quote: string; note: string; annotator: string };
        tag: { path: string[] };
      };
      assert.deepEqual(tag.path, ['Rhetoric', 'Trolling']);
      assert.equal(annotation.quote, 'trolling på hög nivå');
      assert.equal(annotation.start, ARTICLE.indexOf('trolling på hög nivå'));
      assert.equal(annotation.note, 'a former adviser');
      assert.equal(annotation.annotator, 'Ada');
    });

    test('--occurrence picks the N-th place the quote occurs; existing tags are reused case-insensitively', async () => {
      const r = await run('tag', '--db', db, '--article', '1', '--quote', 'ett hot', '--occurrence', '2', '--tag', 'rhetoric > Threat', '--json');
      assert.equal(r.code, 0, r.stderr);
      const { annotation, tag } = JSON.parse(r.stdout) as { annotation: { start: number; annotator: string }; tag: { path: string[] } };
      const first = ARTICLE.indexOf('ett hot');
      assert.equal(annotation.start, ARTICLE.indexOf('ett hot', first + 1));
      assert.deepEqual(tag.path, ['Rhetoric', 'Threat']);
      assert.ok(annotation.annotator.length > 0);
      const text = await run('tag', '--db', db, '--article', '1', '--quote', 'Ministern', '--tag', 'Actors');
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^Tagged "Ministern" in article #1 as Actors \(annotation #3, by .+\)\.$/m);
    });

    test('a quote that is not in the article is an error that says so, and creates no tag', async () => {
      const r = await run('tag', '--db', db, '--article', '1', '--quote', 'not in the text', '--tag', 'Brand new > Code');
      assertCleanError(r, /The quote "not in the text" was not found in article #1/);
      const tooMany = await run('tag', '--db', db, '--article', '1', '--quote', 'ett hot', '--occurrence', '7', '--tag', 'Brand new');
      assertCleanError(tooMany, /occurs 3 times in article #1; there is no occurrence 7/);
      const tags = await run('tags', '--db', db, '--json');
      assert.doesNotMatch(tags.stdout, /Brand new/);
    });

    test('a missing article, option or bad value is a clean error', async () => {
      const cases: [string[], RegExp][] = [
        [['--article', '99', '--quote', 'x', '--tag', 'A'], /Article 99 does not exist/],
        [['--quote', 'x', '--tag', 'A'], /--article ID is needed/],
        [['--article', 'one', '--quote', 'x', '--tag', 'A'], /--article takes a whole number/],
        [['--article', '1', '--quote', 'hot', '--tag', 'A >  > B'], /empty name/],
        [['--article', '1', '--quote', 'hot', '--tag', 'A', '--bogus'], /Unknown option '--bogus'/],
      ];
      const runs = await Promise.all(cases.map(([args]) => run('tag', '--db', db, ...args)));
      runs.forEach((r, i) => assertCleanError(r, cases[i]![1]));
    });

    test('tags shows the codebook as a tree', async () => {
      const r = await run('tags', '--db', db);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, ['Rhetoric  (0 passages)', '├── Trolling  (1 passage)', '└── Threat  (1 passage)', 'Actors  (1 passage)', ''].join('\n'));
      const json = JSON.parse((await run('tags', '--db', db, '--json')).stdout) as { tags: { path: string[] }[] };
      assert.deepEqual(
        json.tags.map((t) => t.path.join(' > ')),
        ['Rhetoric', 'Rhetoric > Trolling', 'Rhetoric > Threat', 'Actors'],
      );
    });
  });

  describe('export csv', () => {
    type Row = Record<string, string>;
    const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Row[];

    test('writes CSV to standard output', async () => {
      const r = await run('export', 'csv', '--db', db);
      assert.equal(r.code, 0, r.stderr);
      const rows = rowsOf(r.stdout);
      assert.equal(rows.length, 3);
      const trolling = rows.find((row) => row.tag === 'Trolling')!;
      assert.equal(trolling.tag_path, 'Rhetoric > Trolling');
      assert.equal(trolling.quote, 'trolling på hög nivå');
      assert.equal(trolling.source, 'Dagens Nyheter');
      // Code points: the emoji after the quote does not move it, and the start counts characters.
      assert.equal(Number(trolling.start), [...ARTICLE.slice(0, ARTICLE.indexOf('trolling'))].length);
    });

    test('--out writes a file; --tags takes paths (with their subtags) and --articles ids', async () => {
      const out = join(tmp.dir, 'rhetoric.csv');
      const r = await run('export', 'csv', '--db', db, '--out', out, '--tags', 'rhetoric', '--articles', '1', '--bom');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Wrote 2 rows to .*rhetoric\.csv/);
      const csv = readFileSync(out, 'utf8');
      assert.ok(csv.startsWith('\uFEFF'), 'BOM for Excel');
      assert.deepEqual(
        rowsOf(csv)
          .map((row) => row.tag)
          .sort(),
        ['Threat', 'Trolling'],
      );
      const two = await run('export', 'csv', '--db', db, '--tags', 'Rhetoric > Threat', 'Actors');
      assert.deepEqual(
        rowsOf(two.stdout)
          .map((row) => row.tag)
          .sort(),
        ['Actors', 'Threat'],
      );
    });

    test('an unknown tag, article or format is a clean error', async () => {
      const [tag, article, format, none] = await Promise.all([
        run('export', 'csv', '--db', db, '--tags', 'Nope'),
        run('export', 'csv', '--db', db, '--articles', '42'),
        run('export', 'xlsx', '--db', db),
        run('export', '--db', db),
      ]);
      assertCleanError(tag!, /There is no tag "Nope"/);
      assertCleanError(article!, /Article 42 does not exist/);
      assertCleanError(format!, /exports csv, matrix, cooccurrence, qdpx, qdc, not "xlsx"/);
      assertCleanError(none!, /name the format/);
    });
  });

  describe('errors', { concurrency: true }, () => {
    test('an unknown command or option is one clean line with a pointer to --help', async () => {
      const unknown = await run('frobnicate');
      assert.equal(unknown.code, 2);
      assertCleanError(unknown, /There is no command "frobnicate"/);
      const option = await run('articles', '--db', db, '--colour');
      assert.equal(option.code, 2);
      assertCleanError(option, /Run `framelens articles --help`/);
    });

    test('detect is wired up and explains itself', async () => {
      const r = await run('detect', '--help');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: framelens detect/);
    });
  });
});
