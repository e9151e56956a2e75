import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codebookOrder, digitApplies, hasExactMatch, matchTags, parseNewPath, pathLabel } from '../../renderer/src/reader/tagMatch.ts';

const mk = (id: number, path: string[], parentId: number | null, position = 0) => ({
  id,
  parentId,
  name: path.at(-1)!,
  path,
  position,
  color: '#000000',
  shortcut: null,
});
const tags = [
  mk(3, ['Rhetoric', 'Trolling'], 1, 1),
  mk(1, ['Rhetoric'], null, 0),
  mk(2, ['Rhetoric', 'Threat'], 1, 0),
  mk(4, ['Conflict'], null, 1),
  mk(5, ['Säkerhet', 'Hot'], 6, 0),
  mk(6, ['Säkerhet'], null, 2),
];

test('codebook order puts parents first and siblings by position', () => {
  assert.deepEqual(
    codebookOrder(tags).map((t) => t.id),
    [1, 2, 3, 4, 6, 5],
  );
});

test('matching uses the full path, ignores case and accents, and ranks name prefixes first', () => {
  assert.deepEqual(
    matchTags(tags, '').map((t) => t.id),
    [1, 2, 3, 4, 6, 5],
  );
  assert.deepEqual(
    matchTags(tags, 'thr').map((t) => t.id),
    [2],
  );
  assert.deepEqual(
    matchTags(tags, 'rhetoric > threat').map((t) => t.id),
    [2],
  );
  assert.deepEqual(
    matchTags(tags, 'Rhetoric>T').map((t) => t.id),
    [2, 3, 1],
  );
  assert.deepEqual(
    matchTags(tags, 'troll').map((t) => t.id),
    [3],
  );
  assert.deepEqual(matchTags(tags, 'r').map((t) => t.id)[0], 1);
  assert.deepEqual(
    matchTags(tags, 'sakerhet hot').map((t) => t.id),
    [5],
  );
  assert.deepEqual(
    matchTags(tags, 'hot').map((t) => t.id),
    [5],
  );
  assert.deepEqual(matchTags(tags, 'zzz'), []);
  assert.equal(pathLabel(tags[0]!), 'Rhetoric > Trolling');
});

test('a typed path becomes the path to create', () => {
  assert.deepEqual(parseNewPath(' Rhetoric >  Othering  '), ['Rhetoric', 'Othering']);
  assert.deepEqual(parseNewPath('Alliance tension'), ['Alliance tension']);
  assert.equal(parseNewPath('Rhetoric > '), null);
  assert.equal(parseNewPath('   '), null);
  assert.equal(hasExactMatch(tags, 'rhetoric>threat'), true);
  // A bare name that exists somewhere in the codebook is not offered again at the top level.
  assert.equal(hasExactMatch(tags, 'threat'), true);
  assert.equal(hasExactMatch(tags, 'Othering'), false);
  assert.equal(hasExactMatch(tags, 'conflict'), true);
});

test('digits apply numbered tags unless the query is spelling a number', () => {
  assert.equal(digitApplies(''), true);
  assert.equal(digitApplies('thr'), true);
  assert.equal(digitApplies('Covid-'), false);
  assert.equal(digitApplies('Phase '), false);
  assert.equal(digitApplies('G2'), false);
});
