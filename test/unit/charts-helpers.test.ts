// The renderer's chart helpers: CSV cells, time buckets and keyword-in-context trimming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutralise, toCsv } from '../../renderer/src/lib/charts/csv.ts';
import { csvDocument, type CsvCell } from '../../main/services/csv.ts';
import { bucketLabel, bucketScope, fillBuckets, granularityFor, spreadCounts } from '../../renderer/src/lib/charts/buckets.ts';
import { trimAfter, trimBefore } from '../../renderer/src/lib/charts/kwic.ts';

test('toCsv quotes commas, quotes and newlines, ends rows with CRLF and keeps å ä ö', () => {
  const csv = toCsv(
    ['entity', 'note'],
    [
      ['Nordbanken, Göteborg', 'sade ”nej”'],
      ['Anna "A" Lindqvist', 'rad ett\nrad två'],
      [null, 3],
    ],
  );
  assert.equal(csv, 'entity,note\r\n"Nordbanken, Göteborg",sade ”nej”\r\n"Anna ""A"" Lindqvist","rad ett\nrad två"\r\n,3\r\n');
});

test('cells a spreadsheet would run as a formula get a leading apostrophe; numbers do not', () => {
  for (const cell of ['=SUM(A1)', '+46 8 123', '-1', '@cmd', '\tx', '\rx']) assert.equal(neutralise(cell), `'${cell}`);
  assert.equal(neutralise('NORDSEC:s'), 'NORDSEC:s');
  assert.equal(toCsv(['n'], [[-2]]), 'n\r\n-2\r\n');
  assert.equal(toCsv(['n'], [['=1+1']]), "n\r\n'=1+1\r\n");
});

test('chart CSV cells are written exactly as the project exports write them', () => {
  const cells = [
    'plain',
    'comma, inside',
    'quote " inside',
    'line\nbreak',
    'cr\rlf\r\n',
    '',
    'åäö 😀 e\u0301',
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    'NUL\u0000inside',
    '\u0007=bell first',
    'form\u000cfeed, "q"',
    'esc\u001b[31m',
  ];
  const rows: CsvCell[][] = [...cells.map((c) => [c]), [-2], [3.5], [null]];
  assert.equal(toCsv(['cell'], rows), csvDocument(['cell'], rows));
});

test('fillBuckets fills the days, months and years between the first and last bucket', () => {
  assert.deepEqual(fillBuckets(['2024-02-27', '2024-03-02'], 'day'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
  assert.deepEqual(fillBuckets(['2023-11', '2024-02'], 'month'), ['2023-11', '2023-12', '2024-01', '2024-02']);
  assert.deepEqual(fillBuckets(['2019', '2021'], 'year'), ['2019', '2020', '2021']);
  assert.deepEqual(fillBuckets([], 'month'), []);
  // Too long a span stays as it came.
  assert.deepEqual(fillBuckets(['1900-01-01', '2024-01-01'], 'day'), ['1900-01-01', '2024-01-01']);
  assert.deepEqual(spreadCounts(['2023-11', '2024-02'], [2, 5], ['2023-11', '2023-12', '2024-01', '2024-02']), [2, 0, 0, 5]);
});

test('granularityFor picks days for a month of news, months for a few years, years beyond', () => {
  assert.equal(granularityFor(['2024-03-01', '2024-03-20']), 'day');
  assert.equal(granularityFor(['2024-01-18', '2024-05-20']), 'month');
  assert.equal(granularityFor(['2010-01-01', '2024-05-20']), 'year');
  assert.equal(granularityFor([]), 'month');
  assert.equal(bucketLabel('2024-05-16', 'day'), '16 May');
  assert.equal(bucketLabel('2024-05', 'month'), 'May 2024');
  assert.equal(bucketScope('2024-05-16', 'day'), 'on 16 May 2024');
  assert.equal(bucketScope('2024', 'year'), 'in 2024');
});

test('kwic context drops a word cut in half at a cut edge, and leaves short context alone', () => {
  const before = 'nen skärper reglerna. Anna Lindqvist och hennes kollegor på ';
  assert.equal(trimBefore(before), '… skärper reglerna. Anna Lindqvist och hennes kollegor på ');
  const after = ' har mycket att bevisa inför mötet med Finansinspektion';
  assert.equal(trimAfter(after), ' har mycket att bevisa inför mötet med …');
  assert.equal(trimBefore('Enligt '), 'Enligt ');
  assert.equal(trimAfter(' har stärkt sitt skydd.'), ' har stärkt sitt skydd.');
});
