// The command line's pure parts, without spawning: argument lists, tag paths, occurrences, the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, parseCommand, positiveInt, table, UsageError } from '../../main/cli/common.ts';
import { occurrences, parseTagPath } from '../../main/cli/tag.ts';
import { renderTree } from '../../main/cli/tags.ts';
import { renderSnippet } from '../../main/cli/articles.ts';
import { tagIdsFor } from '../../main/cli/export.ts';
import type { Tag } from '../../main/api/contract.ts';

const listOptions = {
  tags: { type: 'string', multiple: true },
  articles: { type: 'string', multiple: true },
  bom: { type: 'boolean' },
} as const;

test('list options take several values after one flag, or repeated flags', () => {
  const { values, positionals } = parseCommand('export', ['csv', '--tags', 'A > B', 'C', '--bom', '--articles', '1', '2', '--tags', 'D'], listOptions, [
    'tags',
    'articles',
  ]);
  assert.deepEqual(positionals, ['csv']);
  assert.deepEqual(values.tags, ['A > B', 'C', 'D']);
  assert.deepEqual(values.articles, ['1', '2']);
  assert.equal(values.bom, true);
  const after = parseCommand('export', ['--tags', 'A', '--', 'csv'], listOptions, ['tags']);
  assert.deepEqual(after.positionals, ['csv']);
  assert.deepEqual(after.values.tags, ['A']);
  assert.equal(parseCommand('export', ['csv'], listOptions, ['tags']).values.tags, undefined);
});

test('parse errors become usage errors naming the command', () => {
  assert.throws(
    () => parseCommand('export', ['--colour'], listOptions),
    (e: unknown) => e instanceof UsageError && e.command === 'export' && /--colour/.test(e.message),
  );
  assert.throws(() => parseCommand('export', ['--tags'], listOptions), UsageError);
});

test('positiveInt accepts whole numbers from 1 only', () => {
  assert.equal(positiveInt('tag', '--article', '12'), 12);
  assert.equal(positiveInt('tag', '--article', undefined), undefined);
  for (const bad of ['0', '-1', '1.5', 'one', '', '1e3', '99999999999999999999']) {
    assert.throws(() => positiveInt('tag', '--article', bad), UsageError, bad);
  }
});

test('tag paths split on > and refuse empty names', () => {
  assert.deepEqual(parseTagPath('Rhetoric > Threat'), ['Rhetoric', 'Threat']);
  assert.deepEqual(parseTagPath('  Solo '), ['Solo']);
  assert.throws(() => parseTagPath('A > > B'), UsageError);
  assert.throws(() => parseTagPath('> A'), UsageError);
});

test('occurrences are UTF-16 starts, overlapping ones included, after astral characters too', () => {
  assert.deepEqual(occurrences('aaa', 'aa'), [0, 1]);
  const text = '😀 hot, ett hot, hot';
  assert.deepEqual(occurrences(text, 'hot'), [3, 12, 17]);
  assert.equal(text.slice(12, 15), 'hot');
  assert.deepEqual(occurrences(text, 'nope'), []);
});

const tag = (id: number, parentId: number | null, name: string, path: string[], extra: Partial<Tag> = {}): Tag => ({
  id,
  parentId,
  name,
  path,
  color: '#000000',
  description: '',
  shortcut: null,
  position: id,
  annotationCount: 0,
  ...extra,
});

test('the tree shows nesting, counts and shortcuts', () => {
  const tags = [
    tag(1, null, 'Rhetoric', ['Rhetoric']),
    tag(2, 1, 'Threat', ['Rhetoric', 'Threat'], { annotationCount: 2, shortcut: 't' }),
    tag(3, 2, 'Military', ['Rhetoric', 'Threat', 'Military'], { annotationCount: 1 }),
    tag(4, 1, 'Trolling', ['Rhetoric', 'Trolling']),
    tag(5, null, 'Actors', ['Actors']),
  ];
  assert.equal(
    renderTree(tags),
    ['Rhetoric  (0 passages)', '├── Threat  (2 passages, key t)', '│   └── Military  (1 passage)', '└── Trolling  (0 passages)', 'Actors  (0 passages)'].join(
      '\n',
    ),
  );
  assert.deepEqual(tagIdsFor(['rhetoric>threat', ' Actors '], tags), [2, 5]);
  assert.throws(() => tagIdsFor(['Threat'], tags), /There is no tag "Threat"/);
});

test('snippets mark matches and fit on one line', () => {
  const snippet = {
    text: 'Det var\nett hot, ett hot.',
    marks: [
      { start: 12, end: 15 },
      { start: 4, end: 7 },
    ],
  };
  assert.equal(renderSnippet(snippet, false), 'Det [var] ett [hot], ett hot.');
  assert.equal(renderSnippet(snippet, true), 'Det \x1b[1mvar\x1b[22m ett \x1b[1mhot\x1b[22m, ett hot.');
});

test('tables pad by characters, and clip never splits an emoji', () => {
  assert.equal(
    table([
      ['ID', 'TITLE'],
      ['10', 'Åsikt'],
    ]),
    'ID  TITLE\n10  Åsikt',
  );
  assert.equal(clip('ab😀cd', 4), 'ab😀…');
  assert.equal(clip('abc', 3), 'abc');
});
